// KeychainSecretStore against a real Secret Service (gnome-keyring in a private D-Bus session, set
// up by run-keychain-test.sh): round trips, missing entries, binary values, several stores and
// threads, "auto" choosing the keychain, and secrets moving file → keychain → file.
#include "accounts/accountsecrets.h"
#include "secrets/filesecretstore.h"
#include "secrets/keychainsecretstore.h"
#include "service/secretstorechoice.h"
#include "storage/accountrepository.h"
#include "storage/database.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <atomic>
#include <thread>
#include <vector>

using namespace kt;

namespace {

bool inPhase(const char *phase)
{
    return qgetenv("KT_KEYCHAIN_PHASE") == phase;
}

} // namespace

class TestKeychainSecretStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void probeAnswers();
    void roundTrip();
    void missingIsNotAnError();
    void binaryAndLargeValues();
    void writeManyQueuesThemAll();
    void accountSecretsRoundTrip();
    void storesComeAndGo();
    void concurrentCallers();
    void autoChoosesKeychain();
    void migrationFileToKeychainAndBack();
    // Run one by one by run-keychain-test.sh, with secret-tool checking in between.
    void writeForShell();
    void removeForShell();
    void readShellEntry();
};

void TestKeychainSecretStore::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS") || !QDir::homePath().contains(QLatin1String("kirotray-keychain")))
        QSKIP("run through tests/keychain/run-keychain-test.sh (private D-Bus session + gnome-keyring)");
}

void TestKeychainSecretStore::probeAnswers()
{
    if (!qEnvironmentVariableIsEmpty("KT_KEYCHAIN_PHASE"))
        QSKIP("phase run");
    KeychainSecretStore store;
    QCOMPARE(store.backend(), QStringLiteral("keychain"));
    QCOMPARE(store.service(), QStringLiteral("KiroTray"));
    QString error;
    QVERIFY2(store.probe(5000, &error), qPrintable(error));
    QVERIFY(error.isEmpty());
}

void TestKeychainSecretStore::roundTrip()
{
    if (!qEnvironmentVariableIsEmpty("KT_KEYCHAIN_PHASE"))
        QSKIP("phase run");
    KeychainSecretStore store;
    QString error;
    QVERIFY2(store.write(QStringLiteral("test/roundtrip"), "first value", &error), qPrintable(error));
    QCOMPARE(store.read(QStringLiteral("test/roundtrip"), &error), std::optional<QByteArray>("first value"));
    QVERIFY(error.isEmpty());
    QVERIFY(store.write(QStringLiteral("test/roundtrip"), "second value", &error));
    QCOMPARE(store.read(QStringLiteral("test/roundtrip"), &error), std::optional<QByteArray>("second value"));
    // Another service name is another namespace.
    KeychainSecretStore other(QStringLiteral("KiroTray-other"));
    QVERIFY(!other.read(QStringLiteral("test/roundtrip"), &error).has_value());
    QVERIFY(error.isEmpty());
    QVERIFY(store.remove(QStringLiteral("test/roundtrip"), &error));
    QVERIFY(!store.read(QStringLiteral("test/roundtrip"), &error).has_value());
    QVERIFY(error.isEmpty());
}

void TestKeychainSecretStore::missingIsNotAnError()
{
    if (!qEnvironmentVariableIsEmpty("KT_KEYCHAIN_PHASE"))
        QSKIP("phase run");
    KeychainSecretStore store;
    QString error = QStringLiteral("stale");
    QVERIFY(!store.read(QStringLiteral("test/never-written"), &error).has_value());
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(store.remove(QStringLiteral("test/never-written"), &error), qPrintable(error));
}

void TestKeychainSecretStore::binaryAndLargeValues()
{
    if (!qEnvironmentVariableIsEmpty("KT_KEYCHAIN_PHASE"))
        QSKIP("phase run");
    KeychainSecretStore store;
    QString error;
    const QByteArray binary("\x00\x01\xff\xfe token \x80", 11);
    QVERIFY2(store.write(QStringLiteral("test/binary"), binary, &error), qPrintable(error));
    QCOMPARE(store.read(QStringLiteral("test/binary"), &error), std::optional<QByteArray>(binary));
    QByteArray large;
    for (int i = 0; i < 2000; ++i)
        large += "{\"k\":" + QByteArray::number(i) + "}";
    QVERIFY(store.write(QStringLiteral("test/large"), large, &error));
    QCOMPARE(store.read(QStringLiteral("test/large"), &error), std::optional<QByteArray>(large));
    const QByteArray unicode = QStringLiteral("jeton ✓ トークン").toUtf8();
    QVERIFY(store.write(QStringLiteral("test/unicode"), unicode, &error));
    QCOMPARE(store.read(QStringLiteral("test/unicode"), &error), std::optional<QByteArray>(unicode));
    for (const char *k : {"test/binary", "test/large", "test/unicode"})
        QVERIFY(store.remove(QLatin1String(k), &error));
}

// An import's entries, all queued at once; each is its own keychain item, read back one by one.
void TestKeychainSecretStore::writeManyQueuesThemAll()
{
    if (!qEnvironmentVariableIsEmpty("KT_KEYCHAIN_PHASE"))
        QSKIP("phase run");
    KeychainSecretStore store;
    QList<std::pair<QString, QByteArray>> entries;
    for (int i = 0; i < 200; ++i)
        entries.append({QStringLiteral("test/many/%1").arg(i), QByteArray("value ") + QByteArray::number(i)});
    entries.append({QStringLiteral("test/many/binary"), QByteArray("\x00\xff", 2)});
    QString error = QStringLiteral("stale");
    QCOMPARE(store.writeMany(entries, &error), QStringList());
    QVERIFY2(error.isEmpty(), qPrintable(error));
    for (const auto &[key, value] : entries)
        QCOMPARE(store.read(key, &error), std::optional<QByteArray>(value));
    for (const auto &entry : entries)
        QVERIFY(store.remove(entry.first, &error));
    // No answer within the time given: that entry and every one after it are reported as not written,
    // and once the keychain has done what was asked before, none of the later ones is there: they were
    // never started. The late one may have been written, and stays (it may be an existing account's
    // new secret). Those reported written are there.
    KeychainSecretStore slow;
    slow.setTimeout(0);
    QList<std::pair<QString, QByteArray>> late;
    QStringList keys;
    for (int i = 0; i < 20; ++i) {
        late.append({QStringLiteral("test/many/late%1").arg(i), "late"});
        keys.append(late.last().first);
    }
    const QStringList failed = slow.writeMany(late, &error);
    QVERIFY(!failed.isEmpty());
    QCOMPARE(failed, keys.mid(keys.size() - failed.size()));
    QVERIFY2(error.contains(QLatin1String("no answer within 0 ms")), qPrintable(error));
    // The keychain runs jobs in order: the late job answers before this write.
    QVERIFY2(store.write(QStringLiteral("test/many/after"), "after", &error), qPrintable(error));
    QVERIFY2(store.remove(QStringLiteral("test/many/after"), &error), qPrintable(error));
    for (const QString &key : std::as_const(keys)) {
        const auto value = store.read(key, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        if (key == failed.first())
            QVERIFY(!value || *value == "late");
        else
            QCOMPARE(value.has_value(), !failed.contains(key));
        QVERIFY(store.remove(key, &error));
    }
}

void TestKeychainSecretStore::accountSecretsRoundTrip()
{
    if (!qEnvironmentVariableIsEmpty("KT_KEYCHAIN_PHASE"))
        QSKIP("phase run");
    Credential c;
    c.id = 31;
    c.refreshToken = QStringLiteral("aorA-refresh-token");
    c.accessToken = QStringLiteral("aoa-access-token");
    c.clientSecret = QStringLiteral("client-secret");
    c.expiresAt = QDateTime::fromMSecsSinceEpoch(1767225600123, QTimeZone::utc());
    KeychainSecretStore store;
    QString error;
    QVERIFY(store.write(AccountSecrets::key(c.id), AccountSecrets::encode(c), &error));
    const auto value = store.read(AccountSecrets::key(c.id), &error);
    QVERIFY(value);
    Credential back;
    QVERIFY2(AccountSecrets::apply(*value, back, &error), qPrintable(error));
    QCOMPARE(back.refreshToken, c.refreshToken);
    QCOMPARE(back.accessToken, c.accessToken);
    QCOMPARE(back.clientSecret, c.clientSecret);
    QCOMPARE(back.expiresAt, c.expiresAt);
    QVERIFY(store.remove(AccountSecrets::key(c.id), &error));
}

void TestKeychainSecretStore::storesComeAndGo()
{
    // QtKeychain's job executor is process-wide and tied to the thread it first ran on: stores
    // created and destroyed one after another must all keep working.
    if (!qEnvironmentVariableIsEmpty("KT_KEYCHAIN_PHASE"))
        QSKIP("phase run");
    for (int i = 0; i < 5; ++i) {
        KeychainSecretStore store;
        QString error;
        const QByteArray value = "value " + QByteArray::number(i);
        QVERIFY2(store.write(QStringLiteral("test/cycle"), value, &error), qPrintable(error));
        QCOMPARE(store.read(QStringLiteral("test/cycle"), &error), std::optional<QByteArray>(value));
    }
    KeychainSecretStore last;
    QString error;
    QVERIFY(last.remove(QStringLiteral("test/cycle"), &error));
}

void TestKeychainSecretStore::concurrentCallers()
{
    if (!qEnvironmentVariableIsEmpty("KT_KEYCHAIN_PHASE"))
        QSKIP("phase run");
    KeychainSecretStore store;
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&store, &failures, t] {
            for (int i = 0; i < 5; ++i) {
                QString error;
                const QString key = QStringLiteral("test/thread-%1").arg(t);
                const QByteArray value = QByteArray::number(t * 100 + i);
                if (!store.write(key, value, &error) || store.read(key, &error) != std::optional<QByteArray>(value))
                    ++failures;
            }
            QString error;
            if (!store.remove(QStringLiteral("test/thread-%1").arg(t), &error))
                ++failures;
        });
    }
    for (std::thread &th : threads)
        th.join();
    QCOMPARE(failures.load(), 0);
}

void TestKeychainSecretStore::autoChoosesKeychain()
{
    if (!qEnvironmentVariableIsEmpty("KT_KEYCHAIN_PHASE"))
        QSKIP("phase run");
    QTemporaryDir dir;
    const SecretStoreChoice autoChoice = chooseSecretStore(QStringLiteral("auto"), dir.path());
    QVERIFY(autoChoice.store);
    QCOMPARE(autoChoice.store->backend(), QStringLiteral("keychain"));
    QCOMPARE(autoChoice.notice, QStringLiteral("secrets are kept in the system keychain (service \"KiroTray\")"));
    const SecretStoreChoice explicitChoice = chooseSecretStore(QStringLiteral("keychain"), dir.path());
    QVERIFY(explicitChoice.store);
    QCOMPARE(explicitChoice.store->backend(), QStringLiteral("keychain"));
    QVERIFY(!QFile::exists(FileSecretStore::filePath(dir.path())));
}

void TestKeychainSecretStore::migrationFileToKeychainAndBack()
{
    if (!qEnvironmentVariableIsEmpty("KT_KEYCHAIN_PHASE"))
        QSKIP("phase run");
    QTemporaryDir dir;
    QString error;
    QList<qint64> ids;
    {
        Database db(Database::defaultPath(dir.path()), QStringLiteral("setup"));
        QVERIFY2(db.open(&error), qPrintable(error));
        AccountRepository repo(db);
        for (int i = 0; i < 3; ++i) {
            Account a;
            QVERIFY(repo.insert(a, &error));
            ids << a.id();
        }
    }
    // Start on the file store, as a headless machine would.
    FileSecretStore file(dir.path());
    QVERIFY(adoptSecretStore(file, dir.path(), &error));
    for (qint64 id : ids)
        QVERIFY(file.write(AccountSecrets::key(id), "secret of " + QByteArray::number(id), &error));
    QVERIFY(file.write(QStringLiteral("api-key"), "kt-migrating-key", &error));

    // The keychain appears: everything moves into it and the file goes.
    KeychainSecretStore keychain;
    QVERIFY2(adoptSecretStore(keychain, dir.path(), &error), qPrintable(error));
    QVERIFY(!QFile::exists(file.filePath()));
    for (qint64 id : ids)
        QCOMPARE(keychain.read(AccountSecrets::key(id), &error), std::optional<QByteArray>("secret of " + QByteArray::number(id)));
    QCOMPARE(keychain.read(QStringLiteral("api-key"), &error), std::optional<QByteArray>("kt-migrating-key"));

    // The user configures "file": everything moves back, the keychain entries go.
    FileSecretStore fileAgain(dir.path());
    QVERIFY2(adoptSecretStore(fileAgain, dir.path(), &error), qPrintable(error));
    for (qint64 id : ids) {
        QCOMPARE(fileAgain.read(AccountSecrets::key(id), &error), std::optional<QByteArray>("secret of " + QByteArray::number(id)));
        QVERIFY(!keychain.read(AccountSecrets::key(id), &error).has_value());
        QVERIFY(error.isEmpty());
    }
    QCOMPARE(fileAgain.read(QStringLiteral("api-key"), &error), std::optional<QByteArray>("kt-migrating-key"));
    QVERIFY(!keychain.read(QStringLiteral("api-key"), &error).has_value());
    QVERIFY(fileAgain.remove(QStringLiteral("api-key"), &error));
}

void TestKeychainSecretStore::writeForShell()
{
    if (!inPhase("write"))
        QSKIP("only in the write phase of run-keychain-test.sh");
    KeychainSecretStore store;
    QString error;
    QVERIFY2(store.write(QStringLiteral("account/4242"), qgetenv("KT_SHELL_VALUE"), &error), qPrintable(error));
}

void TestKeychainSecretStore::removeForShell()
{
    if (!inPhase("remove"))
        QSKIP("only in the remove phase of run-keychain-test.sh");
    KeychainSecretStore store;
    QString error;
    QVERIFY(store.read(QStringLiteral("account/4242"), &error).has_value());
    QVERIFY2(store.remove(QStringLiteral("account/4242"), &error), qPrintable(error));
}

void TestKeychainSecretStore::readShellEntry()
{
    if (!inPhase("read-shell"))
        QSKIP("only in the read-shell phase of run-keychain-test.sh");
    KeychainSecretStore store;
    QString error;
    QCOMPARE(store.read(QStringLiteral("shell/1"), &error), std::optional<QByteArray>(qgetenv("KT_SHELL_VALUE")));
    QVERIFY(error.isEmpty());
}

QTEST_GUILESS_MAIN(TestKeychainSecretStore)
#include "tst_keychainsecretstore.moc"
