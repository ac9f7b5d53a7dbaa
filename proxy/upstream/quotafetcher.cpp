#include "upstream/quotafetcher.h"

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

QuotaFetcher::QuotaFetcher(const Config &config, NetworkManagerPool *network, QObject *parent)
    : QObject(parent), m_config(config), m_network(network)
{
}

void QuotaFetcher::fetch(const Credential &credential, const QString &accessToken, const QString &machineId,
                         std::function<void(const QuotaFetchResult &)> done)
{
    const QNetworkRequest request = KiroRequests::usageLimits(m_config, credential, accessToken, machineId);
    QNetworkAccessManager *manager = m_network->acquire();
    QNetworkReply *reply = manager->get(request);
    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, reply, [reply, timer] {
        timer->setProperty("expired", true);
        reply->abort();
    });
    timer->start(m_config.upstreamConnectTimeoutMs > 0 ? m_config.upstreamConnectTimeoutMs : 30000);
    QPointer<NetworkManagerPool> network(m_network);
    connect(reply, &QNetworkReply::finished, this, [reply, manager, network, timer, done = std::move(done)] {
        const bool expired = timer->property("expired").toBool();
        timer->stop();
        if (network)
            network->release(manager);
        reply->deleteLater();
        QuotaFetchResult r;
        r.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->readAll().left(256 * 1024);
        const QJsonObject json = QJsonDocument::fromJson(body).object();
        if (r.httpStatus == 200) {
            r.quota = QuotaInfo::fromUsageLimits(json, Clock::current().now());
            r.ok = r.quota.known;
            r.error = r.quota.error;
        } else if (r.httpStatus == 0) {
            r.error = expired ? QStringLiteral("the usage service did not answer in time")
                              : QStringLiteral("cannot reach the usage service: %1").arg(reply->errorString());
        } else {
            r.upstreamMessage = json.value(QStringLiteral("message")).toString().left(200);
            r.error = QStringLiteral("the usage service answered %1%2")
                          .arg(r.httpStatus)
                          .arg(r.upstreamMessage.isEmpty() ? QString() : QStringLiteral(": ") + r.upstreamMessage);
        }
        done(r);
    });
}

} // namespace kt
