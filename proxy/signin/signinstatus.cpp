#include "signin/signinstatus.h"

namespace kt {

QString signInStateName(SignInState s)
{
    switch (s) {
    case SignInState::Starting: return QStringLiteral("starting");
    case SignInState::Pending: return QStringLiteral("pending");
    case SignInState::Succeeded: return QStringLiteral("succeeded");
    case SignInState::Denied: return QStringLiteral("denied");
    case SignInState::Expired: return QStringLiteral("expired");
    case SignInState::Failed: return QStringLiteral("failed");
    case SignInState::Cancelled: return QStringLiteral("cancelled");
    }
    return QStringLiteral("failed");
}

QJsonObject SignInStatus::toStartJson() const
{
    QJsonObject o = toJson();
    const auto put = [&o](const char *key, const QString &value) {
        if (!value.isEmpty())
            o.insert(QLatin1String(key), value);
    };
    put("userCode", userCode);
    put("verificationUri", verificationUri);
    put("verificationUriComplete", verificationUriComplete);
    put("authorizeUrl", authorizeUrl);
    if (redirectPaste)
        o.insert(QLatin1String("redirectPaste"), true);
    if (expiresAt.isValid())
        o.insert(QLatin1String("expiresAt"), expiresAt.toUTC().toString(Qt::ISODate));
    return o;
}

QJsonObject SignInStatus::toJson() const
{
    QJsonObject o{{QStringLiteral("loginId"), loginId},
                  {QStringLiteral("method"), signInMethodName(method)},
                  {QStringLiteral("state"), signInStateName(state)}};
    if (accountId > 0) {
        o.insert(QLatin1String("accountId"), double(accountId));
        o.insert(QLatin1String("accountCreated"), accountCreated);
    }
    if (!message.isEmpty())
        o.insert(QLatin1String("message"), message);
    return o;
}

} // namespace kt
