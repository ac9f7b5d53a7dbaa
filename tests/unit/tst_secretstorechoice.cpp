// Choosing the secret store: "auto" falls back to the file when no keychain answers (with the
// notice, logged once), "file"/"keychain"/unknown modes, the probe's timeout, migrating every key
// between stores (nothing lost on failure), adopting a data dir whose secrets sat elsewhere, and
// skipping the keychain probe where no D-Bus session bus can be reached.
#include "accounts/accountsecrets.h"
#include "secrets/filesecretstore.h"
#include "secrets/keychainsecretstore.h"
#include "service/secretstorechoice.h"
#include "secrets/sessionbusprobe.h"
#include "support/sessionbusenvironment.h"
#include "storage/accountrepository.h"
#include "storage/database.h"
#include "util/platform.h"

#include <QElapsedTimer>
#include <QFile>
#include <QLocalServer>
#include <QLocalSocket>
#include <QMap>
#include <QMutex>
#include <QTemporaryDir>
#include <QTest>

using namespace kt;

namespace {

// Stands in for the keychain (its backend name is configurable) and can be told to fail.
class MemorySecretStore : public SecretStore
{
public:
    explicit MemorySecretStore(QString name = QStringLiteral("keychain")) : m_name(std::move(name)) {}
    QString backend() const override { return m_name; }
    std::optional<QByteArray> read(const QString &key, QString *error) override
    {
        error->clear();
        if (failReads)
            *error = QStringLiteral("read refused");
        if (failReads || !values.contains(key))
            return std::nullopt;
        return corruptReads ? values.value(key) + "!" : values.value(key);
    }
    bool write(const QString &key, const QByteArray &value, QString *error) override
    {
        if (writesLeft == 0) {
            *error = QStringLiteral("write refused");
            return false;
        }
        --writesLeft;
        values.insert(key, value);
        return true;
    }
    QStringList writeMany(const QList<std::pair<QString, QByteArray>> &entries, QString *error) override
    {
        writeBatches.append(int(entries.size()));
        return SecretStore::writeMany(entries, error);
    }
    QStringList removeMany(const QStringList &keys, QString *error) override
    {
        removeBatches.append(int(keys.size()));
        return SecretStore::removeMany(keys, error);
    }
    bool remove(const QString &key, QString *error) override
    {
        if (failRemoves) {
            *error = QStringLiteral("remove refused");
            return false;
        }
        values.remove(key);
        return true;
    }
    QMap<QString, QByteArray> values;
    int writesLeft = -1;   // -1: unlimited
    bool failReads = false;
    bool corruptReads = false;
    bool failRemoves = false;
    QList<int> writeBatches, removeBatches;   // the sizes of each writeMany and removeMany call

private:
    QString m_name;
};

QMutex g_logMutex;
QStringList g_log;

void captureMessages(QtMsgType, const QMessageLogContext &context, const QString &message)
{
    QMutexLocker lock(&g_logMutex);
    g_log << QStringLiteral("%1: %2").arg(QLatin1String(context.category ? context.category : "default"), message);
}

QStringList secretsLog()
{
    QMutexLocker lock(&g_logMutex);
    return g_log.filter(QStringLiteral("kirotray.secrets:"));
}

const QByteArray kTokenA = "aorA-refresh-SECRET-aaaa1111";
const QByteArray kTokenB = "aorA-refresh-SECRET-bbbb2222";
const QByteArray kApiKey = "kt-api-key-SECRET-cccc3333";

QString readText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()).trimmed() : QString();
}

} // namespace

class TestSecretStoreChoice : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();
    void autoFallsBackToFileWithNotice();
    void noticeLoggedOnce();
    void fileModeNeverProbes();
    void keychainModeWithoutKeychainFails();
    void unknownModeFails();
    void migrateMovesEveryKey();
    void migrateSkipsMissingKeys();
    void migrateWritesAndRemovesInOneBatch();
    void migrateFailureLeavesSourceWhole_data();
    void migrateFailureLeavesSourceWhole();
    void adoptRecordsFirstBackend();
    void adoptMovesFileSecretsIntoKeychain();
    void adoptKeepsKeychainSecretsWhenItDoesNotAnswer();
    void adoptFailureRetriesNextTime();
    void adoptRejectsUnknownMarker();
    void autoWithoutSessionBusSkipsTheProbe();
    void keychainModeWithoutSessionBusFails();
    void adoptWithoutSessionBusKeepsKeychainSecrets();
    void probeTimesOutOnSilentBus();   // last: leaves a stuck keychain job behind

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    QTemporaryDir m_runtime;
};

void TestSecretStoreChoice::initTestCase()
{
    // No keychain here, whatever the developer's session offers: a bus address that leads nowhere.
    QVERIFY(m_runtime.isValid());
    qputenv("DBUS_SESSION_BUS_ADDRESS", QByteArray("unix:path=") + QFile::encodeName(m_runtime.filePath(QStringLiteral("no-bus"))));
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_runtime.path()));
    qunsetenv("DISPLAY");
    qInstallMessageHandler(captureMessages);
}

void TestSecretStoreChoice::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
}

void TestSecretStoreChoice::cleanupTestCase()
{
    qInstallMessageHandler(nullptr);
    // Secret hygiene: whatever was logged, no test secret is in it.
    QMutexLocker lock(&g_logMutex);
    for (const QString &line : std::as_const(g_log)) {
        for (const QByteArray &secret : {kTokenA, kTokenB, kApiKey})
            QVERIFY2(!line.contains(QLatin1String(secret)), qPrintable(line));
    }
}

void TestSecretStoreChoice::autoFallsBackToFileWithNotice()
{
    QElapsedTimer timer;
    timer.start();
    const SecretStoreChoice choice = chooseSecretStore(QStringLiteral("auto"), m_tmp->path());
    QVERIFY(choice.store);
    QCOMPARE(choice.store->backend(), QStringLiteral("file"));
    QVERIFY(choice.error.isEmpty());
    const QString file = m_tmp->filePath(QStringLiteral("secrets.json"));
    QVERIFY2(choice.notice.startsWith(QLatin1String("no system keychain answered (")), qPrintable(choice.notice));
    QVERIFY2(choice.notice.endsWith(QStringLiteral("; secrets are kept in %1 (mode 0600) instead").arg(file)), qPrintable(choice.notice));
    QVERIFY2(timer.elapsed() < 3500, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(secretsLog().contains(QStringLiteral("kirotray.secrets: ") + choice.notice));
    // The store it returns works.
    QString error;
    QVERIFY(choice.store->write(QStringLiteral("api-key"), kApiKey, &error));
    QCOMPARE(FileSecretStore(m_tmp->path()).read(QStringLiteral("api-key"), &error), std::optional<QByteArray>(kApiKey));
}

void TestSecretStoreChoice::noticeLoggedOnce()
{
    const qsizetype before = secretsLog().size();
    const SecretStoreChoice first = chooseSecretStore(QStringLiteral("auto"), m_tmp->path());
    const SecretStoreChoice second = chooseSecretStore(QStringLiteral("auto"), m_tmp->path());
    const SecretStoreChoice third = chooseSecretStore(QStringLiteral("auto"), m_tmp->path());
    QCOMPARE(first.notice, second.notice);
    QCOMPARE(first.notice, third.notice);
    const QStringList logged = secretsLog().mid(before);
    QCOMPARE(logged.size(), 1);
    QCOMPARE(logged.first(), QStringLiteral("kirotray.secrets: ") + first.notice);
}

void TestSecretStoreChoice::fileModeNeverProbes()
{
    QElapsedTimer timer;
    timer.start();
    const SecretStoreChoice choice = chooseSecretStore(QStringLiteral("file"), m_tmp->path(), 60000);
    QVERIFY(choice.store);
    QCOMPARE(choice.store->backend(), QStringLiteral("file"));
    QCOMPARE(choice.notice, QStringLiteral("secrets are kept in %1 (mode 0600), as configured (secretStore \"file\")")
                                .arg(m_tmp->filePath(QStringLiteral("secrets.json"))));
    QVERIFY(timer.elapsed() < 1000);
}

void TestSecretStoreChoice::keychainModeWithoutKeychainFails()
{
    // Asked for the keychain explicitly: never quietly write secrets to a file instead.
    const SecretStoreChoice choice = chooseSecretStore(QStringLiteral("keychain"), m_tmp->path());
    QVERIFY(!choice.store);
    QVERIFY2(choice.error.startsWith(QLatin1String("secretStore is \"keychain\" but no system keychain answered")), qPrintable(choice.error));
    QVERIFY(!QFile::exists(m_tmp->filePath(QStringLiteral("secrets.json"))));
}

void TestSecretStoreChoice::unknownModeFails()
{
    const SecretStoreChoice choice = chooseSecretStore(QStringLiteral("vault"), m_tmp->path());
    QVERIFY(!choice.store);
    QVERIFY2(choice.error.contains(QLatin1String("unknown secretStore \"vault\"")), qPrintable(choice.error));
}

void TestSecretStoreChoice::migrateMovesEveryKey()
{
    FileSecretStore file(m_tmp->path());
    MemorySecretStore keychain;
    QString error;
    const QStringList keys = {QStringLiteral("account/1"), QStringLiteral("account/2"), QStringLiteral("api-key")};
    QVERIFY(file.write(keys[0], kTokenA, &error));
    QVERIFY(file.write(keys[1], kTokenB, &error));
    QVERIFY(file.write(keys[2], kApiKey, &error));
    QVERIFY2(migrateSecrets(file, keychain, keys, &error), qPrintable(error));
    QCOMPARE(keychain.values.value(keys[0]), kTokenA);
    QCOMPARE(keychain.values.value(keys[1]), kTokenB);
    QCOMPARE(keychain.values.value(keys[2]), kApiKey);
    QVERIFY(file.keys(&error).isEmpty());
    // And back.
    QVERIFY2(migrateSecrets(keychain, file, keys, &error), qPrintable(error));
    QVERIFY(keychain.values.isEmpty());
    QCOMPARE(file.read(keys[1], &error), std::optional<QByteArray>(kTokenB));
    QCOMPARE(file.keys(&error).size(), 3);
}

void TestSecretStoreChoice::migrateSkipsMissingKeys()
{
    MemorySecretStore from(QStringLiteral("file")), to;
    from.values.insert(QStringLiteral("account/1"), kTokenA);
    to.values.insert(QStringLiteral("account/7"), "already there");
    QString error;
    QVERIFY(migrateSecrets(from, to, {QStringLiteral("account/1"), QStringLiteral("account/7"), QStringLiteral("api-key")}, &error));
    QCOMPARE(to.values.value(QStringLiteral("account/1")), kTokenA);
    QCOMPARE(to.values.value(QStringLiteral("account/7")), QByteArray("already there"));   // not clobbered by a missing source
    QVERIFY(!to.values.contains(QStringLiteral("api-key")));
    QVERIFY(from.values.isEmpty());
    QCOMPARE(to.writeBatches, QList<int>{1});   // what was found, in one batch
    QCOMPARE(from.removeBatches, QList<int>{1});
}

// 10,000 accounts move in one writeMany and one removeMany (the file store rewrites itself once
// for each, not once per key).
void TestSecretStoreChoice::migrateWritesAndRemovesInOneBatch()
{
    MemorySecretStore from(QStringLiteral("file")), to;
    for (int i = 1; i <= 10000; ++i)
        from.values.insert(QStringLiteral("account/%1").arg(i), kTokenA + QByteArray::number(i));
    const auto original = from.values;
    QString error;
    QVERIFY2(migrateSecrets(from, to, original.keys(), &error), qPrintable(error));
    QCOMPARE(to.writeBatches, QList<int>{10000});
    QCOMPARE(from.removeBatches, QList<int>{10000});
    QCOMPARE(to.values, original);
    QVERIFY(from.values.isEmpty());
}

void TestSecretStoreChoice::migrateFailureLeavesSourceWhole_data()
{
    QTest::addColumn<QString>("failure");
    QTest::addColumn<QString>("message");
    QTest::newRow("second write fails") << "write" << "writing 'account/2' to the keychain store: write refused";
    QTest::newRow("source unreadable") << "read" << "reading 'account/1' from the file store: read refused";
    QTest::newRow("copy does not read back") << "corrupt" << "'account/1' did not read back from the keychain store";
}

void TestSecretStoreChoice::migrateFailureLeavesSourceWhole()
{
    QFETCH(QString, failure);
    QFETCH(QString, message);
    MemorySecretStore from(QStringLiteral("file")), to;
    from.values = {{QStringLiteral("account/1"), kTokenA}, {QStringLiteral("account/2"), kTokenB}, {QStringLiteral("api-key"), kApiKey}};
    const auto original = from.values;
    if (failure == QLatin1String("write"))
        to.writesLeft = 1;
    else if (failure == QLatin1String("read"))
        from.failReads = true;
    else
        to.corruptReads = true;
    QString error;
    QVERIFY(!migrateSecrets(from, to, from.values.keys(), &error));
    QVERIFY2(error.startsWith(message), qPrintable(error));
    QCOMPARE(from.values, original);
    for (const QByteArray &secret : {kTokenA, kTokenB, kApiKey})
        QVERIFY(!error.contains(QLatin1String(secret)));
}

void TestSecretStoreChoice::adoptRecordsFirstBackend()
{
    FileSecretStore file(m_tmp->path());
    QString error;
    QVERIFY2(adoptSecretStore(file, m_tmp->path(), &error), qPrintable(error));
    QCOMPARE(readText(m_tmp->filePath(QStringLiteral("secret-store"))), QStringLiteral("file"));
    QVERIFY(adoptSecretStore(file, m_tmp->path(), &error));   // idempotent
    MemorySecretStore keychainInFreshDir;
    QTemporaryDir other;
    QVERIFY(adoptSecretStore(keychainInFreshDir, other.path(), &error));
    QCOMPARE(readText(other.filePath(QStringLiteral("secret-store"))), QStringLiteral("keychain"));
}

void TestSecretStoreChoice::adoptMovesFileSecretsIntoKeychain()
{
    QString error;
    {
        Database db(Database::defaultPath(m_tmp->path()), QStringLiteral("setup"));
        QVERIFY2(db.open(&error), qPrintable(error));
        AccountRepository repo(db);
        Account a, b;
        QVERIFY(repo.insert(a, &error));
        QVERIFY(repo.insert(b, &error));
    }
    FileSecretStore file(m_tmp->path());
    QVERIFY(file.write(AccountSecrets::key(1), kTokenA, &error));
    QVERIFY(file.write(AccountSecrets::key(2), kTokenB, &error));
    QVERIFY(file.write(QStringLiteral("api-key"), kApiKey, &error));
    QVERIFY(file.write(QStringLiteral("account/9"), "orphan", &error));   // no row, still moved
    QVERIFY(adoptSecretStore(file, m_tmp->path(), &error));
    QCOMPARE(readText(m_tmp->filePath(QStringLiteral("secret-store"))), QStringLiteral("file"));

    MemorySecretStore keychain;
    QVERIFY2(adoptSecretStore(keychain, m_tmp->path(), &error), qPrintable(error));
    QCOMPARE(keychain.values.size(), 4);
    QCOMPARE(keychain.values.value(QStringLiteral("account/1")), kTokenA);
    QCOMPARE(keychain.values.value(QStringLiteral("account/2")), kTokenB);
    QCOMPARE(keychain.values.value(QStringLiteral("api-key")), kApiKey);
    QCOMPARE(keychain.values.value(QStringLiteral("account/9")), QByteArray("orphan"));
    QVERIFY(!QFile::exists(file.filePath()));   // no secret left in clear
    QCOMPARE(readText(m_tmp->filePath(QStringLiteral("secret-store"))), QStringLiteral("keychain"));
    QVERIFY(secretsLog().last().contains(QLatin1String("moved the secrets from the file store to the keychain store")));
}

void TestSecretStoreChoice::adoptKeepsKeychainSecretsWhenItDoesNotAnswer()
{
    QFile marker(m_tmp->filePath(QStringLiteral("secret-store")));
    QVERIFY(marker.open(QIODevice::WriteOnly));
    marker.write("keychain\n");
    marker.close();
    FileSecretStore file(m_tmp->path());
    QString error;
    QVERIFY(!adoptSecretStore(file, m_tmp->path(), &error));
    QVERIFY2(error.contains(QLatin1String("the secrets are in the system keychain, which does not answer now")), qPrintable(error));
    QCOMPARE(readText(marker.fileName()), QStringLiteral("keychain"));   // retried at the next start
}

void TestSecretStoreChoice::adoptFailureRetriesNextTime()
{
    FileSecretStore file(m_tmp->path());
    QString error;
    QVERIFY(adoptSecretStore(file, m_tmp->path(), &error));
    QVERIFY(file.write(QStringLiteral("api-key"), kApiKey, &error));
    QVERIFY(file.write(QStringLiteral("account/3"), kTokenA, &error));
    MemorySecretStore broken;
    broken.writesLeft = 1;
    QVERIFY(!adoptSecretStore(broken, m_tmp->path(), &error));
    QVERIFY2(error.startsWith(QLatin1String("moving secrets from the file store to the keychain store: ")), qPrintable(error));
    QCOMPARE(readText(m_tmp->filePath(QStringLiteral("secret-store"))), QStringLiteral("file"));
    QCOMPARE(file.keys(&error).size(), 2);   // nothing lost
    MemorySecretStore working;
    QVERIFY2(adoptSecretStore(working, m_tmp->path(), &error), qPrintable(error));
    QCOMPARE(working.values.size(), 2);
    QCOMPARE(readText(m_tmp->filePath(QStringLiteral("secret-store"))), QStringLiteral("keychain"));
}

void TestSecretStoreChoice::adoptRejectsUnknownMarker()
{
    QFile marker(m_tmp->filePath(QStringLiteral("secret-store")));
    QVERIFY(marker.open(QIODevice::WriteOnly));
    marker.write("vault\n");
    marker.close();
    FileSecretStore file(m_tmp->path());
    QString error;
    QVERIFY(!adoptSecretStore(file, m_tmp->path(), &error));
    QVERIFY2(error.contains(QLatin1String("unknown secret store \"vault\"")), qPrintable(error));
}

void TestSecretStoreChoice::autoWithoutSessionBusSkipsTheProbe()
{
    if (platform::portablePathsBuild)
        QSKIP("no D-Bus pre-check in portable builds: the keychain is asked, as in autoFallsBackToFileWithNotice");
    const SessionBusEnvironment env(std::nullopt, std::nullopt);
    const SecretStoreChoice choice = chooseSecretStore(QStringLiteral("auto"), m_tmp->path());
    QVERIFY(choice.store);
    QCOMPARE(choice.store->backend(), QStringLiteral("file"));
    // The probe's own reasons (QtKeychain's errors, "no answer within") read differently.
    QCOMPARE(choice.notice, QStringLiteral("no system keychain can be reached (no D-Bus session bus: DBUS_SESSION_BUS_ADDRESS and "
                                           "XDG_RUNTIME_DIR are unset and there is no display); secrets are kept in %1 "
                                           "(mode 0600) instead").arg(m_tmp->filePath(QStringLiteral("secrets.json"))));
    QVERIFY(secretsLog().contains(QStringLiteral("kirotray.secrets: ") + choice.notice));
}

void TestSecretStoreChoice::keychainModeWithoutSessionBusFails()
{
    if (platform::portablePathsBuild)
        QSKIP("no D-Bus pre-check in portable builds: the keychain is asked, as in autoFallsBackToFileWithNotice");
    const SessionBusEnvironment env(std::nullopt, QFile::encodeName(m_tmp->path()));
    const SecretStoreChoice choice = chooseSecretStore(QStringLiteral("keychain"), m_tmp->path());
    QVERIFY(!choice.store);
    QCOMPARE(choice.error, QStringLiteral("secretStore is \"keychain\" but no system keychain can be reached (no D-Bus session bus: "
                                          "DBUS_SESSION_BUS_ADDRESS is unset, %1 does not exist and there is no display)")
                               .arg(m_tmp->filePath(QStringLiteral("bus"))));
    QVERIFY(!QFile::exists(m_tmp->filePath(QStringLiteral("secrets.json"))));
}

void TestSecretStoreChoice::adoptWithoutSessionBusKeepsKeychainSecrets()
{
    if (platform::portablePathsBuild)
        QSKIP("no D-Bus pre-check in portable builds: the keychain is asked, as in autoFallsBackToFileWithNotice");
    QFile marker(m_tmp->filePath(QStringLiteral("secret-store")));
    QVERIFY(marker.open(QIODevice::WriteOnly) && marker.write("keychain\n") > 0);
    marker.close();
    const SessionBusEnvironment env(std::nullopt, std::nullopt);
    FileSecretStore file(m_tmp->path());
    QString error;
    QVERIFY(!adoptSecretStore(file, m_tmp->path(), &error));
    QVERIFY2(error.startsWith(QLatin1String("the secrets are in the system keychain, which does not answer now (no D-Bus "
                                            "session bus: DBUS_SESSION_BUS_ADDRESS and XDG_RUNTIME_DIR are unset")), qPrintable(error));
    QCOMPARE(readText(marker.fileName()), QStringLiteral("keychain"));
}

void TestSecretStoreChoice::probeTimesOutOnSilentBus()
{
    // A bus that accepts the connection and never says a word: the probe must give up on time.
    QLocalServer silent;
    const QString socket = m_runtime.filePath(QStringLiteral("silent-bus"));
    QVERIFY(silent.listen(socket));
    QList<QLocalSocket *> held;
    connect(&silent, &QLocalServer::newConnection, this, [&] {
        while (QLocalSocket *s = silent.nextPendingConnection())
            held << s;
    });
    qputenv("DBUS_SESSION_BUS_ADDRESS", QByteArray("unix:path=") + QFile::encodeName(socket));
    QElapsedTimer timer;
    timer.start();
    KeychainSecretStore keychain(QStringLiteral("KiroTray-test"), 400);
    QString error;
    QVERIFY(!keychain.probe(400, &error));
    QVERIFY2(error.contains(QLatin1String("no answer within")), qPrintable(error));
    QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
    const SecretStoreChoice choice = chooseSecretStore(QStringLiteral("auto"), m_tmp->path(), 300);
    QVERIFY(choice.store);
    QCOMPARE(choice.store->backend(), QStringLiteral("file"));
    QVERIFY2(choice.notice.contains(QLatin1String("no answer within 300 ms")), qPrintable(choice.notice));
    QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
}

QTEST_GUILESS_MAIN(TestSecretStoreChoice)
#include "tst_secretstorechoice.moc"
