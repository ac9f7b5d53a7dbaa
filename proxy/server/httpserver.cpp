#include "server/httpserver.h"

#include "server/clientconnection.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

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
        // A connection accepted before serve() (the listener opened early) is not parented yet.
        auto *http = qobject_cast<HttpServer *>(parent());
        auto *connection = new ClientConnection(socket, m_limits, http ? http->headCheck() : HeadCheck(),
                                                http ? http->handler() : RequestHandler());
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        if (http)
            http->admit(socket, connection);
    }

private:
    ConnectionLimits m_limits;
};

} // namespace

HttpServer::HttpServer(const ConnectionLimits &limits, QObject *parent)
    : QObject(parent), m_limits(limits)
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
    // Qt's default of 50 resets clients of a burst (an agent fanning out) while the proxy is busy.
    tcp->setListenBacklogSize(limits.listenBacklog);
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
    // Out of descriptors, accept() fails and Qt stops accepting for good: try again shortly (the
    // client waits in the listen backlog meanwhile).
    connect(listener, &QTcpServer::acceptError, listener, [listener] {
        QTimer::singleShot(100, listener, [listener] { listener->resumeAccepting(); });
    });
}

void HttpServer::setConnectionBudget(int maxConnections, qint64 descriptorCeiling)
{
    m_maxConnections = maxConnections;
    m_descriptorCeiling = descriptorCeiling;
}

void HttpServer::admit(QTcpSocket *socket, ClientConnection *connection)
{
    const bool over = (m_maxConnections > 0 && m_connections >= m_maxConnections)
        || (m_descriptorCeiling > 0 && socket->socketDescriptor() >= m_descriptorCeiling);
    int &count = over ? m_refusing : m_connections;
    ++count;
    connect(socket, &QObject::destroyed, this, [this, &count] {
        --count;
        if (m_tcp && m_tcp->maxPendingConnections() == 0 && m_refusing < MaxRefusingAtOnce) {
            m_tcp->setMaxPendingConnections(DefaultMaxPending);
            m_tcp->resumeAccepting();
        }
    });
    if (!over)
        return;
    connection->refuseNextRequest({503, QStringLiteral("overloaded_error"),
                                   QStringLiteral("too many open connections for this process's open-file limit; retry shortly")},
                                  {{"Retry-After", "1"}});
    // Refused connections hold descriptors too, until their answer is read: beyond a few, the
    // rest wait in the listen backlog (QTcpServer accepts nothing more while none may be pending).
    if (m_refusing >= MaxRefusingAtOnce && m_tcp)
        m_tcp->setMaxPendingConnections(0);
}

void HttpServer::stopListening()
{
    if (m_tcp)
        m_tcp->close();
}

} // namespace kt
