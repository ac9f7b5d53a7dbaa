#include "pool/conversationbindings.h"

namespace kt {

void ConversationBindings::expire(qint64 nowMs)
{
    while (!m_recency.empty()) {
        const auto it = m_bindings.find(m_recency.back());
        if (it != m_bindings.end() && nowMs - it->lastUsedMs <= m_ttlMs && m_bindings.size() <= MaxBindings)
            return;
        if (it != m_bindings.end())
            m_bindings.erase(it);
        m_recency.pop_back();
    }
}

std::optional<ConversationBindings::Binding> ConversationBindings::find(const QString &key, const QDateTime &now)
{
    expire(now.toMSecsSinceEpoch());
    const auto it = m_bindings.constFind(key);
    if (it == m_bindings.cend())
        return std::nullopt;
    return *it;
}

void ConversationBindings::use(const QString &key, qint64 accountId, quint32 epoch, qint64 nowMs)
{
    auto it = m_bindings.find(key);
    if (it == m_bindings.end()) {
        m_recency.push_front(key);
        it = m_bindings.insert(key, Binding{accountId, epoch, nowMs, m_recency.begin()});
    } else {
        m_recency.splice(m_recency.begin(), m_recency, it->position);
    }
    it->accountId = accountId;
    it->epoch = epoch;
    it->lastUsedMs = nowMs;
    expire(nowMs);
}

void ConversationBindings::bind(const QString &key, qint64 accountId, quint32 epoch, const QDateTime &now)
{
    ++m_misses;
    use(key, accountId, epoch, now.toMSecsSinceEpoch());
}

void ConversationBindings::touch(const QString &key, const QDateTime &now)
{
    const auto it = m_bindings.constFind(key);
    if (it == m_bindings.cend())
        return;
    ++m_hits;
    use(key, it->accountId, it->epoch, now.toMSecsSinceEpoch());
}

void ConversationBindings::release(const QString &key)
{
    const auto it = m_bindings.find(key);
    if (it == m_bindings.end())
        return;
    m_recency.erase(it->position);
    m_bindings.erase(it);
}

void ConversationBindings::clear()
{
    m_bindings.clear();
    m_recency.clear();
}

int ConversationBindings::size(const QDateTime &now)
{
    expire(now.toMSecsSinceEpoch());
    return int(m_bindings.size());
}

} // namespace kt
