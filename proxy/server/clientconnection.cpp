#include "server/clientconnection.h"

#include "server/httpresponse.h"
#include "server/socketpeek.h"

#include <QTcpSocket>
#include <limits>

namespace kt {

namespace {
constexpr qsizetype MaxHeaderBytes = 64 * 1024;
constexpr int LingerMs = 2000;   // after a refusal: how long what the client still sends is read and dropped
}

ClientConnection::ClientConnection(QTcpSocket *socket, const ConnectionLimits &limits, HeadCheck check)
    : QObject(socket), m_socket(socket), m_limits(limits), m_check(std::move(check))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ClientConnection::onTimeout);
    // Connected before QHttpServer connects its own slot, so this runs first and sees each
    // fragment before the parser does.
    connect(socket, &QTcpSocket::readyRead, this, &ClientConnection::onReadyRead);
    socket->setReadBufferSize(1);   // the first byte tells whether this is HTTP at all
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
        if (m_socket->isTransactionStarted())
            m_socket->commitTransaction();
        m_socket->readAll();   // dropped: the answer is given
        return;
    }
    // QHttpServer keeps a request's earlier fragments in the socket's buffer (a read
    // transaction) until the request is complete: what is available here is what just arrived.
    const qint64 fresh = m_socket->bytesAvailable();
    if (fresh <= 0)
        return;
    m_passed += fresh;
    switch (m_state) {
    case State::Body:
        if (m_passed >= m_total)
            enterResponding();
        return;
    case State::Responding:
        // The next request's first byte: it stays in the one-byte buffer, and so holds back the
        // rest, until this response is complete.
        m_head += m_socket->peek(fresh);
        return;
    case State::Idle:
        m_state = State::Head;
        arm(m_limits.headerTimeoutMs);
        [[fallthrough]];
    default:
        m_head += m_socket->peek(fresh);
        readHead();
    }
}

void ClientConnection::readHead()
{
    const QByteArray ahead = peekReceived(m_socket, MaxHeaderBytes - m_head.size());
    RequestHead head;
    QString problem;
    const RequestHead::Scan scan = RequestHead::scan(m_head + ahead, &head, &problem);
    if (scan == RequestHead::Scan::Invalid)
        return refuse(ApiError::invalidRequest(problem));
    if (scan == RequestHead::Scan::Incomplete) {
        if (m_head.size() + ahead.size() >= MaxHeaderBytes)
            return refuse(ApiError::tooLarge(QStringLiteral("request headers exceed 64 KiB")));
        m_socket->setReadBufferSize(m_passed + qMax<qint64>(1, ahead.size()));
        return;
    }
    const bool bodyStarted = m_head.size() + ahead.size() > head.length;
    m_request = head;
    m_head.clear();
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
    if (m_passed >= m_total)
        return enterResponding();
    m_state = State::Body;
    m_socket->setReadBufferSize(m_total);
    if (m_limits.minBodyBytesPerSecond > 0) {
        const qint64 ms = m_limits.headerTimeoutMs + head.contentLength * 1000 / m_limits.minBodyBytesPerSecond;
        arm(int(qMin<qint64>(ms, std::numeric_limits<int>::max())));
    } else {
        m_timer.stop();
    }
}

void ClientConnection::enterResponding()
{
    m_state = State::Responding;
    m_passed = 0;
    m_timer.stop();
    m_socket->setReadBufferSize(1);
}

bool ClientConnection::requestDispatched()
{
    if (m_state == State::Closing)
        return false;
    if (m_state != State::Responding)
        enterResponding();   // the parser found the end of a request first: trust it
    return true;
}

void ClientConnection::responseComplete()
{
    if (m_state != State::Responding)
        return;
    if (m_closeAfterResponse || !m_request.keepAlive())
        return closeGracefully();
    m_request = RequestHead();
    if (m_head.isEmpty()) {
        m_state = State::Idle;
        arm(m_limits.idleTimeoutMs);
        return;
    }
    m_state = State::Head;   // a pipelined request is waiting
    arm(m_limits.headerTimeoutMs);
    readHead();
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
    // Nothing more reaches the parser: what it holds of this request and what just arrived go.
    if (m_socket->isTransactionStarted())
        m_socket->commitTransaction();
    m_socket->readAll();
    m_socket->setReadBufferSize(MaxHeaderBytes);
    m_head.clear();
    m_state = State::Responding;
    m_closeAfterResponse = true;
    writeError(m_socket, error, headers);   // ends in responseComplete(), which closes
}

void ClientConnection::closeGracefully()
{
    m_state = State::Closing;
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
