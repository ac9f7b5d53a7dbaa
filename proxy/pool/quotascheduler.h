#pragma once
// When the accounts' usage limits are read: on demand (one account or all) and in the background,
// every quotaRefreshMinutes spread over the accounts. What a reading means for the account is the
// pool's: it hears read() before the caller's callback.
#include "pool/accountreadings.h"
#include "upstream/quotafetcher.h"

namespace kt {

struct Config;
class NetworkManagerPool;

class QuotaScheduler : public AccountReadings
{
    Q_OBJECT
public:
    QuotaScheduler(const Config &config, NetworkManagerPool *network, PoolAccounts &accounts, TokenBroker &tokens,
                   int maxParallel, QObject *parent = nullptr);

    void setPeriodMinutes(int minutes) { setPeriod(qint64(std::max(0, minutes)) * 60 * 1000); }
    void refreshAll();   // every account that is not disabled

Q_SIGNALS:
    void read(qint64 id, const QuotaFetchResult &result);   // also when no token could be had

private:
    QDateTime readAt(const Account &a) const override;
    void call(qint64 id, const Account &a, const QString &token, const Ended &ended, const Done &done) override;
    void tokenFailed(qint64 id, const QString &error) override;

    QuotaFetcher m_fetcher;
};

} // namespace kt
