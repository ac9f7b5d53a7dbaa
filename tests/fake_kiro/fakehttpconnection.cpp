#include "fakehttpconnection.h"

#include <QJsonObject>
#include <QTimer>

// Delays use Qt::PreciseTimer: coarse timers may fire up to 5 % early, which timing tests notice.

namespace kt::fake {

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 302: return "Found";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 402: return "Payment Required";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 413: return "Payload Too Large";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    default: return "Status";
    }
}

} // namespace

FakeHttpConnection::FakeHttpConnection(QTcpSocket *socket, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
{
    socket->setParent(this);
    // Events go out as they are made, as a streaming server does; with Nagle a kept-alive
    // connection would hold each small write until the client's delayed ACK (40 ms).
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(socket, &QTcpSocket::readyRead, this, &FakeHttpConnection::onReadyRead);
    connect(socket, &QTcpSocket::disconnected, this, &FakeHttpConnection::onDisconnected);
    if (socket->bytesAvailable() > 0)
        QTimer::singleShot(0, Qt::PreciseTimer, this, &FakeHttpConnection::onReadyRead);
}

FakeHttpConnection::~FakeHttpConnection()
{
    endReply();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void FakeHttpConnection::endReply()
{
    if (auto onEnd = std::exchange(m_reply.onEnd, {}))
        onEnd();
}

void FakeHttpConnection::onDisconnected()
{
    endReply();
    m_state = State::Done;
    if (!m_deleting) {
        m_deleting = true;
        deleteLater();
    }
}

void FakeHttpConnection::setKeepAlive(bool keepAlive, int maxRequests)
{
    m_keepAlive = keepAlive;
    m_maxRequests = maxRequests;
}

void FakeHttpConnection::onReadyRead()
{
    if (!m_socket)
        return;
    m_in += m_socket->readAll();   // kept while a response plays: the next request on a kept-alive connection
    takeRequest();
}

void FakeHttpConnection::takeRequest()
{
    if (m_state != State::ReadingHead && m_state != State::ReadingBody)
        return;
    if (m_state == State::ReadingHead && !parseHead())
        return;
    if (m_state != State::ReadingBody)
        return;
    if (m_chunkedRequest) {
        if (!parseChunkedBody())
            return;
        m_in.clear();
    } else {
        if (m_in.size() < m_contentLength)
            return;
        m_request.body = m_in.left(m_contentLength);
        m_in.remove(0, m_contentLength);
    }
    if (m_maxRequests > 0 && m_served >= m_maxRequests) {
        // Closed unanswered, as by a server whose idle timeout fired just as the request arrived.
        m_state = State::Done;
        m_socket->disconnectFromHost();
        return;
    }
    m_state = State::Responding;
    Q_EMIT requestReady(this, m_request);
}

bool FakeHttpConnection::parseHead()
{
    const qsizetype end = m_in.indexOf("\r\n\r\n");
    if (end < 0) {
        if (m_in.size() > MaxHeaderBytes)
            rejectRequest(431, "request head too large");
        return false;
    }
    const QList<QByteArray> lines = m_in.left(end).split('\n');
    m_in.remove(0, end + 4);

    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine[2].startsWith("HTTP/1.")) {
        rejectRequest(400, "malformed request line");
        return false;
    }
    m_request.method = requestLine[0];
    const QByteArray target = requestLine[1];
    const qsizetype q = target.indexOf('?');
    m_request.path = q < 0 ? target : target.left(q);
    m_request.query = q < 0 ? QByteArray() : target.mid(q + 1);

    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            rejectRequest(400, "malformed header line");
            return false;
        }
        m_request.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }

    m_chunkedRequest = m_request.header("transfer-encoding").toLower().contains("chunked");
    if (!m_chunkedRequest) {
        const QByteArray lengthText = m_request.header("content-length");
        bool ok = true;
        m_contentLength = lengthText.isEmpty() ? 0 : lengthText.toLongLong(&ok);
        if (!ok || m_contentLength < 0) {
            rejectRequest(400, "invalid Content-Length");
            return false;
        }
        if (m_contentLength > MaxBodyBytes) {
            rejectRequest(413, "request body too large");
            return false;
        }
    }
    if (m_request.header("expect").toLower() == "100-continue")
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    m_state = State::ReadingBody;
    return true;
}

bool FakeHttpConnection::parseChunkedBody()
{
    // Re-parses from the start on every read; request bodies are small enough in tests.
    QByteArray body;
    qsizetype pos = 0;
    for (;;) {
        const qsizetype lineEnd = m_in.indexOf("\r\n", pos);
        if (lineEnd < 0)
            return false;
        QByteArray sizeText = m_in.mid(pos, lineEnd - pos);
        if (const qsizetype semi = sizeText.indexOf(';'); semi >= 0)
            sizeText.truncate(semi);
        bool ok = false;
        const qint64 size = sizeText.trimmed().toLongLong(&ok, 16);
        if (!ok || size < 0 || body.size() + size > MaxBodyBytes) {
            rejectRequest(400, "invalid chunked request body");
            return false;
        }
        pos = lineEnd + 2;
        if (size == 0) {
            if (m_in.indexOf("\r\n", pos) < 0)   // trailers end with an empty line
                return false;
            m_request.body = body;
            return true;
        }
        if (m_in.size() < pos + size + 2)
            return false;
        body += m_in.mid(pos, size);
        pos += size + 2;
    }
}

void FakeHttpConnection::rejectRequest(int status, const QByteArray &message)
{
    m_state = State::Responding;
    m_closeAfterReply = true;   // the rest of the stream cannot be trusted to start a request
    respond(FakeReply::json(status, QJsonObject{{QStringLiteral("message"), QString::fromLatin1(message)}}), 0);
}

void FakeHttpConnection::respond(const FakeReply &reply, int chunkSize)
{
    if (!m_socket || m_state == State::Done)
        return;
    m_state = State::Responding;
    m_closeAfterReply = m_closeAfterReply || !m_keepAlive || m_request.header("connection").toLower().contains("close");
    m_reply = reply;
    m_chunkSize = chunkSize;
    m_nextStep = 0;
    if (m_reply.hangBeforeHead)
        return;
    if (m_reply.dropConnection) {
        endReply();
        m_state = State::Done;
        abortWhenFlushed();
        return;
    }
    if (m_reply.headDelayMs > 0) {
        QTimer::singleShot(m_reply.headDelayMs, Qt::PreciseTimer, this, [this] {
            writeHead();
            runSteps();
        });
        return;
    }
    writeHead();
    runSteps();
}

void FakeHttpConnection::writeHead()
{
    if (!m_socket || m_state == State::Done)
        return;
    QByteArray head = "HTTP/1.1 " + QByteArray::number(m_reply.status) + ' ' + reasonPhrase(m_reply.status) + "\r\n";
    head += "Content-Type: " + m_reply.contentType + "\r\n";
    head += "Transfer-Encoding: chunked\r\n";
    for (const auto &[name, value] : std::as_const(m_reply.headers))
        head += name + ": " + value + "\r\n";
    if (m_closeAfterReply)
        head += "Connection: close\r\n";
    head += "x-amzn-RequestId: fake-request-id\r\n\r\n";
    m_socket->write(head);
    m_socket->flush();
}

void FakeHttpConnection::runSteps()
{
    while (m_socket && m_state == State::Responding && m_nextStep < m_reply.steps.size()) {
        const FakeStep step = m_reply.steps.at(m_nextStep++);
        switch (step.kind) {
        case FakeStep::Kind::Data:
            writeBodyData(step.data);
            break;
        case FakeStep::Kind::Generated:
            writeBodyData(step.generate ? step.generate() : QByteArray());
            break;
        case FakeStep::Kind::Delay:
            QTimer::singleShot(step.ms, Qt::PreciseTimer, this, &FakeHttpConnection::runSteps);
            return;
        case FakeStep::Kind::Abort:
            m_state = State::Done;
            abortWhenFlushed();
            return;
        case FakeStep::Kind::Hang:
            m_state = State::Done;
            return;
        }
    }
    if (m_socket && m_state == State::Responding)
        finishBody();
}

void FakeHttpConnection::writeBodyData(const QByteArray &data)
{
    const qsizetype piece = m_chunkSize > 0 ? m_chunkSize : qMax<qsizetype>(data.size(), 1);
    for (qsizetype pos = 0; pos < data.size(); pos += piece) {
        const QByteArray part = data.mid(pos, piece);
        m_socket->write(QByteArray::number(part.size(), 16) + "\r\n" + part + "\r\n");
        m_socket->flush();
    }
}

void FakeHttpConnection::abortWhenFlushed()
{
    if (!m_socket)
        return;
    m_socket->flush();
    if (m_socket->bytesToWrite() > 0) {
        QTimer::singleShot(10, Qt::PreciseTimer, this, &FakeHttpConnection::abortWhenFlushed);
        return;
    }
    // Give the kernel a moment to put the bytes on the wire before the reset.
    QTimer::singleShot(30, Qt::PreciseTimer, this, [this] {
        if (m_socket)
            m_socket->abort();
        onDisconnected();
    });
}

void FakeHttpConnection::finishBody()
{
    endReply();
    m_state = State::Done;
    m_socket->write("0\r\n\r\n");
    m_socket->flush();
    if (m_closeAfterReply) {
        m_socket->disconnectFromHost();   // completes after the pending bytes are written
        return;
    }
    ++m_served;
    m_request = {};
    m_contentLength = 0;
    m_chunkedRequest = false;
    m_reply = {};
    m_nextStep = 0;
    m_state = State::ReadingHead;
    if (!m_in.isEmpty())
        QTimer::singleShot(0, Qt::PreciseTimer, this, &FakeHttpConnection::takeRequest);
}

} // namespace kt::fake
