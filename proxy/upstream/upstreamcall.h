#pragma once
// One HTTP/1.1 request to the Kiro backend on the calling thread's event loop, read as it arrives.
// Unlike QNetworkAccessManager (its own thread, a queued hop per chunk) every frame is handed on with
// no thread switch; that hop was most of the latency the proxy added to each streamed event.
#include <QByteArray>
#include <QList>
#include <QNetworkProxy>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QUrl>
#include <functional>

class QNetworkRequest;
class QTcpSocket;

namespace kt {

class UpstreamConnectionPool;

class UpstreamCall : public QObject
{
    Q_OBJECT
public:
    static constexpr qsizetype MaxHeadBytes = 64 * 1024;      // status line + headers
    static constexpr qsizetype MaxErrorBodyBytes = 1 << 20;   // a non-200 body is kept up to this, the rest dropped

    explicit UpstreamCall(const QNetworkProxy &proxy, QObject *parent = nullptr);
    ~UpstreamCall() override;

    // Takes a ready connection from `pool` when it has one (a spare it opened in advance, and with
    // `keepAlive` also one that earlier calls gave back), has the pool open the next spare, and
    // with `keepAlive` gives the connection back after a clean answer. A taken connection that the
    // server closed before answering is retried once on a new one: the server cannot have acted on
    // a request it never read.
    void setConnectionPool(UpstreamConnectionPool *pool, bool keepAlive)
    {
        m_connections = pool;
        m_keepAlive = keepAlive;
    }
    bool reusedConnection() const { return m_reused; }   // the pool's, not one this call opened

    // A socket connecting to `url`'s origin as post() would (TLS for https://, tunnelled through
    // `proxy` unless an HTTP proxy takes absolute URLs); ready at connected(), or encrypted().
    static QTcpSocket *openConnection(const QUrl &url, const QNetworkProxy &proxy, QObject *parent);
    // Calls `ready` (in `context`) when a socket from openConnection() can carry a request.
    static void whenReady(QTcpSocket *socket, QObject *context, const std::function<void()> &ready);
    static bool isHttps(const QUrl &url);
    static int defaultPort(const QUrl &url);   // the scheme's: 443 or 80

    // Sends `request`'s URL and raw headers (plus Content-Type when set as a known header) with `body`.
    void post(const QNetworkRequest &request, const QByteArray &body);
    void abort();   // closes the connection; finished() follows at once unless already finished
    // Done with `call`: disconnected from `receiver`, aborted when still running, deleted later.
    static void discard(UpstreamCall *call, QObject *receiver);

    int status() const { return m_status; }   // 0 until a final status line arrived
    QByteArray rawHeader(const QByteArray &name) const;   // case-insensitive, the last one wins
    QByteArray readAll();
    // The body bytes readAll() would return, without taking them; consumeBody() drops them and keeps
    // the buffer's capacity for the next read (a stream reads once per upstream event).
    QByteArrayView body() const { return m_body; }
    void consumeBody() { m_body.resize(0); }
    qint64 receivedAtNs() const { return m_receivedAtNs; }   // steady_clock ns when the bytes now readable left the socket
    bool isRunning() const { return m_state != State::Done; }
    bool failed() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }

Q_SIGNALS:
    void readyRead();   // body bytes are ready (emitted for every status)
    void finished();    // the body is complete, or the call failed (failed() tells)

private:
    enum class State { Connecting, StatusLine, Headers, Body, Done };
    enum class Framing { Length, Chunked, UntilClose };
    enum class Chunk { Size, Data, DataEnd, Trailer };

    void connectFresh();
    void watch(QTcpSocket *socket);
    bool retryOnFreshConnection();
    bool keepAlive() const;
    void releaseSocket();   // back to the pool when the answer allows it, closed otherwise
    void onConnected();
    void onReadyRead();
    void onDisconnected();
    void onSocketError();
    bool parseHead();
    bool parseBody();
    bool parseChunked();
    bool takeLine(QByteArray *line);
    bool takeRemaining();   // moves up to m_remaining bytes of m_in to the body; true once all arrived
    void appendBody(QByteArrayView bytes);
    void fail(const QString &why);
    void closeSocket();
    QByteArray requestHead() const;

    QPointer<QTcpSocket> m_socket;   // a QSslSocket for https://
    UpstreamConnectionPool *m_connections = nullptr;
    bool m_keepAlive = false;
    QString m_origin;          // the pool's key; empty when the connection is not to be kept
    bool m_reused = false;     // the socket came from the pool
    bool m_mayRetry = false;   // reused, and not a byte of the answer has arrived yet
    bool m_http11 = false;
    QNetworkProxy m_proxy;
    QUrl m_url;
    bool m_forwardThroughProxy = false;   // an HTTP proxy asked with the absolute URL (http:// targets)
    QList<QPair<QByteArray, QByteArray>> m_requestHeaders;
    QByteArray m_requestBody;
    QByteArray m_in;           // received, not yet parsed
    QByteArray m_line;         // the line being parsed (takeLine)
    QByteArray m_body;         // parsed body bytes not yet read
    QList<QPair<QByteArray, QByteArray>> m_headers;
    State m_state = State::Done;
    Framing m_framing = Framing::UntilClose;
    qint64 m_remaining = 0;    // of Content-Length, or of the current chunk
    Chunk m_chunk = Chunk::Size;
    int m_status = 0;
    qint64 m_receivedAtNs = 0;
    QString m_error;
};

} // namespace kt
