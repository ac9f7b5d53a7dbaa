// AccountPool::importAccounts with storage: the secrets of a whole import go to the secret store in
// one writeMany (an import of n accounts is O(n), not a rewrite of the store per account), and an
// account whose secret was not written is undone (no row without its secret, an update rolled back)
// and reported, while the others of the same import are kept.
#include "accounts/accountsecrets.h"
#include "pool/accountpool.h"
#include "secrets/filesecretstore.h"
#include "storage/accountrepository.h"
#include "storage/database.h"
#include "upstream/networkmanagerpool.h"
#include "memorysecretstore.h"
#include "quietconfig.h"
#include "testcredentials.h"

#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

using namespace kt;
using namespace kt::test;

namespace {

// Account n as an import names it (no id yet), with an access token valid for an hour or so.
Credential credential(int n, const QString &access = QStringLiteral("access"))
{
    Credential c = numberedCredential(n);
    c.id = 0;
    c.accessToken = QStringLiteral("%1-%2").arg(access).arg(n);
    c.expiresAt = QDateTime::currentDateTimeUtc().addSecs(3600 + n);
    return c;
}

QList<Credential> range(int from, int to)
{
    QList<Credential> list;
    for (int i = from; i <= to; ++i)
        list.append(credential(i));
    return list;
}

} // namespace

class TestPoolImport : public QObject
{
    Q_OBJECT

    Config m_config;
    NetworkManagerPool m_network;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<AccountRepository> m_repo;
    int m_connection = 0;

    void openDatabase()
    {
        m_repo.reset();
        m_db = std::make_unique<Database>(Database::defaultPath(m_dir->path()), QStringLiteral("tst-poolimport-%1").arg(++m_connection));
        QString error;
        QVERIFY2(m_db->open(&error), qPrintable(error));
        m_repo = std::make_unique<AccountRepository>(*m_db);
    }

    QList<Account> rows()
    {
        QString error;
        const QList<Account> all = m_repo->loadAll(&error);
        [&] { QVERIFY2(error.isEmpty(), qPrintable(error)); }();
        return all;
    }

private Q_SLOTS:
    void init()
    {
        m_config = quietConfig();
        m_dir = std::make_unique<QTemporaryDir>();
        openDatabase();
    }

    void cleanup()
    {
        m_repo.reset();
        m_db.reset();
        m_dir.reset();
    }

    void oneSecretWritePerImport()
    {
        MemorySecretStore secrets;
        AccountPool pool(m_config, &m_network);
        QCOMPARE(pool.attachStorage(m_repo.get(), &secrets), QString());
        QSignalSpy listChanged(&pool, &AccountPool::accountsChanged);
        const ImportReport r = pool.importAccounts(credentialsJson(range(1, 300)), false);
        QCOMPARE(r.count(QStringLiteral("added")), 300);
        QCOMPARE(secrets.batches, 1);
        QCOMPARE(secrets.batchSizes, QList<int>{300});
        QCOMPARE(secrets.entries.size(), 300);
        QCOMPARE(listChanged.count(), 1);
        QCOMPARE(rows().size(), 300);
        for (const ImportEntryResult &e : r.entries) {
            const Credential *c = pool.credential(e.accountId);
            QVERIFY(c);
            QCOMPARE(secrets.entries.value(AccountSecrets::key(e.accountId)), AccountSecrets::encode(*c));
        }

        // Again, with 100 of them renewed and 100 new: still one write, for the 200 that changed.
        QList<Credential> again = range(201, 400);
        for (Credential &c : again)
            c.accessToken = QStringLiteral("renewed-%1").arg(c.email);
        const ImportReport r2 = pool.importAccounts(credentialsJson(again), false);
        QCOMPARE(r2.count(QStringLiteral("updated")), 100);
        QCOMPARE(r2.count(QStringLiteral("added")), 100);
        QCOMPARE(secrets.batchSizes, (QList<int>{300, 200}));
        QCOMPARE(pool.size(), 400);
        QCOMPARE(pool.credential(r2.entries.first().accountId)->accessToken, QStringLiteral("renewed-user201@example.com"));

        // A preview writes nothing.
        pool.importAccounts(credentialsJson(range(401, 410)), true);
        QCOMPARE(secrets.batches, 2);

        // What a restart finds: the same accounts, each with its secret.
        AccountPool reloaded(m_config, &m_network);
        QCOMPARE(reloaded.attachStorage(m_repo.get(), &secrets), QString());
        QCOMPARE(reloaded.size(), 400);
        QCOMPARE(reloaded.credential(r2.entries.first().accountId)->accessToken, QStringLiteral("renewed-user201@example.com"));
        QCOMPARE(reloaded.credential(r.entries.last().accountId)->refreshToken, credential(300).refreshToken);
    }

    // The new rows are committed after their secrets are written, in one transaction: while the
    // secrets are being written another connection sees none of the import's rows, so a crash then
    // leaves no account without its tokens.
    void rowsAreCommittedAfterTheSecrets()
    {
        MemorySecretStore secrets;
        AccountPool pool(m_config, &m_network);
        QCOMPARE(pool.attachStorage(m_repo.get(), &secrets), QString());
        QCOMPARE(pool.importAccounts(credentialsJson(range(1, 2)), false).count(QStringLiteral("added")), 2);
        Database other(Database::defaultPath(m_dir->path()), QStringLiteral("tst-poolimport-reader"));
        QString error;
        QVERIFY2(other.open(&error), qPrintable(error));
        AccountRepository reader(other);
        qsizetype seen = -1;
        secrets.duringWriteMany = [&] { seen = reader.loadAll(&error).size(); };
        const ImportReport r = pool.importAccounts(credentialsJson(range(3, 12)), false);
        QCOMPARE(r.count(QStringLiteral("added")), 10);
        QCOMPARE(seen, qsizetype(2));
        QCOMPARE(reader.loadAll(&error).size(), qsizetype(12));
        // One account added alone: the same order.
        const auto added = pool.addAccount(credential(13), QString());
        QVERIFY(std::holds_alternative<qint64>(added));
        QCOMPARE(seen, qsizetype(12));
        QCOMPARE(reader.loadAll(&error).size(), qsizetype(13));
    }

    // The secrets of some accounts are refused (a keychain answers entry by entry): those accounts
    // are undone and rejected, the rest of the import stays.
    void refusedSecretsUndoTheirAccounts()
    {
        MemorySecretStore secrets;
        AccountPool pool(m_config, &m_network);
        QCOMPARE(pool.attachStorage(m_repo.get(), &secrets), QString());
        const ImportReport first = pool.importAccounts(credentialsJson(range(1, 2)), false);
        QCOMPARE(first.count(QStringLiteral("added")), 2);
        const qint64 existing = first.entries.at(0).accountId;
        const Credential before = *pool.credential(existing);
        const QByteArray secretBefore = secrets.entries.value(AccountSecrets::key(existing));

        // Entries: the existing account renewed, then five new ones; the 2nd and 4th new ones and
        // the renewal are refused. New rows get the next ids: 3, 4, 5, 6, 7.
        QList<Credential> input{credential(1, QStringLiteral("renewed"))};
        input.append(range(3, 7));
        secrets.refused = {AccountSecrets::key(existing), AccountSecrets::key(4), AccountSecrets::key(6)};
        QSignalSpy changed(&pool, &AccountPool::accountChanged);
        const ImportReport r = pool.importAccounts(credentialsJson(input), false);
        QCOMPARE(secrets.batchSizes.last(), 6);
        QCOMPARE(r.count(QStringLiteral("added")), 3);
        QCOMPARE(r.count(QStringLiteral("rejected")), 3);
        QCOMPARE(r.count(QStringLiteral("updated")), 0);
        for (int i : {0, 2, 4}) {
            QCOMPARE(r.entries.at(i).status, QStringLiteral("rejected"));
            QVERIFY2(r.entries.at(i).reason.startsWith(QLatin1String("could not save: refused by the test")),
                     qPrintable(r.entries.at(i).reason));
        }
        QCOMPARE(changed.count(), 0);   // nothing changed about the refused update

        // The refused update is as it was, in memory and in storage; the refused new ones are gone.
        QCOMPARE(pool.credential(existing)->accessToken, before.accessToken);
        QCOMPARE(pool.credential(existing)->expiresAt, before.expiresAt);
        QCOMPARE(secrets.entries.value(AccountSecrets::key(existing)), secretBefore);
        QCOMPARE(pool.size(), 5);
        QSet<qint64> ids;
        for (const Account &a : rows())
            ids.insert(a.id());
        QCOMPARE(ids, (QSet<qint64>{1, 2, 3, 5, 7}));
        for (qint64 id : ids)
            QVERIFY2(secrets.entries.contains(AccountSecrets::key(id)), qPrintable(QString::number(id)));
        QVERIFY(!pool.account(4) && !pool.account(6));
        // Selection only knows the accounts that stayed.
        QSet<qint64> picked;
        for (int i = 0; i < 10; ++i) {
            const auto id = pool.select({});
            QVERIFY(id);
            picked.insert(*id);
            pool.release(*id);
        }
        QCOMPARE(picked, ids);

        // Imported again once the store takes them: added now.
        secrets.refused.clear();
        const ImportReport retry = pool.importAccounts(credentialsJson(input), false);
        QCOMPARE(retry.count(QStringLiteral("added")), 2);
        QCOMPARE(retry.count(QStringLiteral("updated")), 4);
        QCOMPARE(pool.credential(existing)->accessToken, QStringLiteral("renewed-1"));
    }

    // The secrets file cannot be understood: the file store writes none of the import (and does not
    // replace the file), so no account of it is kept.
    void unreadableSecretsFileKeepsNothing()
    {
        FileSecretStore secrets(m_dir->path());
        AccountPool pool(m_config, &m_network);
        QCOMPARE(pool.attachStorage(m_repo.get(), &secrets), QString());
        QCOMPARE(pool.importAccounts(credentialsJson(range(1, 3)), false).count(QStringLiteral("added")), 3);
        QFile file(secrets.filePath());
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        const QByteArray broken = R"({"version":1,"secrets":{"account/1":)";
        file.write(broken);
        file.close();
        QSignalSpy listChanged(&pool, &AccountPool::accountsChanged);
        const ImportReport r = pool.importAccounts(credentialsJson(range(4, 50)), false);
        QCOMPARE(r.count(QStringLiteral("rejected")), 47);
        QVERIFY2(r.entries.first().reason.contains(secrets.filePath()), qPrintable(r.entries.first().reason));
        QCOMPARE(pool.size(), 3);
        QCOMPARE(rows().size(), 3);
        QCOMPARE(listChanged.count(), 0);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), broken);
    }
};

QTEST_GUILESS_MAIN(TestPoolImport)
#include "tst_poolimport.moc"
