#include "config/config.h"

namespace kt {

namespace {

// An override replaces scheme, host and an optional path prefix; the endpoint name is appended
// with exactly one slash whatever the prefix ends with.
QUrl endpoint(const QString &overrideBase, const QString &defaultBase, const QString &name)
{
    QUrl url(overrideBase.isEmpty() ? defaultBase : overrideBase);
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + QLatin1Char('/') + name);
    return url;
}

} // namespace

QUrl Config::generateAssistantResponseUrl(const QString &region) const
{
    return endpoint(apiBaseUrl, QStringLiteral("https://q.%1.amazonaws.com").arg(region),
                    QStringLiteral("generateAssistantResponse"));
}

QUrl Config::usageLimitsUrl(const QString &region) const
{
    return endpoint(apiBaseUrl, QStringLiteral("https://q.%1.amazonaws.com").arg(region),
                    QStringLiteral("getUsageLimits"));
}

QUrl Config::userPreferenceUrl(const QString &region) const
{
    return endpoint(apiBaseUrl, QStringLiteral("https://q.%1.amazonaws.com").arg(region), QLatin1String("setUserPreference"));
}

QUrl Config::mcpUrl(const QString &region) const
{
    return endpoint(apiBaseUrl, QStringLiteral("https://q.%1.amazonaws.com").arg(region), QLatin1String("mcp"));
}

QUrl Config::listModelsUrl(const QString &region) const
{
    return endpoint(apiBaseUrl, QStringLiteral("https://q.%1.amazonaws.com").arg(region),
                    QLatin1String("ListAvailableModels"));
}

QUrl Config::apiRootUrl(const QString &region) const
{
    return endpoint(apiBaseUrl, QStringLiteral("https://q.%1.amazonaws.com").arg(region), QLatin1String(""));
}

QUrl Config::socialRefreshUrl(const QString &region) const
{
    return socialAuthUrl(region, QStringLiteral("refreshToken"));
}

QUrl Config::oidcTokenUrl(const QString &region) const
{
    return oidcUrl(region, QStringLiteral("token"));
}

QUrl Config::oidcUrl(const QString &region, const QString &name) const
{
    return endpoint(oidcBaseUrl, QStringLiteral("https://oidc.%1.amazonaws.com").arg(region), name);
}

QUrl Config::socialAuthUrl(const QString &region, const QString &name) const
{
    return endpoint(socialAuthBaseUrl, QStringLiteral("https://prod.%1.auth.desktop.kiro.dev").arg(region), name);
}

} // namespace kt
