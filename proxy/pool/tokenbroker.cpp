#include "pool/tokenbroker.h"

#include "accounts/machineid.h"
#include "config/config.h"
#include "pool/poolaccounts.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcAccounts)

namespace kt {

TokenBroker::TokenBroker(const Config &config, NetworkManagerPool *network, PoolAccounts &accounts, QObject *parent)
    : QObject(parent), m_config(config), m_accounts(accounts), m_refresher(config, network)
{
    m_refresher.setParent(this);   // follows this object to the proxy thread
}

void TokenBroker::withAccessToken(qint64 id, const QString &rejectedToken, QObject *context, TokenCallback callback)
{
    const Account *a = m_accounts.find(id);
    if (!a) {
        callback(ApiError::unavailable(QStringLiteral("account %1 no longer exists").arg(id)));
        return;
    }
    const Credential &c = a->credential;
    if (c.authMethod == AuthMethod::ApiKey) {
        callback(c.kiroApiKey);
        return;
    }
    const bool rejected = !rejectedToken.isEmpty() && rejectedToken == c.accessToken;
    if (!rejected && c.isTokenUsable(m_config.refreshMarginSeconds) && !m_waiting.contains(id)) {
        callback(c.accessToken);
        return;
    }
    if (!c.canRefresh()) {
        const QString message = QStringLiteral("Kiro account '%1' has no usable refresh token; import it again").arg(PoolAccounts::nameOf(*a));
        Q_EMIT cannotRefresh(id, message);
        callback(ApiError::authentication(message));
        return;
    }
    const bool alreadyRefreshing = m_waiting.contains(id);
    m_waiting[id].append({QPointer<QObject>(context), std::move(callback)});
    if (alreadyRefreshing)
        return;
    ++m_refreshesStarted;
    qCInfo(lcAccounts) << "refreshing the access token of account" << PoolAccounts::nameOf(*a);
    m_refresher.refresh(c, deriveMachineId(c, m_config), [this, id](const RefreshResult &r) { finish(id, r); });
}

void TokenBroker::finish(qint64 id, const RefreshResult &result)
{
    const auto waiting = m_waiting.take(id);
    Account *a = m_accounts.find(id);
    std::variant<QString, ApiError> answer = ApiError::unavailable(QStringLiteral("account %1 no longer exists").arg(id));
    if (a && result.ok) {
        Credential &c = a->credential;
        c.accessToken = result.accessToken;
        bool lasting = false;
        if (!result.refreshToken.isEmpty() && result.refreshToken != c.refreshToken) {
            c.refreshToken = result.refreshToken;
            m_accounts.credentialChanged(id);
            lasting = true;
        }
        if (!result.profileArn.isEmpty())
            c.profileArn = result.profileArn;   // not lasting: the saved refresh token fetches it again
        c.expiresAt = result.expiresAt;
        answer = c.accessToken;
        Q_EMIT refreshed(id, lasting);
    } else if (a) {
        const QString name = PoolAccounts::nameOf(*a);
        qCWarning(lcAccounts) << "token refresh failed for account" << name << ":" << result.error;
        Q_EMIT refreshFailed(id, result.permanent, result.error);
        answer = ApiError::authentication(QStringLiteral("Kiro account '%1' could not refresh its access token: %2").arg(name, result.error));
    }
    for (const auto &[context, callback] : waiting)
        if (context)
            callback(answer);
}

void TokenBroker::withToken(qint64 id, QObject *context, TokenUse use)
{
    attempt(id, context, std::move(use), false);
}

void TokenBroker::attempt(qint64 id, QObject *context, TokenUse use, bool retried)
{
    const Account *a = m_accounts.find(id);
    const QString rejected = retried && a ? a->credential.accessToken : QString();
    withAccessToken(id, rejected, context, [this, id, context = QPointer<QObject>(context), use, retried](std::variant<QString, ApiError> token) {
        const QString given = std::holds_alternative<QString>(token) ? std::get<QString>(token) : QString();
        use(std::move(token), [this, id, context, use, retried, given]() {
            const Account *acc = m_accounts.find(id);
            if (retried || !context || !acc || acc->credential.authMethod == AuthMethod::ApiKey || acc->credential.accessToken != given)
                return false;
            attempt(id, context, use, true);
            return true;
        });
    });
}

bool TokenBroker::refusesToken(int httpStatus, const QString &upstreamMessage)
{
    return httpStatus == 401 || (httpStatus == 403 && upstreamMessage.contains(QLatin1String("token"), Qt::CaseInsensitive));
}

} // namespace kt
