#include "accounts/accountpool.h"

#include "accounts/credentialsfile.h"
#include "accounts/machineid.h"
#include "config/config.h"

#include <QLoggingCategory>
#include <QPointer>

Q_LOGGING_CATEGORY(lcAccounts, "kirotray.accounts")

namespace kt {

AccountPool::AccountPool(const Config &config, NetworkManagerPool *network, QObject *parent)
    : QObject(parent), m_config(config), m_refresher(config, network)
{
    m_refresher.setParent(this);
}

void AccountPool::setCredentials(const QList<Credential> &credentials, const QString &filePath, bool fileWasArray)
{
    m_credentials = credentials;
    m_filePath = filePath;
    m_fileWasArray = fileWasArray;
    Q_EMIT credentialsChanged();
}

Credential *AccountPool::find(qint64 id)
{
    for (Credential &c : m_credentials)
        if (c.id == id)
            return &c;
    return nullptr;
}

const Credential *AccountPool::credential(qint64 id) const
{
    return const_cast<AccountPool *>(this)->find(id);
}

QString AccountPool::machineId(qint64 id) const
{
    const Credential *c = credential(id);
    return c ? deriveMachineId(*c, m_config) : QString();
}

std::optional<qint64> AccountPool::select(const QSet<qint64> &excluded) const
{
    for (const Credential &c : m_credentials)
        if (!c.disabled && !excluded.contains(c.id))
            return c.id;
    return std::nullopt;
}

void AccountPool::withAccessToken(qint64 id, const QString &rejectedToken, QObject *context, TokenCallback callback)
{
    Credential *c = find(id);
    if (!c) {
        callback(ApiError::unavailable(QStringLiteral("account %1 no longer exists").arg(id)));
        return;
    }
    if (c->authMethod == AuthMethod::ApiKey) {
        callback(c->kiroApiKey);
        return;
    }
    const bool rejected = !rejectedToken.isEmpty() && rejectedToken == c->accessToken;
    if (!rejected && c->isTokenUsable(m_config.refreshMarginSeconds) && !m_waiting.contains(id)) {
        callback(c->accessToken);
        return;
    }
    if (!c->canRefresh()) {
        callback(ApiError::authentication(QStringLiteral("Kiro account '%1' has no usable refresh token; import it again")
                                              .arg(c->displayName())));
        return;
    }
    const bool alreadyRefreshing = m_waiting.contains(id);
    m_waiting[id].append({QPointer<QObject>(context), std::move(callback)});
    if (alreadyRefreshing)
        return;
    ++m_refreshesStarted;
    qCInfo(lcAccounts) << "refreshing the access token of account" << c->displayName();
    m_refresher.refresh(*c, deriveMachineId(*c, m_config), [this, id](const RefreshResult &r) { finishRefresh(id, r); });
}

void AccountPool::finishRefresh(qint64 id, const RefreshResult &result)
{
    const auto waiting = m_waiting.take(id);
    Credential *c = find(id);
    if (!c)
        return;
    std::variant<QString, ApiError> answer;
    if (result.ok) {
        c->accessToken = result.accessToken;
        if (!result.refreshToken.isEmpty())
            c->refreshToken = result.refreshToken;
        if (!result.profileArn.isEmpty())
            c->profileArn = result.profileArn;
        c->expiresAt = result.expiresAt;
        writeBack();
        answer = c->accessToken;
    } else {
        qCWarning(lcAccounts) << "token refresh failed for account" << c->displayName() << ":" << result.error;
        answer = ApiError::authentication(QStringLiteral("Kiro account '%1' could not refresh its access token: %2")
                                              .arg(c->displayName(), result.error));
    }
    for (const auto &[context, callback] : waiting)
        if (context)
            callback(answer);
}

void AccountPool::report(qint64 id, UpstreamOutcome outcome, const QString &detail)
{
    Q_UNUSED(id)
    Q_UNUSED(outcome)
    Q_UNUSED(detail)
}

void AccountPool::writeBack()
{
    if (m_filePath.isEmpty())
        return;
    const QString error = CredentialsFile::save(m_filePath, m_credentials, m_fileWasArray || m_credentials.size() > 1);
    if (!error.isEmpty())
        qCWarning(lcAccounts) << "could not write refreshed tokens back:" << error;
    Q_EMIT credentialsChanged();
}

} // namespace kt
