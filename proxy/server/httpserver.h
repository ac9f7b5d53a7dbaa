#pragma once
// The HTTP/1.x server: accepts connections within the open-file budget and hands every complete
// request to a single handler, through one ClientConnection per socket (limits, keep-alive, Expect,
// one request at a time). Qt 6.4's QHttpServer is not used: it parsed each request a second time
// behind ClientConnection, and scanned every connection it had made on each accept.
#include "server/clientconnection.h"

#include <QHostAddress>
#include <QObject>

class QTcpServer;

namespace kt {

class HttpServer : public QObject
{
    Q_OBJECT
public:
    explicit HttpServer(const ConnectionLimits &limits, QObject *parent = nullptr);
    ~HttpServer() override;

    void setHandler(RequestHandler handler) { m_handler = std::move(handler); }
    const RequestHandler &handler() const { return m_handler; }
    // Consulted for requests that wait for 100 Continue, before their body is read.
    void setHeadCheck(HeadCheck check) { m_headCheck = std::move(check); }
    const HeadCheck &headCheck() const { return m_headCheck; }
    // Returns an error message, empty on success.
    QString listenOn(const QHostAddress &address, quint16 port);
    // Opening the port is split from serving it so that it can happen before the slow set-up
    // (the storage): connections that arrive meanwhile
    // wait in the listen backlog until serve(). Returns nullptr and sets *error on failure.
    static QTcpServer *openListener(const QHostAddress &address, quint16 port, const ConnectionLimits &limits, QString *error);
    void serve(QTcpServer *listener);   // takes ownership
    quint16 port() const { return m_port; }
    // Client connections beyond maxConnections (0 = no limit), or on a descriptor at or above
    // descriptorCeiling (0 = none), get 503 overloaded_error instead of failing half-way.
    void setConnectionBudget(int maxConnections, qint64 descriptorCeiling);
    void admit(QTcpSocket *socket, ClientConnection *connection);   // each accepted connection
    void stopListening();

private:
    RequestHandler m_handler;
    HeadCheck m_headCheck;
    ConnectionLimits m_limits;
    quint16 m_port = 0;
    int m_maxConnections = 0;
    qint64 m_descriptorCeiling = 0;
    int m_connections = 0;
    int m_refusing = 0;   // connections waiting for their 503
    static constexpr int MaxRefusingAtOnce = 8;
    static constexpr int DefaultMaxPending = 30;   // QTcpServer's default (connections are never left pending)
    QTcpServer *m_tcp = nullptr;
};

} // namespace kt
