#pragma once
// Account rows (everything but the secrets, which live in the SecretStore under "account/<id>")
// and the small key/value settings table, in the Database.
#include "accounts/account.h"

#include <QList>
#include <QString>

namespace kt {

class Database;

class AccountRepository
{
public:
    explicit AccountRepository(Database &db);

    // Ordered by id. Secrets (refresh/access token, client secret, kiro API key, proxy password) are left empty.
    QList<Account> loadAll(QString *error) const { return loadPage(0, -1, error); }
    // The first `limit` rows (all when negative) whose id is above afterId, ordered by id.
    QList<Account> loadPage(qint64 afterId, int limit, QString *error) const;
    qsizetype count() const;   // rows (0 when they cannot be counted)
    qint64 lastId() const;     // the highest id (0 when none): one descent of the table, not a count
    // Assigns account.credential.id when it is 0; an explicit id is kept (error if taken).
    bool insert(Account &account, QString *error);
    bool update(const Account &account, QString *error);   // error when no row has that id
    bool remove(qint64 id, QString *error);                // removing a missing id is not an error
    // What is written between begin() and commit() is one SQLite transaction: one commit instead of
    // one per row. begin() returns false (and nothing is batched) when a transaction is already open.
    bool begin();
    bool commit(QString *error);
    QString setting(const QString &key, const QString &fallback = {}) const;
    bool setSetting(const QString &key, const QString &value, QString *error = nullptr);

private:
    Database &m_db;
};

} // namespace kt
