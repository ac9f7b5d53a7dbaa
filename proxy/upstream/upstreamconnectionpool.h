#pragma once
// Idle keep-alive connections to the Kiro backend, kept on the proxy thread between calls: a call
// that finished cleanly hands its socket back, and the next call to the same origin skips the TCP
// and TLS handshakes (a round trip or two to AWS for every request otherwise).
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

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

    // The most recently returned live connection to `origin`, now a child of `newParent`; nullptr if none.
    QTcpSocket *take(const QString &origin, QObject *newParent);
    // Keeps `socket` (connected, nothing unread) for later; closes it when the origin has enough.
    void put(const QString &origin, QTcpSocket *socket);

    int idleCount() const { return int(m_idle.size()); }
    void clear();
    void setLimits(int maxIdlePerOrigin, int idleTimeoutMs);

private:
    struct Idle {
        QPointer<QTcpSocket> socket;
        QString origin;
        QElapsedTimer since;
    };
    void drop(QTcpSocket *socket);   // the server closed it or sent something unasked
    void expire();
    void close(QTcpSocket *socket);

    QList<Idle> m_idle;   // oldest first
    QTimer m_sweep;
    int m_maxIdlePerOrigin = DefaultMaxIdlePerOrigin;
    int m_idleTimeoutMs = DefaultIdleTimeoutMs;
};

} // namespace kt
