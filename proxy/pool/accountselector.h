#pragma once
// Picks the index of the account that serves the next attempt according to the pool strategy,
// skipping accounts that cannot serve now and those already tried by the request. O(n), no allocation.
#include "accounts/account.h"
#include "accounts/poolstrategy.h"
#include "pool/accountload.h"

#include <QList>
#include <QRandomGenerator>
#include <QSet>

#include <optional>

namespace kt {

class AccountSelector
{
public:
    AccountSelector();

    PoolStrategy strategy() const { return m_strategy; }
    void setStrategy(PoolStrategy s) { m_strategy = s; }
    void seed(quint32 value) { m_random.seed(value); }

    // allowed: when given, only these account ids (those offering the requested model) may be picked.
    // load: when given, accounts at their limits are skipped.
    std::optional<qsizetype> pick(const QList<Account> &accounts, const QSet<qint64> &excluded, const QDateTime &now,
                                  const QSet<qint64> *allowed = nullptr, const AccountLoad *load = nullptr);

private:
    PoolStrategy m_strategy = PoolStrategy::RoundRobin;
    qsizetype m_cursor = 0;
    QRandomGenerator m_random;
};

} // namespace kt
