#pragma once
// One Kiro account as stored in credentials.json (kiro-rs shape, also the Kiro IDE export):
// tokens, auth method, regions, and any unknown keys so that write-back loses nothing.
#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>
#include <variant>

namespace kt {

struct Config;

enum class AuthMethod { Social, Idc, ApiKey };

// social; idc/builder-id/iam/IdC (any case); api_key/apikey/api-key. Anything else: nullopt.
std::optional<AuthMethod> parseAuthMethod(const QString &s);
QString authMethodName(AuthMethod m);  // "social" | "idc" | "api_key"

struct Credential {
    // First, with the account's hot fields (Account): what every selection reads.
    qint64 id = 0;  // 0 = not yet assigned (CredentialsFile assigns 1..n)
    int priority = 0;  // lower = tried first
    bool disabled = false;
    QString refreshToken, accessToken, profileArn;
    QDateTime expiresAt;  // of accessToken; invalid = unknown
    AuthMethod authMethod = AuthMethod::Social;
    QString clientId, clientSecret;
    QString region, authRegion, apiRegion;  // an IDE export's idcRegion lands in authRegion
    QString machineId, email, subscriptionTitle, provider;
    QString proxyUrl;  // per-account proxy (user:pass@ folded in); "direct" = bypass the global proxy
    QString kiroApiKey;
    QJsonObject extra;  // unknown keys, preserved on write-back

    // Region resolution as in kiro-rs: auth = credential authRegion > region > config authRegion > config region;
    // api = credential apiRegion > config apiRegion > config region.
    QString effectiveAuthRegion(const Config &c) const;
    QString effectiveApiRegion(const Config &c) const;
    // OAuth: access token present and expiresAt > now + margin. API key: key present.
    bool isTokenUsable(int marginSeconds) const;
    // Not an API key; a non-empty refresh token that is not a truncated display copy ("..." / "…");
    // idc also needs clientId and clientSecret.
    bool canRefresh() const;
    QString displayName() const;  // email, else "<provider or method> account <id>"
    // kiro-rs credentials.json shape: camelCase, expiresAt RFC 3339 with ms + Z, extra merged in.
    QJsonObject toJson() const;
    // Validates types, auth method rules and that some token is usable; the error names the field.
    static std::variant<Credential, QString> fromJson(const QJsonObject &o);
};

} // namespace kt
