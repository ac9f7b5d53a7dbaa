// AccountPool, part 4: model catalogues. Each account's ListAvailableModels answer is cached in
// the account (and its row), indexed per model for routing, and read again when the account is
// added, when the user refreshes it, and every modelRefreshHours (one account per tick, oldest first).
#include "pool/accountpool.h"

#include "config/config.h"
#include "models/fallbackmodels.h"
#include "upstream/modellistfetcher.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcAccounts)

namespace kt {

std::variant<ResolvedModel, ApiError> AccountPool::resolveModel(const QString &requested) const
{
    const QList<KiroModel> offered = m_accounts.isEmpty() ? FallbackModels::models() : m_modelIndex.models();
    auto resolved = ModelResolver(offered, m_config.modelAliases).resolve(requested);
    if (auto *message = std::get_if<QString>(&resolved))
        return ApiError::invalidRequest(*message);
    return std::get<ResolvedModel>(std::move(resolved));
}

void AccountPool::rebuildModelIndex()
{
    m_modelIndex.clear();
    QList<QPair<qint64, QDateTime>> read;
    read.reserve(m_accounts.size());
    for (const Account &a : std::as_const(m_accounts)) {
        m_modelIndex.set(a.id(), a.models);
        read.append({a.id(), a.models.fetchedAt});
    }
    m_modelRefresh.setAccounts(read);
    if (m_modelRefresh.periodMs() == 0)
        return;
    // A new account (or one never read) gets its list at once rather than at the next tick.
    for (const Account &a : std::as_const(m_accounts)) {
        if (!a.models.known() && !m_modelRefresh.attempted(a.id()) && refreshesInBackground(a.id()))
            refreshModels(a.id());
    }
}

void AccountPool::setModelRefreshHours(int hours)
{
    m_modelRefresh.setPeriod(qint64(std::max(0, hours)) * 3600 * 1000);
}

void AccountPool::refreshModels(qint64 id, QuotaCallback done)
{
    if (!find(id)) {
        if (done)
            done(false, QStringLiteral("no account with id %1").arg(id));
        return;
    }
    m_modelRefresh.request(id, std::move(done));
}

void AccountPool::startModelFetch(qint64 id, QuotaCallback done, bool retriedAfterRefresh)
{
    const auto finish = [](const QuotaCallback &callback, bool ok, const QString &error) {
        if (callback)
            callback(ok, error);
    };
    if (!find(id))
        return finish(done, false, QStringLiteral("no account with id %1").arg(id));
    const QString rejected = retriedAfterRefresh ? find(id)->credential.accessToken : QString();
    withAccessToken(id, rejected, this, [this, id, done, retriedAfterRefresh, finish](std::variant<QString, ApiError> token) {
        Account *a = find(id);
        if (const auto *error = std::get_if<ApiError>(&token); error || !a)
            return finish(done, false, error ? error->message : QStringLiteral("no account with id %1").arg(id));
        const QString accessToken = std::get<QString>(token);
        m_modelFetcher->fetch(a->credential, accessToken, machineId(id), [=, this](const ModelListResult &r) {
            Account *acc = find(id);
            if (!acc)
                return finish(done, false, QStringLiteral("no account with id %1").arg(id));
            const bool tokenProblem = r.httpStatus == 401
                || (r.httpStatus == 403 && r.upstreamMessage.contains(QLatin1String("token"), Qt::CaseInsensitive));
            if (tokenProblem && !retriedAfterRefresh && acc->credential.authMethod != AuthMethod::ApiKey
                && acc->credential.accessToken == accessToken)
                return startModelFetch(id, done, true);
            QString error = r.error;
            if (r.ok && r.catalogue.models.isEmpty())
                error = QStringLiteral("the model list is empty");
            if (error.isEmpty()) {
                acc->models = r.catalogue;
                m_modelIndex.set(id, acc->models);
                m_modelRefresh.noteRead(id, acc->models.fetchedAt);
                qCInfo(lcAccounts).noquote() << QStringLiteral("account %1 offers %2 model(s) (%3 page(s))")
                                                    .arg(acc->name).arg(acc->models.models.size()).arg(r.pages);
            } else {
                acc->models.error = error;   // the previous list (or the fallback table) stays in use
                qCInfo(lcAccounts).noquote() << QStringLiteral("models of account %1 not refreshed: %2").arg(acc->name, error);
            }
            changed(*acc, false, false);
            finish(done, error.isEmpty(), error);
        });
    });
}

} // namespace kt
