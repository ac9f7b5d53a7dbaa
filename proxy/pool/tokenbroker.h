#pragma once
// Keeps the accounts' access tokens usable: refreshes a token that is missing, near expiry or refused,
// one refresh in flight per account whose answer every waiting caller shares. What a refresh means for
// the account (saving it, its state) is the pool's: it hears the signals before the callers do.
#include "anthropic/apierror.h"
#include "upstream/tokenrefresher.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>
#include <variant>

namespace kt {

struct Config;
class NetworkManagerPool;
class PoolAccounts;

class TokenBroker : public QObject
{
    Q_OBJECT
public:
    using TokenCallback = std::function<void(std::variant<QString, ApiError>)>;
    // Gets a token (or why there is none) and `refused`, to call when the upstream refused that token:
    // refused() refreshes it and calls the use again, once; it returns false when it did not (an API
    // key, a token already replaced, or the second time).
    using TokenUse = std::function<void(std::variant<QString, ApiError> token, const std::function<bool()> &refused)>;

    TokenBroker(const Config &config, NetworkManagerPool *network, PoolAccounts &accounts, QObject *parent = nullptr);

    // Calls back with a usable access token, refreshing first when it is missing, near expiry or equal
    // to rejectedToken (a token already replaced by another caller's refresh is not refreshed twice).
    // The callback is dropped if context is destroyed first.
    void withAccessToken(qint64 id, const QString &rejectedToken, QObject *context, TokenCallback callback);
    void withToken(qint64 id, QObject *context, TokenUse use);
    // An upstream answer that means "this access token is not accepted".
    static bool refusesToken(int httpStatus, const QString &upstreamMessage);
    int refreshesStarted() const { return m_refreshesStarted; }

Q_SIGNALS:
    // The account's credential holds the new tokens. `lasting`: the refresh token changed, which a
    // restart could not get again; otherwise only what the saved refresh token fetches again did (the
    // access token, its expiry, the profile).
    void refreshed(qint64 id, bool lasting);
    void refreshFailed(qint64 id, bool permanent, const QString &error);
    void cannotRefresh(qint64 id, const QString &message);   // no usable refresh token

private:
    void finish(qint64 id, const RefreshResult &result);
    void attempt(qint64 id, QObject *context, TokenUse use, bool retried);

    const Config &m_config;
    PoolAccounts &m_accounts;
    TokenRefresher m_refresher;
    QHash<qint64, QList<QPair<QPointer<QObject>, TokenCallback>>> m_waiting;
    int m_refreshesStarted = 0;
};

} // namespace kt
