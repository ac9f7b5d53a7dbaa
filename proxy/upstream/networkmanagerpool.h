#pragma once
// Hands out QNetworkAccessManagers so that no more than six requests share one: a single
// manager opens at most six connections per host and queues the rest (see docs/qt64-notes).
// Managers beyond the first few that a burst needed are deleted again once idle: each one holds
// a thread and its open connections.
#include <QHash>
#include <QNetworkProxy>
#include <QList>
#include <QObject>
#include <QTimer>

class QNetworkAccessManager;

namespace kt {

class NetworkManagerPool : public QObject
{
    Q_OBJECT
public:
    static constexpr int RequestsPerManager = 6;
    static constexpr int KeptIdle = 2;           // managers (and their warm connections) never reaped
    static constexpr int DefaultReapDelayMs = 5000;

    explicit NetworkManagerPool(QObject *parent = nullptr);
    void setProxy(const QNetworkProxy &proxy);
    QNetworkProxy proxy() const { return m_proxy; }
    QNetworkAccessManager *acquire();
    void release(QNetworkAccessManager *manager);
    int managerCount() const { return m_inFlight.size(); }
    void setReapDelay(int ms) { m_reapTimer.setInterval(ms); }

    // Parses http://, https:// and socks5:// URLs with optional user:pass; empty gives NoProxy.
    static std::optional<QNetworkProxy> proxyFromUrl(const QString &url, QString *error = nullptr);

private:
    void reapIdle();

    QHash<QNetworkAccessManager *, int> m_inFlight;
    QList<QNetworkAccessManager *> m_order;   // creation order: the oldest ones are kept
    QTimer m_reapTimer;
    QNetworkProxy m_proxy{QNetworkProxy::NoProxy};
};

} // namespace kt
