#include "service/forwardingtimes.h"

#include <chrono>

Q_LOGGING_CATEGORY(lcForwarding, "kirotray.forwarding", QtWarningMsg)

namespace kt {

ForwardingTimes::ForwardingTimes() : m_enabled(lcForwarding().isDebugEnabled()) {}

qint64 ForwardingTimes::nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

void ForwardingTimes::forwarded(int events)
{
    if (!m_enabled || m_receivedNs == 0 || events <= 0)
        return;
    const auto us = quint32(qBound<qint64>(0, (nowNs() - m_receivedNs + 500) / 1000, UINT32_MAX));
    m_us.insert(m_us.size(), events, us);
}

QString ForwardingTimes::summary() const
{
    QString line = QStringLiteral("forwarded %1 upstream events; µs from socket read to client write:").arg(m_us.size());
    for (quint32 us : m_us)
        line += QLatin1Char(' ') + QString::number(us);
    return line;
}

} // namespace kt
