#include "monitor/servicemonitor.h"

#include "service/proxyservice.h"

#include <atomic>

namespace kt {

ServiceMonitor::ServiceMonitor(QObject *parent) : QObject(parent), m_statsTag(nextTag())
{
    m_statsTimer.setSingleShot(true);
    m_statsTimer.setInterval(500);
    connect(&m_statsTimer, &QTimer::timeout, this, &ServiceMonitor::refreshStatsNow);
}

int ServiceMonitor::nextTag()
{
    static std::atomic<int> tag{1000};
    return ++tag;
}

void ServiceMonitor::setService(ProxyService *service)
{
    for (const QMetaObject::Connection &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    const bool replaced = m_service && m_service != service;
    m_service = service;
    m_accounts.clear();
    m_indexOf.clear();
    m_accountsKnown = false;
    m_stats = {};
    m_startedAt = {};
    m_lastError.clear();
    if (replaced)
        Q_EMIT serviceReplaced();
    if (!service) {
        setRunState(RunState::Stopped);
        return;
    }
    // Events the previous service queued before it was replaced may still arrive: each handler
    // checks that its sender is still the current service.
    const QPointer<ProxyService> from(service);
    const auto current = [this, from] { return from && from == m_service; };
    m_connections << connect(service, &ProxyService::started, this, [this, current](quint16) {
        if (!current())
            return;
        m_startedAt = QDateTime::currentDateTime();
        m_lastError.clear();
        setRunState(RunState::Running);
    });
    m_connections << connect(service, &ProxyService::startFailed, this, [this, current](const QString &error) {
        if (!current())
            return;
        m_lastError = error;
        setRunState(RunState::Failed);
        Q_EMIT startFailed(error);
    });
    m_connections << connect(service, &ProxyService::stopped, this, [this, current] {
        if (!current())
            return;
        m_startedAt = {};
        setRunState(RunState::Stopped);
    });
    m_connections << connect(service, &ProxyService::accountsUpdated, this,
                             [this, current](const QList<kt::Account> &accounts, const QString &strategy) {
                                 if (!current())
                                     return;
                                 m_strategy = strategy;
                                 setAccounts(accounts);
                             });
    m_connections << connect(service, &ProxyService::accountsPatched, this, [this, current](const QList<kt::Account> &changed) {
        if (current())
            patchAccounts(changed);
    });
    m_connections << connect(service, &ProxyService::statsReady, this, [this, current](int tag, const QJsonObject &stats) {
        if (tag != m_statsTag || !current())
            return;
        m_stats = stats;
        Q_EMIT statsChanged();
    });
    m_connections << connect(service, &ProxyService::requestFinished, this, [this, current](const kt::RequestRecord &record) {
        if (!current())
            return;
        refreshStatsSoon();
        Q_EMIT requestFinished(record);
    });
    m_connections << connect(service, &ProxyService::importFinished, this, [this, current](const QJsonObject &report) {
        if (current())
            Q_EMIT importFinished(report);
    });
    m_connections << connect(service, &ProxyService::logsReady, this, [this, current](int tag, const QList<kt::RequestRecord> &records) {
        if (current())
            Q_EMIT logsReady(tag, records);
    });
    m_connections << connect(service, &ProxyService::notification, this, [this, current](const QString &kind, const QString &message) {
        if (current())
            Q_EMIT notification(kind, message);
    });

    setRunState(service->isRunning() ? RunState::Running : RunState::Stopped);
    if (service->isRunning())
        m_startedAt = QDateTime::currentDateTime();
    service->requestAccounts();
    refreshStatsNow();
    Q_EMIT accountsChanged();
    Q_EMIT statsChanged();
}

void ServiceMonitor::startProxy()
{
    if (!m_service || m_runState == RunState::Running || m_runState == RunState::Starting)
        return;
    setRunState(RunState::Starting);
    m_service->start();
}

void ServiceMonitor::stopProxy()
{
    if (!m_service || m_runState != RunState::Running)
        return;
    setRunState(RunState::Stopping);
    m_service->stop();
}

QString ServiceMonitor::baseUrl() const
{
    return m_service ? m_service->baseUrl() : QString();
}

QString ServiceMonitor::apiKey() const
{
    return m_service ? m_service->config().apiKey : QString();
}

const Account *ServiceMonitor::account(qint64 id) const
{
    const auto it = m_indexOf.constFind(id);
    return it == m_indexOf.cend() ? nullptr : &m_accounts.at(*it);
}

void ServiceMonitor::setAccounts(const QList<Account> &accounts)
{
    m_accounts = accounts;
    m_indexOf.clear();
    m_indexOf.reserve(accounts.size());
    for (qsizetype i = 0; i < accounts.size(); ++i)
        m_indexOf.insert(accounts.at(i).id(), i);
    m_accountsKnown = true;
    Q_EMIT accountsChanged();
}

// A patch names accounts of the list it follows (the proxy thread sends both in order); one this
// monitor does not know means the two disagree, and the whole list is asked for again.
void ServiceMonitor::patchAccounts(const QList<Account> &changed)
{
    if (!m_accountsKnown)
        return;   // the whole list, asked for by setService, is still on its way
    QList<qint64> ids;
    ids.reserve(changed.size());
    bool strangers = false;
    for (const Account &a : changed) {
        const auto it = m_indexOf.constFind(a.id());
        if (it == m_indexOf.cend()) {
            strangers = true;
            continue;
        }
        m_accounts[*it] = a;
        ids.append(a.id());
    }
    if (!ids.isEmpty())
        Q_EMIT accountsUpdated(ids);
    if (strangers && m_service)
        m_service->requestAccounts();   // once, however many it did not know
}

int ServiceMonitor::activeAccounts() const
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    int n = 0;
    for (const Account &a : m_accounts)
        n += a.isSelectable(now) ? 1 : 0;
    return n;
}

void ServiceMonitor::refreshStatsSoon()
{
    if (!m_statsTimer.isActive())
        m_statsTimer.start();
}

void ServiceMonitor::refreshStatsNow()
{
    if (m_service)
        m_service->queryStats(m_statsTag);
}

void ServiceMonitor::setRunState(RunState state)
{
    if (state == m_runState)
        return;
    m_runState = state;
    Q_EMIT runStateChanged();
}

} // namespace kt
