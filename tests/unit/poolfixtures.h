#pragma once
// What the AccountPool suites (tst_accountpool, tst_accountpoolstorage) build their pools from.
#include "config/config.h"
#include "pool/accountpool.h"
#include "secrets/filesecretstore.h"
#include "storage/accountrepository.h"
#include "storage/database.h"
#include "upstream/networkmanagerpool.h"
#include "testcredentials.h"

#include <QHash>

namespace kt::test {

inline Credential credential(int n, int priority = 0, const QString &access = QString())
{
    Credential c = numberedCredential(n, QStringLiteral("pool-refresh-token-"));
    c.priority = priority;
    if (!access.isEmpty()) {
        c.accessToken = access;
        c.expiresAt = QDateTime::currentDateTimeUtc().addSecs(3600);
    }
    return c;
}

inline QList<Credential> credentials(int n)
{
    QList<Credential> list;
    for (int i = 1; i <= n; ++i)
        list.append(credential(i));
    return list;
}

inline QHash<qint64, int> distribution(AccountPool &pool, int selections)
{
    QHash<qint64, int> counts;
    for (int i = 0; i < selections; ++i) {
        const auto id = pool.select({});
        if (!id)
            return counts;
        ++counts[*id];
    }
    return counts;
}

// A pool on real storage in dir, through its own database connection.
struct StoredPool {
    StoredPool(const QString &dir, const QString &connection, const Config &config, NetworkManagerPool *network)
        : db(Database::defaultPath(dir), connection), repository(db), secrets(dir), pool(config, network)
    {
    }
    QString open()
    {
        QString error;
        return db.open(&error) ? pool.attachStorage(&repository, &secrets) : error;
    }
    Database db;
    AccountRepository repository;
    FileSecretStore secrets;
    AccountPool pool;
};

} // namespace kt::test
