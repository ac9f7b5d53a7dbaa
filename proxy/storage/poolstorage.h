#pragma once
// Where the pool keeps its accounts: the row (no secrets) in SQLite through AccountRepository and
// the secrets in the SecretStore under "account/<id>", written so that no half account survives.
#include "accounts/account.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace kt {

class AccountRepository;
class SecretStore;

class PoolStorage
{
public:
    PoolStorage(AccountRepository *repository, SecretStore *secrets);

    // Every account with its secrets; an account whose secrets cannot be read is kept (without them)
    // and named in *warnings.
    QList<Account> load(QStringList *warnings, QString *error) const;
    // Row first (assigns the id), then the secret; when the secret fails the row is removed again.
    bool insert(Account &account, QString *error);
    bool save(const Account &account, bool withSecrets, QString *error);
    // Secret first, then the row: a crash in between leaves a row without secrets, never a stray secret.
    bool remove(qint64 id, QString *error);
    QString setting(const QString &key, const QString &fallback = {}) const;
    bool setSetting(const QString &key, const QString &value, QString *error = nullptr);

private:
    bool writeSecret(const Account &account, QString *error);

    AccountRepository *m_repository;
    SecretStore *m_secrets;
};

} // namespace kt
