// ApiKeyStore: the generated proxy API key, the one-line 0600 <dataDir>/api-key file of older
// versions and its move into the secret store, never replacing a key that cannot be read.
#include "secrets/apikeystore.h"
#include "config/config.h"
#include "secrets/filesecretstore.h"
#include "testfiles.h"
#include "util/platform.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace kt;
using namespace kt::test;

class TestApiKeyStore : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void apiKeyGenerateFormat();
    void apiKeyConfiguredIsKept();
    void apiKeyGeneratedPersistedAndReused();
    void apiKeyExistingFileTightened();
    void apiKeyEmptyFileRegenerated();
    void apiKeyMultiLineFileRejected();
    void apiKeyUnwritableDataDir();
    void apiKeyGeneratedIntoSecretStore();
    void apiKeyLegacyFileMovedIntoSecretStore();
    void apiKeySecretStoreErrorDoesNotRegenerate();

private:
    QTemporaryDir *m_tmp = nullptr;
};

void TestApiKeyStore::init()
{
    m_tmp = new QTemporaryDir;
    QVERIFY(m_tmp->isValid());
}

void TestApiKeyStore::cleanup()
{
    delete m_tmp;
    m_tmp = nullptr;
}

void TestApiKeyStore::apiKeyGenerateFormat()
{
    static const QRegularExpression shape(QStringLiteral("^kt-[A-Za-z0-9_-]{48}$"));
    const QString a = ApiKeyStore::generate();
    const QString b = ApiKeyStore::generate();
    QVERIFY2(shape.match(a).hasMatch(), qPrintable(a));
    QVERIFY2(shape.match(b).hasMatch(), qPrintable(b));
    QVERIFY(a != b);
}

void TestApiKeyStore::apiKeyConfiguredIsKept()
{
    Config c;
    c.dataDir = m_tmp->path();
    c.apiKey = QStringLiteral("configured");
    const ApiKeyStore::Result r = ApiKeyStore::resolve(c, nullptr);
    QCOMPARE(r.key, QStringLiteral("configured"));
    QVERIFY(!r.generated);
    QVERIFY(r.error.isEmpty());
    QVERIFY(!QFileInfo::exists(ApiKeyStore::keyFilePath(c)));
}

void TestApiKeyStore::apiKeyGeneratedPersistedAndReused()
{
    Config c;
    c.dataDir = m_tmp->filePath(QStringLiteral("fresh"));
    const ApiKeyStore::Result first = ApiKeyStore::resolve(c, nullptr);
    QVERIFY2(first.error.isEmpty(), qPrintable(first.error));
    QVERIFY(first.generated);
    QVERIFY(first.key.startsWith(QLatin1String("kt-")));
    QCOMPARE(c.apiKey, first.key);
    const QString path = c.dataDir + QStringLiteral("/api-key");
    QCOMPARE(ApiKeyStore::keyFilePath(c), path);
    QCOMPARE(fileMode(path), 0600);
    QCOMPARE(fileMode(c.dataDir), 0700);
    QCOMPARE(readFile(path).trimmed(), first.key.toLatin1());

    Config again;
    again.dataDir = c.dataDir;
    const ApiKeyStore::Result second = ApiKeyStore::resolve(again, nullptr);
    QVERIFY(second.error.isEmpty());
    QVERIFY(!second.generated);
    QCOMPARE(second.key, first.key);
    QCOMPARE(again.apiKey, first.key);
}

void TestApiKeyStore::apiKeyExistingFileTightened()
{
    if (!platform::posixNative)
        QSKIP("no mode bits to widen: the portable FilePrivacy trusts the folder (tst_fileprivacy)");
    Config c;
    c.dataDir = m_tmp->path();
    const QString path = ApiKeyStore::keyFilePath(c);
    writeFile(path, "kt-restored-from-backup\n");
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther));
    const ApiKeyStore::Result r = ApiKeyStore::resolve(c, nullptr);
    QVERIFY(r.error.isEmpty());
    QVERIFY(!r.generated);
    QCOMPARE(r.key, QStringLiteral("kt-restored-from-backup"));
    QCOMPARE(fileMode(path), 0600);
}

void TestApiKeyStore::apiKeyEmptyFileRegenerated()
{
    Config c;
    c.dataDir = m_tmp->path();
    writeFile(ApiKeyStore::keyFilePath(c), "  \n");
    const ApiKeyStore::Result r = ApiKeyStore::resolve(c, nullptr);
    QVERIFY(r.error.isEmpty());
    QVERIFY(r.generated);
    QCOMPARE(readFile(ApiKeyStore::keyFilePath(c)).trimmed(), r.key.toLatin1());
}

void TestApiKeyStore::apiKeyMultiLineFileRejected()
{
    Config c;
    c.dataDir = m_tmp->path();
    writeFile(ApiKeyStore::keyFilePath(c), "kt-a\nkt-b\n");
    const ApiKeyStore::Result r = ApiKeyStore::resolve(c, nullptr);
    QVERIFY(r.key.isEmpty());
    QVERIFY(c.apiKey.isEmpty());
    QVERIFY2(r.error.contains(QLatin1String("expected one line")), qPrintable(r.error));
    QCOMPARE(readFile(ApiKeyStore::keyFilePath(c)), QByteArray("kt-a\nkt-b\n"));  // not overwritten
}

void TestApiKeyStore::apiKeyUnwritableDataDir()
{
    Config c;
    c.dataDir = m_tmp->filePath(QStringLiteral("iamafile"));
    writeFile(c.dataDir, "x");
    const ApiKeyStore::Result r = ApiKeyStore::resolve(c, nullptr);
    QVERIFY(!r.error.isEmpty());
    QVERIFY(!r.generated);
    QVERIFY(c.apiKey.isEmpty());

    Config noDir;
    QVERIFY(!ApiKeyStore::resolve(noDir, nullptr).error.isEmpty());
}

void TestApiKeyStore::apiKeyGeneratedIntoSecretStore()
{
    Config c;
    c.dataDir = m_tmp->filePath(QStringLiteral("store"));
    FileSecretStore secrets(c.dataDir);
    const ApiKeyStore::Result first = ApiKeyStore::resolve(c, &secrets);
    QVERIFY2(first.error.isEmpty(), qPrintable(first.error));
    QVERIFY(first.generated);
    QCOMPARE(c.apiKey, first.key);
    QVERIFY(!QFileInfo::exists(ApiKeyStore::keyFilePath(c)));   // not the legacy file any more
    QString error;
    QCOMPARE(secrets.read(QStringLiteral("api-key"), &error), std::optional<QByteArray>(first.key.toUtf8()));
    QCOMPARE(fileMode(secrets.filePath()), 0600);

    Config again;
    again.dataDir = c.dataDir;
    FileSecretStore reopened(c.dataDir);
    const ApiKeyStore::Result second = ApiKeyStore::resolve(again, &reopened);
    QVERIFY(second.error.isEmpty());
    QVERIFY(!second.generated);
    QCOMPARE(second.key, first.key);
}

void TestApiKeyStore::apiKeyLegacyFileMovedIntoSecretStore()
{
    Config c;
    c.dataDir = m_tmp->path();
    writeFile(ApiKeyStore::keyFilePath(c), "kt-from-an-older-version\n");
    FileSecretStore secrets(c.dataDir);
    const ApiKeyStore::Result r = ApiKeyStore::resolve(c, &secrets);
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QVERIFY(!r.generated);
    QCOMPARE(r.key, QStringLiteral("kt-from-an-older-version"));
    QVERIFY(!QFileInfo::exists(ApiKeyStore::keyFilePath(c)));
    QString error;
    QCOMPARE(secrets.read(QStringLiteral("api-key"), &error), std::optional<QByteArray>("kt-from-an-older-version"));

    // A file left behind by an interrupted move loses to the store's copy and goes away.
    writeFile(ApiKeyStore::keyFilePath(c), "kt-stale\n");
    Config again;
    again.dataDir = c.dataDir;
    QCOMPARE(ApiKeyStore::resolve(again, &secrets).key, QStringLiteral("kt-from-an-older-version"));
    QVERIFY(!QFileInfo::exists(ApiKeyStore::keyFilePath(c)));
}

void TestApiKeyStore::apiKeySecretStoreErrorDoesNotRegenerate()
{
    // An unreadable store must not silently replace the key the user's clients hold.
    Config c;
    c.dataDir = m_tmp->path();
    FileSecretStore secrets(c.dataDir);
    writeFile(secrets.filePath(), "{ not json");
    const ApiKeyStore::Result r = ApiKeyStore::resolve(c, &secrets);
    QVERIFY(!r.generated);
    QVERIFY(r.key.isEmpty());
    QVERIFY(c.apiKey.isEmpty());
    QVERIFY2(r.error.contains(QLatin1String("secrets.json")), qPrintable(r.error));
    QCOMPARE(readFile(secrets.filePath()), QByteArray("{ not json"));
}

QTEST_GUILESS_MAIN(TestApiKeyStore)
#include "tst_apikeystore.moc"
