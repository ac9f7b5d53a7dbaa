#include "server/clientconnection.h"

#include "server/httpresponse.h"
#include "server/socketshutdown.h"
#include "util/readavailable.h"

#include <QTcpSocket>
#include <limits>

namespace kt {

namespace {
constexpr qsizetype MaxHeaderBytes = 64 * 1024;
constexpr qint64 ReadChunkBytes = 64 * 1024;   // the most the socket buffers ahead of what was read
constexpr int LingerMs = 2000;   // after a refusal: how long what the client still sends is read and dropped
}

ClientConnection::ClientConnection(QTcpSocket *socket, const ConnectionLimits &limits, HeadCheck check, RequestHandler handler)
    : QObject(socket), m_socket(socket), m_limits(limits), m_check(std::move(check)), m_handler(std::move(handler))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ClientConnection::onTimeout);
    connect(socket, &QTcpSocket::readyRead, this, &ClientConnection::onReadyRead);
    socket->setReadBufferSize(ReadChunkBytes);
    arm(m_limits.idleTimeoutMs);
}

ClientConnection *ClientConnection::of(QTcpSocket *socket)
{
    return socket ? socket->findChild<ClientConnection *>(QString(), Qt::FindDirectChildrenOnly) : nullptr;
}

QByteArray ClientConnection::connectionHeader() const
{
    if (m_closeAfterResponse || !m_request.keepAlive())
        return "Connection: close\r\n";
    return m_request.minorVersion == 0 ? "Connection: keep-alive\r\n" : QByteArray();
}

void ClientConnection::onReadyRead()
{
    if (m_state == State::Closing) {
        m_socket->skip(m_socket->bytesAvailable());   // dropped: the answer is given
        return;
    }
    readAvailable();
}

void ClientConnection::readAvailable()
{
    // While a response is written, a pipelined request's first byte holds back the rest.
    if (m_state == State::Responding || m_state == State::Closing)
        return;
    appendAvailable(*m_socket, m_received);
    if (m_received.isEmpty())
        return;
    if (m_state == State::Idle) {
        m_state = State::Head;
        arm(m_limits.headerTimeoutMs);
    }
    if (m_state == State::Head)
        readHead();
    if (m_state == State::Body && m_received.size() >= m_total)
        dispatch();
}

void ClientConnection::readHead()
{
    RequestHead head;
    QString problem;
    const RequestHead::Scan scan = RequestHead::scan(m_received, &head, &problem);
    if (scan == RequestHead::Scan::Invalid)
        return refuse(ApiError::invalidRequest(problem));
    if (scan == RequestHead::Scan::Incomplete) {
        if (m_received.size() >= MaxHeaderBytes)
            return refuse(ApiError::tooLarge(QStringLiteral("request headers exceed 64 KiB")));
        return;
    }
    const bool bodyStarted = m_received.size() > head.length;
    m_request = head;
    if (m_refusal)
        return refuse(*m_refusal, m_refusalHeaders);
    if (head.chunked)
        return refuse({411, QStringLiteral("invalid_request_error"),
                       QStringLiteral("request bodies must be sent with Content-Length (Transfer-Encoding is not supported)")});
    if (head.contentLength > m_limits.maxBodyBytes)
        return refuse(ApiError::tooLarge(QStringLiteral("request body of %1 bytes exceeds the limit of %2 bytes")
                                             .arg(head.contentLength).arg(m_limits.maxBodyBytes)));
    if (head.expectsContinue()) {
        if (auto refusal = m_check ? m_check(head) : std::nullopt)
            return refuse(*refusal);   // before the client sends its body
        if (head.contentLength > 0 && !bodyStarted) {
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
            m_socket->flush();
        }
    }
    m_total = head.length + head.contentLength;
    m_state = State::Body;
    if (m_received.size() >= m_total)
        return;   // readAvailable() dispatches it
    m_received.reserve(m_total);
    if (m_limits.minBodyBytesPerSecond > 0) {
        const qint64 ms = m_limits.headerTimeoutMs + head.contentLength * 1000 / m_limits.minBodyBytesPerSecond;
        arm(int(qMin<qint64>(ms, std::numeric_limits<int>::max())));
    } else {
        m_timer.stop();
    }
}

void ClientConnection::dispatch()
{
    m_state = State::Responding;
    m_timer.stop();
    m_socket->setReadBufferSize(1);
    QByteArray body;
    if (m_received.size() == m_total) {
        m_received.remove(0, m_request.length);
        body = std::exchange(m_received, QByteArray());
    } else {   // a pipelined request follows
        body = m_received.sliced(m_request.length, m_total - m_request.length);
        m_received.remove(0, m_total);
    }
    m_current = HttpRequest(m_request, std::move(body));
    if (m_handler)
        m_handler(m_current, m_socket);
}

void ClientConnection::responseComplete()
{
    if (m_state != State::Responding)
        return;
    if (m_closeAfterResponse || !m_request.keepAlive())
        return closeGracefully();
    m_request = RequestHead();
    m_state = State::Idle;
    arm(m_limits.idleTimeoutMs);
    m_socket->setReadBufferSize(ReadChunkBytes);
    // A pipelined request that is already here is read on the next turn, not inside the handler
    // that has just answered.
    if (!m_received.isEmpty() || m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &ClientConnection::readAvailable, Qt::QueuedConnection);
}

void ClientConnection::refuseNextRequest(const ApiError &error, const HttpHeaders &headers)
{
    m_refusal = error;
    m_refusalHeaders = headers;
    if (m_state == State::Idle)
        arm(m_limits.headerTimeoutMs);   // not the idle time: this connection only waits for its answer
}

void ClientConnection::refuse(const ApiError &error, const HttpHeaders &headers)
{
    if (m_state == State::Closing)
        return;
    // What has arrived of this request, and what follows it, is never read.
    m_received.clear();
    m_socket->skip(m_socket->bytesAvailable());
    m_state = State::Responding;
    m_closeAfterResponse = true;
    writeError(m_socket, error, headers);   // ends in responseComplete(), which closes
}

void ClientConnection::closeGracefully()
{
    m_state = State::Closing;
    m_socket->setReadBufferSize(ReadChunkBytes);
    arm(LingerMs);
    // Half-close once the answer is out, and keep reading: closing with unread bytes would make
    // the kernel send a reset, which can destroy the answer before the client has read it.
    const auto finish = [this] {
        if (m_socket->bytesToWrite() > 0)
            return false;
        shutdownSending(m_socket);
        return true;
    };
    if (!finish()) {
        auto drained = std::make_shared<QMetaObject::Connection>();
        *drained = connect(m_socket, &QTcpSocket::bytesWritten, this, [finish, drained] {
            if (finish())
                QObject::disconnect(*drained);
        });
    }
}

void ClientConnection::onTimeout()
{
    switch (m_state) {
    case State::Idle:
        return closeGracefully();
    case State::Head:
        return refuse({408, QStringLiteral("invalid_request_error"),
                       QStringLiteral("request headers not received within %1 ms").arg(m_limits.headerTimeoutMs)});
    case State::Body:
        return refuse({408, QStringLiteral("invalid_request_error"),
                       QStringLiteral("request body of %1 bytes not received in time (at least %2 bytes/s are required)")
                           .arg(m_request.contentLength).arg(m_limits.minBodyBytesPerSecond)});
    case State::Responding:
        return;
    case State::Closing:
        m_socket->abort();
        return;
    }
}

void ClientConnection::arm(int ms)
{
    if (ms > 0)
        m_timer.start(ms);
    else
        m_timer.stop();
}

} // namespace kt
