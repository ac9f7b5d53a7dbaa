#include "signin/signinhttp.h"

#include "upstream/networkmanagerpool.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace kt {

QString SignInHttpResult::errorCode() const
{
    return json.value(QStringLiteral("error")).toString();
}

QString SignInHttpResult::describe() const
{
    if (status == 0)
        return networkError;
    QString detail = json.value(QStringLiteral("error_description")).toString();
    for (const char *key : {"message", "error"}) {
        if (detail.isEmpty())
            detail = json.value(QLatin1String(key)).toString();
    }
    detail = detail.left(200);
    return QStringLiteral("HTTP %1%2").arg(status).arg(detail.isEmpty() ? QString() : QStringLiteral(": ") + detail);
}

SignInHttp::SignInHttp(NetworkManagerPool *network, int timeoutMs, QObject *parent)
    : QObject(parent), m_network(network), m_timeoutMs(timeoutMs)
{
}

SignInHttp::~SignInHttp()
{
    abortAll();
}

void SignInHttp::post(const QUrl &url, const QJsonObject &body, std::function<void(const SignInHttpResult &)> done)
{
    if (!m_network || m_aborted)
        return;
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
    request.setRawHeader("Accept", "application/json");
    request.setTransferTimeout(m_timeoutMs);
    QNetworkAccessManager *manager = m_network->acquire();
    QNetworkReply *reply = manager->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    reply->setParent(this);
    QPointer<NetworkManagerPool> network = m_network;
    connect(reply, &QNetworkReply::finished, this, [this, reply, manager, network, done = std::move(done)] {
        if (network)
            network->release(manager);
        reply->deleteLater();
        if (m_aborted)
            return;
        SignInHttpResult r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray payload = reply->readAll();
        if (r.status == 0 || (reply->error() != QNetworkReply::NoError && payload.isEmpty() && r.status < 400)) {
            r.status = 0;
            r.networkError = reply->error() == QNetworkReply::OperationCanceledError
                ? QStringLiteral("the sign-in service did not answer in time")
                : QStringLiteral("cannot reach the sign-in service at %1: %2").arg(reply->url().host(), reply->errorString());
        } else {
            r.json = QJsonDocument::fromJson(payload).object();
        }
        done(r);
    });
}

void SignInHttp::abortAll()
{
    m_aborted = true;
    for (QNetworkReply *reply : findChildren<QNetworkReply *>(Qt::FindDirectChildrenOnly)) {
        if (reply->isRunning())
            reply->abort();
    }
}

} // namespace kt
