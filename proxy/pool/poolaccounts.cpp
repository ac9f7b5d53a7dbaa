#include "pool/poolaccounts.h"

namespace kt {

Account *PoolAccounts::find(qint64 id)
{
    const Slot *slot = m_slots.find(id);
    return slot ? &m_accounts[slot->position] : nullptr;
}

const Account *PoolAccounts::find(qint64 id) const
{
    const Slot *slot = m_slots.find(id);
    return slot ? &m_accounts.at(slot->position) : nullptr;
}

std::optional<qsizetype> PoolAccounts::indexOf(qint64 id) const
{
    const Slot *slot = m_slots.find(id);
    return slot ? std::optional<qsizetype>(slot->position) : std::nullopt;
}

std::optional<quint8> PoolAccounts::mark(qint64 id, quint8 marks)
{
    Slot *slot = m_slots.find(id);
    if (!slot)
        return std::nullopt;
    const quint8 before = slot->marks;
    slot->marks |= marks;
    return before;
}

quint8 PoolAccounts::unmark(qint64 id, quint8 marks)
{
    Slot *slot = m_slots.find(id);
    if (!slot)
        return 0;
    const quint8 before = slot->marks;
    slot->marks &= quint8(~marks);
    return before;
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

void PoolAccounts::reserve(qsizetype n)
{
    m_accounts.reserve(n);
    m_slots.reserve(n);
}

void PoolAccounts::append(Account account)
{
    const qint64 id = account.id();
    if (m_identitiesIndexed)
        addIdentities(account);
    m_accounts.append(std::move(account));
    m_slots[id] = Slot{m_accounts.size() - 1, 0};
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

// Positions from the list; the ids still there keep their marks.
void PoolAccounts::reindex()
{
    IdTable<Slot> fresh;
    fresh.reserve(m_accounts.size());
    for (qsizetype i = 0; i < m_accounts.size(); ++i) {
        const qint64 id = m_accounts.at(i).id();
        const Slot *old = m_slots.find(id);
        fresh[id] = Slot{i, old ? old->marks : quint8(0)};
    }
    m_slots = std::move(fresh);
}

QString PoolAccounts::machineId(qint64 id) const
{
    const Account *a = find(id);
    return a ? m_machineIds.get(id, a->credential, m_config) : QString();
}

} // namespace kt
