#pragma once
// Ready connections to the Kiro backend, kept on the proxy thread between calls so that a call
// skips the TCP and TLS handshakes (a round trip or two to AWS). Two kinds: spares, opened in
// advance and used for one request like any new connection; and, with keep-alive, the connections
// that calls hand back after a clean answer. An origin has one spare, one more (up to
// MaxSparesPerOrigin) each time a call finds none ready while one is still connecting (calls
// arrive faster than a handshake), and one fewer each time a spare goes unused for the idle timeout.
// A connection is opened only when none is idle, so those handed back are never more than were in
// use at once: after a burst the pool keeps that many until they idle out, and the next burst
// opens none. The proxy caps them at its open-file budget for streams.
#include <QElapsedTimer>
#include <QHash>
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
    static constexpr int DefaultMaxIdlePerOrigin = 1024;   // when no open-file budget says fewer
    static constexpr int DefaultIdleTimeoutMs = 30'000;   // below the 60 s idle limit of AWS load balancers
    static constexpr int MaxSparesPerOrigin = 4;
    static constexpr int TrimAfterClosing = 16;   // idle connections closed at once: free memory is released

    explicit UpstreamConnectionPool(QObject *parent = nullptr);
    ~UpstreamConnectionPool() override;

    // Connections are shared only between calls with the same scheme, host, port and proxy.
    static QString originKey(const QUrl &url, const QNetworkProxy &proxy);

    // The most recently readied live connection to `origin` (with `unusedOnly`, one that has never
    // carried a request), now a child of `newParent`; nullptr if none.
    QTcpSocket *take(const QString &origin, QObject *newParent, bool unusedOnly = false);
    // Keeps `socket` (connected, nothing unread) for later; closes it when the origin has enough.
    void put(const QString &origin, QTcpSocket *socket);

    // Opens spare connections to `origin` with `open` (a socket that is connecting; ready at
    // connected(), or encrypted() for a QSslSocket) until spareTarget() are ready or on their way.
    using Opener = std::function<QTcpSocket *(QObject *parent)>;
    void preconnect(const QString &origin, const Opener &open);
    int spareTarget(const QString &origin) const { return m_spareTargets.value(origin, 1); }

    int idleCount() const { return int(m_idle.size()); }   // ready connections, spares included
    int openingCount() const { return int(m_opening.size()); }
    void clear();
    void setLimits(int maxIdlePerOrigin, int idleTimeoutMs);
    void setMaxIdlePerOrigin(int maxIdle) { m_maxIdlePerOrigin = maxIdle; }
    int maxIdlePerOrigin() const { return m_maxIdlePerOrigin; }

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
    qsizetype spares(const QList<Idle> &list, const QString &origin) const;

    QList<Idle> m_idle;   // oldest first
    QList<Idle> m_opening;   // spares still connecting (`since`: when they started)
    QHash<QString, int> m_spareTargets;   // origins that preconnect() has seen
    QTimer m_sweep;
    int m_maxIdlePerOrigin = DefaultMaxIdlePerOrigin;
    int m_idleTimeoutMs = DefaultIdleTimeoutMs;
};

} // namespace kt
