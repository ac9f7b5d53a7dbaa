#include "pool/accountselector.h"

namespace kt {

AccountSelector::AccountSelector() : m_random(QRandomGenerator::securelySeeded())
{
}

std::optional<qsizetype> AccountSelector::pick(const QList<Account> &accounts, const QSet<qint64> &excluded,
                                               const QDateTime &now, const QSet<qint64> *allowed, const AccountLoad *load)
{
    const qint64 nowMs = load ? now.toMSecsSinceEpoch() : 0;
    const qsizetype n = accounts.size();
    if (n == 0)
        return std::nullopt;
    const bool anyExcluded = !excluded.isEmpty();
    const auto eligible = [&](qsizetype i) {
        const Account &a = accounts.at(i);
        if (anyExcluded && excluded.contains(a.id()))
            return false;
        if (allowed && !allowed->contains(a.id()))
            return false;
        if (load && !load->admits(a.id(), nowMs))
            return false;
        // The common case without any time arithmetic; isSelectable() decides the rest.
        if (a.state == AccountState::Active && !a.credential.disabled && !a.quota.exhausted())
            return true;
        return a.isSelectable(now);
    };
    std::optional<qsizetype> best;
    switch (m_strategy) {
    case PoolStrategy::RoundRobin:
        for (qsizetype k = 0; k < n; ++k) {
            const qsizetype i = (m_cursor + k) % n;
            if (eligible(i)) {
                m_cursor = (i + 1) % n;
                return i;
            }
        }
        return std::nullopt;
    case PoolStrategy::Random: {
        // Count, draw once, walk to the drawn one: uniform over the eligible accounts, one random number.
        quint32 count = 0;
        for (qsizetype i = 0; i < n; ++i)
            count += eligible(i) ? 1 : 0;
        if (count == 0)
            return std::nullopt;
        quint32 target = m_random.bounded(count);
        for (qsizetype i = 0; i < n; ++i) {
            if (eligible(i) && target-- == 0)
                return i;
        }
        return std::nullopt;
    }
    case PoolStrategy::LeastUsed:
        for (qsizetype i = 0; i < n; ++i) {
            if (!eligible(i))
                continue;
            if (!best) {
                best = i;
                continue;
            }
            // Ties go to the first in pool order; selecting it raises its count, so equals take turns.
            if (accounts.at(i).requestCount < accounts.at(*best).requestCount)
                best = i;
        }
        return best;
    case PoolStrategy::Priority:
        for (qsizetype i = 0; i < n; ++i) {
            if (eligible(i) && (!best || accounts.at(i).credential.priority < accounts.at(*best).credential.priority))
                best = i;
        }
        return best;
    }
    return std::nullopt;
}

} // namespace kt
