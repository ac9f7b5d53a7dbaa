#include "accounts/accountsecrets.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>
#include <QUrl>

namespace kt {

namespace {

bool proxyHasPassword(const QString &proxyUrl)
{
    return !proxyUrl.isEmpty() && !QUrl(proxyUrl).password().isEmpty();
}

} // namespace

QString AccountSecrets::key(qint64 accountId)
{
    return QStringLiteral("account/%1").arg(accountId);
}

QByteArray AccountSecrets::encode(const Credential &c)
{
    QJsonObject o;
    o.insert(QLatin1String("refreshToken"), c.refreshToken);
    o.insert(QLatin1String("accessToken"), c.accessToken);
    o.insert(QLatin1String("expiresAt"), c.expiresAt.isValid() ? QJsonValue(c.expiresAt.toMSecsSinceEpoch()) : QJsonValue());
    o.insert(QLatin1String("clientSecret"), c.clientSecret);
    o.insert(QLatin1String("kiroApiKey"), c.kiroApiKey);
    if (proxyHasPassword(c.proxyUrl))
        o.insert(QLatin1String("proxyUrl"), c.proxyUrl);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

bool AccountSecrets::apply(const QByteArray &value, Credential &c, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(value, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        // Never quote the value: it is a secret.
        if (error)
            *error = QStringLiteral("stored account secret is not a JSON object");
        return false;
    }
    const QJsonObject o = doc.object();
    for (const char *field : {"refreshToken", "accessToken", "clientSecret", "kiroApiKey", "proxyUrl"}) {
        const QJsonValue v = o.value(QLatin1String(field));
        if (!v.isUndefined() && !v.isNull() && !v.isString()) {
            if (error)
                *error = QStringLiteral("stored account secret: field '%1' is not a string").arg(QLatin1String(field));
            return false;
        }
    }
    const QJsonValue expires = o.value(QLatin1String("expiresAt"));
    if (!expires.isUndefined() && !expires.isNull() && !expires.isDouble()) {
        if (error)
            *error = QStringLiteral("stored account secret: field 'expiresAt' is not a number");
        return false;
    }
    c.refreshToken = o.value(QLatin1String("refreshToken")).toString();
    c.accessToken = o.value(QLatin1String("accessToken")).toString();
    c.clientSecret = o.value(QLatin1String("clientSecret")).toString();
    c.kiroApiKey = o.value(QLatin1String("kiroApiKey")).toString();
    if (expires.isDouble())
        c.expiresAt = QDateTime::fromMSecsSinceEpoch(qint64(expires.toDouble()), QTimeZone::utc());
    if (const QString proxy = o.value(QLatin1String("proxyUrl")).toString(); !proxy.isEmpty())
        c.proxyUrl = proxy;
    return true;
}

void AccountSecrets::strip(Credential &c)
{
    c.refreshToken.clear();
    c.accessToken.clear();
    c.clientSecret.clear();
    c.kiroApiKey.clear();
    if (proxyHasPassword(c.proxyUrl))
        c.proxyUrl = QUrl(c.proxyUrl).toString(QUrl::RemovePassword);
}

bool AccountSecrets::hasSecrets(const Credential &c)
{
    return !c.refreshToken.isEmpty() || !c.accessToken.isEmpty() || !c.clientSecret.isEmpty()
        || !c.kiroApiKey.isEmpty() || proxyHasPassword(c.proxyUrl);
}

} // namespace kt
