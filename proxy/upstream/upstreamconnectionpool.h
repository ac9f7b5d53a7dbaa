#pragma once
// Ready connections to the Kiro backend, kept on the proxy thread between calls so that a call
// skips the TCP and TLS handshakes (a round trip or two to AWS). Two kinds: one spare per origin,
// opened in advance and used for one request like any new connection; and, with keep-alive, the
// connections that calls hand back after a clean answer.
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <functional>

class QNetworkProxy;
class QTcpSocket;
class QUrl;

namespace kt {

class UpstreamConnectionPool : public QObject
{
    Q_OBJECT
public:
    static constexpr int DefaultMaxIdlePerOrigin = 32;
    static constexpr int DefaultIdleTimeoutMs = 30'000;   // below the 60 s idle limit of AWS load balancers

    explicit UpstreamConnectionPool(QObject *parent = nullptr);
    ~UpstreamConnectionPool() override;

    // Connections are shared only between calls with the same scheme, host, port and proxy.
    static QString originKey(const QUrl &url, const QNetworkProxy &proxy);

    // The most recently readied live connection to `origin` (with `unusedOnly`, one that has never
    // carried a request), now a child of `newParent`; nullptr if none.
    QTcpSocket *take(const QString &origin, QObject *newParent, bool unusedOnly = false);
    // Keeps `socket` (connected, nothing unread) for later; closes it when the origin has enough.
    void put(const QString &origin, QTcpSocket *socket);

    // Opens a spare connection to `origin` with `open` (a socket that is connecting; ready at
    // connected(), or encrypted() for a QSslSocket) unless a spare is ready or on its way.
    using Opener = std::function<QTcpSocket *(QObject *parent)>;
    void preconnect(const QString &origin, const Opener &open);

    int idleCount() const { return int(m_idle.size()); }   // ready connections, spares included
    int openingCount() const { return int(m_opening.size()); }
    void clear();
    void setLimits(int maxIdlePerOrigin, int idleTimeoutMs);

private:
    struct Idle {
        QPointer<QTcpSocket> socket;
        QString origin;
        QElapsedTimer since;
        bool used = false;   // has carried a request (put() back by a call)
    };
    void keep(const QString &origin, QTcpSocket *socket, bool used);
    void onSpareReady(QTcpSocket *socket);
    void drop(QTcpSocket *socket);   // the server closed it, sent something unasked, or failed to connect
    void expire();
    void startSweep();
    void close(QTcpSocket *socket);

    QList<Idle> m_idle;   // oldest first
    QList<Idle> m_opening;   // spares still connecting (`since`: when they started)
    QTimer m_sweep;
    int m_maxIdlePerOrigin = DefaultMaxIdlePerOrigin;
    int m_idleTimeoutMs = DefaultIdleTimeoutMs;
};

} // namespace kt
