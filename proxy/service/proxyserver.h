#pragma once
// The local Anthropic-compatible HTTP API: guards every request (Host, Origin, API key), routes
// /v1/* and /api/*, and runs each POST /v1/messages as a MessagesExchange. Lives on the proxy thread.
#include "config/config.h"
#include "service/requestrecord.h"

#include <QHttpServerRequest>
#include <QObject>
#include <QPointer>
#include <memory>

class QTcpSocket;

namespace kt {

class AccountPool;
class HttpServer;
class MessagesExchange;
class NetworkManagerPool;
class RequestGuard;

class ProxyServer : public QObject
{
    Q_OBJECT
public:
    explicit ProxyServer(const Config &config, QObject *parent = nullptr);
    ~ProxyServer() override;

    QString start();     // starts listening; returns an error message, empty on success
    void stop();         // stops listening and ends in-flight requests
    bool isListening() const { return m_port != 0; }
    quint16 port() const { return m_port; }
    const Config &config() const { return m_config; }
    AccountPool *accounts() const { return m_accounts; }
    int inFlight() const;

Q_SIGNALS:
    void requestFinished(const kt::RequestRecord &record);

private:
    void handle(const QHttpServerRequest &request, QTcpSocket *socket);
    void handleMessages(const QHttpServerRequest &request, QTcpSocket *socket, RequestRecord record);
    void handleCountTokens(const QHttpServerRequest &request, QTcpSocket *socket, RequestRecord &record);
    void handleModels(const QHttpServerRequest &request, QTcpSocket *socket, RequestRecord &record);
    void complete(const RequestRecord &record);
    QList<QPair<QByteArray, QByteArray>> responseHeaders(const QHttpServerRequest &request) const;

    Config m_config;
    HttpServer *m_http = nullptr;
    NetworkManagerPool *m_network;
    AccountPool *m_accounts;
    std::unique_ptr<RequestGuard> m_guard;
    QList<QPointer<MessagesExchange>> m_exchanges;
    quint16 m_port = 0;
};

} // namespace kt
