#pragma once
// The /v1 routes once a request passed the guards: POST /v1/messages, /v1/chat/completions and
// /v1/responses each run as a MessagesExchange; /v1/messages/count_tokens and GET /v1/models[/{id}]
// are answered here. Keeps the exchanges in flight, and trims the heap once none has been for a while.
#include "anthropic/requestconverter.h"
#include "server/httprequest.h"
#include "server/httpresponse.h"
#include "storage/requestrecord.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <functional>
#include <variant>

class QTcpSocket;

namespace kt {

class MessagesExchange;
class ProxyCore;

class V1Router : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const RequestRecord &record)>;   // once the answer is complete

    explicit V1Router(ProxyCore &core, QObject *parent = nullptr);
    void route(const HttpRequest &request, QTcpSocket *socket, RequestRecord record, const HttpHeaders &headers, Done done);
    void shutdown();   // ends every exchange in flight
    int inFlight() const;

private:
    void messages(const HttpRequest &request, QTcpSocket *socket, RequestRecord record, const HttpHeaders &headers, Done done);
    void countTokens(const HttpRequest &request, QTcpSocket *socket, RequestRecord &record, const HttpHeaders &headers);
    void models(QTcpSocket *socket, RequestRecord &record, const HttpHeaders &headers);
    // The pool's model for the body's "model" (no model when it is absent or not a string: the validator
    // says why). promptTooLongPercent: ConversionOptions' early refusal of long prompts (0: never).
    std::variant<ConversionOptions, ApiError> conversionOptions(const QJsonObject &body, int promptTooLongPercent) const;

    ProxyCore &m_core;
    QHash<MessagesExchange *, QPointer<MessagesExchange>> m_exchanges;   // in flight (a hash: each finish is O(1))
    static constexpr int TrimAfterIdleMs = 2000;
    QTimer m_trimTimer;   // once no request has been in flight for a while: releaseFreeMemory()
};

} // namespace kt
