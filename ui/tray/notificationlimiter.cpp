#include "tray/notificationlimiter.h"

namespace kt {

NotificationLimiter::NotificationLimiter(int perKeySeconds, int burst, int burstWindowSeconds)
    : m_perKeySeconds(perKeySeconds), m_burst(burst), m_burstWindowSeconds(burstWindowSeconds)
{
}

bool NotificationLimiter::allow(const QString &kind, const QString &subject, const QDateTime &now)
{
    const QString key = kind + QLatin1Char('\n') + subject;
    const auto last = m_lastShown.constFind(key);
    if (last != m_lastShown.constEnd() && last->secsTo(now) < m_perKeySeconds) {
        ++m_suppressed;
        return false;
    }
    while (!m_recent.isEmpty() && m_recent.first().secsTo(now) >= m_burstWindowSeconds)
        m_recent.removeFirst();
    if (m_recent.size() >= m_burst) {
        ++m_suppressed;
        return false;
    }
    m_recent.append(now);
    m_lastShown.insert(key, now);
    return true;
}

} // namespace kt
