#include "util/urlrules.h"

#include <QRegularExpression>
#include <QUrl>

namespace kt {

QString UrlRules::checkBaseUrl(const QString &url)
{
    const QUrl u(url, QUrl::StrictMode);
    if (!u.isValid() || u.isRelative())
        return QStringLiteral("must be an absolute http:// or https:// URL");
    const QString scheme = u.scheme().toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return QStringLiteral("must use http:// or https:// (got %1://)").arg(u.scheme());
    if (u.host().isEmpty())
        return QStringLiteral("must name a host");
    if (u.hasQuery() || u.hasFragment())
        return QStringLiteral("must not contain a query or fragment");
    return {};
}

QString UrlRules::checkProxyUrl(const QString &url)
{
    const QUrl u(url, QUrl::StrictMode);
    // The URL may carry a password, so problems never echo it.
    if (!u.isValid() || u.isRelative() || u.scheme().isEmpty())
        return QStringLiteral("must be a URL like http://host:port, https://host:port or socks5://host:port");
    const QString scheme = u.scheme().toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https") && scheme != QLatin1String("socks5"))
        return QStringLiteral("must use http://, https:// or socks5:// (got %1://)").arg(u.scheme());
    if (u.host().isEmpty())
        return QStringLiteral("must name a host");
    return {};
}

QString UrlRules::withProxyCredentials(const QString &url, const QString &user, const QString &password)
{
    if (user.isEmpty())
        return url;
    QUrl u(url);
    u.setUserName(user, QUrl::DecodedMode);
    u.setPassword(password, QUrl::DecodedMode);
    return u.toString(QUrl::FullyEncoded);
}

bool UrlRules::isRegionName(const QString &region)
{
    static const QRegularExpression re(QStringLiteral("^[a-z0-9]+(-[a-z0-9]+)*$"));
    return region.size() <= 32 && re.match(region).hasMatch();
}

} // namespace kt
