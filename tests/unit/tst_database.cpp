// Database: creation from nothing, migration of a version 1 file, the pragmas (WAL, FULL sync,
// foreign keys), file mode, refusal of newer or foreign files, and the integrity check.
#include "storage/accountrepository.h"
#include "storage/database.h"
#include "storage/requestlog.h"
#include "testfiles.h"

#include <QFile>
#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace kt;
using kt::test::fileMode;

namespace {

QVariant pragma(Database &db, const char *name)
{
    QSqlQuery q(db.db());
    if (!q.exec(QStringLiteral("PRAGMA %1").arg(QLatin1String(name))) || !q.next())
        return {};
    return q.value(0);
}

QStringList tables(Database &db)
{
    QStringList names;
    QSqlQuery q(db.db());
    q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"));
    while (q.next())
        names << q.value(0).toString();
    return names;
}

// Runs the statements on a plain SQLite file, without Database (an older schema written by hand).
void writeRaw(const QString &path, std::initializer_list<const char *> statements)
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw-writer"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        for (const char *sql : statements)
            QVERIFY2(q.exec(QLatin1String(sql)), qPrintable(q.lastError().text() + QLatin1String(": ") + QLatin1String(sql)));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw-writer"));
}

// A database exactly as version 1 of the schema left it, with some rows in it, built without Database.
void writeVersion1(const QString &path)
{
    writeRaw(path, {
            "CREATE TABLE accounts (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL DEFAULT '',"
            " auth_method TEXT NOT NULL DEFAULT 'social', region TEXT, auth_region TEXT, api_region TEXT, profile_arn TEXT,"
            " client_id TEXT, priority INTEGER NOT NULL DEFAULT 0, state TEXT NOT NULL DEFAULT 'active', cooldown_until INTEGER,"
            " state_reason TEXT, error_count INTEGER NOT NULL DEFAULT 0, request_count INTEGER NOT NULL DEFAULT 0,"
            " last_used INTEGER, last_error TEXT, token_expires_at INTEGER, machine_id TEXT, email TEXT,"
            " subscription_title TEXT, provider TEXT, proxy_url TEXT, refresh_token_hash TEXT, created_at INTEGER)",
            "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            "CREATE TABLE request_log (id INTEGER PRIMARY KEY AUTOINCREMENT, time INTEGER NOT NULL, method TEXT, path TEXT,"
            " account_id INTEGER, account_name TEXT, model TEXT, stream INTEGER NOT NULL DEFAULT 0,"
            " status INTEGER NOT NULL DEFAULT 0, input_tokens INTEGER NOT NULL DEFAULT 0,"
            " output_tokens INTEGER NOT NULL DEFAULT 0, duration_ms INTEGER NOT NULL DEFAULT 0,"
            " ttfb_ms INTEGER NOT NULL DEFAULT -1, error TEXT)",
            "INSERT INTO accounts (name, auth_method, region, priority, state, state_reason, error_count, request_count,"
            " email, refresh_token_hash, created_at) VALUES ('old one', 'idc', 'eu-west-1', 3, 'invalid', 'suspended',"
            " 4, 17, 'old@example.com', 'abc123', 1700000000000)",
            "INSERT INTO settings (key, value) VALUES ('strategy', 'least-used')",
            // 10:00-10:59 UTC on 2024-01-01: two requests, one failed; 11:xx: one.
            "INSERT INTO request_log (time, method, path, account_id, account_name, model, stream, status, input_tokens,"
            " output_tokens, duration_ms) VALUES (1704103200000, 'POST', '/v1/messages', 1, 'old one', 'claude-sonnet-4', 1, 200, 10, 20, 100)",
            "INSERT INTO request_log (time, method, path, account_id, account_name, model, stream, status, input_tokens,"
            " output_tokens, duration_ms) VALUES (1704105000000, 'POST', '/v1/messages', 1, 'old one', 'claude-sonnet-4', 0, 429, 5, 0, 50)",
            "INSERT INTO request_log (time, method, path, account_id, account_name, model, stream, status, input_tokens,"
            " output_tokens, duration_ms) VALUES (1704107000000, 'POST', '/v1/messages', 1, 'old one', 'claude-haiku-4.5', 0, 200, 1, 2, 10)",
            "PRAGMA user_version = 1",
        });
}

} // namespace

class TestDatabase : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void createsFromNothing();
    void reopenKeepsDataAndVersion();
    void migratesFromVersion1();
    void migratesFromVersion5();
    void refusesNewerSchema();
    void refusesNonDatabaseFile();
    void reportsUncreatableFile();
    void integrityCheckCatchesCorruption();
    void integrityCheckNeedsOpenDatabase();

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
};

void TestDatabase::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
}

void TestDatabase::cleanup()
{
    m_tmp.reset();
}

void TestDatabase::createsFromNothing()
{
    const QString path = Database::defaultPath(m_tmp->path());
    QCOMPARE(path, m_tmp->filePath(QStringLiteral("kirotray.sqlite")));
    Database db(path);
    QCOMPARE(db.schemaVersion(), -1);
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    QVERIFY(db.isOpen());
    QCOMPARE(db.schemaVersion(), Database::kSchemaVersion);
    QCOMPARE(Database::kSchemaVersion, 7);
    QCOMPARE(pragma(db, "journal_mode").toString(), QStringLiteral("wal"));
    QCOMPARE(pragma(db, "synchronous").toInt(), 1);   // NORMAL (WAL: safe against a killed process)
    QCOMPARE(pragma(db, "foreign_keys").toInt(), 1);
    QCOMPARE(tables(db), (QStringList{QStringLiteral("accounts"), QStringLiteral("request_log"),
                                      QStringLiteral("request_stats"), QStringLiteral("settings")}));
    QCOMPARE(fileMode(path), 0600);
    // A write creates the WAL beside it, with the same private mode.
    AccountRepository repo(db);
    QVERIFY(repo.setSetting(QStringLiteral("k"), QStringLiteral("v"), &error));
    QVERIFY(QFile::exists(path + QStringLiteral("-wal")));
    QCOMPARE(fileMode(path + QStringLiteral("-wal")), 0600);
    QVERIFY2(db.integrityCheck(&error), qPrintable(error));
}

void TestDatabase::reopenKeepsDataAndVersion()
{
    const QString path = Database::defaultPath(m_tmp->path());
    QString error;
    {
        Database db(path, QStringLiteral("first"));
        QVERIFY2(db.open(&error), qPrintable(error));
        QVERIFY(AccountRepository(db).setSetting(QStringLiteral("strategy"), QStringLiteral("priority"), &error));
    }
    QVERIFY(!QSqlDatabase::contains(QStringLiteral("first")));   // the connection is released
    Database again(path, QStringLiteral("second"));
    QVERIFY2(again.open(&error), qPrintable(error));
    QCOMPARE(again.schemaVersion(), Database::kSchemaVersion);
    QCOMPARE(AccountRepository(again).setting(QStringLiteral("strategy")), QStringLiteral("priority"));
    QVERIFY(again.open(&error));   // opening twice is harmless
}

void TestDatabase::migratesFromVersion1()
{
    const QString path = Database::defaultPath(m_tmp->path());
    writeVersion1(path);
    if (QTest::currentTestFailed())
        return;
    Database db(path);
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    QCOMPARE(db.schemaVersion(), Database::kSchemaVersion);
    QCOMPARE(pragma(db, "journal_mode").toString(), QStringLiteral("wal"));

    // Account rows survive with the new columns at their defaults.
    AccountRepository repo(db);
    const QList<Account> accounts = repo.loadAll(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(accounts.size(), 1);
    const Account &a = accounts.first();
    QCOMPARE(a.id(), qint64(1));
    QCOMPARE(a.name, QStringLiteral("old one"));
    QCOMPARE(a.credential.authMethod, AuthMethod::Idc);
    QCOMPARE(a.credential.region, QStringLiteral("eu-west-1"));
    QCOMPARE(a.credential.priority, 3);
    QCOMPARE(a.state, AccountState::Invalid);
    QCOMPARE(a.stateReason, QStringLiteral("suspended"));
    QCOMPARE(a.errorCount, 4);
    QCOMPARE(a.requestCount, qint64(17));
    QCOMPARE(a.consecutiveErrors, 0);
    QCOMPARE(a.overageEnabled, false);
    QCOMPARE(a.credential.disabled, false);
    QCOMPARE(a.refreshTokenHash, QStringLiteral("abc123"));
    QCOMPARE(a.createdAt.toMSecsSinceEpoch(), qint64(1700000000000));
    QCOMPARE(repo.setting(QStringLiteral("strategy")), QStringLiteral("least-used"));

    // The log rows stay, and the new statistics table was seeded from them.
    RequestLog log(db);
    QCOMPARE(log.count({}), 3);
    QCOMPARE(log.query({}).first().model, QStringLiteral("claude-haiku-4.5"));
    QCOMPARE(log.query({}).first().attempts, 0);
    QCOMPARE(log.query({}).first().face, QStringLiteral("anthropic"));   // rows older than the OpenAI faces
    QCOMPARE(log.query({}).first().webSearches, 0);
    QCOMPARE(log.query({}).first().credits, 0.0);
    QCOMPARE(log.query({}).first().conversation, QString());   // rows older than conversation affinity
    const QJsonObject stats = log.stats();
    const QJsonObject totals = stats.value(QLatin1String("totals")).toObject();
    QCOMPARE(totals.value(QLatin1String("requests")).toInt(), 3);
    QCOMPARE(totals.value(QLatin1String("success")).toInt(), 2);
    QCOMPARE(totals.value(QLatin1String("errors")).toInt(), 1);
    QCOMPARE(totals.value(QLatin1String("inputTokens")).toInt(), 16);
    QCOMPARE(totals.value(QLatin1String("outputTokens")).toInt(), 22);
    const QJsonArray hours = stats.value(QLatin1String("perHour")).toArray();
    QCOMPARE(hours.size(), 2);
    QCOMPARE(hours.at(0).toObject().value(QLatin1String("hour")).toString(), QStringLiteral("2024-01-01T10:00:00Z"));
    QCOMPARE(hours.at(0).toObject().value(QLatin1String("requests")).toInt(), 2);
    QCOMPARE(hours.at(1).toObject().value(QLatin1String("hour")).toString(), QStringLiteral("2024-01-01T11:00:00Z"));
    QCOMPARE(totals.value(QLatin1String("credits")).toDouble(), 0.0);
    const QJsonArray served = stats.value(QLatin1String("perServedModel")).toArray();   // unknown before version 6
    QCOMPARE(served.size(), 1);
    QCOMPARE(served.at(0).toObject().value(QLatin1String("servedModel")).toString(), QString());

    // New rows go on after the migrated ones; ids are not reused.
    Account fresh;
    fresh.name = QStringLiteral("new");
    QVERIFY2(repo.insert(fresh, &error), qPrintable(error));
    QCOMPARE(fresh.id(), qint64(2));
    QVERIFY2(db.integrityCheck(&error), qPrintable(error));
}

// Version 5 -> 6: the log gains credits, the statistics are rebuilt with a served-model key and
// credits, keeping every counter; new requests then add to them.
void TestDatabase::migratesFromVersion5()
{
    const QString path = Database::defaultPath(m_tmp->path());
    writeRaw(path, {
            "CREATE TABLE request_log (id INTEGER PRIMARY KEY AUTOINCREMENT, time INTEGER NOT NULL, method TEXT, path TEXT,"
            " account_id INTEGER, account_name TEXT, model TEXT, stream INTEGER NOT NULL DEFAULT 0,"
            " status INTEGER NOT NULL DEFAULT 0, input_tokens INTEGER NOT NULL DEFAULT 0,"
            " output_tokens INTEGER NOT NULL DEFAULT 0, duration_ms INTEGER NOT NULL DEFAULT 0,"
            " ttfb_ms INTEGER NOT NULL DEFAULT -1, error TEXT, attempts INTEGER NOT NULL DEFAULT 0,"
            " face TEXT NOT NULL DEFAULT 'anthropic', web_searches INTEGER NOT NULL DEFAULT 0, served_model TEXT)",
            "CREATE TABLE request_stats (hour INTEGER NOT NULL, account_id INTEGER NOT NULL, model TEXT NOT NULL,"
            " account_name TEXT NOT NULL DEFAULT '', requests INTEGER NOT NULL DEFAULT 0, success INTEGER NOT NULL DEFAULT 0,"
            " errors INTEGER NOT NULL DEFAULT 0, input_tokens INTEGER NOT NULL DEFAULT 0,"
            " output_tokens INTEGER NOT NULL DEFAULT 0, duration_ms INTEGER NOT NULL DEFAULT 0,"
            " PRIMARY KEY (hour, account_id, model))",
            "INSERT INTO request_log (time, account_id, account_name, model, status, input_tokens, output_tokens, served_model)"
            " VALUES (1704103200000, 1, 'five', 'claude-opus-5-5', 200, 7, 9, 'claude-opus-5')",
            "INSERT INTO request_stats VALUES (1704103200000, 1, 'claude-opus-5-5', 'five', 4, 3, 1, 70, 90, 400)",
            "PRAGMA user_version = 5",
        });
    if (QTest::currentTestFailed())
        return;

    Database db(path);
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    QCOMPARE(db.schemaVersion(), Database::kSchemaVersion);
    RequestLog log(db);
    QCOMPARE(log.query({}).first().servedModel, QStringLiteral("claude-opus-5"));
    QCOMPARE(log.query({}).first().credits, 0.0);
    QCOMPARE(log.query({}).first().conversation, QString());   // version 7
    RequestRecord r;
    r.time = QDateTime::fromMSecsSinceEpoch(1704103200000 + 60000, QTimeZone::utc());
    r.accountId = 1;
    r.accountName = QStringLiteral("five");
    r.model = QStringLiteral("claude-opus-5-5");
    r.servedModel = QStringLiteral("claude-opus-5");
    r.status = 200;
    r.credits = 0.75;
    QVERIFY2(log.append(r, &error), qPrintable(error));
    const QJsonObject stats = log.stats();
    const QJsonObject totals = stats.value(QLatin1String("totals")).toObject();
    QCOMPARE(totals.value(QLatin1String("requests")).toInt(), 5);
    QCOMPARE(totals.value(QLatin1String("errors")).toInt(), 1);
    QCOMPARE(totals.value(QLatin1String("inputTokens")).toInt(), 70);
    QCOMPARE(totals.value(QLatin1String("credits")).toDouble(), 0.75);
    const QJsonArray perModel = stats.value(QLatin1String("perModel")).toArray();
    QCOMPARE(perModel.size(), 1);
    QCOMPARE(perModel.at(0).toObject().value(QLatin1String("requests")).toInt(), 5);
    const QJsonArray served = stats.value(QLatin1String("perServedModel")).toArray();
    QCOMPARE(served.size(), 2);   // the migrated rows (served model unknown) and the new one
    QCOMPARE(served.at(0).toObject().value(QLatin1String("servedModel")).toString(), QString());
    QCOMPARE(served.at(1).toObject().value(QLatin1String("credits")).toDouble(), 0.75);
    QVERIFY2(db.integrityCheck(&error), qPrintable(error));
}

void TestDatabase::refusesNewerSchema()
{
    const QString path = Database::defaultPath(m_tmp->path());
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("future"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE somethingelse (x)")));
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 99")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("future"));
    Database db(path);
    QString error;
    QVERIFY(!db.open(&error));
    QVERIFY(!db.isOpen());
    QVERIFY2(error.contains(QLatin1String("schema version 99 is newer")), qPrintable(error));
    QVERIFY2(error.contains(path), qPrintable(error));
}

void TestDatabase::refusesNonDatabaseFile()
{
    const QString path = m_tmp->filePath(QStringLiteral("kirotray.sqlite"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(8192, 'x'));
    f.close();
    Database db(path);
    QString error;
    QVERIFY(!db.open(&error));
    QVERIFY(!error.isEmpty());
    QVERIFY2(error.startsWith(path), qPrintable(error));
}

void TestDatabase::reportsUncreatableFile()
{
    Database db(m_tmp->filePath(QStringLiteral("no/such/dir/kirotray.sqlite")));
    QString error;
    QVERIFY(!db.open(&error));
    QVERIFY2(error.contains(QLatin1String("cannot create")), qPrintable(error));
}

void TestDatabase::integrityCheckCatchesCorruption()
{
    const QString path = Database::defaultPath(m_tmp->path());
    QString error;
    {
        Database db(path, QStringLiteral("filler"));
        QVERIFY2(db.open(&error), qPrintable(error));
        RequestLog log(db, 100000);
        for (int i = 0; i < 400; ++i) {
            RequestRecord r;
            r.model = QStringLiteral("model-%1").arg(i % 7);
            r.status = 200;
            r.error = QString(200, QLatin1Char('e'));
            QVERIFY(log.append(r, &error));
        }
        QVERIFY2(db.integrityCheck(&error), qPrintable(error));
    }
    // Closing the last connection checkpoints the WAL into the main file; now damage pages in the middle.
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")) || QFileInfo(path + QStringLiteral("-wal")).size() == 0);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadWrite));
    const qint64 size = f.size();
    QVERIFY(size > 16 * 4096);
    for (qint64 offset = 4 * 4096; offset < size - 4096; offset += 3 * 4096) {
        f.seek(offset + 100);
        f.write(QByteArray(600, '\xA5'));
    }
    f.close();
    Database damaged(path, QStringLiteral("damaged"));
    const bool opened = damaged.open(&error);
    if (opened)
        QVERIFY(!damaged.integrityCheck(&error));
    QVERIFY(!error.isEmpty());
    QVERIFY2(opened ? error != QLatin1String("ok") : true, qPrintable(error));
}

void TestDatabase::integrityCheckNeedsOpenDatabase()
{
    Database db(Database::defaultPath(m_tmp->path()));
    QString error;
    QVERIFY(!db.integrityCheck(&error));
    QCOMPARE(error, QStringLiteral("database not open"));
}

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
