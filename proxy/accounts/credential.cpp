#include "accounts/credential.h"

#include "config/config.h"
#include "util/jsonfieldreader.h"
#include "util/urlrules.h"
#include "util/clock.h"

#include <QTimeZone>

#include <cmath>
#include <limits>
#include <utility>

namespace kt {

namespace {

const QString kRfc3339Ms = QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz'Z'");

// RFC 3339 with or without fractional seconds or offset (no offset = UTC), or epoch milliseconds
// (numbers too small to be milliseconds since 1973 are taken as seconds).
std::optional<QDateTime> parseTimestamp(const QJsonValue &v)
{
    if (v.isDouble()) {
        const double n = v.toDouble();
        // Up to 9999-12-31T23:59:59.999Z: a later time has no RFC 3339 form, so toJson() would write
        // an expiresAt that the next load rejects (found by fuzz_config_loader).
        if (!std::isfinite(n) || n < 0 || n > 253402300799999.0)
            return std::nullopt;
        const qint64 ms = n < 1e11 ? qint64(n * 1000) : qint64(n);
        return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
    }
    if (!v.isString())
        return std::nullopt;
    QString s = v.toString().trimmed();
    if (s.size() > 10 && s.at(10) == QLatin1Char(' '))
        s[10] = QLatin1Char('T');
    QDateTime dt = QDateTime::fromString(s, Qt::ISODateWithMs);
    if (!dt.isValid())
        return std::nullopt;
    if (dt.timeSpec() == Qt::LocalTime)
        dt.setTimeZone(QTimeZone::utc());
    return dt.toUTC();
}

QString regionProblem(const QString &value)
{
    if (value.isEmpty() || UrlRules::isRegionName(value))
        return {};
    return QStringLiteral("must be an AWS region name like us-east-1");
}

bool isTruncated(const QString &token)
{
    return token.contains(QLatin1String("...")) || token.contains(QChar(0x2026));
}

} // namespace

std::optional<AuthMethod> parseAuthMethod(const QString &s)
{
    const QString m = s.trimmed().toLower();
    if (m == QLatin1String("social"))
        return AuthMethod::Social;
    if (m == QLatin1String("idc") || m == QLatin1String("builder-id") || m == QLatin1String("builderid")
        || m == QLatin1String("iam"))
        return AuthMethod::Idc;
    if (m == QLatin1String("api_key") || m == QLatin1String("apikey") || m == QLatin1String("api-key"))
        return AuthMethod::ApiKey;
    return std::nullopt;
}

QString authMethodName(AuthMethod m)
{
    switch (m) {
    case AuthMethod::Social: return QStringLiteral("social");
    case AuthMethod::Idc: return QStringLiteral("idc");
    case AuthMethod::ApiKey: return QStringLiteral("api_key");
    }
    return QStringLiteral("social");
}

QString Credential::effectiveAuthRegion(const Config &c) const
{
    for (const QString *r : {&authRegion, &region, &c.authRegion, &c.region}) {
        if (!r->isEmpty())
            return *r;
    }
    return QStringLiteral("us-east-1");
}

QString Credential::effectiveApiRegion(const Config &c) const
{
    for (const QString *r : {&apiRegion, &c.apiRegion, &c.region}) {
        if (!r->isEmpty())
            return *r;
    }
    return QStringLiteral("us-east-1");
}

bool Credential::isTokenUsable(int marginSeconds) const
{
    if (authMethod == AuthMethod::ApiKey)
        return !kiroApiKey.isEmpty();
    return !accessToken.isEmpty() && expiresAt.isValid()
        && expiresAt > Clock::current().now().addSecs(marginSeconds);
}

bool Credential::canRefresh() const
{
    if (authMethod == AuthMethod::ApiKey || refreshToken.isEmpty() || isTruncated(refreshToken))
        return false;
    return authMethod != AuthMethod::Idc || (!clientId.isEmpty() && !clientSecret.isEmpty());
}

QString Credential::displayName() const
{
    if (!email.isEmpty())
        return email;
    return QStringLiteral("%1 account %2").arg(provider.isEmpty() ? authMethodName(authMethod) : provider).arg(id);
}

QJsonObject Credential::toJson() const
{
    QJsonObject o = extra;
    const auto put = [&o](const char *key, const QString &value) {
        if (!value.isEmpty())
            o.insert(QLatin1String(key), value);
    };
    if (id > 0)
        o.insert(QLatin1String("id"), double(id));
    put("refreshToken", refreshToken);
    put("accessToken", accessToken);
    put("profileArn", profileArn);
    if (expiresAt.isValid())
        o.insert(QLatin1String("expiresAt"), expiresAt.toUTC().toString(kRfc3339Ms));
    o.insert(QLatin1String("authMethod"), authMethodName(authMethod));
    put("clientId", clientId);
    put("clientSecret", clientSecret);
    put("region", region);
    put("authRegion", authRegion);
    put("apiRegion", apiRegion);
    o.insert(QLatin1String("priority"), priority);
    if (disabled)
        o.insert(QLatin1String("disabled"), true);
    put("machineId", machineId);
    put("email", email);
    put("subscriptionTitle", subscriptionTitle);
    put("provider", provider);
    put("proxyUrl", proxyUrl);
    put("kiroApiKey", kiroApiKey);
    return o;
}

std::variant<Credential, QString> Credential::fromJson(const QJsonObject &o)
{
    JsonFieldReader rd(o);
    Credential c;
    QString method, idcRegion;
    rd.readInteger(QStringLiteral("id"), c.id, 1, (qint64(1) << 53) - 1);
    const std::pair<const char *, QString *> stringFields[] = {
        {"refreshToken", &c.refreshToken}, {"accessToken", &c.accessToken}, {"profileArn", &c.profileArn},
        {"clientId", &c.clientId}, {"clientSecret", &c.clientSecret}, {"region", &c.region},
        {"authRegion", &c.authRegion}, {"apiRegion", &c.apiRegion}, {"idcRegion", &idcRegion},
        {"machineId", &c.machineId}, {"email", &c.email}, {"subscriptionTitle", &c.subscriptionTitle},
        {"provider", &c.provider}, {"kiroApiKey", &c.kiroApiKey}, {"authMethod", &method}, {"proxyUrl", &c.proxyUrl}};
    for (const auto &[key, field] : stringFields) {
        if (rd.readString(QLatin1String(key), *field))
            *field = field->trimmed();
    }
    rd.readInt(QStringLiteral("priority"), c.priority, 0, std::numeric_limits<int>::max());
    rd.readBool(QStringLiteral("disabled"), c.disabled);
    const QJsonValue expires = rd.take(QStringLiteral("expiresAt"));
    if (!rd.ok())
        return rd.error();

    if (!expires.isUndefined() && !expires.isNull() && !(expires.isString() && expires.toString().trimmed().isEmpty())) {
        const std::optional<QDateTime> when = parseTimestamp(expires);
        if (!when)
            return QStringLiteral("field 'expiresAt' must be an RFC 3339 time (like 2026-01-09T04:43:18.079Z) "
                                  "or epoch milliseconds");
        c.expiresAt = *when;
    }
    const std::pair<const char *, const QString *> regionFields[] = {
        {"region", &c.region}, {"authRegion", &c.authRegion}, {"apiRegion", &c.apiRegion}, {"idcRegion", &idcRegion}};
    for (const auto &[key, value] : regionFields) {
        const QString problem = regionProblem(*value);
        if (!problem.isEmpty())
            return QStringLiteral("field '%1' %2").arg(QLatin1String(key), problem);
    }
    if (c.authRegion.isEmpty())
        c.authRegion = idcRegion;

    // Without a proxyUrl, proxyUsername/proxyPassword stay untouched in extra.
    if (!c.proxyUrl.isEmpty() && c.proxyUrl.compare(QLatin1String("direct"), Qt::CaseInsensitive) != 0) {
        const QString problem = UrlRules::checkProxyUrl(c.proxyUrl);
        if (!problem.isEmpty())
            return QStringLiteral("field 'proxyUrl' %1").arg(problem);
        QString user, password;
        rd.readString(QStringLiteral("proxyUsername"), user);
        rd.readString(QStringLiteral("proxyPassword"), password);
        if (!rd.ok())
            return rd.error();
        c.proxyUrl = UrlRules::withProxyCredentials(c.proxyUrl, user, password);
    } else if (!c.proxyUrl.isEmpty()) {
        c.proxyUrl = QStringLiteral("direct");
    }

    if (!method.isEmpty()) {
        const std::optional<AuthMethod> parsed = parseAuthMethod(method);
        if (!parsed)
            return QStringLiteral("field 'authMethod' has unknown value '%1' (expected social, idc or api_key)")
                .arg(method.left(40));
        c.authMethod = *parsed;
        if (c.authMethod != AuthMethod::ApiKey && !c.kiroApiKey.isEmpty())
            return QStringLiteral("field 'kiroApiKey' is only valid with authMethod api_key (authMethod is %1)")
                .arg(authMethodName(c.authMethod));
    } else if (!c.kiroApiKey.isEmpty()) {
        c.authMethod = AuthMethod::ApiKey;
    } else if (!c.clientId.isEmpty() && !c.clientSecret.isEmpty()) {
        c.authMethod = AuthMethod::Idc;
    } else {
        c.authMethod = AuthMethod::Social;
    }

    if (c.authMethod == AuthMethod::Idc) {
        if (c.clientId.isEmpty())
            return QStringLiteral("field 'clientId' is required for authMethod idc");
        if (c.clientSecret.isEmpty())
            return QStringLiteral("field 'clientSecret' is required for authMethod idc");
    }
    if (c.authMethod == AuthMethod::ApiKey && c.kiroApiKey.isEmpty())
        return QStringLiteral("field 'kiroApiKey' is required for authMethod api_key");
    if (c.authMethod != AuthMethod::ApiKey && c.refreshToken.isEmpty() && !c.isTokenUsable(0))
        return QStringLiteral("field 'refreshToken' is required (there is no kiroApiKey and no unexpired accessToken)");

    c.extra = rd.remaining();
    return c;
}

} // namespace kt
