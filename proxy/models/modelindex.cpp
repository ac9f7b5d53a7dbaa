#include "models/modelindex.h"

#include "models/fallbackmodels.h"

#include <algorithm>

namespace kt {

const QHash<QString, KiroModel> &ModelIndex::fallback()
{
    static const QHash<QString, KiroModel> table = [] {
        QHash<QString, KiroModel> byId;
        for (const KiroModel &m : FallbackModels::models())
            byId.insert(m.id, m);
        return byId;
    }();
    return table;
}

void ModelIndex::set(qint64 accountId, const ModelCatalogue &catalogue)
{
    remove(accountId);
    if (!catalogue.known()) {
        m_fallback.insert(accountId);
        return;
    }
    QStringList ids;
    ids.reserve(catalogue.models.size());
    for (const KiroModel &m : catalogue.models) {
        m_accounts[m.id].insert(accountId);
        m_models.insert(m.id, m);
        ids.append(m.id);
    }
    m_byAccount.insert(accountId, ids);
}

void ModelIndex::remove(qint64 accountId)
{
    if (m_fallback.remove(accountId))
        return;
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
    m_fallback.clear();
}

ModelAccounts ModelIndex::accountsFor(const QString &modelId) const
{
    const auto it = m_accounts.constFind(modelId);
    const QSet<qint64> *listed = it == m_accounts.cend() ? nullptr : &*it;
    const QSet<qint64> *fallen = !m_fallback.isEmpty() && fallback().contains(modelId) ? &m_fallback : nullptr;
    return ModelAccounts(listed, fallen);
}

QList<KiroModel> ModelIndex::models() const
{
    QList<KiroModel> out = m_models.values();
    if (!m_fallback.isEmpty()) {
        for (const KiroModel &m : FallbackModels::models()) {
            if (!m_models.contains(m.id))
                out.append(m);
        }
    }
    std::sort(out.begin(), out.end(), [](const KiroModel &a, const KiroModel &b) { return a.id < b.id; });
    return out;
}

const KiroModel *ModelIndex::model(const QString &modelId) const
{
    if (const auto it = m_models.constFind(modelId); it != m_models.cend())
        return &*it;
    if (m_fallback.isEmpty())
        return nullptr;
    const auto it = fallback().constFind(modelId);
    return it == fallback().cend() ? nullptr : &*it;
}

} // namespace kt
