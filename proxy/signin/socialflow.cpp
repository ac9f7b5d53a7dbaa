#include "signin/socialflow.h"

#include "config/config.h"
#include "signin/loopbackreceiver.h"
#include "signin/signinhttp.h"
#include "signin/tokenclaims.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QUrl>

namespace kt {

namespace {

const QString KiroAuthRegion = QStringLiteral("us-east-1");

QString randomToken(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->generate(raw.begin(), raw.end());
    return QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

bool isLoopback(const QUrl &url)
{
    return url.scheme() == QLatin1String("http")
        && (url.host() == QLatin1String("127.0.0.1") || url.host() == QLatin1String("localhost"));
}

} // namespace

SocialFlow::SocialFlow(const Config &config, NetworkManagerPool *network, SignInStatus status, QObject *parent)
    : SignInFlow(config, std::move(status), parent)
    , m_http(new SignInHttp(network, config.upstreamConnectTimeoutMs, this))
{
}

QString SocialFlow::challengeFor(const QString &verifier)
{
    return QString::fromLatin1(QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

void SocialFlow::start()
{
    m_verifier = randomToken(32);
    m_state = randomToken(16);
    QString redirect = m_config.socialRedirectUri;
    const QUrl templ(QString(redirect).replace(QLatin1String("{port}"), QLatin1String("1")));
    if (isLoopback(templ)) {
        m_receiver = new LoopbackReceiver(this);
        const quint16 fixedPort = redirect.contains(QLatin1String("{port}")) ? 0 : quint16(QUrl(redirect).port(80));
        if (const QString problem = m_receiver->listen(fixedPort, templ.path()); !problem.isEmpty())
            return finish(SignInState::Failed, problem);
        m_receiver->setVerdict([this](const QUrlQuery &q) { return accept(q); });
        redirect.replace(QLatin1String("{port}"), QString::number(m_receiver->port()));
    } else {
        m_status.redirectPaste = true;
    }
    m_redirectUri = redirect;
    QUrl url = m_config.socialAuthUrl(KiroAuthRegion, QStringLiteral("login"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("idp"), m_status.method == SignInMethod::Github ? QStringLiteral("Github") : QStringLiteral("Google"));
    query.addQueryItem(QStringLiteral("redirect_uri"), QString::fromLatin1(QUrl::toPercentEncoding(m_redirectUri)));
    query.addQueryItem(QStringLiteral("code_challenge"), challengeFor(m_verifier));
    query.addQueryItem(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
    query.addQueryItem(QStringLiteral("state"), m_state);
    query.addQueryItem(QStringLiteral("prompt"), QStringLiteral("select_account"));
    url.setQuery(query);
    m_status.authorizeUrl = url.toString(QUrl::FullyEncoded);
    m_status.expiresAt = QDateTime::currentDateTimeUtc().addSecs(LoginWindowSeconds);
    setDeadline(LoginWindowSeconds);
    prompt();
}

QString SocialFlow::complete(const QUrl &redirect)
{
    if (m_status.isFinished())
        return QStringLiteral("this sign-in has already ended");
    if (!redirect.isValid() || !redirect.hasQuery())
        return QStringLiteral("that is not the address the login page ended on (it carries ?code=...&state=...)");
    return accept(QUrlQuery(redirect));
}

QString SocialFlow::accept(const QUrlQuery &query)
{
    if (m_status.isFinished() || m_exchanging)
        return QStringLiteral("This sign-in has already been received.");
    if (query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded) != m_state)
        return QStringLiteral("This sign-in link does not belong to the sign-in KiroTray is waiting for (state mismatch).");
    const QString error = query.queryItemValue(QStringLiteral("error"), QUrl::FullyDecoded);
    if (!error.isEmpty()) {
        const QString detail = query.queryItemValue(QStringLiteral("error_description"), QUrl::FullyDecoded).left(200);
        finish(error == QLatin1String("access_denied") ? SignInState::Denied : SignInState::Failed,
               QStringLiteral("the login page answered %1%2").arg(error.left(60), detail.isEmpty() ? QString() : QStringLiteral(": ") + detail));
        return QStringLiteral("The sign-in did not complete: %1").arg(error.left(60));
    }
    const QString code = query.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
    if (code.isEmpty())
        return QStringLiteral("The address carries no code.");
    exchange(code);
    return {};
}

void SocialFlow::exchange(const QString &code)
{
    m_exchanging = true;
    if (m_receiver)
        m_receiver->close();
    const QJsonObject body{{QStringLiteral("code"), code}, {QStringLiteral("code_verifier"), m_verifier},
                           {QStringLiteral("redirect_uri"), m_redirectUri}};
    m_http->post(m_config.socialAuthUrl(KiroAuthRegion, QStringLiteral("oauth/token")), body, [this](const SignInHttpResult &r) {
        const QString access = r.json.value(QStringLiteral("accessToken")).toString();
        const QString refresh = r.json.value(QStringLiteral("refreshToken")).toString();
        if (r.status != 200 || access.isEmpty() || refresh.isEmpty()) {
            const QString why = r.status == 200 ? QStringLiteral("no accessToken/refreshToken in the answer") : r.describe();
            return finish(SignInState::Failed, QStringLiteral("Kiro did not exchange the sign-in code (%1)").arg(why));
        }
        Credential c;
        c.authMethod = AuthMethod::Social;
        c.accessToken = access;
        c.refreshToken = refresh;
        c.profileArn = r.json.value(QStringLiteral("profileArn")).toString();
        const int expiresIn = r.json.value(QStringLiteral("expiresIn")).toInt(0);
        c.expiresAt = QDateTime::currentDateTimeUtc().addSecs(expiresIn > 0 ? expiresIn : 3600);
        c.authRegion = KiroAuthRegion;
        c.provider = m_status.method == SignInMethod::Github ? QStringLiteral("Github") : QStringLiteral("Google");
        c.email = TokenClaims::email({r.json.value(QStringLiteral("idToken")).toString(), access});
        deliver(c);
    });
}

void SocialFlow::stopWork()
{
    if (m_receiver)
        m_receiver->close();
    m_http->abortAll();
}

} // namespace kt
