#include "upstream/modellistfetcher.h"

#include "accounts/credential.h"
#include "config/config.h"
#include "models/modellistparser.h"
#include "upstream/kirorequests.h"
#include "upstream/networkmanagerpool.h"
#include "util/clock.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QSet>
#include <QTimer>

namespace kt {

struct ModelListFetcher::Run {
    Credential credential;
    QString accessToken;
    QString machineId;
    QString nextToken;
    QSet<QString> seenTokens;
    ModelListResult result;
    std::function<void(const ModelListResult &)> done;
};

ModelListFetcher::ModelListFetcher(const Config &config, NetworkManagerPool *network, QObject *parent)
    : QObject(parent), m_config(config), m_network(network)
{
}

void ModelListFetcher::fetch(const Credential &credential, const QString &accessToken, const QString &machineId,
                             std::function<void(const ModelListResult &)> done)
{
    auto run = std::make_shared<Run>();
    run->credential = credential;
    run->accessToken = accessToken;
    run->machineId = machineId;
    run->done = std::move(done);
    fetchPage(run);
}

void ModelListFetcher::fetchPage(std::shared_ptr<Run> run)
{
    QByteArray body;
    const QNetworkRequest request = KiroRequests::listAvailableModels(m_config, run->credential, run->accessToken,
                                                                      run->machineId, run->nextToken, &body);
    QNetworkAccessManager *manager = m_network->acquire();
    QNetworkReply *reply = m_config.modelListForm == QLatin1String("rpc") ? manager->post(request, body) : manager->get(request);
    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, reply, [reply, timer] {
        timer->setProperty("expired", true);
        reply->abort();
    });
    timer->start(m_config.upstreamConnectTimeoutMs > 0 ? m_config.upstreamConnectTimeoutMs : 30000);
    QPointer<NetworkManagerPool> network(m_network);
    connect(reply, &QNetworkReply::finished, this, [this, reply, manager, network, timer, run] {
        const bool expired = timer->property("expired").toBool();
        timer->stop();
        if (network)
            network->release(manager);
        reply->deleteLater();
        ModelListResult &r = run->result;
        r.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray bytes = reply->readAll().left(4 * 1024 * 1024);
        if (r.httpStatus != 200) {
            if (r.httpStatus == 0) {
                r.error = expired ? QStringLiteral("the model list service did not answer in time")
                                  : QStringLiteral("cannot reach the model list service: %1").arg(reply->errorString());
            } else {
                r.upstreamMessage = QJsonDocument::fromJson(bytes).object().value(QStringLiteral("message")).toString().left(200);
                r.error = QStringLiteral("the model list service answered %1%2").arg(r.httpStatus)
                              .arg(r.upstreamMessage.isEmpty() ? QString() : QStringLiteral(": ") + r.upstreamMessage);
            }
            return run->done(r);
        }
        const ModelListPage page = ModelListParser::parse(bytes);
        if (!page.error.isEmpty()) {
            r.error = page.error;
            return run->done(r);
        }
        ++r.pages;
        for (const KiroModel &m : page.models) {
            if (!r.catalogue.find(m.id))
                r.catalogue.models.append(m);
        }
        if (r.catalogue.defaultModel.isEmpty())
            r.catalogue.defaultModel = page.defaultModel;
        // A repeated token would loop forever; the pages read so far are what the service offers.
        if (!page.nextToken.isEmpty() && !run->seenTokens.contains(page.nextToken) && r.pages < MaxPages) {
            run->seenTokens.insert(page.nextToken);
            run->nextToken = page.nextToken;
            return fetchPage(run);
        }
        r.ok = true;
        r.catalogue.fetchedAt = Clock::current().now();
        run->done(r);
    });
}

} // namespace kt
