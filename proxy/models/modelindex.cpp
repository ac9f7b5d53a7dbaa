#include "models/modelindex.h"

#include "models/fallbackmodels.h"

#include <algorithm>

namespace kt {

void ModelIndex::set(qint64 accountId, const ModelCatalogue &catalogue)
{
    remove(accountId);
    const QList<KiroModel> &models = catalogue.known() ? catalogue.models : FallbackModels::models();
    QStringList ids;
    ids.reserve(models.size());
    for (const KiroModel &m : models) {
        m_accounts[m.id].insert(accountId);
        m_models.insert(m.id, m);
        ids.append(m.id);
    }
    m_byAccount.insert(accountId, ids);
}

void ModelIndex::remove(qint64 accountId)
{
    const QStringList ids = m_byAccount.take(accountId);
    for (const QString &id : ids) {
        auto it = m_accounts.find(id);
        if (it == m_accounts.end())
            continue;
        it->remove(accountId);
        if (it->isEmpty()) {
            m_accounts.erase(it);
            m_models.remove(id);
        }
    }
}

void ModelIndex::clear()
{
    m_accounts.clear();
    m_byAccount.clear();
    m_models.clear();
}

const QSet<qint64> *ModelIndex::accountsFor(const QString &modelId) const
{
    const auto it = m_accounts.constFind(modelId);
    return it == m_accounts.cend() ? nullptr : &*it;
}

QList<KiroModel> ModelIndex::models() const
{
    QList<KiroModel> out = m_models.values();
    std::sort(out.begin(), out.end(), [](const KiroModel &a, const KiroModel &b) { return a.id < b.id; });
    return out;
}

const KiroModel *ModelIndex::model(const QString &modelId) const
{
    const auto it = m_models.constFind(modelId);
    return it == m_models.cend() ? nullptr : &*it;
}

} // namespace kt
