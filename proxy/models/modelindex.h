#pragma once
// Which accounts offer which model, kept up to date as catalogues arrive, so that picking an
// account for a model is a hash lookup rather than a walk through every catalogue. An account
// whose catalogue was never fetched counts as offering FallbackModels.
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

    // The accounts that list the model; nullptr when none does.
    const QSet<qint64> *accountsFor(const QString &modelId) const;
    // Every model some account lists, by id; the metadata of the last catalogue that listed it.
    QList<KiroModel> models() const;
    const KiroModel *model(const QString &modelId) const;

private:
    QHash<QString, QSet<qint64>> m_accounts;
    QHash<qint64, QStringList> m_byAccount;
    QHash<QString, KiroModel> m_models;
};

} // namespace kt
