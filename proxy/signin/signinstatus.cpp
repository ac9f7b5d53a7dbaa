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

SignInStatus SignInStatus::fromJson(const QJsonObject &o)
{
    SignInStatus s;
    s.loginId = o.value(QStringLiteral("loginId")).toString();
    s.method = parseSignInMethod(o.value(QStringLiteral("method")).toString()).value_or(SignInMethod::BuilderId);
    const QString state = o.value(QStringLiteral("state")).toString();
    for (SignInState candidate : {SignInState::Pending, SignInState::Succeeded, SignInState::Denied, SignInState::Expired,
                                  SignInState::Failed, SignInState::Cancelled}) {
        if (signInStateName(candidate) == state)
            s.state = candidate;
    }
    s.userCode = o.value(QStringLiteral("userCode")).toString();
    s.verificationUri = o.value(QStringLiteral("verificationUri")).toString();
    s.verificationUriComplete = o.value(QStringLiteral("verificationUriComplete")).toString();
    s.authorizeUrl = o.value(QStringLiteral("authorizeUrl")).toString();
    s.redirectPaste = o.value(QStringLiteral("redirectPaste")).toBool();
    s.expiresAt = QDateTime::fromString(o.value(QStringLiteral("expiresAt")).toString(), Qt::ISODate);
    s.accountId = qint64(o.value(QStringLiteral("accountId")).toDouble());
    s.accountCreated = o.value(QStringLiteral("accountCreated")).toBool();
    s.message = o.value(QStringLiteral("message")).toString();
    return s;
}

} // namespace kt
