#include "pool/accountload.h"

#include <algorithm>

namespace kt {

int AccountLoad::startedLastMinute(qint64 id, qint64 nowMs) const
{
    const auto it = m_accounts.constFind(id);
    if (it == m_accounts.cend())
        return 0;
    const auto first = std::upper_bound(it->starts.cbegin(), it->starts.cend(), nowMs - WindowMs);
    return int(std::distance(first, it->starts.cend()));
}

bool AccountLoad::admits(qint64 id, qint64 nowMs) const
{
    return msUntilAdmitted(id, nowMs) == 0;
}

qint64 AccountLoad::msUntilAdmitted(qint64 id, qint64 nowMs) const
{
    if (m_maxConcurrent <= 0 && m_perMinute <= 0)
        return 0;
    const auto it = m_accounts.constFind(id);
    if (it == m_accounts.cend())
        return 0;
    if (m_maxConcurrent > 0 && it->inFlight >= m_maxConcurrent)
        return -1;
    if (m_perMinute <= 0)
        return 0;
    const auto first = std::upper_bound(it->starts.cbegin(), it->starts.cend(), nowMs - WindowMs);
    const qint64 recent = std::distance(first, it->starts.cend());
    if (recent < m_perMinute)
        return 0;
    // The start that has to leave the window before one more fits.
    return *(first + (recent - m_perMinute)) + WindowMs - nowMs;
}

void AccountLoad::acquire(qint64 id, qint64 nowMs)
{
    State &s = m_accounts[id];
    ++s.inFlight;
    if (m_perMinute <= 0)
        return;
    while (!s.starts.empty() && s.starts.front() <= nowMs - WindowMs)
        s.starts.pop_front();
    s.starts.push_back(std::max(nowMs, s.starts.empty() ? nowMs : s.starts.back()));
}

void AccountLoad::release(qint64 id)
{
    const auto it = m_accounts.find(id);
    if (it != m_accounts.end() && it->inFlight > 0)
        --it->inFlight;
}

} // namespace kt
