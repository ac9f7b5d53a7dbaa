// AccountPool, part 5: conversation affinity. A conversation stays on the account it was bound to while
// that account can serve it (selectable, offers the model, not already tried by this request); otherwise
// the binding goes and the strategy's choice takes it over (docs/reliability.md#conversation-affinity).
#include "pool/accountpool.h"

#include <QJsonObject>

namespace kt {

std::optional<qsizetype> AccountPool::boundAccount(const QString &conversation, const QSet<qint64> &excluded,
                                                   const ModelAccounts &allowed, const QDateTime &now, qint64 *busy)
{
    const auto binding = m_bindings.find(conversation, now);
    if (!binding)
        return std::nullopt;
    // A cooldown, invalidity or disabling since the binding ended it, even if the account is back.
    const auto it = m_accounts.indexOf(binding->accountId);
    if (it && m_setbacks.value(binding->accountId) == binding->epoch) {
        const Account &a = m_accounts.at(*it);
        if (!excluded.contains(a.id()) && allowed.contains(a.id()) && a.isSelectable(now)) {
            if (!m_load.admits(a.id(), now.toMSecsSinceEpoch())) {
                *busy = a.id();   // still its account: the caller may wait for it
                return std::nullopt;
            }
            m_bindings.touch(conversation, now);
            return *it;
        }
    }
    m_bindings.release(conversation);
    return std::nullopt;
}

QJsonObject AccountPool::conversationStats()
{
    return {{QStringLiteral("bound"), conversationBindings()},
            {QStringLiteral("hits"), double(m_bindings.hits())},
            {QStringLiteral("misses"), double(m_bindings.misses())},
            {QStringLiteral("ttlMinutes"), double(m_bindings.ttlMs() / 60000)}};
}

} // namespace kt
