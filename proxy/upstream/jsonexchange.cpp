#include "upstream/jsonexchange.h"

#include "upstream/networkmanagerpool.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QTimer>

namespace kt::JsonExchange {

void send(NetworkManagerPool *network, const QNetworkRequest &request, const QByteArray &body, int timeoutMs,
          QObject *context, std::function<void(const JsonReply &)> done)
{
    QNetworkAccessManager *manager = network->acquire();
    QNetworkReply *reply = body.isEmpty() ? manager->get(request) : manager->post(request, body);
    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, reply, [reply, timer] {
        timer->setProperty("expired", true);
        reply->abort();
    });
    timer->start(timeoutMs > 0 ? timeoutMs : 30000);
    QPointer<NetworkManagerPool> pool(network);
    QObject::connect(reply, &QNetworkReply::finished, context, [reply, manager, pool, timer, done = std::move(done)] {
        JsonReply r;
        r.timedOut = timer->property("expired").toBool();
        timer->stop();
        if (pool)
            pool->release(manager);
        reply->deleteLater();
        r.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.json = QJsonDocument::fromJson(reply->readAll().left(256 * 1024)).object();
        if (r.httpStatus == 0 && !r.timedOut)
            r.transportError = reply->errorString();
        done(r);
    });
}

} // namespace kt::JsonExchange
