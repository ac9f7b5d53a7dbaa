#pragma once
// Which account each conversation is bound to, forgotten after an idle TTL. A hash map for lookups and
// a recency list for expiry: every operation is O(1) amortised, no scan of all bindings per request.
#include <QDateTime>
#include <QHash>
#include <QString>

#include <list>
#include <optional>

namespace kt {

class ConversationBindings
{
public:
    static constexpr int MaxBindings = 20000;   // the least recently used goes first beyond this

    explicit ConversationBindings(qint64 ttlMs = 3600 * 1000) : m_ttlMs(ttlMs) {}

    void setTtlMs(qint64 ms) { m_ttlMs = ms; }
    qint64 ttlMs() const { return m_ttlMs; }
    struct Binding {
        qint64 accountId = 0;
        quint32 epoch = 0;   // the account's setback count when bound (AccountPool)
        qint64 lastUsedMs = 0;
        std::list<QString>::iterator position;   // in m_recency
    };

    // The binding, unless it has been idle longer than the TTL.
    std::optional<Binding> find(const QString &key, const QDateTime &now);
    void bind(const QString &key, qint64 accountId, quint32 epoch, const QDateTime &now);   // the pool's choice (a miss)
    void touch(const QString &key, const QDateTime &now);                    // served by its account again (a hit)
    void release(const QString &key);
    void clear();
    int size(const QDateTime &now);   // live bindings

    qint64 hits() const { return m_hits; }       // a request went to its conversation's account
    qint64 misses() const { return m_misses; }   // a conversation was bound (again) by the pool's choice

private:
    void expire(qint64 nowMs);
    void use(const QString &key, qint64 accountId, quint32 epoch, qint64 nowMs);

    qint64 m_ttlMs;
    QHash<QString, Binding> m_bindings;
    std::list<QString> m_recency;   // most recently used first
    qint64 m_hits = 0;
    qint64 m_misses = 0;
};

} // namespace kt
