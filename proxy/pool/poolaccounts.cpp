#include "pool/poolaccounts.h"

namespace kt {

Account *PoolAccounts::find(qint64 id)
{
    const auto it = m_index.constFind(id);
    return it == m_index.cend() ? nullptr : &m_accounts[*it];
}

const Account *PoolAccounts::find(qint64 id) const
{
    const auto it = m_index.constFind(id);
    return it == m_index.cend() ? nullptr : &m_accounts.at(*it);
}

std::optional<qsizetype> PoolAccounts::indexOf(qint64 id) const
{
    const auto it = m_index.constFind(id);
    return it == m_index.cend() ? std::nullopt : std::optional<qsizetype>(*it);
}

bool PoolAccounts::readable(qint64 id) const
{
    const Account *a = find(id);
    return a && a->state != AccountState::Disabled && a->state != AccountState::Invalid;
}

void PoolAccounts::replace(QList<Account> accounts)
{
    m_accounts = std::move(accounts);
    reindex();
}

void PoolAccounts::append(Account account)
{
    const qint64 id = account.id();
    m_accounts.append(std::move(account));
    m_index.insert(id, m_accounts.size() - 1);
}

bool PoolAccounts::remove(qint64 id)
{
    const auto index = indexOf(id);
    if (!index)
        return false;
    m_accounts.removeAt(*index);
    m_machineIds.forget(id);
    reindex();
    return true;
}

void PoolAccounts::reindex()
{
    m_index.clear();
    m_index.reserve(m_accounts.size());
    for (qsizetype i = 0; i < m_accounts.size(); ++i)
        m_index.insert(m_accounts.at(i).id(), i);
}

QString PoolAccounts::machineId(qint64 id) const
{
    const Account *a = find(id);
    return a ? m_machineIds.get(id, a->credential, m_config) : QString();
}

} // namespace kt
