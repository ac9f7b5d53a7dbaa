#pragma once
// The pool's accounts in their order, each found in O(1) by id and by identity (the hash of its
// refresh token or API key, as added and as it is now), with its machine id. The identities are
// indexed when first looked up (an import, a sign-in), so loading the pool hashes no token.
// Beside each account's position its marks (what the pool still has to save or announce) share
// one flat record by id: a served request reads and writes nothing else here.
#include "accounts/account.h"
#include "accounts/machineid.h"
#include "pool/idtable.h"

#include <QHash>
#include <QList>

#include <optional>

namespace kt {

struct Config;

class PoolAccounts
{
public:
    explicit PoolAccounts(const Config &config) : m_config(config) {}

    qsizetype size() const { return m_accounts.size(); }
    bool isEmpty() const { return m_accounts.isEmpty(); }
    const QList<Account> &list() const { return m_accounts; }
    const Account &at(qsizetype i) const { return m_accounts.at(i); }
    Account &operator[](qsizetype i) { return m_accounts[i]; }
    QList<Account>::iterator begin() { return m_accounts.begin(); }
    QList<Account>::iterator end() { return m_accounts.end(); }
    QList<Account>::const_iterator begin() const { return m_accounts.cbegin(); }
    QList<Account>::const_iterator end() const { return m_accounts.cend(); }

    Account *find(qint64 id);
    const Account *find(qint64 id) const;
    std::optional<qsizetype> indexOf(qint64 id) const;
    // The account with this identity (identity()): the first in order when several share it.
    std::optional<qint64> findByIdentity(const QString &hash) const;
    void credentialChanged(qint64 id);   // its refresh token or API key may have changed
    static QString identity(const Credential &c);
    // Read in the background (quota, models): neither disabled nor signed out.
    bool readable(qint64 id) const;

    // Marks are bits the pool defines; they stay with the account (through reordering) until cleared.
    std::optional<quint8> mark(qint64 id, quint8 marks);   // the marks it had; nothing for an unknown id
    quint8 unmark(qint64 id, quint8 marks);                // the marks it had; 0 for an unknown id

    void replace(QList<Account> accounts);
    void reserve(qsizetype n);   // room for n accounts: a load in pages appends without copying them again
    void append(Account account);
    bool remove(qint64 id);

    QString machineId(qint64 id) const;   // empty for an unknown id
    static QString nameOf(const Account &a) { return a.name.isEmpty() ? a.credential.displayName() : a.name; }

private:
    void reindex();
    void indexIdentities() const;
    void addIdentities(const Account &a) const;
    void dropIdentities(qint64 id);

    struct Slot {
        qsizetype position = 0;
        quint8 marks = 0;
    };

    const Config &m_config;
    QList<Account> m_accounts;
    IdTable<Slot> m_slots;
    mutable bool m_identitiesIndexed = false;
    mutable QHash<QString, qint64> m_byIdentity;      // refreshTokenHash and the current identity of each account
    mutable QHash<qint64, QStringList> m_identities;  // the keys of m_byIdentity each account holds
    mutable MachineIdCache m_machineIds;
};

} // namespace kt
