#pragma once
// Where the pool keeps its accounts: the row (no secrets) in SQLite through AccountRepository and
// the secrets in the SecretStore under "account/<id>", written so that no half account survives.
#include "accounts/account.h"

#include <QHash>
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
    QList<Account> load(QStringList *warnings, QString *error) const { return loadPage(0, -1, warnings, error); }
    // The same for the first `limit` accounts (all when negative) whose id is above afterId, by id.
    QList<Account> loadPage(qint64 afterId, int limit, QStringList *warnings, QString *error) const;
    qint64 lastId() const;   // the highest stored id, 0 when none (no count: that reads every row's page)
    // Secret first, then the row.
    bool save(const Account &account, bool withSecrets, QString *error);
    // New and updated accounts, many at once (an import), in three steps: the new accounts' rows
    // (insertRow assigns the id), then every secret in one SecretStore::writeMany (writeSecrets: why
    // each that failed did, by id; the caller removes the new rows of those), then the updated rows.
    bool insertRow(Account &account, QString *error);
    QHash<qint64, QString> writeSecrets(const QList<const Account *> &accounts);
    void removeSecrets(const QList<qint64> &ids);   // of new accounts whose rows were not saved after all
    bool updateRow(const Account &account, QString *error);
    bool removeRow(qint64 id, QString *error);
    // Secret first, then the row: a crash in between leaves a row without secrets, never a stray secret.
    bool remove(qint64 id, QString *error);
    // Rows saved between beginBatch() and endBatch() are committed together (many accounts saved at
    // once: counters flushed, cooldowns ended, an import's rows). Batches nest: the outermost
    // endBatch() commits. endBatch() after a false beginBatch() does nothing.
    bool beginBatch();
    bool endBatch(QString *error);
    QString setting(const QString &key, const QString &fallback = {}) const;
    bool setSetting(const QString &key, const QString &value, QString *error = nullptr);

private:
    bool writeSecret(const Account &account, QString *error);

    AccountRepository *m_repository;
    SecretStore *m_secrets;
    bool m_batch = false;
    int m_depth = 0;
};

} // namespace kt
