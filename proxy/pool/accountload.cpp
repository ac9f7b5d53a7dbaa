#include "pool/accountload.h"

#include <algorithm>

namespace kt {

int AccountLoad::startedLastMinute(qint64 id, qint64 nowMs) const
{
    const auto it = m_starts.constFind(id);
    if (it == m_starts.cend())
        return 0;
    const auto first = std::upper_bound(it->cbegin(), it->cend(), nowMs - WindowMs);
    return int(std::distance(first, it->cend()));
}

bool AccountLoad::admits(qint64 id, qint64 nowMs) const
{
    return msUntilAdmitted(id, nowMs) == 0;
}

qint64 AccountLoad::msUntilAdmitted(qint64 id, qint64 nowMs) const
{
    if (m_maxConcurrent <= 0 && m_perMinute <= 0)
        return 0;
    if (m_maxConcurrent > 0 && inFlight(id) >= m_maxConcurrent)
        return -1;
    if (m_perMinute <= 0)
        return 0;
    const auto it = m_starts.constFind(id);
    if (it == m_starts.cend())
        return 0;
    const auto first = std::upper_bound(it->cbegin(), it->cend(), nowMs - WindowMs);
    const qint64 recent = std::distance(first, it->cend());
    if (recent < m_perMinute)
        return 0;
    // The start that has to leave the window before one more fits.
    return *(first + (recent - m_perMinute)) + WindowMs - nowMs;
}

void AccountLoad::acquire(qint64 id, qint64 nowMs)
{
    ++m_inFlight[id];
    ++m_total;
    if (m_perMinute <= 0)
        return;
    std::deque<qint64> &s = m_starts[id];
    while (!s.empty() && s.front() <= nowMs - WindowMs)
        s.pop_front();
    s.push_back(std::max(nowMs, s.empty() ? nowMs : s.back()));
}

void AccountLoad::release(qint64 id)
{
    if (int *n = m_inFlight.find(id); n && *n > 0) {
        --*n;
        --m_total;
    }
}

} // namespace kt
