#include "service/loginrunner.h"

#include "service/proxyservice.h"

#include <QJsonDocument>
#include <QNetworkReply>

namespace kt {

namespace {

constexpr int ProbeTimeoutMs = 3000;
constexpr int RemotePollSeconds = 1;

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QString errorMessage(QNetworkReply *reply, const QByteArray &body)
{
    const QString message = QJsonDocument::fromJson(body).object().value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    return message.isEmpty() ? QStringLiteral("HTTP %1 %2").arg(status).arg(reply->errorString()) : message;
}

} // namespace

LoginRunner::LoginRunner(const ProxySetup &setup, const SignInRequest &request, QObject *parent)
    : QObject(parent), m_config(setup.config), m_secrets(setup.secrets), m_request(request)
{
    m_poll.setInterval(RemotePollSeconds * m_config.signInSecondMs);
    connect(&m_poll, &QTimer::timeout, this, &LoginRunner::pollRemote);
}

LoginRunner::~LoginRunner() = default;

QNetworkRequest LoginRunner::apiRequest(const QString &path) const
{
    QString host = m_config.host;
    if (host == QLatin1String("0.0.0.0") || host.isEmpty())
        host = QStringLiteral("127.0.0.1");
    else if (host == QLatin1String("::"))
        host = QStringLiteral("::1");
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(host);
    url.setPort(m_config.port);
    url.setPath(path);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
    request.setRawHeader("x-api-key", (m_config.adminApiKey.isEmpty() ? m_config.apiKey : m_config.adminApiKey).toUtf8());
    request.setTransferTimeout(ProbeTimeoutMs);
    return request;
}

void LoginRunner::start()
{
    if (const QString problem = m_request.problem(); !problem.isEmpty())
        return Q_EMIT failed(problem);
    QNetworkReply *probe = m_nam.get(apiRequest(QStringLiteral("/api/status")));
    connect(probe, &QNetworkReply::finished, this, [this, probe] {
        probe->deleteLater();
        const int status = probe->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = probe->readAll();
        if (status == 0)
            return runLocally();   // nothing answers there: this process signs in on the data directory
        if (status != 200)
            return Q_EMIT failed(QStringLiteral("KiroTray is running at %1 but refused the management API: %2")
                                     .arg(probe->url().toString(QUrl::RemovePath), errorMessage(probe, body)));
        startRemotely();
    });
}

void LoginRunner::startRemotely()
{
    m_remote = true;
    QJsonObject body{{QStringLiteral("method"), signInMethodName(m_request.method)}};
    if (m_request.method == SignInMethod::Idc) {
        body.insert(QStringLiteral("startUrl"), m_request.startUrl);
        body.insert(QStringLiteral("region"), m_request.region);
    }
    if (m_request.accountId)
        body.insert(QStringLiteral("accountId"), double(*m_request.accountId));
    QNetworkRequest request = apiRequest(QStringLiteral("/api/auth/login"));
    request.setTransferTimeout(m_config.upstreamConnectTimeoutMs + ProbeTimeoutMs);
    QNetworkReply *reply = m_nam.post(request, compact(body));
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const QByteArray payload = reply->readAll();
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200)
            return Q_EMIT failed(errorMessage(reply, payload));
        const SignInStatus status = SignInStatus::fromJson(QJsonDocument::fromJson(payload).object());
        m_loginId = status.loginId;
        onStatus(status);
        m_poll.start();
    });
}

void LoginRunner::pollRemote()
{
    QNetworkReply *reply = m_nam.get(apiRequest(QStringLiteral("/api/auth/login/") + m_loginId));
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const QByteArray payload = reply->readAll();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 200)
            return onStatus(SignInStatus::fromJson(QJsonDocument::fromJson(payload).object()));
        if (status != 0) {   // the instance forgot it (restarted): nothing left to wait for
            m_poll.stop();
            Q_EMIT failed(errorMessage(reply, payload));
        }
    });
}

void LoginRunner::runLocally()
{
    m_local = std::make_unique<ProxyService>(m_config, m_secrets);
    connect(m_local.get(), &ProxyService::signInStarted, this, [this](int, const SignInStatus &status, const QString &error) {
        if (!error.isEmpty())
            return Q_EMIT failed(error);
        m_loginId = status.loginId;
        onStatus(status);
    });
    connect(m_local.get(), &ProxyService::signInChanged, this, [this](const SignInStatus &status) {
        if (status.loginId == m_loginId)
            onStatus(status);
    });
    connect(m_local.get(), &ProxyService::signInError, this, [this](const QString &loginId, const QString &error) {
        if (loginId == m_loginId && !m_done)
            Q_EMIT pasteRefused(error);
    });
    m_local->startSignIn(0, m_request);
}

void LoginRunner::onStatus(const SignInStatus &status)
{
    if (m_done)
        return;
    if (status.state == SignInState::Pending && (!status.userCode.isEmpty() || !status.authorizeUrl.isEmpty()) && !m_prompted) {
        m_prompted = true;
        Q_EMIT prompted(status);
    }
    if (status.isFinished()) {
        m_done = true;
        m_poll.stop();
        Q_EMIT finished(status);
    }
}

void LoginRunner::complete(const QString &address)
{
    if (m_loginId.isEmpty() || m_done)
        return;
    if (m_local)
        return m_local->completeSignIn(m_loginId, QUrl(address.trimmed()));
    QNetworkReply *reply = m_nam.post(apiRequest(QStringLiteral("/api/auth/login/%1/complete").arg(m_loginId)),
                                      compact({{QStringLiteral("redirectUrl"), address.trimmed()}}));
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const QByteArray payload = reply->readAll();
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200)
            return Q_EMIT pasteRefused(errorMessage(reply, payload));
        onStatus(SignInStatus::fromJson(QJsonDocument::fromJson(payload).object()));
    });
}

void LoginRunner::cancel()
{
    if (m_loginId.isEmpty() || m_done)
        return;
    if (m_local)
        return m_local->cancelSignIn(m_loginId);
    QNetworkRequest request = apiRequest(QStringLiteral("/api/auth/login/") + m_loginId);
    m_nam.deleteResource(request);
}

} // namespace kt
