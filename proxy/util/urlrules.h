#pragma once
// What the user-supplied URL-ish settings must look like (base URL overrides, proxy URLs, region
// names). Shared by the config and credential parsers; problems come back as text, never secrets.
#include <QString>

namespace kt {

class UrlRules
{
public:
    // Absolute http(s) URL with a host and no query/fragment. Returns the problem, or empty if fine.
    static QString checkBaseUrl(const QString &url);
    // http://, https:// or socks5:// with a host and optional user:pass@. Returns the problem or empty.
    static QString checkProxyUrl(const QString &url);
    // Puts user/password (kiro-rs proxyUsername/proxyPassword) into the URL's user info,
    // percent-encoded; an empty user leaves the URL as it is.
    static QString withProxyCredentials(const QString &url, const QString &user, const QString &password);
    // AWS-style region name (lowercase letters, digits, dashes) that is safe to put into a host name.
    static bool isRegionName(const QString &region);
};

} // namespace kt
