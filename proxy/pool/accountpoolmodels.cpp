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
    for (const Account &a : std::as_const(m_accounts)) {
        m_modelIndex.set(a.id(), a.models);
        // A new account (or one never read) gets its list at once rather than at the next tick.
        if (m_modelRefreshHours > 0 && !a.models.known() && !m_modelAttempted.contains(a.id())
            && a.state != AccountState::Disabled && a.state != AccountState::Invalid)
            refreshModels(a.id());
    }
    setModelRefreshHours(m_modelRefreshHours);
}

void AccountPool::setModelRefreshHours(int hours)
{
    m_modelRefreshHours = std::max(0, hours);
    if (m_modelRefreshHours == 0 || m_accounts.isEmpty()) {
        m_modelTimer.stop();
        return;
    }
    const qint64 period = qint64(m_modelRefreshHours) * 3600 * 1000;
    const int interval = int(std::clamp<qint64>(period / m_accounts.size(), 5000, 3600 * 1000));
    if (!m_modelTimer.isActive() || m_modelTimer.interval() != interval)
        m_modelTimer.start(interval);
}

void AccountPool::onModelTick()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const qint64 periodMs = qint64(m_modelRefreshHours) * 3600 * 1000;
    const Account *oldest = nullptr;
    QDateTime oldestTime;
    for (const Account &a : std::as_const(m_accounts)) {
        if (a.state == AccountState::Disabled || a.state == AccountState::Invalid || m_modelInFlight.contains(a.id()))
            continue;
        QDateTime last = a.models.fetchedAt;
        if (const QDateTime tried = m_modelAttempted.value(a.id()); tried.isValid() && (!last.isValid() || tried > last))
            last = tried;
        if (!oldest || !last.isValid() || (oldestTime.isValid() && last < oldestTime)) {
            oldest = &a;
            oldestTime = last;
            if (!last.isValid())
                break;
        }
    }
    if (oldest && (!oldestTime.isValid() || oldestTime.msecsTo(now) >= periodMs))
        refreshModels(oldest->id());
}

void AccountPool::refreshModels(qint64 id, QuotaCallback done)
{
    if (!find(id)) {
        if (done)
            done(false, QStringLiteral("no account with id %1").arg(id));
        return;
    }
    m_modelAttempted.insert(id, QDateTime::currentDateTimeUtc());
    m_modelQueue.append(qMakePair(id, std::move(done)));
    pumpModelQueue();
}

void AccountPool::pumpModelQueue()
{
    for (qsizetype i = 0; i < m_modelQueue.size() && m_modelInFlight.size() < MaxParallelQuotaFetches;) {
        if (m_modelInFlight.contains(m_modelQueue.at(i).first)) {
            ++i;
            continue;
        }
        auto [id, done] = m_modelQueue.takeAt(i);
        if (!find(id)) {
            if (done)
                done(false, QStringLiteral("no account with id %1").arg(id));
            continue;
        }
        startModelFetch(id, std::move(done), false);
    }
}

void AccountPool::startModelFetch(qint64 id, QuotaCallback done, bool retriedAfterRefresh)
{
    m_modelInFlight.insert(id);
    m_modelAttempted.insert(id, QDateTime::currentDateTimeUtc());
    const auto finish = [this, id](const QuotaCallback &callback, bool ok, const QString &error) {
        m_modelInFlight.remove(id);
        if (callback)
            callback(ok, error);
        pumpModelQueue();
    };
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
                && acc->credential.accessToken == accessToken) {
                m_modelInFlight.remove(id);
                return startModelFetch(id, done, true);
            }
            QString error = r.error;
            if (r.ok && r.catalogue.models.isEmpty())
                error = QStringLiteral("the model list is empty");
            if (error.isEmpty()) {
                acc->models = r.catalogue;
                m_modelIndex.set(id, acc->models);
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
