#include "pool/quotascheduler.h"

#include "pool/poolaccounts.h"

namespace kt {

QuotaScheduler::QuotaScheduler(const Config &config, NetworkManagerPool *network, PoolAccounts &accounts, TokenBroker &tokens,
                               int maxParallel, QObject *parent)
    : AccountReadings(accounts, tokens, maxParallel, parent), m_fetcher(config, network)
{
    m_fetcher.setParent(this);   // follows this object to the proxy thread
}

void QuotaScheduler::refreshAll()
{
    for (const Account &a : m_accounts) {
        if (a.state != AccountState::Disabled)
            m_refresh.request(a.id());
    }
}

QDateTime QuotaScheduler::readAt(const Account &a) const
{
    return a.quota.fetchedAt;
}

void QuotaScheduler::call(qint64 id, const Account &a, const QString &token, const Ended &ended, const Done &done)
{
    m_fetcher.fetch(a.credential, token, m_accounts.machineId(id), [this, id, ended, done](const QuotaFetchResult &r) {
        if (!ended(r.httpStatus, r.upstreamMessage))
            return;
        Q_EMIT read(id, r);
        if (r.ok)
            m_refresh.noteRead(id, r.quota.fetchedAt);
        done(r.ok, r.error);
    });
}

void QuotaScheduler::tokenFailed(qint64 id, const QString &error)
{
    QuotaFetchResult failed;
    failed.error = error;
    Q_EMIT read(id, failed);
}

} // namespace kt
