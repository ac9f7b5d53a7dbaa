#include "fakesignin.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QUrl>
#include <QUrlQuery>

namespace kt::fake {

namespace {

const QString DeviceGrant = QStringLiteral("urn:ietf:params:oauth:grant-type:device_code");

FakeReply oauthError(const QString &error, const QString &description)
{
    return FakeReply::json(400, {{QStringLiteral("error"), error}, {QStringLiteral("error_description"), description}});
}

QString base64url(const QByteArray &data)
{
    return QString::fromLatin1(data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

} // namespace

FakeSignIn::FakeSignIn()
{
    m_clock.start();
}

QString FakeSignIn::idToken(const QString &email)
{
    const QByteArray payload = QJsonDocument(QJsonObject{{QStringLiteral("email"), email}, {QStringLiteral("sub"), QStringLiteral("fake-user")}})
                                   .toJson(QJsonDocument::Compact);
    return base64url(R"({"alg":"none"})") + QLatin1Char('.') + base64url(payload) + QLatin1Char('.');
}

FakeSignIn::Device *FakeSignIn::device(const QString &userCode)
{
    const auto it = m_devices.find(userCode);
    return it == m_devices.end() ? nullptr : &*it;
}

void FakeSignIn::approve(const QString &userCode, const QString &email)
{
    if (Device *d = device(userCode)) {
        d->verdict = Device::Verdict::Approved;
        d->email = email;
    }
}

void FakeSignIn::deny(const QString &userCode)
{
    if (Device *d = device(userCode))
        d->verdict = Device::Verdict::Denied;
}

void FakeSignIn::expire(const QString &userCode)
{
    if (Device *d = device(userCode))
        d->verdict = Device::Verdict::Expired;
}

void FakeSignIn::slowDown(const QString &userCode, int times)
{
    if (Device *d = device(userCode))
        d->slowDowns += times;
}

void FakeSignIn::dropPolls(const QString &userCode, int count)
{
    if (Device *d = device(userCode))
        d->drops += count;
}

QList<qint64> FakeSignIn::pollTimesMs(const QString &userCode) const
{
    return m_devices.value(userCode).polls;
}

void FakeSignIn::setDeviceTiming(int intervalSeconds, int expiresInSeconds)
{
    m_interval = intervalSeconds;
    m_expiresIn = expiresInSeconds;
}

bool FakeSignIn::handles(const RecordedRequest &request) const
{
    if (request.method == "GET")
        return request.path == "/login";
    if (request.method != "POST")
        return false;
    if (request.path == "/token")
        return request.json().value(QStringLiteral("grantType")).toString() == DeviceGrant;
    return request.path == "/client/register" || request.path == "/device_authorization" || request.path == "/oauth/token";
}

FakeReply FakeSignIn::handle(const RecordedRequest &request)
{
    if (request.path == "/client/register")
        return registerClient(request);
    if (request.path == "/device_authorization")
        return authorizeDevice(request);
    if (request.path == "/token")
        return deviceToken(request.json());
    if (request.path == "/login")
        return socialLogin(request);
    return socialToken(request.json());
}

FakeReply FakeSignIn::registerClient(const RecordedRequest &request)
{
    const QJsonObject body = request.json();
    if (body.value(QStringLiteral("clientName")).toString().isEmpty() || body.value(QStringLiteral("clientType")).toString() != QLatin1String("public"))
        return oauthError(QStringLiteral("invalid_request"), QStringLiteral("clientName and clientType public are required"));
    ++m_counter;
    const QString id = QStringLiteral("fake-client-id-%1").arg(m_counter);
    const QString secret = QStringLiteral("fake-client-secret-%1").arg(m_counter);
    m_clients.insert(id, secret);
    return FakeReply::json(200, {{QStringLiteral("clientId"), id}, {QStringLiteral("clientSecret"), secret},
                                 {QStringLiteral("clientIdIssuedAt"), 1765000000}, {QStringLiteral("clientSecretExpiresAt"), 1772776000}});
}

FakeReply FakeSignIn::authorizeDevice(const RecordedRequest &request)
{
    const QJsonObject body = request.json();
    const QString clientId = body.value(QStringLiteral("clientId")).toString();
    if (!m_clients.contains(clientId) || m_clients.value(clientId) != body.value(QStringLiteral("clientSecret")).toString())
        return oauthError(QStringLiteral("invalid_client"), QStringLiteral("unknown client"));
    if (!body.value(QStringLiteral("startUrl")).toString().startsWith(QLatin1String("https://")))
        return oauthError(QStringLiteral("invalid_request"), QStringLiteral("startUrl is required"));
    ++m_counter;
    Device d;
    d.deviceCode = QStringLiteral("fake-device-code-%1").arg(m_counter);
    d.userCode = QStringLiteral("FAKE-%1").arg(1000 + m_counter);
    d.clientId = clientId;
    if (!m_autoApproveEmail.isEmpty()) {
        d.verdict = Device::Verdict::Approved;
        d.email = m_autoApproveEmail;
    }
    m_devices.insert(d.userCode, d);
    m_order.append(d.userCode);
    m_lastUserCode = d.userCode;
    const QString uri = QStringLiteral("https://device.sso.us-east-1.amazonaws.com/");
    return FakeReply::json(200, {{QStringLiteral("deviceCode"), d.deviceCode}, {QStringLiteral("userCode"), d.userCode},
                                 {QStringLiteral("verificationUri"), uri},
                                 {QStringLiteral("verificationUriComplete"), uri + QStringLiteral("?user_code=") + d.userCode},
                                 {QStringLiteral("expiresIn"), m_expiresIn}, {QStringLiteral("interval"), m_interval}});
}

FakeReply FakeSignIn::deviceToken(const QJsonObject &body)
{
    const QString clientId = body.value(QStringLiteral("clientId")).toString();
    if (!m_clients.contains(clientId) || m_clients.value(clientId) != body.value(QStringLiteral("clientSecret")).toString())
        return oauthError(QStringLiteral("invalid_client"), QStringLiteral("unknown client"));
    Device *d = nullptr;
    for (Device &candidate : m_devices) {
        if (candidate.deviceCode == body.value(QStringLiteral("deviceCode")).toString() && candidate.clientId == clientId)
            d = &candidate;
    }
    if (!d)
        return oauthError(QStringLiteral("invalid_grant"), QStringLiteral("unknown device code"));
    d->polls.append(m_clock.elapsed());
    if (d->drops > 0) {
        --d->drops;
        FakeReply drop;
        drop.dropConnection = true;
        return drop;
    }
    if (d->slowDowns > 0) {
        --d->slowDowns;
        return oauthError(QStringLiteral("slow_down"), QStringLiteral("polling too fast"));
    }
    switch (d->verdict) {
    case Device::Verdict::Pending:
        return oauthError(QStringLiteral("authorization_pending"), QStringLiteral("the user has not confirmed yet"));
    case Device::Verdict::Denied:
        return oauthError(QStringLiteral("access_denied"), QStringLiteral("the user declined"));
    case Device::Verdict::Expired:
        return oauthError(QStringLiteral("expired_token"), QStringLiteral("the device code expired"));
    case Device::Verdict::Approved:
        break;
    }
    if (d->issued)
        return oauthError(QStringLiteral("invalid_grant"), QStringLiteral("the device code was already used"));
    d->issued = true;
    ++m_counter;
    QJsonObject out{{QStringLiteral("accessToken"), QStringLiteral("fake-access-%1-device").arg(m_counter)},
                    {QStringLiteral("refreshToken"), QStringLiteral("device-refresh-%1-0123456789").arg(m_counter)},
                    {QStringLiteral("expiresIn"), 3600}, {QStringLiteral("tokenType"), QStringLiteral("Bearer")}};
    if (!d->email.isEmpty())
        out.insert(QStringLiteral("idToken"), idToken(d->email));
    return FakeReply::json(200, out);
}

FakeReply FakeSignIn::socialLogin(const RecordedRequest &request)
{
    const QUrlQuery q(QString::fromLatin1(request.query));
    const QString redirect = q.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded);
    const QString state = q.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded);
    const QString challenge = q.queryItemValue(QStringLiteral("code_challenge"), QUrl::FullyDecoded);
    const QString idp = q.queryItemValue(QStringLiteral("idp"));
    if (redirect.isEmpty() || state.isEmpty() || challenge.isEmpty() || q.queryItemValue(QStringLiteral("code_challenge_method")) != QLatin1String("S256")
        || (idp != QLatin1String("Google") && idp != QLatin1String("Github")))
        return FakeReply::json(400, {{QStringLiteral("message"), QStringLiteral("idp, redirect_uri, state and an S256 code_challenge are required")}});
    QUrl target(redirect);
    QUrlQuery back;
    if (!m_socialError.isEmpty()) {
        back.addQueryItem(QStringLiteral("error"), m_socialError);
    } else {
        ++m_counter;
        const QString code = QStringLiteral("fake-auth-code-%1").arg(m_counter);
        m_codes.insert(code, {challenge, redirect});
        back.addQueryItem(QStringLiteral("code"), code);
    }
    back.addQueryItem(QStringLiteral("state"), QString::fromLatin1(QUrl::toPercentEncoding(state)));
    target.setQuery(back);
    FakeReply r = FakeReply::json(302, {{QStringLiteral("message"), QStringLiteral("redirecting")}});
    r.headers.append({"Location", target.toString(QUrl::FullyEncoded).toLatin1()});
    return r;
}

FakeReply FakeSignIn::socialToken(const QJsonObject &body)
{
    const QString code = body.value(QStringLiteral("code")).toString();
    const QString verifier = body.value(QStringLiteral("code_verifier")).toString();
    if (!m_codes.contains(code))
        return oauthError(QStringLiteral("invalid_grant"), QStringLiteral("unknown or used code"));
    const SocialCode expected = m_codes.take(code);
    if (body.value(QStringLiteral("redirect_uri")).toString() != expected.redirectUri)
        return oauthError(QStringLiteral("invalid_grant"), QStringLiteral("redirect_uri differs from the login's"));
    if (base64url(QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)) != expected.challenge)
        return oauthError(QStringLiteral("invalid_grant"), QStringLiteral("code_verifier does not match the code_challenge"));
    ++m_counter;
    ++m_socialExchanges;
    QJsonObject out{{QStringLiteral("accessToken"), QStringLiteral("fake-access-%1-social").arg(m_counter)},
                    {QStringLiteral("refreshToken"), QStringLiteral("social-refresh-%1-0123456789").arg(m_counter)},
                    {QStringLiteral("profileArn"), QStringLiteral("arn:aws:codewhisperer:us-east-1:123456789012:profile/FAKEPROFILE")},
                    {QStringLiteral("expiresIn"), 3600}};
    if (!m_socialEmail.isEmpty())
        out.insert(QStringLiteral("idToken"), idToken(m_socialEmail));
    return FakeReply::json(200, out);
}

} // namespace kt::fake
