#include "upstream/upstreamcall.h"

#include "upstream/upstreamconnectionpool.h"
#include "util/readavailable.h"

#include <QNetworkRequest>
#include <QSslSocket>
#include <chrono>

namespace kt {

namespace {
// An HTTP proxy is asked with an absolute URL for http:// targets and tunnels (CONNECT) https://
// ones; a SOCKS5 proxy always tunnels.
bool forwardsThroughProxy(const QUrl &url, const QNetworkProxy &proxy)
{
    return proxy.type() == QNetworkProxy::HttpProxy && !UpstreamCall::isHttps(url);
}
} // namespace

bool UpstreamCall::isHttps(const QUrl &url)
{
    return url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0;
}

int UpstreamCall::defaultPort(const QUrl &url)
{
    return isHttps(url) ? 443 : 80;
}

UpstreamCall::UpstreamCall(const QNetworkProxy &proxy, QObject *parent) : QObject(parent), m_proxy(proxy) {}

UpstreamCall::~UpstreamCall()
{
    closeSocket();
}

void UpstreamCall::post(const QNetworkRequest &request, const QByteArray &body)
{
    m_url = request.url();
    m_requestBody = body;
    for (const QByteArray &name : request.rawHeaderList())
        m_requestHeaders.append({name, request.rawHeader(name)});
    const QVariant contentType = request.header(QNetworkRequest::ContentTypeHeader);
    if (contentType.isValid() && !request.hasRawHeader("Content-Type"))
        m_requestHeaders.append({"Content-Type", contentType.toByteArray()});

    m_state = State::Connecting;
    m_forwardThroughProxy = forwardsThroughProxy(m_url, m_proxy);
    const bool pooled = m_connections && !m_forwardThroughProxy;
    QTcpSocket *socket = nullptr;
    if (pooled) {
        m_origin = UpstreamConnectionPool::originKey(m_url, m_proxy);
        socket = m_connections->take(m_origin, this, !m_keepAlive);
    }
    if (socket) {
        m_reused = true;
        m_mayRetry = true;
        watch(socket);
        onConnected();
    } else {
        connectFresh();
    }
    // Only after this call's own request or connect, which the spare must not delay.
    if (pooled) {
        m_connections->preconnect(m_origin, [url = m_url, proxy = m_proxy](QObject *parent) {
            return openConnection(url, proxy, parent);
        });
    }
}

QTcpSocket *UpstreamCall::openConnection(const QUrl &url, const QNetworkProxy &proxy, QObject *parent)
{
    const bool https = isHttps(url);
    const bool forward = forwardsThroughProxy(url, proxy);
    QTcpSocket *socket = https ? new QSslSocket(parent) : new QTcpSocket(parent);
    const bool tunnel = !forward && proxy.type() != QNetworkProxy::DefaultProxy;
    socket->setProxy(tunnel ? proxy : QNetworkProxy(QNetworkProxy::NoProxy));
    const quint16 port = quint16(url.port(defaultPort(url)));
    if (auto *tls = qobject_cast<QSslSocket *>(socket))
        tls->connectToHostEncrypted(url.host(), port);
    else if (forward)
        socket->connectToHost(proxy.hostName(), proxy.port());
    else
        socket->connectToHost(url.host(), port);
    return socket;
}

void UpstreamCall::connectFresh()
{
    QTcpSocket *socket = openConnection(m_url, m_proxy, this);
    watch(socket);
    whenReady(socket, this, [this] { onConnected(); });
}

void UpstreamCall::whenReady(QTcpSocket *socket, QObject *context, const std::function<void()> &ready)
{
    if (auto *tls = qobject_cast<QSslSocket *>(socket))
        connect(tls, &QSslSocket::encrypted, context, ready);
    else
        connect(socket, &QTcpSocket::connected, context, ready);
}

void UpstreamCall::watch(QTcpSocket *socket)
{
    m_socket = socket;
    connect(socket, &QTcpSocket::readyRead, this, &UpstreamCall::onReadyRead);
    connect(socket, &QTcpSocket::disconnected, this, &UpstreamCall::onDisconnected);
    connect(socket, &QTcpSocket::errorOccurred, this, &UpstreamCall::onSocketError);
}

QByteArray UpstreamCall::requestHead() const
{
    QByteArray target = m_url.path(QUrl::FullyEncoded).toLatin1();
    if (target.isEmpty())
        target = "/";
    if (m_url.hasQuery())
        target += '?' + m_url.query(QUrl::FullyEncoded).toLatin1();
    if (m_forwardThroughProxy)
        target = m_url.toString(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment)
                     .toLatin1() + target;

    QByteArray head = "POST " + target + " HTTP/1.1\r\n";
    bool hasHost = false;
    for (const auto &[name, value] : m_requestHeaders) {
        hasHost = hasHost || name.compare("host", Qt::CaseInsensitive) == 0;
        if (name.compare("content-length", Qt::CaseInsensitive) != 0)
            head += name + ": " + value + "\r\n";
    }
    if (!hasHost) {
        QByteArray host = m_url.host(QUrl::FullyEncoded).toLatin1();
        if (host.contains(':'))
            host = '[' + host + ']';   // an IPv6 literal
        if (m_url.port() != -1 && m_url.port() != defaultPort(m_url))
            host += ':' + QByteArray::number(m_url.port());
        head += "Host: " + host + "\r\n";
    }
    if (m_forwardThroughProxy && !m_proxy.user().isEmpty())
        head += "Proxy-Authorization: Basic " + (m_proxy.user() + QLatin1Char(':') + m_proxy.password()).toUtf8().toBase64() + "\r\n";
    head += "Content-Length: " + QByteArray::number(m_requestBody.size()) + "\r\n\r\n";
    return head;
}

void UpstreamCall::onConnected()
{
    if (m_state != State::Connecting)
        return;
    m_state = State::StatusLine;
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    const QByteArray request = requestHead() + m_requestBody;
    if (!m_mayRetry)
        m_requestBody.clear();
    m_socket->write(request);
    // Now, not on the event loop's next turn. A reset connection fails right here, and the retry
    // on a new one (retryOnFreshConnection) starts inside this call: it still has the body.
    m_socket->flush();
}

void UpstreamCall::onReadyRead()
{
    if (!m_socket || m_state == State::Done || m_state == State::Connecting)
        return;
    m_receivedAtNs = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
    appendAvailable(*m_socket, m_in);
    if (m_mayRetry && !m_in.isEmpty()) {
        m_mayRetry = false;
        m_requestBody.clear();
    }
    if (m_state != State::Body && !parseHead())
        return;
    if (m_state == State::Body && !parseBody())
        return;
    // A reader that aborts from readyRead() has already had its finished().
    const bool complete = m_state == State::Done;
    QPointer<UpstreamCall> self(this);
    if (!m_body.isEmpty())
        Q_EMIT readyRead();
    if (self && complete) {
        releaseSocket();
        Q_EMIT finished();
    }
}

bool UpstreamCall::takeLine(QByteArray *line)
{
    const qsizetype end = m_in.indexOf('\n');
    if (end < 0) {
        if (m_in.size() > MaxHeadBytes)
            fail(QStringLiteral("the Kiro upstream sent a header line longer than %1 bytes").arg(MaxHeadBytes));
        return false;
    }
    // Into the caller's buffer, which keeps its capacity from line to line.
    line->resize(end);
    memcpy(line->data(), m_in.constData(), size_t(end));
    if (line->endsWith('\r'))
        line->chop(1);
    m_in.remove(0, end + 1);
    return true;
}

bool UpstreamCall::parseHead()
{
    QByteArray &line = m_line;
    while (m_state == State::StatusLine || m_state == State::Headers) {
        if (!takeLine(&line))
            return false;
        if (m_state == State::StatusLine) {
            // HTTP/1.x SP 3DIGIT [SP reason]
            const QList<QByteArray> parts = line.split(' ');
            bool ok = false;
            const int status = parts.size() >= 2 && line.startsWith("HTTP/1.") ? parts.at(1).toInt(&ok) : 0;
            if (!ok || status < 100 || status > 999) {
                fail(QStringLiteral("the Kiro upstream did not answer with HTTP"));
                return false;
            }
            m_status = status;
            m_http11 = line.startsWith("HTTP/1.1 ");
            m_headers.clear();
            m_state = State::Headers;
            continue;
        }
        if (!line.isEmpty()) {
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0 || m_headers.size() >= 200) {
                fail(QStringLiteral("the Kiro upstream sent a malformed header"));
                return false;
            }
            m_headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
            continue;
        }
        if (m_status < 200) { // 100 Continue and friends: a final status follows
            m_status = 0;
            m_state = State::StatusLine;
            continue;
        }
        m_state = State::Body;
        const QByteArray encoding = rawHeader("Transfer-Encoding").toLower();
        const QByteArray length = rawHeader("Content-Length");
        if (encoding.contains("chunked")) {
            m_framing = Framing::Chunked;
            m_chunk = Chunk::Size;
        } else if (!length.isEmpty()) {
            bool ok = false;
            m_remaining = length.toLongLong(&ok);
            if (!ok || m_remaining < 0) {
                fail(QStringLiteral("the Kiro upstream sent an invalid Content-Length"));
                return false;
            }
            m_framing = Framing::Length;
        } else {
            m_framing = Framing::UntilClose;
        }
        if (m_status == 204 || m_status == 304 || (m_framing == Framing::Length && m_remaining == 0))
            m_state = State::Done;
    }
    return true;
}

bool UpstreamCall::parseBody()
{
    switch (m_framing) {
    case Framing::UntilClose:
        appendBody(m_in);
        m_in.clear();
        return true;
    case Framing::Length:
        if (takeRemaining())
            m_state = State::Done;
        return true;
    case Framing::Chunked:
        return parseChunked();
    }
    return true;
}

bool UpstreamCall::parseChunked()
{
    QByteArray &line = m_line;
    while (m_state == State::Body) {
        switch (m_chunk) {
        case Chunk::Size: {
            if (!takeLine(&line))
                return m_state != State::Done;
            const qsizetype ext = line.indexOf(';');
            bool ok = false;
            m_remaining = (ext < 0 ? line : line.left(ext)).trimmed().toLongLong(&ok, 16);
            if (!ok || m_remaining < 0) {
                fail(QStringLiteral("the Kiro upstream sent a malformed chunk"));
                return false;
            }
            m_chunk = m_remaining == 0 ? Chunk::Trailer : Chunk::Data;
            break;
        }
        case Chunk::Data: {
            if (m_in.isEmpty())
                return true;
            if (takeRemaining())
                m_chunk = Chunk::DataEnd;
            break;
        }
        case Chunk::DataEnd:
            if (!takeLine(&line))
                return m_state != State::Done;
            if (!line.isEmpty()) {
                fail(QStringLiteral("the Kiro upstream sent a malformed chunk"));
                return false;
            }
            m_chunk = Chunk::Size;
            break;
        case Chunk::Trailer:
            if (!takeLine(&line))
                return m_state != State::Done;
            if (line.isEmpty())
                m_state = State::Done;
            break;
        }
    }
    return true;
}

bool UpstreamCall::takeRemaining()
{
    const qsizetype n = qsizetype(qMin<qint64>(m_remaining, m_in.size()));
    appendBody(QByteArrayView(m_in).first(n));
    m_in.remove(0, n);
    m_remaining -= n;
    return m_remaining == 0;
}

void UpstreamCall::appendBody(QByteArrayView bytes)
{
    if (m_status != 200 && m_body.size() + bytes.size() > MaxErrorBodyBytes)
        bytes = bytes.first(qMax<qsizetype>(0, MaxErrorBodyBytes - m_body.size()));
    m_body.append(bytes);
}

QByteArray UpstreamCall::readAll()
{
    return std::exchange(m_body, QByteArray());
}

QByteArray UpstreamCall::rawHeader(const QByteArray &name) const
{
    for (auto it = m_headers.crbegin(); it != m_headers.crend(); ++it) {
        if (it->first.compare(name, Qt::CaseInsensitive) == 0)
            return it->second;
    }
    return {};
}

void UpstreamCall::onDisconnected()
{
    if (m_state == State::Done)
        return;
    onReadyRead(); // whatever arrived before the close
    if (m_state == State::Done || retryOnFreshConnection())
        return;
    if (m_state == State::Body && m_framing == Framing::UntilClose) {
        m_state = State::Done;
        closeSocket();
        Q_EMIT finished();
        return;
    }
    fail(m_state == State::Body ? QStringLiteral("the connection closed before the response was complete")
                                : QStringLiteral("the connection closed before a response arrived"));
}

void UpstreamCall::onSocketError()
{
    if (!m_socket || m_state == State::Done)
        return;
    if (m_socket->error() == QAbstractSocket::RemoteHostClosedError)
        return; // disconnected() follows and decides
    if (retryOnFreshConnection())
        return;
    fail(m_socket->errorString());
}

bool UpstreamCall::retryOnFreshConnection()
{
    if (!m_mayRetry || m_state != State::StatusLine || !m_in.isEmpty())
        return false;
    m_mayRetry = false;
    m_reused = false;
    closeSocket();
    m_state = State::Connecting;
    connectFresh();
    return true;
}

bool UpstreamCall::keepAlive() const
{
    return m_connections && m_keepAlive && !m_origin.isEmpty() && m_http11 && m_framing != Framing::UntilClose && m_in.isEmpty()
           && !rawHeader("Connection").toLower().contains("close");
}

void UpstreamCall::releaseSocket()
{
    if (!m_socket || !keepAlive())
        return closeSocket();
    QTcpSocket *socket = m_socket;
    m_socket = nullptr;
    socket->disconnect(this);
    m_connections->put(m_origin, socket);
}

void UpstreamCall::fail(const QString &why)
{
    if (m_state == State::Done)
        return;
    m_error = why;
    m_state = State::Done;
    closeSocket();
    Q_EMIT finished();
}

void UpstreamCall::discard(UpstreamCall *call, QObject *receiver)
{
    call->disconnect(receiver);
    if (call->isRunning())
        call->abort();
    call->deleteLater();
}

void UpstreamCall::abort()
{
    fail(QStringLiteral("Operation canceled"));
}

void UpstreamCall::closeSocket()
{
    if (!m_socket)
        return;
    QTcpSocket *socket = m_socket;
    m_socket = nullptr;
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}

} // namespace kt
