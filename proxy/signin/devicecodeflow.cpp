#include "signin/devicecodeflow.h"

#include "config/config.h"
#include "signin/signinhttp.h"
#include "signin/tokenclaims.h"

#include <QJsonArray>

namespace kt {

namespace {

const QString BuilderIdStartUrl = QStringLiteral("https://view.awsapps.com/start");
const QString BuilderIdRegion = QStringLiteral("us-east-1");
const QString DeviceGrant = QStringLiteral("urn:ietf:params:oauth:grant-type:device_code");

// The scopes the Kiro IDE's own client asks for (KGO auth/builderid.go).
QJsonArray scopes()
{
    return {QStringLiteral("codewhisperer:completions"), QStringLiteral("codewhisperer:analysis"),
            QStringLiteral("codewhisperer:conversations"), QStringLiteral("codewhisperer:transformations"),
            QStringLiteral("codewhisperer:taskassist")};
}

int positiveInt(const QJsonObject &o, const char *key, int fallback)
{
    const int v = o.value(QLatin1String(key)).toInt(0);
    return v > 0 ? v : fallback;
}

} // namespace

DeviceCodeFlow::DeviceCodeFlow(const Config &config, NetworkManagerPool *network, const SignInRequest &request,
                               SignInStatus status, QObject *parent)
    : SignInFlow(config, std::move(status), parent)
    , m_http(new SignInHttp(network, config.upstreamConnectTimeoutMs, this))
    , m_region(request.method == SignInMethod::Idc ? request.region : BuilderIdRegion)
    , m_startUrl(request.method == SignInMethod::Idc ? request.startUrl : BuilderIdStartUrl)
{
    m_pollTimer.setSingleShot(true);
    connect(&m_pollTimer, &QTimer::timeout, this, &DeviceCodeFlow::poll);
}

void DeviceCodeFlow::start()
{
    const QJsonObject body{{QStringLiteral("clientName"), QStringLiteral("Kiro IDE")},
                           {QStringLiteral("clientType"), QStringLiteral("public")},
                           {QStringLiteral("scopes"), scopes()},
                           {QStringLiteral("grantTypes"), QJsonArray{DeviceGrant, QStringLiteral("refresh_token")}},
                           {QStringLiteral("issuerUrl"), m_startUrl}};
    m_http->post(m_config.oidcUrl(m_region, QStringLiteral("client/register")), body,
                 [this](const SignInHttpResult &r) { onRegistered(r); });
}

void DeviceCodeFlow::onRegistered(const SignInHttpResult &r)
{
    m_clientId = r.json.value(QStringLiteral("clientId")).toString();
    m_clientSecret = r.json.value(QStringLiteral("clientSecret")).toString();
    if (r.status != 200 || m_clientId.isEmpty() || m_clientSecret.isEmpty())
        return finish(SignInState::Failed, QStringLiteral("AWS did not register a sign-in client (%1)")
                                               .arg(r.status == 200 ? QStringLiteral("no clientId/clientSecret") : r.describe()));
    const QJsonObject body{{QStringLiteral("clientId"), m_clientId}, {QStringLiteral("clientSecret"), m_clientSecret},
                           {QStringLiteral("startUrl"), m_startUrl}};
    m_http->post(m_config.oidcUrl(m_region, QStringLiteral("device_authorization")), body,
                 [this](const SignInHttpResult &r) { onAuthorization(r); });
}

void DeviceCodeFlow::onAuthorization(const SignInHttpResult &r)
{
    m_deviceCode = r.json.value(QStringLiteral("deviceCode")).toString();
    m_status.userCode = r.json.value(QStringLiteral("userCode")).toString();
    m_status.verificationUri = r.json.value(QStringLiteral("verificationUri")).toString();
    m_status.verificationUriComplete = r.json.value(QStringLiteral("verificationUriComplete")).toString();
    if (r.status != 200 || m_deviceCode.isEmpty() || m_status.userCode.isEmpty() || m_status.verificationUri.isEmpty()) {
        const QString why = r.status == 200 ? QStringLiteral("no device code in the answer") : r.describe();
        return finish(SignInState::Failed, QStringLiteral("AWS did not start the device sign-in (%1)").arg(why));
    }
    if (m_status.verificationUriComplete.isEmpty())
        m_status.verificationUriComplete = m_status.verificationUri;
    m_interval = positiveInt(r.json, "interval", DefaultIntervalSeconds);
    const int expiresIn = positiveInt(r.json, "expiresIn", DefaultExpiresInSeconds);
    m_status.expiresAt = QDateTime::currentDateTimeUtc().addSecs(expiresIn);
    setDeadline(expiresIn);
    prompt();
    schedulePoll();
}

void DeviceCodeFlow::schedulePoll()
{
    if (m_status.isFinished())
        return;
    m_pollTimer.start(protocolMs(m_interval));
}

void DeviceCodeFlow::poll()
{
    const QJsonObject body{{QStringLiteral("clientId"), m_clientId}, {QStringLiteral("clientSecret"), m_clientSecret},
                           {QStringLiteral("deviceCode"), m_deviceCode}, {QStringLiteral("grantType"), DeviceGrant}};
    m_http->post(m_config.oidcUrl(m_region, QStringLiteral("token")), body, [this](const SignInHttpResult &r) { onToken(r); });
}

void DeviceCodeFlow::onToken(const SignInHttpResult &r)
{
    if (m_status.isFinished())
        return;
    if (r.status == 200) {
        if (r.json.value(QStringLiteral("accessToken")).toString().isEmpty()
            || r.json.value(QStringLiteral("refreshToken")).toString().isEmpty())
            return finish(SignInState::Failed, QStringLiteral("AWS answered the sign-in without accessToken and refreshToken"));
        return deliver(credentialFrom(r.json));
    }
    if (r.status == 0 || r.status >= 500) {
        if (++m_networkFailures > MaxNetworkRetries)
            return finish(SignInState::Failed, QStringLiteral("gave up after %1 failed polls: %2").arg(m_networkFailures).arg(r.describe()));
        return schedulePoll();
    }
    m_networkFailures = 0;
    const QString error = r.errorCode();
    if (error == QLatin1String("authorization_pending"))
        return schedulePoll();
    if (error == QLatin1String("slow_down")) {
        m_interval += SlowDownSeconds;
        return schedulePoll();
    }
    if (error == QLatin1String("expired_token"))
        return finish(SignInState::Expired, QStringLiteral("the code expired before it was confirmed; start again"));
    if (error == QLatin1String("access_denied"))
        return finish(SignInState::Denied, QStringLiteral("the sign-in was declined in the browser"));
    finish(SignInState::Failed, QStringLiteral("AWS refused the sign-in (%1)").arg(r.describe()));
}

Credential DeviceCodeFlow::credentialFrom(const QJsonObject &token) const
{
    Credential c;
    c.authMethod = AuthMethod::Idc;
    c.accessToken = token.value(QStringLiteral("accessToken")).toString();
    c.refreshToken = token.value(QStringLiteral("refreshToken")).toString();
    c.expiresAt = QDateTime::currentDateTimeUtc().addSecs(positiveInt(token, "expiresIn", 3600));
    c.clientId = m_clientId;
    c.clientSecret = m_clientSecret;
    c.authRegion = m_region;
    c.provider = m_status.method == SignInMethod::Idc ? QStringLiteral("Enterprise") : QStringLiteral("BuilderId");
    if (m_status.method == SignInMethod::Idc)
        c.extra.insert(QStringLiteral("startUrl"), m_startUrl);
    c.email = TokenClaims::email({token.value(QStringLiteral("idToken")).toString(), c.accessToken});
    return c;
}

void DeviceCodeFlow::stopWork()
{
    m_pollTimer.stop();
    m_http->abortAll();
}

} // namespace kt
