#include "pool/modelcatalogues.h"

#include "pool/poolaccounts.h"

namespace kt {

ModelCatalogues::ModelCatalogues(const Config &config, NetworkManagerPool *network, PoolAccounts &accounts, TokenBroker &tokens,
                                 int maxParallel, QObject *parent)
    : AccountReadings(accounts, tokens, maxParallel, parent), m_fetcher(config, network)
{
    m_fetcher.setParent(this);   // follows this object to the proxy thread
}

QDateTime ModelCatalogues::readAt(const Account &a) const
{
    return a.models.fetchedAt;
}

void ModelCatalogues::call(qint64 id, const Account &a, const QString &token, const Ended &ended, const Done &done)
{
    m_fetcher.fetch(a.credential, token, m_accounts.machineId(id), [this, id, ended, done](ModelListResult r) {
        if (!ended(r.httpStatus, r.upstreamMessage))
            return;
        if (r.ok && r.catalogue.models.isEmpty()) {
            r.ok = false;
            r.error = QStringLiteral("the model list is empty");
        }
        Q_EMIT read(id, r);
        if (r.ok)
            m_refresh.noteRead(id, r.catalogue.fetchedAt);
        done(r.ok, r.error);
    });
}

} // namespace kt
