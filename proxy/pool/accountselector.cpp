#include "pool/accountselector.h"

namespace kt {

namespace {

constexpr int RandomDraws = 32;   // rejected draws before Random counts the eligible ones instead

qint64 catalogueStamp(const Account &a)
{
    return a.models.fetchedAt.isValid() ? a.models.fetchedAt.toMSecsSinceEpoch() ^ (qint64(a.models.models.size()) << 48) : -1;
}

} // namespace

AccountSelector::AccountSelector() : m_random(QRandomGenerator::securelySeeded())
{
}

void AccountSelector::reset(const QList<Account> &accounts)
{
    const qsizetype n = accounts.size();
    m_entries.resize(size_t(n));
    m_ids.resize(size_t(n));
    m_catalogues.resize(size_t(n));
    for (qsizetype i = 0; i < n; ++i) {
        const Account &a = accounts.at(i);
        m_entries[size_t(i)] = SelectionIndex::Entry::of(a);
        m_ids[size_t(i)] = a.id();
        m_catalogues[size_t(i)] = catalogueStamp(a);
    }
    build(m_all, {});
    m_models.clear();
    m_valid = true;
}

void AccountSelector::build(SelectionIndex &index, const ModelAccounts &allowed) const
{
    index.clear(qsizetype(m_entries.size()), m_strategy == PoolStrategy::LeastUsed);
    for (size_t i = 0; i < m_entries.size(); ++i) {
        if (allowed.contains(m_ids[i]))
            index.insert(qsizetype(i), m_entries[i]);
    }
}

void AccountSelector::update(const QList<Account> &accounts, qsizetype index)
{
    if (!m_valid || accounts.size() != qsizetype(m_entries.size()) || index < 0 || index >= accounts.size()
        || m_ids[size_t(index)] != accounts.at(index).id()) {
        m_valid = false;   // the list changed shape: rebuilt at the next pick
        return;
    }
    const Account &a = accounts.at(index);
    if (const qint64 stamp = catalogueStamp(a); stamp != m_catalogues[size_t(index)]) {
        m_catalogues[size_t(index)] = stamp;
        m_models.clear();   // which accounts offer which model may have changed
    }
    replace(index, SelectionIndex::Entry::of(a));
}

void AccountSelector::counted(qsizetype index, qint64 id, qint64 requestCount)
{
    if (!m_valid || index < 0 || index >= qsizetype(m_entries.size()) || m_ids[size_t(index)] != id) {
        m_valid = false;
        return;
    }
    SelectionIndex::Entry after = m_entries[size_t(index)];
    after.requestCount = requestCount;
    replace(index, after);
}

void AccountSelector::replace(qsizetype index, const SelectionIndex::Entry &after)
{
    const SelectionIndex::Entry before = m_entries[size_t(index)];
    if (before == after)
        return;
    m_entries[size_t(index)] = after;
    m_all.replace(index, before, after);
    for (auto &[model, set] : m_models)
        set.index.replace(index, before, after);
}

SelectionIndex &AccountSelector::indexFor(const QList<Account> &accounts, const ModelAccounts &allowed, const QString &key)
{
    if (!m_valid || accounts.size() != qsizetype(m_entries.size()))
        reset(accounts);
    if (!allowed.restricted())
        return m_all;
    ModelSet &set = m_models[key];
    if (set.size != allowed.size()) {
        build(set.index, allowed);
        set.size = allowed.size();
    }
    return set.index;
}

std::optional<qsizetype> AccountSelector::pick(const QList<Account> &accounts, const QSet<qint64> &excluded, const QDateTime &now,
                                               const ModelAccounts &allowed, const AccountLoad *load, const QString &allowedKey)
{
    if (accounts.isEmpty())
        return std::nullopt;
    const qint64 nowMs = now.toMSecsSinceEpoch();
    const bool anyExcluded = !excluded.isEmpty();
    m_examined = 0;
    // The index only proposes: the account itself decides.
    const auto eligible = [&](qsizetype i) {
        ++m_examined;
        const Account &a = accounts.at(i);
        return (!anyExcluded || !excluded.contains(a.id())) && allowed.contains(a.id())
            && (!load || load->admits(a.id(), nowMs)) && a.isSelectable(now);
    };
    // Without a key the allowed set cannot be cached: the whole pool's index, filtered.
    SelectionIndex &index = indexFor(accounts, allowedKey.isEmpty() ? ModelAccounts() : allowed, allowedKey);
    index.promote(nowMs);
    if (const auto found = pickFrom(index, eligible))
        return found;
    const auto found = scan(accounts, excluded, now, allowed, load);
    if (found)
        m_valid = false;   // the index missed an account that can serve: rebuild it
    return found;
}

template<typename Eligible>
std::optional<qsizetype> AccountSelector::pickFrom(SelectionIndex &index, const Eligible &eligible)
{
    const qsizetype ready = index.ready();
    if (ready == 0)
        return std::nullopt;
    switch (m_strategy) {
    case PoolStrategy::RoundRobin: {
        // The first ready position at or after the cursor, wrapping around.
        const qsizetype first = index.readyBefore(m_cursor);
        for (qsizetype k = 0; k < ready; ++k) {
            const qsizetype i = index.nthReady((first + k) % ready);
            if (eligible(i)) {
                m_cursor = i + 1;
                return i;
            }
        }
        return std::nullopt;
    }
    case PoolStrategy::Random: {
        // Uniform draws among the ready ones, rejecting the ineligible (uniform over the eligible);
        // when most are rejected, count them and draw once.
        for (int draw = 0; draw < RandomDraws; ++draw) {
            const qsizetype i = index.nthReady(qsizetype(m_random.bounded(quint32(ready))));
            if (eligible(i))
                return i;
        }
        std::vector<qsizetype> candidates;
        for (qsizetype k = 0; k < ready; ++k) {
            if (const qsizetype i = index.nthReady(k); eligible(i))
                candidates.push_back(i);
        }
        if (candidates.empty())
            return std::nullopt;
        return candidates[size_t(m_random.bounded(quint32(candidates.size())))];
    }
    case PoolStrategy::LeastUsed:
        // Ties go to the first in pool order; selecting it raises its count, so equals take turns.
        for (const auto &[count, i] : index.byCount())
            if (eligible(i))
                return i;
        return std::nullopt;
    case PoolStrategy::Priority:
        for (const auto &[priority, i] : index.byPriority())
            if (eligible(i))
                return i;
        return std::nullopt;
    }
    return std::nullopt;
}

std::optional<qsizetype> AccountSelector::scan(const QList<Account> &accounts, const QSet<qint64> &excluded, const QDateTime &now,
                                               const ModelAccounts &allowed, const AccountLoad *load)
{
    const qint64 nowMs = load ? now.toMSecsSinceEpoch() : 0;
    const qsizetype n = accounts.size();
    if (n == 0)
        return std::nullopt;
    const auto eligible = [&](qsizetype i) {
        ++m_examined;
        const Account &a = accounts.at(i);
        return !excluded.contains(a.id()) && allowed.contains(a.id()) && (!load || load->admits(a.id(), nowMs))
            && a.isSelectable(now);
    };
    std::optional<qsizetype> best;
    switch (m_strategy) {
    case PoolStrategy::RoundRobin:
        for (qsizetype k = 0; k < n; ++k) {
            const qsizetype i = (m_cursor + k) % n;
            if (eligible(i)) {
                m_cursor = i + 1;
                return i;
            }
        }
        return std::nullopt;
    case PoolStrategy::Random: {
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
            if (eligible(i) && (!best || accounts.at(i).requestCount < accounts.at(*best).requestCount))
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
