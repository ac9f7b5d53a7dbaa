#pragma once
// Refuses requests a local web page could forge (DNS-rebound Host, foreign Origin) and requests
// without the proxy's API key. Keys are compared in constant time.
#include "anthropic/apierror.h"
#include "server/httprequest.h"

#include <QByteArray>
#include <QStringList>
#include <optional>

namespace kt {

struct Config;

class RequestGuard
{
public:
    explicit RequestGuard(const Config &config);

    std::optional<ApiError> checkOrigin(const HttpRequest &request) const;  // Host + Origin
    std::optional<ApiError> checkOrigin(const QByteArray &host, const QByteArray &origin) const;
    std::optional<ApiError> checkApiKey(const HttpRequest &request, bool admin) const;
    std::optional<ApiError> checkApiKey(const QByteArray &presented, bool admin) const;
    bool isAllowedOrigin(const QByteArray &origin) const;

    static QByteArray presentedKey(const HttpRequest &request);
    static QByteArray presentedKey(const QByteArray &xApiKey, const QByteArray &authorization);
    static bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

private:
    bool isAllowedHost(const QByteArray &hostHeader) const;

    QStringList m_hosts;
    QStringList m_origins;
    QByteArray m_apiKey;
    QByteArray m_adminKey;
};

} // namespace kt
