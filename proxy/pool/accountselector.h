#pragma once
// Picks the index of the account that serves the next attempt according to the pool strategy,
// skipping accounts that cannot serve now and those already tried by the request.
// O(log n) per pick: SelectionIndex keeps the ready accounts in each strategy's order, for the whole
// pool and for each model's accounts. The pool tells it what changed (update(), or reset() when
// accounts were added, removed or reordered); whatever it picks is still checked against the account
// itself, and when the index finds nothing the whole list is scanned, so a stale index never answers
// wrongly, only more slowly.
#include "accounts/account.h"
#include "accounts/poolstrategy.h"
#include "models/modelaccounts.h"
#include "pool/accountload.h"
#include "pool/selectionindex.h"

#include <QHash>
#include <QList>
#include <QRandomGenerator>
#include <QSet>

#include <optional>
#include <unordered_map>
#include <vector>

namespace kt {

class AccountSelector
{
public:
    AccountSelector();

    PoolStrategy strategy() const { return m_strategy; }
    void setStrategy(PoolStrategy s)
    {
        if ((s == PoolStrategy::LeastUsed) != (m_strategy == PoolStrategy::LeastUsed))
            m_valid = false;   // the order by request count is kept for least used only
        m_strategy = s;
    }
    void seed(quint32 value) { m_random.seed(value); }

    void reset(const QList<Account> &accounts);
    void invalidate() { m_valid = false; }   // rebuilt at the next pick
    void update(const QList<Account> &accounts, qsizetype index);   // accounts.at(index) changed
    // Only the request count of the account at index (with this id) changed: what a served request changes.
    void counted(qsizetype index, qint64 id, qint64 requestCount);

    // allowed: when restricted, only these account ids (those offering the requested model) may be
    // picked; allowedKey names that set (the model id) so that its index is kept.
    // load: when given, accounts at their limits are skipped.
    std::optional<qsizetype> pick(const QList<Account> &accounts, const QSet<qint64> &excluded, const QDateTime &now,
                                  const ModelAccounts &allowed = {}, const AccountLoad *load = nullptr,
                                  const QString &allowedKey = {});

    int examined() const { return m_examined; }   // accounts the last pick looked at

    // The O(n) rule the index must agree with (tests compare the two; also the fallback).
    std::optional<qsizetype> scan(const QList<Account> &accounts, const QSet<qint64> &excluded, const QDateTime &now,
                                  const ModelAccounts &allowed, const AccountLoad *load);

private:
    struct ModelSet {
        SelectionIndex index;
        qsizetype size = -1;   // of the allowed set it was built from
    };
    SelectionIndex &indexFor(const QList<Account> &accounts, const ModelAccounts &allowed, const QString &key);
    void build(SelectionIndex &index, const ModelAccounts &allowed) const;
    void replace(qsizetype index, const SelectionIndex::Entry &after);
    template<typename Eligible>
    std::optional<qsizetype> pickFrom(SelectionIndex &index, const Eligible &eligible);

    PoolStrategy m_strategy = PoolStrategy::RoundRobin;
    qsizetype m_cursor = 0;
    QRandomGenerator m_random;
    bool m_valid = false;
    int m_examined = 0;
    std::vector<SelectionIndex::Entry> m_entries;   // per position, as indexed
    std::vector<qint64> m_ids;                      // per position
    std::vector<qint64> m_catalogues;               // per position: when its model list was fetched (ms)
    SelectionIndex m_all;
    std::unordered_map<QString, ModelSet> m_models;   // by model id
};

} // namespace kt
