#pragma once
// The accounts of one set (the whole pool, or those offering one model) that may be selected, ordered
// for each strategy: by position (round robin, random: a Fenwick tree of the ready positions), by
// request count (least used, kept only when asked for: it moves on every request) and by priority. Accounts blocked until a known time (a cooldown, quota
// until its reset) wait in a queue by that time and become ready when a pick reaches it. Every
// operation is O(log n).
#include <QtGlobal>

#include <limits>
#include <set>
#include <utility>
#include <vector>

namespace kt {

struct Account;

class SelectionIndex
{
public:
    // What selection depends on, per pool position.
    struct Entry {
        static constexpr qint64 Never = std::numeric_limits<qint64>::max();
        qint64 readyAtMs = std::numeric_limits<qint64>::min();   // selectable from then on; Never: disabled, invalid, out of quota for good
        qint64 requestCount = 0;
        int priority = 0;
        bool operator==(const Entry &) const = default;
        static Entry of(const Account &account);
    };

    void clear(qsizetype positions, bool byCount = true);   // empty, for a pool of that many positions
    void insert(qsizetype position, const Entry &entry);
    void erase(qsizetype position, const Entry &entry);   // entry: as it was inserted
    void replace(qsizetype position, const Entry &before, const Entry &after);
    bool contains(qsizetype position) const { return m_where.at(position) != Outside; }
    qsizetype members() const { return m_members; }
    void promote(qint64 nowMs);          // accounts whose time has come become ready

    qsizetype ready() const { return m_ready; }
    qsizetype readyBefore(qsizetype position) const;   // ready positions < position
    qsizetype nthReady(qsizetype n) const;             // the n-th ready position (0-based, n < ready())
    bool keepsCounts() const { return m_keepsCounts; }
    const std::set<std::pair<qint64, qsizetype>> &byCount() const { return m_byCount; }   // empty unless keepsCounts()
    const std::set<std::pair<qint64, qsizetype>> &byPriority() const { return m_byPriority; }

private:
    enum Where : quint8 { Outside, Ready, Waiting, Blocked };
    // Every position is ready (the common case): the n-th ready position is n, no tree to walk.
    bool allReady() const { return m_ready == qsizetype(m_where.size()); }
    void add(qsizetype position, int delta);
    void makeReady(qsizetype position, const Entry &entry);

    std::vector<quint8> m_where;
    std::vector<qint32> m_tree;   // Fenwick tree over positions, 1-based
    qsizetype m_ready = 0;
    qsizetype m_members = 0;
    int m_log = 0;
    bool m_keepsCounts = true;
    std::set<std::pair<qint64, qsizetype>> m_byCount, m_byPriority, m_waiting;
    std::vector<Entry> m_waitingEntries;   // per position, while waiting
};

} // namespace kt
