// CredentialsFile: one object or an array, ids and priority order, file errors, missing, empty or
// group-readable files, the environment credential, and the 0600 atomic save that keeps unknown keys.
#include "util/atomicfile.h"
#include "accounts/credential.h"
#include "accounts/credentialsfile.h"
#include "unit/support/credentialjson.h"
#include "testfiles.h"
#include "util/platform.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

using namespace kt;
using namespace kt::test;

class TestCredentialsFile : public QObject
{
    Q_OBJECT

private slots:
    void fileSingleObject();
    void fileArraySortedByPriority();
    void fileIdsAssignedAroundGivenOnes();
    void extremeExpiryRoundTrips();
    void fileErrors_data();
    void fileErrors();
    void fileMissingOrEmpty();
    void fileWideModeWarns();
    void environmentCredential();

    void saveRoundTripPreservesUnknownKeys();
    void saveSingleObject();
    void saveFailsWithoutTouchingTarget();
};

void TestCredentialsFile::fileSingleObject()
{
    const CredentialsFile::LoadResult r = CredentialsFile::parse(R"({"refreshToken":"r","authMethod":"social"})", QStringLiteral("c.json"));
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QVERIFY(!r.wasArray);
    QCOMPARE(r.credentials.size(), 1);
    QCOMPARE(r.credentials.first().id, qint64(1));
}

void TestCredentialsFile::fileArraySortedByPriority()
{
    const CredentialsFile::LoadResult r = CredentialsFile::parse(R"([
        {"refreshToken":"a","priority":2},
        {"refreshToken":"b"},
        {"refreshToken":"c","priority":1},
        {"refreshToken":"d","priority":0},
        {"kiroApiKey":"ksk_e","priority":1}])", QStringLiteral("c.json"));
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QVERIFY(r.wasArray);
    QStringList order;
    QList<qint64> ids;
    for (const Credential &c : r.credentials) {
        order << (c.refreshToken.isEmpty() ? c.kiroApiKey : c.refreshToken);
        ids << c.id;
    }
    QCOMPARE(order, (QStringList{"b", "d", "c", "ksk_e", "a"}));  // stable within a priority
    QCOMPARE(ids, (QList<qint64>{2, 4, 3, 5, 1}));  // ids follow file order, not priority
}

void TestCredentialsFile::fileIdsAssignedAroundGivenOnes()
{
    const CredentialsFile::LoadResult r = CredentialsFile::parse(
        R"([{"refreshToken":"a"},{"refreshToken":"b","id":1},{"refreshToken":"c"},{"refreshToken":"d","id":3}])", QStringLiteral("c.json"));
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QList<qint64> ids;
    for (const Credential &c : r.credentials)
        ids << c.id;
    QCOMPARE(ids, (QList<qint64>{2, 1, 4, 3}));
}

// Fuzzer regression (fuzz_config_loader): whatever parsed must load again after write-back.
void TestCredentialsFile::extremeExpiryRoundTrips()
{
    const QByteArray json = R"([{"refreshToken":"r","expiresAt":253402300799999},{"refreshToken":"s","expiresAt":0}])";
    const CredentialsFile::LoadResult first = CredentialsFile::parse(json, QStringLiteral("c.json"));
    QVERIFY2(first.error.isEmpty(), qPrintable(first.error));
    QJsonArray saved;
    for (const Credential &c : first.credentials)
        saved.append(c.toJson());
    QCOMPARE(saved.at(0).toObject().value("expiresAt").toString(), QStringLiteral("9999-12-31T23:59:59.999Z"));
    const CredentialsFile::LoadResult again = CredentialsFile::parse(QJsonDocument(saved).toJson(), QStringLiteral("c.json"));
    QVERIFY2(again.error.isEmpty(), qPrintable(again.error));
    QCOMPARE(again.credentials.size(), 2);
    QCOMPARE(again.credentials.at(0).expiresAt, first.credentials.at(0).expiresAt);
    QCOMPARE(again.credentials.at(1).expiresAt, first.credentials.at(1).expiresAt);
}

void TestCredentialsFile::fileErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");
    const auto row = [](const char *name, const char *json, const char *expected) {
        QTest::newRow(name) << QByteArray(json) << QString::fromUtf8(expected);
    };
    row("invalid JSON", R"([{"refreshToken":"r"},])", "creds.json: invalid JSON at offset ");
    row("top-level string", R"("token")", "creds.json: invalid JSON at offset 1: ");
    row("array of numbers", "[1]", "creds.json: entry 1: expected an object");
    row("idc without secret in array", R"([{"refreshToken":"r"},{"refreshToken":"r","authMethod":"idc","clientId":"c"}])",
        "creds.json: entry 2: field 'clientSecret' is required for authMethod idc");
    row("unknown method single", R"({"refreshToken":"r","authMethod":"password"})",
        "creds.json: field 'authMethod' has unknown value 'password'");
    row("duplicate id", R"([{"refreshToken":"a","id":5},{"refreshToken":"b","id":5}])",
        "creds.json: entry 2: field 'id' repeats the id 5 of entry 1");
    row("no token in array", R"([{"refreshToken":"a"},{"refreshToken":"b"},{"email":"x@y"}])",
        "creds.json: entry 3: field 'refreshToken' is required");
}

void TestCredentialsFile::fileErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    const CredentialsFile::LoadResult r = CredentialsFile::parse(json, QStringLiteral("creds.json"));
    QVERIFY(r.credentials.isEmpty());
    QVERIFY2(r.error.startsWith(expected), qPrintable(r.error));
}

void TestCredentialsFile::fileMissingOrEmpty()
{
    QTemporaryDir tmp;
    CredentialsFile::LoadResult r = CredentialsFile::load(tmp.filePath(QStringLiteral("none.json")));
    QVERIFY(r.error.isEmpty());
    QVERIFY(r.credentials.isEmpty());
    QVERIFY(r.wasArray);

    writeFile(tmp.filePath(QStringLiteral("empty.json")), "\n");
    r = CredentialsFile::load(tmp.filePath(QStringLiteral("empty.json")));
    QVERIFY(r.error.isEmpty());
    QVERIFY(r.credentials.isEmpty());
    QVERIFY2(r.warnings.first().endsWith(QLatin1String(": empty file, no accounts")), qPrintable(r.warnings.join('\n')));

    writeFile(tmp.filePath(QStringLiteral("arr.json")), "[]");
    r = CredentialsFile::load(tmp.filePath(QStringLiteral("arr.json")));
    QVERIFY(r.error.isEmpty());
    QVERIFY(r.wasArray);
    QVERIFY(r.credentials.isEmpty());

    // A directory where the file should be is an error, not an empty pool.
    QVERIFY(QDir(tmp.path()).mkdir(QStringLiteral("dir.json")));
    r = CredentialsFile::load(tmp.filePath(QStringLiteral("dir.json")));
    QVERIFY(!r.error.isEmpty());
}

void TestCredentialsFile::fileWideModeWarns()
{
    if (!platform::posixNative)
        QSKIP("no mode bits to widen: the portable FilePrivacy trusts the folder (tst_fileprivacy)");
    QTemporaryDir tmp;
    const QString path = tmp.filePath(QStringLiteral("c.json"));
    writeFile(path, R"({"refreshToken":"r"})");
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup));
    CredentialsFile::LoadResult r = CredentialsFile::load(path);
    QVERIFY(r.error.isEmpty());
    QCOMPARE(r.credentials.size(), 1);
    QCOMPARE(r.warnings.size(), 1);
    QVERIFY(r.warnings.first().contains(QLatin1String("readable by other users")));
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    QVERIFY(CredentialsFile::load(path).warnings.isEmpty());
}

void TestCredentialsFile::environmentCredential()
{
    QProcessEnvironment env;
    QString error;
    QVERIFY(!CredentialsFile::fromEnvironment(env, &error));
    QVERIFY(error.isEmpty());

    env.insert(QStringLiteral("REFRESH_TOKEN"), kRefresh);
    std::optional<Credential> c = CredentialsFile::fromEnvironment(env, &error);
    QVERIFY(c);
    QCOMPARE(c->authMethod, AuthMethod::Social);
    QCOMPARE(c->refreshToken, kRefresh);
    QCOMPARE(c->id, qint64(1));

    env.insert(QStringLiteral("AUTH_METHOD"), QStringLiteral("builder-id"));
    env.insert(QStringLiteral("CLIENT_ID"), QStringLiteral("cid"));
    c = CredentialsFile::fromEnvironment(env, &error);
    QVERIFY(!c);
    QCOMPARE(error, QStringLiteral("environment variable CLIENT_SECRET is required for authMethod idc"));

    env.insert(QStringLiteral("CLIENT_SECRET"), QStringLiteral("cs"));
    env.insert(QStringLiteral("REGION"), QStringLiteral("eu-west-1"));
    c = CredentialsFile::fromEnvironment(env, &error);
    QVERIFY(c);
    QCOMPARE(c->authMethod, AuthMethod::Idc);
    QCOMPARE(c->clientId, QStringLiteral("cid"));
    QCOMPARE(c->clientSecret, QStringLiteral("cs"));
    QCOMPARE(c->region, QStringLiteral("eu-west-1"));

    env.insert(QStringLiteral("AUTH_METHOD"), QStringLiteral("password"));
    QVERIFY(!CredentialsFile::fromEnvironment(env, &error));
    QVERIFY2(error.startsWith(QLatin1String("environment variable AUTH_METHOD has unknown value 'password'")), qPrintable(error));
    QVERIFY(!CredentialsFile::fromEnvironment(env));  // the error pointer is optional
}

void TestCredentialsFile::saveRoundTripPreservesUnknownKeys()
{
    QTemporaryDir tmp;
    const QString path = tmp.filePath(QStringLiteral("credentials.json"));
    writeFile(path, R"([
        {"refreshToken":"r1","accessToken":"a1","expiresAt":"2026-01-09T04:43:18.079Z","authMethod":"social",
         "priority":1,"endpoint":"ide","futureFlag":{"nested":[1,2,{"x":true}]}},
        {"refreshToken":"r2","authMethod":"IdC","clientId":"c","clientSecret":"s","idcRegion":"eu-west-1","priority":0,
         "disabled":true,"clientIdHash":"abc"}])");
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                                            | QFileDevice::ReadOther));
    QCOMPARE(fileMode(path), 0644);

    CredentialsFile::LoadResult loaded = CredentialsFile::load(path);
    QVERIFY2(loaded.error.isEmpty(), qPrintable(loaded.error));
    QCOMPARE(loaded.credentials.size(), 2);
    loaded.credentials[1].accessToken = QStringLiteral("refreshed");
    QCOMPARE(CredentialsFile::save(path, loaded.credentials, loaded.wasArray), QString());
    QCOMPARE(fileMode(path), 0600);

    const QJsonDocument doc = QJsonDocument::fromJson(readFile(path));
    QVERIFY(doc.isArray());
    const QJsonObject first = doc.array().at(0).toObject();  // priority 0 comes first now
    QCOMPARE(first.value(QStringLiteral("authMethod")).toString(), QStringLiteral("idc"));
    QCOMPARE(first.value(QStringLiteral("authRegion")).toString(), QStringLiteral("eu-west-1"));
    QCOMPARE(first.value(QStringLiteral("clientIdHash")).toString(), QStringLiteral("abc"));
    QCOMPARE(first.value(QStringLiteral("disabled")).toBool(), true);

    const CredentialsFile::LoadResult again = CredentialsFile::load(path);
    QVERIFY2(again.error.isEmpty(), qPrintable(again.error));
    QVERIFY(again.warnings.isEmpty());
    QVERIFY(again.wasArray);
    QCOMPARE(again.credentials.size(), 2);
    for (int i = 0; i < 2; ++i) {
        const Credential &a = loaded.credentials.at(i);
        const Credential &b = again.credentials.at(i);
        QCOMPARE(b.id, a.id);
        QCOMPARE(b.refreshToken, a.refreshToken);
        QCOMPARE(b.accessToken, a.accessToken);
        QCOMPARE(b.expiresAt, a.expiresAt);
        QCOMPARE(b.authMethod, a.authMethod);
        QCOMPARE(b.authRegion, a.authRegion);
        QCOMPARE(b.priority, a.priority);
        QCOMPARE(b.disabled, a.disabled);
        QCOMPARE(b.extra, a.extra);
    }
    QCOMPARE(again.credentials.at(1).extra.value(QStringLiteral("futureFlag")).toObject(),
             obj(R"({"nested":[1,2,{"x":true}]})"));
    QCOMPARE(again.credentials.at(1).accessToken, QStringLiteral("refreshed"));
}

void TestCredentialsFile::saveSingleObject()
{
    QTemporaryDir tmp;
    const QString path = tmp.filePath(QStringLiteral("new/sub/credentials.json"));
    Credential c;
    c.id = 1;
    c.refreshToken = QStringLiteral("r");
    QCOMPARE(CredentialsFile::save(path, {c}, false), QString());
    QCOMPARE(fileMode(path), 0600);
    QCOMPARE(fileMode(tmp.filePath(QStringLiteral("new/sub"))), 0700);
    QCOMPARE(fileMode(tmp.filePath(QStringLiteral("new"))), 0700);
    const CredentialsFile::LoadResult r = CredentialsFile::load(path);
    QVERIFY(r.error.isEmpty());
    QVERIFY(!r.wasArray);
    QCOMPARE(r.credentials.size(), 1);
    QCOMPARE(r.credentials.first().refreshToken, QStringLiteral("r"));

    // Two accounts cannot be written as one object; the file stays as it was.
    const QByteArray before = readFile(path);
    const QString error = CredentialsFile::save(path, {c, c}, false);
    QVERIFY(error.contains(QLatin1String("single object")));
    QCOMPARE(readFile(path), before);
}

void TestCredentialsFile::saveFailsWithoutTouchingTarget()
{
    QTemporaryDir tmp;
    // The target is a directory: QSaveFile refuses, and nothing is left behind.
    const QString path = tmp.filePath(QStringLiteral("taken"));
    QVERIFY(QDir(tmp.path()).mkdir(QStringLiteral("taken")));
    Credential c;
    c.refreshToken = QStringLiteral("r");
    const QString error = CredentialsFile::save(path, {c}, true);
    QVERIFY(!error.isEmpty());
    QVERIFY(error.contains(path));
    QVERIFY(QFileInfo(path).isDir());
    QCOMPARE(QDir(tmp.path()).entryList(QDir::Files | QDir::Hidden).size(), 0);

    // The parent path is a file: no directory can be created there.
    writeFile(tmp.filePath(QStringLiteral("blocker")), "x");
    QVERIFY(!AtomicFile::writePrivate(tmp.filePath(QStringLiteral("blocker/c.json")), "{}").isEmpty());
    QCOMPARE(readFile(tmp.filePath(QStringLiteral("blocker"))), QByteArray("x"));
}

QTEST_GUILESS_MAIN(TestCredentialsFile)
#include "tst_credentialsfile.moc"
