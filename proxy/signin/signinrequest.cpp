#include "signin/signinrequest.h"

#include "util/urlrules.h"

#include <QUrl>

namespace kt {

QString signInMethodName(SignInMethod m)
{
    switch (m) {
    case SignInMethod::BuilderId: return QStringLiteral("builder-id");
    case SignInMethod::Idc: return QStringLiteral("idc");
    case SignInMethod::Google: return QStringLiteral("google");
    case SignInMethod::Github: return QStringLiteral("github");
    }
    return QStringLiteral("builder-id");
}

std::optional<SignInMethod> parseSignInMethod(const QString &s)
{
    for (SignInMethod m : {SignInMethod::BuilderId, SignInMethod::Idc, SignInMethod::Google, SignInMethod::Github}) {
        if (s.compare(signInMethodName(m), Qt::CaseInsensitive) == 0)
            return m;
    }
    return std::nullopt;
}

QString SignInRequest::problem() const
{
    if (method != SignInMethod::Idc)
        return {};
    const QUrl url(startUrl, QUrl::StrictMode);
    if (startUrl.isEmpty())
        return QStringLiteral("field 'startUrl' is required for method idc (your organisation's start URL, like https://my-org.awsapps.com/start)");
    if (!url.isValid() || url.scheme() != QLatin1String("https") || url.host().isEmpty())
        return QStringLiteral("field 'startUrl' must be an https:// URL like https://my-org.awsapps.com/start");
    if (region.isEmpty())
        return QStringLiteral("field 'region' is required for method idc (the Identity Center region, like eu-west-1)");
    if (!UrlRules::isRegionName(region))
        return QStringLiteral("field 'region' must be an AWS region name like us-east-1");
    return {};
}

std::variant<SignInRequest, QString> SignInRequest::fromJson(const QJsonObject &o)
{
    SignInRequest r;
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString key = it.key();
        const QJsonValue v = it.value();
        if (key == QLatin1String("method")) {
            const auto m = v.isString() ? parseSignInMethod(v.toString().trimmed()) : std::nullopt;
            if (!m)
                return QStringLiteral("field 'method' must be one of builder-id, idc, google, github");
            r.method = *m;
        } else if (key == QLatin1String("startUrl") || key == QLatin1String("region")) {
            if (!v.isString())
                return QStringLiteral("field '%1' must be a string").arg(key);
            (key == QLatin1String("startUrl") ? r.startUrl : r.region) = v.toString().trimmed();
        } else if (key == QLatin1String("accountId")) {
            if (!v.isDouble() || v.toDouble() < 1 || v.toDouble() != double(qint64(v.toDouble())))
                return QStringLiteral("field 'accountId' must be an account id (a positive integer)");
            r.accountId = qint64(v.toDouble());
        } else {
            return QStringLiteral("unknown field '%1' (accepted: method, startUrl, region, accountId)").arg(key.left(40));
        }
    }
    if (!o.contains(QLatin1String("method")))
        return QStringLiteral("field 'method' is required: builder-id, idc, google or github");
    if (r.method != SignInMethod::Idc && (!r.startUrl.isEmpty() || !r.region.isEmpty()))
        return QStringLiteral("fields 'startUrl' and 'region' only apply to method idc");
    if (const QString p = r.problem(); !p.isEmpty())
        return p;
    return r;
}

} // namespace kt
