#pragma once
// One small JSON request to the Kiro backend on a pooled QNetworkAccessManager, with a deadline:
// the plumbing shared by the usage-limit reads and the overage switch.
#include <QByteArray>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QString>

#include <functional>

class QObject;

namespace kt {

class NetworkManagerPool;

struct JsonReply {
    int httpStatus = 0;        // 0: transport failure or timeout
    bool timedOut = false;
    QJsonObject json;          // the body when it is a JSON object (at most 256 KiB read)
    QString transportError;    // when httpStatus is 0 and not timed out
    QString upstreamMessage() const { return json.value(QLatin1String("message")).toString().left(200); }
};

namespace JsonExchange {

// body empty: GET; otherwise POST. done runs in context's thread, and not at all if context dies first.
void send(NetworkManagerPool *network, const QNetworkRequest &request, const QByteArray &body, int timeoutMs,
          QObject *context, std::function<void(const JsonReply &)> done);

} // namespace JsonExchange
} // namespace kt
