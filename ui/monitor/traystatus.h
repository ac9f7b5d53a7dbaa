#pragma once
// What the tray icon says: one of four states (healthy, warning, stopped, error) chosen from the
// service's run state and its accounts, the matching icon, and the tooltip text.
#include "accounts/account.h"
#include "monitor/servicemonitor.h"

#include <QList>
#include <QString>

namespace kt {

struct TrayStatus {
    enum class Level { Running, Warning, Stopped, Error };

    Level level = Level::Stopped;
    QString headline;   // one line: "Running on http://127.0.0.1:8080", "Stopped", "Error: ..."
    QString tooltip;    // headline + accounts active/total + requests today

    // Running + every enabled account usable → Running; some cooling down or invalid → Warning;
    // none usable, or the start failed (port in use) → Error.
    static TrayStatus compute(ServiceMonitor::RunState state, const QString &baseUrl, const QString &lastError,
                              const QList<Account> &accounts, bool accountsKnown, qint64 requestsToday,
                              const QDateTime &now);
    static QString iconPath(Level level);   // ":/icons/tray-<state>.svg"
    static QString levelName(Level level);  // "running" | "warning" | "stopped" | "error"
};

} // namespace kt
