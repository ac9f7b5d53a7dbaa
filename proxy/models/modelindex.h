#pragma once
// Which accounts offer which model, kept up to date as catalogues arrive, so that picking an
// account for a model is a hash lookup rather than a walk through every catalogue. An account
// whose catalogue was never fetched counts as offering FallbackModels: such accounts share one set
// instead of each being indexed under every fallback model, so the index costs O(accounts with a
// catalogue × their models) plus one entry per account.
#include "models/modelaccounts.h"
#include "models/modelcatalogue.h"

#include <QHash>
#include <QSet>

namespace kt {

class ModelIndex
{
public:
    void set(qint64 accountId, const ModelCatalogue &catalogue);
    void remove(qint64 accountId);
    void clear();

    // The accounts that offer the model; no restriction (ModelAccounts()) when none does.
    ModelAccounts accountsFor(const QString &modelId) const;
    // Every model some account offers, by id. Metadata: the last catalogue that listed it, else the
    // fallback table's.
    QList<KiroModel> models() const;
    const KiroModel *model(const QString &modelId) const;

private:
    static const QHash<QString, KiroModel> &fallback();

    QHash<QString, QSet<qint64>> m_accounts;   // accounts with a catalogue, by the models it lists
    QHash<qint64, QStringList> m_byAccount;
    QHash<QString, KiroModel> m_models;
    QSet<qint64> m_fallback;                   // accounts without a catalogue
};

} // namespace kt
