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
    auto *tcp = new GuardedTcpServer(m_maxBodyBytes, this);
    if (!tcp->listen(address, port)) {
        const QString error = tcp->errorString();
        delete tcp;
        return error;
    }
    m_tcp = tcp;
    m_port = tcp->serverPort();
    bind(tcp);
    return {};
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
