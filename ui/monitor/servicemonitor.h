#pragma once
// The GUI thread's view of the proxy service: follows its signals and keeps the latest state
// (running or not, accounts, strategy, request statistics) for the tray and every tab to read.
#include "accounts/account.h"
#include "service/proxyservice.h"
#include "storage/requestrecord.h"
#include "monitor/statssummary.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace kt {

class ServiceMonitor : public QObject
{
    Q_OBJECT
public:
    enum class RunState { Stopped, Starting, Running, Stopping, Failed };

    explicit ServiceMonitor(QObject *parent = nullptr);

    // Follows `service` (not owned) from now on, forgetting the previous one; asks for accounts and statistics.
    void setService(ProxyService *service);
    ProxyService *service() const { return m_service; }

    void startProxy();
    void stopProxy();

    RunState runState() const { return m_runState; }
    bool isRunning() const { return m_runState == RunState::Running; }
    QString lastError() const { return m_lastError; }
    QDateTime startedAt() const { return m_startedAt; }
    QString baseUrl() const;
    QString apiKey() const;

    const QList<Account> &accounts() const { return m_accounts; }
    const Account *account(qint64 id) const;   // null when absent; valid until the accounts change
    QString strategy() const { return m_strategy; }
    int activeAccounts() const;   // selectable right now
    bool accountsKnown() const { return m_accountsKnown; }

    QJsonObject stats() const { return m_stats; }
    StatsSummary today() const { return StatsSummary::fromStats(m_stats, QDateTime::currentDateTime()); }
    // Asks for fresh statistics soon (coalesced); the tabs call it after a request finished.
    void refreshStatsSoon();
    void refreshStatsNow();

    // Unique tags for queryLogs/queryStats so that each caller recognises its own answers.
    static int nextTag();

Q_SIGNALS:
    void runStateChanged();
    void accountsChanged();   // the list: any account may have come, gone or moved (or the strategy changed)
    void accountsUpdated(const QList<qint64> &ids);   // only these accounts changed, in place
    void statsChanged();
    // Forwarded from the current service, so that nothing else needs rewiring after a restart.
    void requestFinished(const kt::RequestRecord &record);
    void importFinished(const QJsonObject &report);
    void serviceReplaced();   // the service changed (a restart): what the old one was still doing is lost
    void logsReady(int tag, const QList<kt::RequestRecord> &records);
    void notification(const QString &kind, const QString &message);
    void startFailed(const QString &error);

private:
    void setRunState(RunState state);
    void setAccounts(const QList<Account> &accounts);
    void patchAccounts(const QList<Account> &changed);

    QPointer<ProxyService> m_service;
    QList<QMetaObject::Connection> m_connections;
    RunState m_runState = RunState::Stopped;
    QString m_lastError;
    QDateTime m_startedAt;
    QList<Account> m_accounts;
    QHash<qint64, qsizetype> m_indexOf;   // id → index in m_accounts
    bool m_accountsKnown = false;
    QString m_strategy;
    QJsonObject m_stats;
    int m_statsTag;
    QTimer m_statsTimer;
};

} // namespace kt
