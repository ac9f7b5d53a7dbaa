#include "monitor/traystatus.h"

#include <QCoreApplication>

namespace kt {

QString TrayStatus::levelName(Level level)
{
    switch (level) {
    case Level::Running: return QStringLiteral("running");
    case Level::Warning: return QStringLiteral("warning");
    case Level::Stopped: return QStringLiteral("stopped");
    case Level::Error: return QStringLiteral("error");
    }
    return QStringLiteral("stopped");
}

QString TrayStatus::iconPath(Level level)
{
    return QStringLiteral(":/icons/tray-%1.svg").arg(levelName(level));
}

TrayStatus TrayStatus::compute(ServiceMonitor::RunState state, const QString &baseUrl, const QString &lastError,
                               const QList<Account> &accounts, bool accountsKnown, qint64 requestsToday,
                               const QDateTime &now)
{
    TrayStatus s;
    int enabled = 0, usable = 0;
    for (const Account &a : accounts) {
        const bool on = a.state != AccountState::Disabled && !a.credential.disabled;
        enabled += on ? 1 : 0;
        usable += a.isSelectable(now) ? 1 : 0;
    }
    switch (state) {
    case ServiceMonitor::RunState::Running:
        if (accountsKnown && usable == 0) {
            s.level = Level::Error;
            s.headline = accounts.isEmpty() ? QCoreApplication::translate("kt::TrayStatus", "Running on %1, but there is no account: import one").arg(baseUrl)
                                            : QCoreApplication::translate("kt::TrayStatus", "Running on %1, but no account can serve requests").arg(baseUrl);
        } else {
            s.level = accountsKnown && usable < enabled ? Level::Warning : Level::Running;
            s.headline = QCoreApplication::translate("kt::TrayStatus", "Running on %1").arg(baseUrl);
        }
        break;
    case ServiceMonitor::RunState::Starting:
        s.level = Level::Stopped;
        s.headline = QCoreApplication::translate("kt::TrayStatus", "Starting…");
        break;
    case ServiceMonitor::RunState::Stopping:
        s.level = Level::Stopped;
        s.headline = QCoreApplication::translate("kt::TrayStatus", "Stopping…");
        break;
    case ServiceMonitor::RunState::Stopped:
        s.level = Level::Stopped;
        s.headline = QCoreApplication::translate("kt::TrayStatus", "Stopped");
        break;
    case ServiceMonitor::RunState::Failed:
        s.level = Level::Error;
        s.headline = QCoreApplication::translate("kt::TrayStatus", "Error: %1").arg(lastError);
        break;
    }
    QStringList lines{QStringLiteral("KiroTray — ") + s.headline};
    if (accountsKnown)
        lines << QCoreApplication::translate("kt::TrayStatus", "Accounts: %1 active of %2").arg(usable).arg(accounts.size());
    lines << QCoreApplication::translate("kt::TrayStatus", "Requests today: %1").arg(requestsToday);
    s.tooltip = lines.join(QLatin1Char('\n'));
    return s;
}

} // namespace kt
