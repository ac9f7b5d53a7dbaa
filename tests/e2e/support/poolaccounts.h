#pragma once
// Accounts for pool tests: each access token carries a word that sets the fake upstream's behaviour
// for it (throttled, suspended, quota, broken, expired, or anything else for a healthy account).
#include "proxyfixture.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace kt::test {

inline QJsonObject poolAccount(const QString &word, int priority = 0)
{
    return {{"refreshToken", QStringLiteral("pool-refresh-%1-0123456789abcdef").arg(word)},
            {"accessToken", word == QLatin1String("expired") ? QStringLiteral("expired-access-token") : QStringLiteral("valid-access-%1").arg(word)},
            {"expiresAt", QDateTime::currentDateTimeUtc().addSecs(3600).toString(Qt::ISODateWithMs)}, {"authMethod", "social"},
            {"email", QStringLiteral("%1@example.com").arg(word)}, {"priority", priority}};
}

// The management API's accounts by the word before '@' in their name.
inline QHash<QString, QJsonObject> accountsByName(ProxyFixture &f)
{
    QHash<QString, QJsonObject> out;
    for (const QJsonValue &v : f.api("GET", "/api/accounts").json().value("accounts").toArray())
        out.insert(v.toObject().value("name").toString().section('@', 0, 0), v.toObject());
    return out;
}

// metadata naming Claude Code's session in today's JSON-string form of metadata.user_id.
inline QJsonObject sessionMetadata(const QString &session)
{
    const QJsonObject id{{"device_id", "3f0c7d2e9a"}, {"account_uuid", "0a1b2c3d-0000-4000-8000-000000000001"}, {"session_id", session}};
    return {{"metadata", QJsonObject{{"user_id", QString::fromUtf8(QJsonDocument(id).toJson(QJsonDocument::Compact))}}}};
}

inline int upstreamCallsWith(ProxyFixture &f, const QByteArray &token)
{
    int n = 0;
    for (const auto &r : f.fake.requests("/generateAssistantResponse"))
        n += r.header("authorization") == "Bearer " + token ? 1 : 0;
    return n;
}

} // namespace kt::test
