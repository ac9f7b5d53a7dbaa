#include "upstream/upstreamconnectionpool.h"

#include "upstream/upstreamcall.h"
#include "util/freememory.h"

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
    QString key = (UpstreamCall::isHttps(url) ? QStringLiteral("https://") : QStringLiteral("http://")) + url.host().toLower()
                  + QLatin1Char(':') + QString::number(url.port(UpstreamCall::defaultPort(url)));
    if (proxy.type() != QNetworkProxy::NoProxy && proxy.type() != QNetworkProxy::DefaultProxy)
        key += QStringLiteral(" via %1 %2@%3:%4").arg(int(proxy.type())).arg(proxy.user(), proxy.hostName()).arg(proxy.port());
    return key;
}

QTcpSocket *UpstreamConnectionPool::take(const QString &origin, QObject *newParent, bool unusedOnly)
{
    for (qsizetype i = m_idle.size() - 1; i >= 0; --i) {
        const Idle &idle = m_idle.at(i);
        if (idle.origin != origin || (unusedOnly && idle.used))
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
        return socket;
    }
    const auto target = m_spareTargets.find(origin);
    if (target != m_spareTargets.end() && spares(m_opening, origin) > 0)
        *target = std::min(*target + 1, MaxSparesPerOrigin);
    return nullptr;
}

void UpstreamConnectionPool::put(const QString &origin, QTcpSocket *socket)
{
    if (!socket)
        return;
    if (socket->state() != QAbstractSocket::ConnectedState || socket->bytesAvailable() > 0 || m_maxIdlePerOrigin <= 0)
        return close(socket);
    const auto sameOrigin = [&origin](const Idle &idle) { return idle.origin == origin; };
    if (m_idle.size() >= m_maxIdlePerOrigin && std::count_if(m_idle.cbegin(), m_idle.cend(), sameOrigin) >= m_maxIdlePerOrigin) {
        const auto oldest = std::find_if(m_idle.begin(), m_idle.end(), sameOrigin);
        QTcpSocket *evicted = oldest->socket;
        m_idle.erase(oldest);
        close(evicted);
    }
    keep(origin, socket, true);
}

qsizetype UpstreamConnectionPool::spares(const QList<Idle> &list, const QString &origin) const
{
    return std::count_if(list.cbegin(), list.cend(), [&origin](const Idle &idle) { return idle.origin == origin && !idle.used; });
}

void UpstreamConnectionPool::preconnect(const QString &origin, const Opener &open)
{
    if (m_maxIdlePerOrigin <= 0)
        return;
    if (!m_spareTargets.contains(origin))
        m_spareTargets.insert(origin, 1);
    for (qsizetype n = spares(m_idle, origin) + spares(m_opening, origin); n < spareTarget(origin); ++n) {
        QTcpSocket *socket = open(this);
        if (!socket)
            return;
        Idle opening{socket, origin, {}, false};
        opening.since.start();
        m_opening.append(opening);
        startSweep();
        UpstreamCall::whenReady(socket, this, [this, socket] { onSpareReady(socket); });
        connect(socket, &QTcpSocket::errorOccurred, this, [this, socket] { drop(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] { drop(socket); });
        if (socket->state() == QAbstractSocket::UnconnectedState) {   // failed before a signal could tell
            drop(socket);
            return;   // the others would fail alike
        }
    }
}

void UpstreamConnectionPool::onSpareReady(QTcpSocket *socket)
{
    const auto entry = std::find_if(m_opening.begin(), m_opening.end(), [socket](const Idle &e) { return e.socket == socket; });
    if (entry == m_opening.end())
        return;
    const QString origin = entry->origin;
    m_opening.erase(entry);
    socket->disconnect(this);
    keep(origin, socket, false);
}

void UpstreamConnectionPool::keep(const QString &origin, QTcpSocket *socket, bool used)
{
    socket->setParent(this);
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { drop(socket); });
    connect(socket, &QTcpSocket::disconnected, this, [this, socket] { drop(socket); });
    connect(socket, &QTcpSocket::errorOccurred, this, [this, socket] { drop(socket); });
    Idle idle{socket, origin, {}, used};
    idle.since.start();
    m_idle.append(idle);
    startSweep();
}

void UpstreamConnectionPool::startSweep()
{
    if (!m_sweep.isActive())
        m_sweep.start(std::max(50, m_idleTimeoutMs / 4));
}

void UpstreamConnectionPool::drop(QTcpSocket *socket)
{
    const auto same = [socket](const Idle &idle) { return idle.socket == socket; };
    m_idle.removeIf(same);
    m_opening.removeIf(same);
    close(socket);
    if (m_idle.isEmpty() && m_opening.isEmpty())
        m_sweep.stop();
}

void UpstreamConnectionPool::expire()
{
    // Idle too long, or still not connected after as long: closed. A spare that nobody needed
    // lowers its origin's spare target.
    int closed = 0;
    for (QList<Idle> *list : {&m_idle, &m_opening}) {
        const QList<Idle> entries = std::exchange(*list, {});
        for (const Idle &entry : entries) {
            if (entry.socket && !entry.since.hasExpired(m_idleTimeoutMs)) {
                list->append(entry);
                continue;
            }
            if (list == &m_idle && !entry.used) {
                if (const auto target = m_spareTargets.find(entry.origin); target != m_spareTargets.end())
                    *target = std::max(*target - 1, 1);
            }
            close(entry.socket);
            ++closed;
        }
    }
    if (m_idle.isEmpty() && m_opening.isEmpty())
        m_sweep.stop();
    // What a burst's connections held (their buffers) goes back to the system once they are deleted.
    if (closed >= TrimAfterClosing)
        QTimer::singleShot(1000, this, &releaseFreeMemory);
}

void UpstreamConnectionPool::clear()
{
    m_sweep.stop();
    m_spareTargets.clear();
    for (const Idle &entry : std::exchange(m_idle, {}))
        close(entry.socket);
    for (const Idle &entry : std::exchange(m_opening, {}))
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
