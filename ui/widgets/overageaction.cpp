#include "widgets/overageaction.h"

#include "monitor/servicemonitor.h"
#include "service/proxyservice.h"

#include <QLocale>
#include <QMessageBox>
#include <QWidget>

namespace kt {

OverageAction::OverageAction(ServiceMonitor *monitor, QWidget *parent)
    : QObject(parent), m_monitor(monitor), m_parent(parent)
{
}

QString OverageAction::menuText(const Account &account)
{
    return account.overageEnabled ? tr("Turn overage off") : tr("Turn overage on…");
}

bool OverageAction::toggle(const Account &account, bool confirmed)
{
    ProxyService *service = m_monitor->service();
    if (!service)
        return false;
    const bool enable = !account.overageEnabled;
    if (enable && !confirmed) {
        const OverageInfo &o = account.quota.overage;
        QString text = tr("With overage on, Kiro keeps serving %1 after its credits run out and bills the extra "
                          "usage to the account's owner. This may cost money.")
                           .arg(account.name.isEmpty() ? account.credential.displayName() : account.name);
        if (o.cap > 0)
            text += QLatin1Char('\n') + tr("Kiro reports a cap of %1 USD.").arg(QLocale().toString(o.cap, 'f', 2));
        const auto answer = QMessageBox::question(m_parent, tr("Turn overage on"), text + QLatin1Char('\n') + tr("Turn overage on?"),
                                                  QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes)
            return false;
    }
    connect(service, &ProxyService::overageFinished, this, &OverageAction::onFinished, Qt::UniqueConnection);
    service->setOverage(account.id(), enable, true);   // turning it on was confirmed above
    return true;
}

void OverageAction::onFinished(qint64 id, bool enabled, const QString &error)
{
    Q_EMIT finished(id, error);
    if (error.isEmpty() || !m_parent)
        return;
    auto *box = new QMessageBox(QMessageBox::Warning, enabled ? tr("Turn overage on") : tr("Turn overage off"),
                                tr("Overage was not changed: %1").arg(error), QMessageBox::Ok, m_parent);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace kt
