// AccountPool, part 4: model catalogues. Each account's ListAvailableModels answer (ModelCatalogues
// reads them) is kept in the account (and its row) and indexed per model for routing.
#include "pool/accountpool.h"

#include "config/config.h"
#include "models/fallbackmodels.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcAccounts)

namespace kt {

std::variant<ResolvedModel, ApiError> AccountPool::resolveModel(const QString &requested) const
{
    const QList<KiroModel> offered = m_accounts.isEmpty() ? FallbackModels::models() : m_modelIndex.models();
    auto resolved = ModelResolver(offered, m_config.modelAliases).resolve(requested);
    if (auto *message = std::get_if<QString>(&resolved)) {
        if (m_loading) {   // an account not loaded yet may offer it
            ensureLoaded();
            return resolveModel(requested);
        }
        return ApiError::invalidRequest(*message);
    }
    return std::get<ResolvedModel>(std::move(resolved));
}

void AccountPool::rebuildModelIndex()
{
    m_modelIndex.clear();
    for (const Account &a : m_accounts)
        m_modelIndex.set(a.id(), a.models);
    m_models.accountsChanged();
}

void AccountPool::applyModels(qint64 id, const ModelListResult &r)
{
    Account *acc = find(id);
    if (!acc)   // removed while its catalogue was read
        return;
    if (r.ok) {
        acc->models = r.catalogue;
        m_modelIndex.set(id, acc->models);
        qCInfo(lcAccounts).noquote() << QStringLiteral("account %1 offers %2 model(s) (%3 page(s))")
                                            .arg(acc->name).arg(acc->models.models.size()).arg(r.pages);
    } else {
        acc->models.error = r.error;   // the previous list (or the fallback table) stays in use
        qCInfo(lcAccounts).noquote() << QStringLiteral("models of account %1 not refreshed: %2").arg(acc->name, r.error);
    }
    changed(*acc, false, false);
}

} // namespace kt
