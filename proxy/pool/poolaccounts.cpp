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

QString PoolAccounts::identity(const Credential &c)
{
    return Account::hashSecret(c.authMethod == AuthMethod::ApiKey ? c.kiroApiKey : c.refreshToken);
}

std::optional<qint64> PoolAccounts::findByIdentity(const QString &hash) const
{
    if (!m_identitiesIndexed)
        indexIdentities();
    const auto it = m_byIdentity.constFind(hash);
    if (hash.isEmpty() || it == m_byIdentity.cend())
        return std::nullopt;
    return *it;
}

void PoolAccounts::indexIdentities() const
{
    m_byIdentity.clear();
    m_identities.clear();
    m_byIdentity.reserve(m_accounts.size() * 2);
    for (const Account &a : m_accounts)
        addIdentities(a);
    m_identitiesIndexed = true;
}

void PoolAccounts::addIdentities(const Account &a) const
{
    QStringList &held = m_identities[a.id()];
    for (const QString &hash : {a.refreshTokenHash, identity(a.credential)}) {
        if (!hash.isEmpty() && !m_byIdentity.contains(hash)) {
            m_byIdentity.insert(hash, a.id());
            held.append(hash);
        }
    }
}

void PoolAccounts::dropIdentities(qint64 id)
{
    for (const QString &hash : m_identities.take(id))
        m_byIdentity.remove(hash);
}

void PoolAccounts::credentialChanged(qint64 id)
{
    if (!m_identitiesIndexed)
        return;
    dropIdentities(id);
    if (const Account *a = find(id))
        addIdentities(*a);
}

bool PoolAccounts::readable(qint64 id) const
{
    const Account *a = find(id);
    return a && a->state != AccountState::Disabled && a->state != AccountState::Invalid;
}

void PoolAccounts::replace(QList<Account> accounts)
{
    m_accounts = std::move(accounts);
    m_byIdentity.clear();
    m_identities.clear();
    m_identitiesIndexed = false;
    reindex();
}

void PoolAccounts::append(Account account)
{
    const qint64 id = account.id();
    if (m_identitiesIndexed)
        addIdentities(account);
    m_accounts.append(std::move(account));
    m_index.insert(id, m_accounts.size() - 1);
}

bool PoolAccounts::remove(qint64 id)
{
    const auto index = indexOf(id);
    if (!index)
        return false;
    if (m_identitiesIndexed)
        dropIdentities(id);
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
