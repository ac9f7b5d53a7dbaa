#include "upstream/tokenrefresher.h"

#include "accounts/credential.h"
#include "config/config.h"
#include "upstream/kirorequests.h"
#include "upstream/networkmanagerpool.h"
#include "util/clock.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QTimer>

namespace kt {

namespace {

RefreshResult parseSuccess(const QByteArray &body, const QDateTime &now)
{
    RefreshResult r;
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    r.accessToken = o.value(QStringLiteral("accessToken")).toString();
    if (r.accessToken.isEmpty()) {
        r.error = QStringLiteral("the auth service answered without an accessToken");
        return r;
    }
    r.ok = true;
    r.refreshToken = o.value(QStringLiteral("refreshToken")).toString();
    r.profileArn = o.value(QStringLiteral("profileArn")).toString();
    const int expiresIn = o.value(QStringLiteral("expiresIn")).toInt(3600);
    r.expiresAt = now.addSecs(expiresIn > 0 ? expiresIn : 3600);
    return r;
}

QString describeFailure(int status, const QByteArray &body)
{
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    QString detail = o.value(QStringLiteral("error_description")).toString();
    if (detail.isEmpty())
        detail = o.value(QStringLiteral("message")).toString();
    if (detail.isEmpty())
        detail = o.value(QStringLiteral("error")).toString();
    detail = detail.left(200);
    return status ? QStringLiteral("HTTP %1%2").arg(status).arg(detail.isEmpty() ? QString() : QStringLiteral(": ") + detail)
                  : detail;
}

} // namespace

TokenRefresher::TokenRefresher(const Config &config, NetworkManagerPool *network, QObject *parent)
    : QObject(parent), m_config(config), m_network(network)
{
}

void TokenRefresher::refresh(const Credential &credential, const QString &machineId, std::function<void(RefreshResult)> done)
{
    const bool idc = credential.authMethod == AuthMethod::Idc;
    const QNetworkRequest request = idc ? KiroRequests::oidcToken(m_config, credential)
                                        : KiroRequests::socialRefresh(m_config, credential, machineId);
    const QByteArray body = idc ? KiroRequests::oidcTokenBody(credential) : KiroRequests::socialRefreshBody(credential);
    QNetworkAccessManager *manager = m_network->acquire();
    QNetworkReply *reply = manager->post(request, body);
    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    timer->setProperty("expired", false);
    connect(timer, &QTimer::timeout, reply, [reply, timer] {
        timer->setProperty("expired", true);
        reply->abort();
    });
    if (m_config.upstreamConnectTimeoutMs > 0)
        timer->start(m_config.upstreamConnectTimeoutMs);
    QPointer<NetworkManagerPool> network(m_network);
    connect(reply, &QNetworkReply::finished, this, [reply, manager, network, timedOut = timer, done = std::move(done)] {
        const bool expired = timedOut->property("expired").toBool();
        timedOut->stop();
        if (network)
            network->release(manager);
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray payload = reply->readAll();
        if (status == 200) {
            done(parseSuccess(payload, Clock::current().now()));
            return;
        }
        RefreshResult r;
        r.httpStatus = status;
        if (status == 0) {
            r.error = expired ? QStringLiteral("the auth service did not answer in time")
                              : QStringLiteral("cannot reach the auth service: %1").arg(reply->errorString());
        } else {
            r.error = describeFailure(status, payload);
            r.permanent = status == 401 || (status == 400 && payload.contains("invalid_grant"));
        }
        done(r);
    });
}

} // namespace kt
