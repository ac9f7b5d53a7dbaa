#pragma once
// When the accounts' model catalogues (ListAvailableModels) are read: as soon as an account arrives
// never read, on demand, and every modelRefreshHours spread over the accounts. What a catalogue means
// for routing is the pool's: it hears read() before the caller's callback.
#include "pool/accountreadings.h"
#include "upstream/modellistfetcher.h"

namespace kt {

struct Config;
class NetworkManagerPool;

class ModelCatalogues : public AccountReadings
{
    Q_OBJECT
public:
    ModelCatalogues(const Config &config, NetworkManagerPool *network, PoolAccounts &accounts, TokenBroker &tokens,
                    int maxParallel, QObject *parent = nullptr);

    void setPeriodHours(int hours) { setPeriod(qint64(std::max(0, hours)) * 3600 * 1000); }

Q_SIGNALS:
    // result.ok: the catalogue lists at least one model; otherwise result.error says why not.
    void read(qint64 id, const ModelListResult &result);

private:
    QDateTime readAt(const Account &a) const override;
    void call(qint64 id, const Account &a, const QString &token, const Ended &ended, const Done &done) override;
    bool readsNewAccountsAtOnce() const override { return true; }

    ModelListFetcher m_fetcher;
};

} // namespace kt
