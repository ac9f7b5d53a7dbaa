#include "server/requestguard.h"

#include "config/config.h"

#include <QHostAddress>
#include <QUrl>

namespace kt {

RequestGuard::RequestGuard(const Config &config)
    : m_origins(config.allowedOrigins), m_apiKey(config.apiKey.toUtf8()), m_adminKey(config.adminApiKey.toUtf8())
{
    m_hosts << QStringLiteral("localhost") << QStringLiteral("127.0.0.1") << QStringLiteral("::1");
    if (!config.host.isEmpty() && config.host != QLatin1String("0.0.0.0") && config.host != QLatin1String("::"))
        m_hosts << config.host.toLower();
    for (const QString &h : config.allowedHosts)
        m_hosts << h.toLower();
}

bool RequestGuard::isAllowedHost(const QByteArray &hostHeader) const
{
    if (hostHeader.isEmpty())
        return true; // HTTP/1.0 clients; a browser always sends Host
    QString host = QString::fromLatin1(hostHeader).trimmed().toLower();
    if (host.startsWith(QLatin1Char('['))) {
        host = host.mid(1, host.indexOf(QLatin1Char(']')) - 1);
    } else if (host.count(QLatin1Char(':')) == 1) {
        host = host.left(host.indexOf(QLatin1Char(':')));
    }
    if (m_hosts.contains(host) || m_hosts.contains(QStringLiteral("*")))
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

bool RequestGuard::isAllowedOrigin(const QByteArray &origin) const
{
    const QString o = QString::fromLatin1(origin).trimmed();
    return m_origins.contains(QStringLiteral("*")) || m_origins.contains(o, Qt::CaseInsensitive);
}

std::optional<ApiError> RequestGuard::checkOrigin(const HttpRequest &request) const
{
    return checkOrigin(request.value("Host"), request.value("Origin"));
}

std::optional<ApiError> RequestGuard::checkOrigin(const QByteArray &host, const QByteArray &origin) const
{
    if (!isAllowedHost(host))
        return ApiError::permission(QStringLiteral("Host header not allowed: KiroTray only answers requests addressed to its "
                                                   "listen address or a loopback name (add it to \"allowedHosts\" in config.json)"));
    if (!origin.isEmpty() && !isAllowedOrigin(origin))
        return ApiError::permission(QStringLiteral("browser Origin not allowed: add it to \"allowedOrigins\" in config.json "
                                                   "to let web pages call KiroTray"));
    return std::nullopt;
}

QByteArray RequestGuard::presentedKey(const HttpRequest &request)
{
    return presentedKey(request.value("x-api-key"), request.value("Authorization"));
}

QByteArray RequestGuard::presentedKey(const QByteArray &xApiKey, const QByteArray &authorization)
{
    QByteArray key = xApiKey.trimmed();
    if (key.isEmpty()) {
        const QByteArray auth = authorization.trimmed();
        if (auth.size() > 7 && auth.left(7).compare("bearer ", Qt::CaseInsensitive) == 0)
            key = auth.mid(7).trimmed();
    }
    return key;
}

bool RequestGuard::constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    // Runs over the longer input whatever the content, so timing reveals neither prefix nor length match.
    const qsizetype n = qMax(a.size(), b.size());
    unsigned char diff = a.size() == b.size() ? 0 : 1;
    for (qsizetype i = 0; i < n; ++i) {
        const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
        const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
        diff |= x ^ y;
    }
    return diff == 0;
}

std::optional<ApiError> RequestGuard::checkApiKey(const HttpRequest &request, bool admin) const
{
    return checkApiKey(presentedKey(request), admin);
}

std::optional<ApiError> RequestGuard::checkApiKey(const QByteArray &presented, bool admin) const
{
    const QByteArray expected = admin && !m_adminKey.isEmpty() ? m_adminKey : m_apiKey;
    if (presented.isEmpty())
        return ApiError::authentication(QStringLiteral("missing API key: send it in the x-api-key header or as Authorization: Bearer"));
    if (expected.isEmpty() || !constantTimeEquals(presented, expected))
        return ApiError::authentication(QStringLiteral("invalid API key"));
    return std::nullopt;
}

} // namespace kt
