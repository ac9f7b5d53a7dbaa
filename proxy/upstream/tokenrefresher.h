#pragma once
// Performs one token refresh against the Kiro auth services: social logins at /refreshToken,
// IdC / Builder ID logins at the OIDC /token endpoint (docs/protocol.md#token-refresh).
#include "anthropic/apierror.h"

#include <QDateTime>
#include <QObject>
#include <functional>

namespace kt {

struct Config;
struct Credential;
class NetworkManagerPool;

struct RefreshResult {
    bool ok = false;
    bool permanent = false;       // the refresh token itself was refused (invalid_grant): retrying cannot help
    int httpStatus = 0;
    QString accessToken;
    QString refreshToken;         // empty when the service did not rotate it
    QString profileArn;
    QDateTime expiresAt;
    QString error;                // human readable, never contains a token
};

class TokenRefresher : public QObject
{
    Q_OBJECT
public:
    TokenRefresher(const Config &config, NetworkManagerPool *network, QObject *parent = nullptr);
    void refresh(const Credential &credential, const QString &machineId, std::function<void(RefreshResult)> done);

private:
    const Config &m_config;
    NetworkManagerPool *m_network;
};

} // namespace kt
