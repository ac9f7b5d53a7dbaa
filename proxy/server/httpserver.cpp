#include "server/httpserver.h"

#include "server/clientconnection.h"

#include <QTcpServer>
#include <QTcpSocket>

namespace kt {

namespace {

class GuardedTcpServer : public QTcpServer
{
public:
    GuardedTcpServer(const ConnectionLimits &limits, QObject *parent) : QTcpServer(parent), m_limits(limits) {}

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        // Every SSE event is written as soon as it is decoded: Nagle would hold it back until the
        // previous segment is acknowledged.
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        const auto *http = qobject_cast<HttpServer *>(parent());
        new ClientConnection(socket, m_limits, http ? http->headCheck() : HeadCheck());
        addPendingConnection(socket);
    }

private:
    ConnectionLimits m_limits;
};

} // namespace

HttpServer::HttpServer(const ConnectionLimits &limits, QObject *parent)
    : QAbstractHttpServer(parent), m_limits(limits)
{
}

HttpServer::~HttpServer() = default;

QString HttpServer::listenOn(const QHostAddress &address, quint16 port)
{
    QString error;
    QTcpServer *listener = openListener(address, port, m_limits, &error);
    if (!listener)
        return error;
    serve(listener);
    return {};
}

QTcpServer *HttpServer::openListener(const QHostAddress &address, quint16 port, const ConnectionLimits &limits, QString *error)
{
    auto *tcp = new GuardedTcpServer(limits, nullptr);
    if (!tcp->listen(address, port)) {
        if (error)
            *error = tcp->errorString();
        delete tcp;
        return nullptr;
    }
    return tcp;
}

void HttpServer::serve(QTcpServer *listener)
{
    listener->setParent(this);
    m_tcp = listener;
    m_port = listener->serverPort();
    bind(listener);
}

void HttpServer::stopListening()
{
    if (m_tcp)
        m_tcp->close();
}

bool HttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    if (auto *connection = ClientConnection::of(socket); connection && !connection->requestDispatched())
        return true;
    if (m_handler)
        m_handler(request, makeResponder(request, socket));
    return true;
}

void HttpServer::missingHandler(const QHttpServerRequest &, QTcpSocket *)
{
    // Unreachable: handleRequest() takes every request.
}

} // namespace kt
