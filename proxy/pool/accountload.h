#pragma once
// Per-account limits (docs/reliability.md#per-account-limits): requests in flight and requests started
// in the last minute. admits() is O(log n) in the account's starts of the last minute, no allocation.
// The counts in flight are in a flat table by id; the starts are recorded only while a per-minute limit is set.
#include "pool/idtable.h"

#include <QHash>

#include <deque>

namespace kt {

class AccountLoad
{
public:
    static constexpr qint64 WindowMs = 60 * 1000;

    // 0 = no limit.
    void setLimits(int maxConcurrent, int perMinute)
    {
        m_maxConcurrent = maxConcurrent;
        m_perMinute = perMinute;
    }
    int maxConcurrent() const { return m_maxConcurrent; }
    int perMinute() const { return m_perMinute; }

    bool admits(qint64 id, qint64 nowMs) const;   // may take one more request now
    void acquire(qint64 id, qint64 nowMs);        // a request starts on the account
    void release(qint64 id);                      // ...and ends
    int inFlight() const { return m_total; }   // on every account
    int inFlight(qint64 id) const
    {
        const int *n = m_inFlight.find(id);
        return n ? *n : 0;
    }
    int startedLastMinute(qint64 id, qint64 nowMs) const;
    // When the account will admit a request again: 0 now, -1 when a running request must end first.
    qint64 msUntilAdmitted(qint64 id, qint64 nowMs) const;
    void forget(qint64 id)
    {
        m_total -= inFlight(id);
        m_inFlight.remove(id);
        m_starts.remove(id);
    }

private:
    int m_maxConcurrent = 0;
    int m_perMinute = 0;
    IdTable<int> m_inFlight;
    int m_total = 0;
    QHash<qint64, std::deque<qint64>> m_starts;   // per account, ascending; only the last minute's are kept
};

} // namespace kt
