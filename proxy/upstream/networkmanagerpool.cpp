#include "upstream/networkmanagerpool.h"

#include <QNetworkAccessManager>
#include <QUrl>

namespace kt {

NetworkManagerPool::NetworkManagerPool(QObject *parent) : QObject(parent) {}

void NetworkManagerPool::setProxy(const QNetworkProxy &proxy)
{
    m_proxy = proxy;
    for (auto it = m_inFlight.keyBegin(); it != m_inFlight.keyEnd(); ++it)
        (*it)->setProxy(proxy);
}

QNetworkAccessManager *NetworkManagerPool::acquire()
{
    for (auto it = m_inFlight.begin(); it != m_inFlight.end(); ++it) {
        if (it.value() < RequestsPerManager) {
            ++it.value();
            return it.key();
        }
    }
    auto *manager = new QNetworkAccessManager(this);
    manager->setProxy(m_proxy);
    manager->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    m_inFlight.insert(manager, 1);
    return manager;
}

void NetworkManagerPool::release(QNetworkAccessManager *manager)
{
    auto it = m_inFlight.find(manager);
    if (it != m_inFlight.end() && it.value() > 0)
        --it.value();
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
