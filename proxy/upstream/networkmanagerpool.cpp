#include "upstream/networkmanagerpool.h"

#include "util/freememory.h"

#include <QNetworkAccessManager>
#include <QUrl>

namespace kt {

// The timer is a child so that it follows the pool to the proxy thread.
NetworkManagerPool::NetworkManagerPool(QObject *parent) : QObject(parent), m_reapTimer(this)
{
    m_reapTimer.setSingleShot(true);
    m_reapTimer.setInterval(DefaultReapDelayMs);
    connect(&m_reapTimer, &QTimer::timeout, this, &NetworkManagerPool::reapIdle);
}

void NetworkManagerPool::setProxy(const QNetworkProxy &proxy)
{
    m_proxy = proxy;
    for (auto it = m_inFlight.keyBegin(); it != m_inFlight.keyEnd(); ++it)
        (*it)->setProxy(proxy);
}

QNetworkAccessManager *NetworkManagerPool::acquire()
{
    // The busiest manager with room, in creation order: requests gather on the kept managers and
    // the extra ones drain, so that they can be reaped.
    QNetworkAccessManager *best = nullptr;
    for (QNetworkAccessManager *manager : std::as_const(m_order)) {
        const int n = m_inFlight.value(manager);
        if (n < RequestsPerManager && (!best || n > m_inFlight.value(best)))
            best = manager;
    }
    if (!best) {
        best = new QNetworkAccessManager(this);
        best->setProxy(m_proxy);
        best->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
        m_order.append(best);
        m_inFlight.insert(best, 0);
    }
    ++m_inFlight[best];
    return best;
}

void NetworkManagerPool::release(QNetworkAccessManager *manager)
{
    auto it = m_inFlight.find(manager);
    if (it == m_inFlight.end() || it.value() <= 0)
        return;
    if (--it.value() == 0 && m_order.size() > KeptIdle)
        m_reapTimer.start();
}

void NetworkManagerPool::reapIdle()
{
    for (qsizetype i = m_order.size() - 1; i >= KeptIdle; --i) {
        QNetworkAccessManager *manager = m_order.at(i);
        if (m_inFlight.value(manager) != 0)
            continue;
        m_order.removeAt(i);
        m_inFlight.remove(manager);
        // Its replies were all released; deleting it closes its idle connections and ends its thread.
        manager->deleteLater();
    }
    // Once those are gone, hand what their threads' allocator arenas keep free back to the system.
    QTimer::singleShot(1000, this, &releaseFreeMemory);
}

std::optional<QNetworkProxy> NetworkManagerPool::proxyFromUrl(const QString &text, QString *error)
{
    if (text.trimmed().isEmpty() || text == QLatin1String("direct"))
        return QNetworkProxy(QNetworkProxy::NoProxy);
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    QNetworkProxy::ProxyType type;
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("http") || scheme == QLatin1String("https"))
        type = QNetworkProxy::HttpProxy;
    else if (scheme == QLatin1String("socks5") || scheme == QLatin1String("socks5h"))
        type = QNetworkProxy::Socks5Proxy;
    else {
        if (error)
            *error = QStringLiteral("proxyUrl: unsupported scheme '%1' (use http://, https:// or socks5://)").arg(scheme);
        return std::nullopt;
    }
    if (!url.isValid() || url.host().isEmpty()) {
        if (error)
            *error = QStringLiteral("proxyUrl: not a valid URL");
        return std::nullopt;
    }
    const int defaultPort = type == QNetworkProxy::Socks5Proxy ? 1080 : (scheme == QLatin1String("https") ? 443 : 80);
    return QNetworkProxy(type, url.host(), quint16(url.port(defaultPort)), url.userName(QUrl::FullyDecoded),
                         url.password(QUrl::FullyDecoded));
}

} // namespace kt
