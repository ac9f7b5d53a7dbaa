#pragma once
// Hands out QNetworkAccessManagers so that no more than six requests share one: a single
// manager opens at most six connections per host and queues the rest (see docs/qt64-notes).
#include <QHash>
#include <QNetworkProxy>
#include <QObject>

class QNetworkAccessManager;

namespace kt {

class NetworkManagerPool : public QObject
{
    Q_OBJECT
public:
    static constexpr int RequestsPerManager = 6;

    explicit NetworkManagerPool(QObject *parent = nullptr);
    void setProxy(const QNetworkProxy &proxy);
    QNetworkAccessManager *acquire();
    void release(QNetworkAccessManager *manager);
    int managerCount() const { return m_inFlight.size(); }

    // Parses http://, https:// and socks5:// URLs with optional user:pass; empty gives NoProxy.
    static std::optional<QNetworkProxy> proxyFromUrl(const QString &url, QString *error = nullptr);

private:
    QHash<QNetworkAccessManager *, int> m_inFlight;
    QNetworkProxy m_proxy{QNetworkProxy::NoProxy};
};

} // namespace kt
