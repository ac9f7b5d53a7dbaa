#pragma once
// The accounts cooling down, by when their cooldown ends: the pool's timer is set to the first end,
// and the accounts whose end has come are found in O(log n + ended), without scanning the pool.
#include <QDateTime>
#include <QHash>
#include <QList>

#include <optional>
#include <set>
#include <utility>

namespace kt {

class CooldownSchedule
{
public:
    // Cooling down until `until` (an invalid time: the cooldown has no end and is over at once).
    void set(qint64 id, const QDateTime &until);
    void remove(qint64 id);   // not cooling down (any more)
    void clear();
    std::optional<QDateTime> first() const;
    QList<qint64> endedBy(const QDateTime &now) const;   // in the order their cooldowns end (ties: by id)
    int size() const { return int(m_ends.size()); }

private:
    std::set<std::pair<qint64, qint64>> m_ends;   // (end in ms since the epoch, account id)
    QHash<qint64, qint64> m_endOf;                // account id → its end
};

} // namespace kt
