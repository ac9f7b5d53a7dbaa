#include "pool/cooldownschedule.h"

#include <QTimeZone>

#include <limits>

namespace kt {

void CooldownSchedule::set(qint64 id, const QDateTime &until)
{
    const qint64 end = until.isValid() ? until.toMSecsSinceEpoch() : std::numeric_limits<qint64>::min();
    if (const auto it = m_endOf.constFind(id); it != m_endOf.cend()) {
        if (*it == end)
            return;
        m_ends.erase({*it, id});
    }
    m_ends.insert({end, id});
    m_endOf.insert(id, end);
}

void CooldownSchedule::remove(qint64 id)
{
    if (const auto it = m_endOf.constFind(id); it != m_endOf.cend()) {
        m_ends.erase({*it, id});
        m_endOf.erase(it);
    }
}

void CooldownSchedule::clear()
{
    m_ends.clear();
    m_endOf.clear();
}

std::optional<QDateTime> CooldownSchedule::first() const
{
    if (m_ends.empty())
        return std::nullopt;
    const qint64 end = m_ends.begin()->first;
    return end == std::numeric_limits<qint64>::min() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(end, QTimeZone::utc());
}

QList<qint64> CooldownSchedule::endedBy(const QDateTime &now) const
{
    QList<qint64> ended;
    const qint64 ms = now.toMSecsSinceEpoch();
    for (auto it = m_ends.begin(); it != m_ends.end() && it->first <= ms; ++it)
        ended.append(it->second);
    return ended;
}

} // namespace kt
