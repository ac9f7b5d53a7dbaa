#include "pool/selectionindex.h"

#include "accounts/account.h"

#include <algorithm>

namespace kt {

SelectionIndex::Entry SelectionIndex::Entry::of(const Account &a)
{
    Entry e;
    e.requestCount = a.requestCount;
    e.priority = a.credential.priority;
    // The same rule as Account::isSelectable(now), as the time from which it holds.
    if (a.credential.disabled || a.state == AccountState::Invalid || a.state == AccountState::Disabled) {
        e.readyAtMs = Never;
        return e;
    }
    if (a.state == AccountState::Cooldown && a.cooldownUntil.isValid())
        e.readyAtMs = a.cooldownUntil.toMSecsSinceEpoch();
    if (a.quota.exhausted() && !a.overageEnabled)
        e.readyAtMs = a.quota.resetAt.isValid() ? std::max(e.readyAtMs, a.quota.resetAt.toMSecsSinceEpoch()) : Never;
    return e;
}

void SelectionIndex::clear(qsizetype positions, bool byCount)
{
    m_keepsCounts = byCount;
    m_where.assign(size_t(positions), Outside);
    m_tree.assign(size_t(positions) + 1, 0);
    m_waitingEntries.assign(size_t(positions), Entry());
    m_ready = m_members = 0;
    m_log = 0;
    while ((qsizetype(1) << (m_log + 1)) <= positions)
        ++m_log;
    m_byCount.clear();
    m_byPriority.clear();
    m_waiting.clear();
}

void SelectionIndex::add(qsizetype position, int delta)
{
    for (size_t i = size_t(position) + 1; i < m_tree.size(); i += i & (~i + 1))
        m_tree[i] += delta;
    m_ready += delta;
}

void SelectionIndex::makeReady(qsizetype position, const Entry &entry)
{
    m_where[size_t(position)] = Ready;
    add(position, 1);
    if (m_keepsCounts)
        m_byCount.emplace(entry.requestCount, position);
    m_byPriority.emplace(entry.priority, position);
}

void SelectionIndex::insert(qsizetype position, const Entry &entry)
{
    ++m_members;
    if (entry.readyAtMs == Entry::Never) {
        m_where[size_t(position)] = Blocked;
    } else if (entry.readyAtMs == std::numeric_limits<qint64>::min()) {
        makeReady(position, entry);
    } else {   // ready once its time comes (promote() decides, against the pick's clock)
        m_where[size_t(position)] = Waiting;
        m_waiting.emplace(entry.readyAtMs, position);
        m_waitingEntries[size_t(position)] = entry;
    }
}

void SelectionIndex::erase(qsizetype position, const Entry &entry)
{
    switch (m_where.at(position)) {
    case Outside:
        return;
    case Ready:
        add(position, -1);
        if (m_keepsCounts)
            m_byCount.erase({entry.requestCount, position});
        m_byPriority.erase({entry.priority, position});
        break;
    case Waiting:
        m_waiting.erase({entry.readyAtMs, position});
        break;
    case Blocked:
        break;
    }
    m_where[size_t(position)] = Outside;
    --m_members;
}

void SelectionIndex::replace(qsizetype position, const Entry &before, const Entry &after)
{
    const Where where = Where(m_where.at(position));
    if (where == Outside)
        return;
    // The common change, one more request: only the least-used order moves.
    if (before.readyAtMs == after.readyAtMs && before.priority == after.priority) {
        if (where == Ready) {
            if (m_keepsCounts && before.requestCount != after.requestCount) {
                auto node = m_byCount.extract({before.requestCount, position});   // moved, not freed and allocated again
                if (node) {
                    node.value().first = after.requestCount;
                    m_byCount.insert(std::move(node));
                } else {
                    m_byCount.emplace(after.requestCount, position);
                }
            }
        } else if (where == Waiting) {
            m_waitingEntries[size_t(position)] = after;
        }
        return;
    }
    erase(position, before);
    insert(position, after);
}

void SelectionIndex::promote(qint64 nowMs)
{
    while (!m_waiting.empty() && m_waiting.begin()->first <= nowMs) {
        const qsizetype position = m_waiting.begin()->second;
        m_waiting.erase(m_waiting.begin());
        Entry entry = m_waitingEntries[size_t(position)];
        makeReady(position, entry);
    }
}

qsizetype SelectionIndex::readyBefore(qsizetype position) const
{
    if (allReady())
        return std::clamp<qsizetype>(position, 0, m_ready);
    qint64 sum = 0;
    for (size_t i = size_t(std::min<qsizetype>(position, qsizetype(m_tree.size()) - 1)); i > 0; i -= i & (~i + 1))
        sum += m_tree[i];
    return qsizetype(sum);
}

qsizetype SelectionIndex::nthReady(qsizetype n) const
{
    if (allReady())
        return n;
    size_t at = 0;
    qint64 left = n;
    for (int step = m_log; step >= 0; --step) {
        const size_t next = at + (size_t(1) << step);
        if (next < m_tree.size() && m_tree[next] <= left) {
            at = next;
            left -= m_tree[next];
        }
    }
    return qsizetype(at);   // 1-based `at` + 1 is the position + 1
}

} // namespace kt
