#include "upstream/upstreamconnectionpool.h"

#include <QNetworkProxy>
#include <QTcpSocket>
#include <QUrl>

namespace kt {

UpstreamConnectionPool::UpstreamConnectionPool(QObject *parent) : QObject(parent), m_sweep(this)
{
    m_sweep.setTimerType(Qt::CoarseTimer);
    connect(&m_sweep, &QTimer::timeout, this, &UpstreamConnectionPool::expire);
}

UpstreamConnectionPool::~UpstreamConnectionPool()
{
    clear();
}

QString UpstreamConnectionPool::originKey(const QUrl &url, const QNetworkProxy &proxy)
{
    const bool https = url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0;
    QString key = (https ? QStringLiteral("https://") : QStringLiteral("http://")) + url.host().toLower()
                  + QLatin1Char(':') + QString::number(url.port(https ? 443 : 80));
    if (proxy.type() != QNetworkProxy::NoProxy && proxy.type() != QNetworkProxy::DefaultProxy)
        key += QStringLiteral(" via %1 %2@%3:%4").arg(int(proxy.type())).arg(proxy.user(), proxy.hostName()).arg(proxy.port());
    return key;
}

QTcpSocket *UpstreamConnectionPool::take(const QString &origin, QObject *newParent)
{
    for (qsizetype i = m_idle.size() - 1; i >= 0; --i) {
        if (m_idle.at(i).origin != origin)
            continue;
        QTcpSocket *socket = m_idle.takeAt(i).socket;
        if (!socket)
            continue;
        socket->disconnect(this);
        if (socket->state() != QAbstractSocket::ConnectedState || socket->bytesAvailable() > 0) {
            close(socket);
            continue;
        }
        socket->setParent(newParent);
        if (m_idle.isEmpty())
            m_sweep.stop();
        return socket;
    }
    return nullptr;
}

void UpstreamConnectionPool::put(const QString &origin, QTcpSocket *socket)
{
    if (!socket)
        return;
    if (socket->state() != QAbstractSocket::ConnectedState || socket->bytesAvailable() > 0 || m_maxIdlePerOrigin <= 0)
        return close(socket);
    const auto sameOrigin = [&origin](const Idle &idle) { return idle.origin == origin; };
    if (std::count_if(m_idle.cbegin(), m_idle.cend(), sameOrigin) >= m_maxIdlePerOrigin) {
        const auto oldest = std::find_if(m_idle.begin(), m_idle.end(), sameOrigin);
        QTcpSocket *evicted = oldest->socket;
        m_idle.erase(oldest);
        close(evicted);
    }
    socket->setParent(this);
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { drop(socket); });
    connect(socket, &QTcpSocket::disconnected, this, [this, socket] { drop(socket); });
    connect(socket, &QTcpSocket::errorOccurred, this, [this, socket] { drop(socket); });
    Idle idle{socket, origin, {}};
    idle.since.start();
    m_idle.append(idle);
    if (!m_sweep.isActive())
        m_sweep.start(std::max(50, m_idleTimeoutMs / 4));
}

void UpstreamConnectionPool::drop(QTcpSocket *socket)
{
    m_idle.removeIf([socket](const Idle &idle) { return idle.socket == socket; });
    close(socket);
    if (m_idle.isEmpty())
        m_sweep.stop();
}

void UpstreamConnectionPool::expire()
{
    const QList<Idle> idle = std::exchange(m_idle, {});
    for (const Idle &entry : idle) {
        if (entry.socket && !entry.since.hasExpired(m_idleTimeoutMs))
            m_idle.append(entry);
        else
            close(entry.socket);
    }
    if (m_idle.isEmpty())
        m_sweep.stop();
}

void UpstreamConnectionPool::clear()
{
    m_sweep.stop();
    for (const Idle &entry : std::exchange(m_idle, {}))
        close(entry.socket);
}

void UpstreamConnectionPool::setLimits(int maxIdlePerOrigin, int idleTimeoutMs)
{
    m_maxIdlePerOrigin = maxIdlePerOrigin;
    m_idleTimeoutMs = idleTimeoutMs;
    if (m_sweep.isActive())
        m_sweep.start(std::max(50, m_idleTimeoutMs / 4));
}

void UpstreamConnectionPool::close(QTcpSocket *socket)
{
    if (!socket)
        return;
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}

} // namespace kt
