#include "server/httpserver.h"

#include "server/bodylimitguard.h"

#include <QTcpServer>
#include <QTcpSocket>

namespace kt {

namespace {

class GuardedTcpServer : public QTcpServer
{
public:
    GuardedTcpServer(qint64 maxBodyBytes, QObject *parent) : QTcpServer(parent), m_maxBodyBytes(maxBodyBytes) {}

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
        new BodyLimitGuard(socket, m_maxBodyBytes);
        addPendingConnection(socket);
    }

private:
    qint64 m_maxBodyBytes;
};

} // namespace

HttpServer::HttpServer(qint64 maxBodyBytes, QObject *parent)
    : QAbstractHttpServer(parent), m_maxBodyBytes(maxBodyBytes)
{
}

HttpServer::~HttpServer() = default;

QString HttpServer::listenOn(const QHostAddress &address, quint16 port)
{
    QString error;
    QTcpServer *listener = openListener(address, port, m_maxBodyBytes, &error);
    if (!listener)
        return error;
    serve(listener);
    return {};
}

QTcpServer *HttpServer::openListener(const QHostAddress &address, quint16 port, qint64 maxBodyBytes, QString *error)
{
    auto *tcp = new GuardedTcpServer(maxBodyBytes, nullptr);
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
    if (auto *guard = socket->findChild<BodyLimitGuard *>())
        guard->requestCompleted();
    if (m_handler)
        m_handler(request, makeResponder(request, socket));
    return true;
}

void HttpServer::missingHandler(const QHttpServerRequest &, QTcpSocket *)
{
    // Unreachable: handleRequest() takes every request.
}

} // namespace kt
