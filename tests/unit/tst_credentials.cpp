// Credential parsing (kiro-rs credentials.json and Kiro IDE export), validation errors, the
// credentials file (single/array, ids, priority, 0600 atomic save) and machine id derivation.
#include "accounts/atomicfile.h"
#include "accounts/credential.h"
#include "accounts/credentialsfile.h"
#include "accounts/machineid.h"
#include "config/config.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <sys/stat.h>

using namespace kt;

namespace {

const QString kRefresh = QStringLiteral("aorAAAAAGexampleRefreshToken");

int fileMode(const QString &path)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 07777);
}

void writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    f.write(data);
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QJsonObject obj(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

Credential parseOk(const QByteArray &json)
{
    auto r = Credential::fromJson(obj(json));
    if (const QString *e = std::get_if<QString>(&r))
        qWarning("unexpected error: %s", qPrintable(*e));
    return std::holds_alternative<Credential>(r) ? std::get<Credential>(r) : Credential{};
}

QString sha256(const QByteArray &text)
{
    return QString::fromLatin1(QCryptographicHash::hash(text, QCryptographicHash::Sha256).toHex());
}

QString futureIso(int seconds)
{
    return QDateTime::currentDateTimeUtc().addSecs(seconds).toString(Qt::ISODateWithMs);
}

} // namespace

class TestCredentials : public QObject
{
    Q_OBJECT

private slots:
    void authMethodNames_data();
    void authMethodNames();
    void socialCredentialFields();
    void missingAuthMethodDetection();
    void ideExport();
    void expiresAtLenient_data();
    void expiresAtLenient();
    void credentialErrors_data();
    void credentialErrors();
    void extremeExpiryRoundTrips();
    void accessTokenOnlyNeedsFutureExpiry();
    void perCredentialProxy();
    void tokenUsabilityAndRefresh();
    void displayNames();
    void effectiveRegions();
    void toJsonShape();

    void fileSingleObject();
    void fileArraySortedByPriority();
    void fileIdsAssignedAroundGivenOnes();
    void fileErrors_data();
    void fileErrors();
    void fileMissingOrEmpty();
    void fileWideModeWarns();
    void environmentCredential();

    void saveRoundTripPreservesUnknownKeys();
    void saveSingleObject();
    void saveFailsWithoutTouchingTarget();

    void machineIdTestVector();
    void machineIdNormalisation_data();
    void machineIdNormalisation();
    void machineIdDerivationOrder();
    void machineIdFallbackCachedPerCredential();
};

void TestCredentials::authMethodNames_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("method");  // -1 = rejected
    QTest::newRow("social") << "social" << int(AuthMethod::Social);
    QTest::newRow("Social") << "Social" << int(AuthMethod::Social);
    QTest::newRow("idc") << "idc" << int(AuthMethod::Idc);
    QTest::newRow("IdC") << "IdC" << int(AuthMethod::Idc);
    QTest::newRow("builder-id") << "builder-id" << int(AuthMethod::Idc);
    QTest::newRow("IAM") << "IAM" << int(AuthMethod::Idc);
    QTest::newRow("api_key") << "api_key" << int(AuthMethod::ApiKey);
    QTest::newRow("ApiKey") << "ApiKey" << int(AuthMethod::ApiKey);
    QTest::newRow("oauth") << "oauth" << -1;
    QTest::newRow("empty") << "" << -1;
    QTest::newRow("social2") << "social2" << -1;
}

void TestCredentials::authMethodNames()
{
    QFETCH(QString, text);
    QFETCH(int, method);
    const std::optional<AuthMethod> parsed = parseAuthMethod(text);
    QCOMPARE(parsed.has_value(), method >= 0);
    if (parsed)
        QCOMPARE(int(*parsed), method);
    QCOMPARE(authMethodName(AuthMethod::Social), QStringLiteral("social"));
    QCOMPARE(authMethodName(AuthMethod::Idc), QStringLiteral("idc"));
    QCOMPARE(authMethodName(AuthMethod::ApiKey), QStringLiteral("api_key"));
}

void TestCredentials::socialCredentialFields()
{
    const Credential c = parseOk(R"({"refreshToken":" aorAAAA-r ","accessToken":"aoaAAAA-a",
        "expiresAt":"2026-01-09T04:43:18.079Z","authMethod":"social",
        "profileArn":"arn:aws:codewhisperer:us-east-1:123456789012:profile/ABCDEF","priority":3,
        "machineId":"abc","email":"a@example.com","subscriptionTitle":"KIRO PRO","disabled":true,
        "region":"us-east-2","apiRegion":"eu-central-1","id":42})");
    QCOMPARE(c.id, qint64(42));
    QCOMPARE(c.refreshToken, QStringLiteral("aorAAAA-r"));  // pasted whitespace trimmed
    QCOMPARE(c.accessToken, QStringLiteral("aoaAAAA-a"));
    QCOMPARE(c.expiresAt, QDateTime(QDate(2026, 1, 9), QTime(4, 43, 18, 79), QTimeZone::utc()));
    QCOMPARE(c.authMethod, AuthMethod::Social);
    QCOMPARE(c.profileArn, QStringLiteral("arn:aws:codewhisperer:us-east-1:123456789012:profile/ABCDEF"));
    QCOMPARE(c.priority, 3);
    QCOMPARE(c.machineId, QStringLiteral("abc"));
    QCOMPARE(c.email, QStringLiteral("a@example.com"));
    QCOMPARE(c.subscriptionTitle, QStringLiteral("KIRO PRO"));
    QCOMPARE(c.disabled, true);
    QCOMPARE(c.region, QStringLiteral("us-east-2"));
    QCOMPARE(c.apiRegion, QStringLiteral("eu-central-1"));
    QVERIFY(c.extra.isEmpty());
}

void TestCredentials::missingAuthMethodDetection()
{
    QCOMPARE(parseOk(R"({"refreshToken":"r","clientId":"c","clientSecret":"s"})").authMethod, AuthMethod::Idc);
    QCOMPARE(parseOk(R"({"refreshToken":"r","clientId":"c"})").authMethod, AuthMethod::Social);
    QCOMPARE(parseOk(R"({"refreshToken":"r"})").authMethod, AuthMethod::Social);
    const Credential k = parseOk(R"({"kiroApiKey":"ksk_123"})");
    QCOMPARE(k.authMethod, AuthMethod::ApiKey);
    QCOMPARE(k.kiroApiKey, QStringLiteral("ksk_123"));
    QCOMPARE(parseOk(R"({"kiroApiKey":"ksk_1","authMethod":"apikey"})").authMethod, AuthMethod::ApiKey);
}

void TestCredentials::ideExport()
{
    const Credential c = parseOk(R"({"accessToken":"aoa","refreshToken":"aor","expiresAt":"2026-01-09T04:43:18.079Z",
        "authMethod":"IdC","provider":"BuilderId","region":"us-east-1","idcRegion":"eu-west-1",
        "clientIdHash":"0123456789abcdef0123456789abcdef01234567","clientId":"cid","clientSecret":"cs"})");
    QCOMPARE(c.authMethod, AuthMethod::Idc);
    QCOMPARE(c.provider, QStringLiteral("BuilderId"));
    QCOMPARE(c.authRegion, QStringLiteral("eu-west-1"));
    QCOMPARE(c.region, QStringLiteral("us-east-1"));
    QVERIFY(!c.extra.contains(QStringLiteral("idcRegion")));
    QCOMPARE(c.extra.value(QStringLiteral("clientIdHash")).toString(), QStringLiteral("0123456789abcdef0123456789abcdef01234567"));
    // An explicit authRegion wins over idcRegion.
    QCOMPARE(parseOk(R"({"refreshToken":"r","authRegion":"us-west-2","idcRegion":"eu-west-1"})").authRegion,
             QStringLiteral("us-west-2"));
}

void TestCredentials::expiresAtLenient_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QDateTime>("expected");
    const QDateTime at(QDate(2026, 1, 9), QTime(4, 43, 18, 79), QTimeZone::utc());
    const QDateTime atWhole(QDate(2026, 1, 9), QTime(4, 43, 18), QTimeZone::utc());
    QTest::newRow("rfc3339 ms Z") << QByteArray(R"("2026-01-09T04:43:18.079Z")") << at;
    QTest::newRow("rfc3339 no ms") << QByteArray(R"("2026-01-09T04:43:18Z")") << atWhole;
    QTest::newRow("offset") << QByteArray(R"("2026-01-09T06:43:18.079+02:00")") << at;
    QTest::newRow("no zone = UTC") << QByteArray(R"("2026-01-09T04:43:18")") << atWhole;
    QTest::newRow("space separator") << QByteArray(R"("2026-01-09 04:43:18Z")") << atWhole;
    QTest::newRow("epoch ms") << QByteArray::number(at.toMSecsSinceEpoch()) << at;
    QTest::newRow("epoch s") << QByteArray::number(atWhole.toSecsSinceEpoch()) << atWhole;
    QTest::newRow("null") << QByteArray("null") << QDateTime();
    QTest::newRow("empty string") << QByteArray(R"("")") << QDateTime();
    QTest::newRow("epoch ms, last of year 9999") << QByteArray("253402300799999")
                                                << QDateTime(QDate(9999, 12, 31), QTime(23, 59, 59, 999), QTimeZone::utc());
}

void TestCredentials::expiresAtLenient()
{
    QFETCH(QByteArray, value);
    QFETCH(QDateTime, expected);
    const Credential c = parseOk(R"({"refreshToken":"r","expiresAt":)" + value + "}");
    QCOMPARE(c.refreshToken, QStringLiteral("r"));
    QCOMPARE(c.expiresAt.isValid(), expected.isValid());
    if (expected.isValid())
        QCOMPARE(c.expiresAt.toMSecsSinceEpoch(), expected.toMSecsSinceEpoch());
}

void TestCredentials::credentialErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");
    const auto row = [](const char *name, const char *json, const char *expected) {
        QTest::newRow(name) << QByteArray(json) << QString::fromUtf8(expected);
    };
    row("idc without secret", R"({"refreshToken":"r","authMethod":"idc","clientId":"c"})",
        "field 'clientSecret' is required for authMethod idc");
    row("IdC without client id", R"({"refreshToken":"r","authMethod":"IdC","clientSecret":"s"})",
        "field 'clientId' is required for authMethod idc");
    row("unknown authMethod", R"({"refreshToken":"r","authMethod":"oauth"})",
        "field 'authMethod' has unknown value 'oauth' (expected social, idc or api_key)");
    row("authMethod number", R"({"refreshToken":"r","authMethod":1})", "field 'authMethod' must be a string");
    row("no token at all", R"({"authMethod":"social"})", "field 'refreshToken' is required");
    row("only expired access token", R"({"accessToken":"a","expiresAt":"2001-01-01T00:00:00Z"})",
        "field 'refreshToken' is required");
    row("access token without expiry", R"({"accessToken":"a"})", "field 'refreshToken' is required");
    row("api_key without key", R"({"authMethod":"api_key","refreshToken":"r"})",
        "field 'kiroApiKey' is required for authMethod api_key");
    row("key with social", R"({"authMethod":"social","refreshToken":"r","kiroApiKey":"k"})",
        "field 'kiroApiKey' is only valid with authMethod api_key");
    row("refreshToken number", R"({"refreshToken":5})", "field 'refreshToken' must be a string");
    row("priority negative", R"({"refreshToken":"r","priority":-1})", "field 'priority' must not be negative");
    row("priority string", R"({"refreshToken":"r","priority":"1"})", "field 'priority' must be an integer");
    row("id zero", R"({"refreshToken":"r","id":0})", "field 'id' must be between 1 and");
    row("id fraction", R"({"refreshToken":"r","id":1.5})", "field 'id' must be an integer");
    row("disabled string", R"({"refreshToken":"r","disabled":"no"})", "field 'disabled' must be true or false");
    row("expiresAt words", R"({"refreshToken":"r","expiresAt":"tomorrow"})", "field 'expiresAt' must be an RFC 3339 time");
    row("expiresAt bool", R"({"refreshToken":"r","expiresAt":true})", "field 'expiresAt' must be an RFC 3339 time");
    row("expiresAt negative", R"({"refreshToken":"r","expiresAt":-5})", "field 'expiresAt' must be an RFC 3339 time");
    // Fuzzer find: epoch ms past year 9999 was accepted, then written back as a 5-digit year that no load accepts.
    row("expiresAt past year 9999", R"({"refreshToken":"r","expiresAt":999999999999999})",
        "field 'expiresAt' must be an RFC 3339 time");
    row("region injection", R"({"refreshToken":"r","region":"evil.example/"})", "field 'region' must be an AWS region name");
    row("authRegion bad", R"({"refreshToken":"r","authRegion":"EU"})", "field 'authRegion' must be an AWS region name");
    row("apiRegion bad", R"({"refreshToken":"r","apiRegion":"a b"})", "field 'apiRegion' must be an AWS region name");
    row("idcRegion bad", R"({"refreshToken":"r","idcRegion":"x/y"})", "field 'idcRegion' must be an AWS region name");
    row("proxy scheme", R"({"refreshToken":"r","proxyUrl":"ftp://h"})", "field 'proxyUrl' must use http://, https:// or socks5://");
    row("proxy username number", R"({"refreshToken":"r","proxyUrl":"http://h:1","proxyUsername":3})",
        "field 'proxyUsername' must be a string");
}

// Fuzzer regression (fuzz_config_loader): whatever parsed must load again after write-back.
void TestCredentials::extremeExpiryRoundTrips()
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

void TestCredentials::credentialErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    QVERIFY(QJsonDocument::fromJson(json).isObject());
    auto r = Credential::fromJson(obj(json));
    QVERIFY(std::holds_alternative<QString>(r));
    QVERIFY2(std::get<QString>(r).startsWith(expected), qPrintable(std::get<QString>(r)));
}

void TestCredentials::accessTokenOnlyNeedsFutureExpiry()
{
    const QByteArray json = "{\"accessToken\":\"a\",\"expiresAt\":\"" + futureIso(3600).toLatin1() + "\"}";
    auto r = Credential::fromJson(obj(json));
    QVERIFY2(std::holds_alternative<Credential>(r), qPrintable(std::get_if<QString>(&r) ? *std::get_if<QString>(&r) : QString()));
    QVERIFY(std::get<Credential>(r).isTokenUsable(600));
    QVERIFY(!std::get<Credential>(r).canRefresh());
}

void TestCredentials::perCredentialProxy()
{
    Credential c = parseOk(R"({"refreshToken":"r","proxyUrl":"socks5://h:1080","proxyUsername":"u","proxyPassword":"p@ss"})");
    QCOMPARE(QUrl(c.proxyUrl).userName(), QStringLiteral("u"));
    QCOMPARE(QUrl(c.proxyUrl).password(), QStringLiteral("p@ss"));
    QCOMPARE(QUrl(c.proxyUrl).host(), QStringLiteral("h"));
    QVERIFY(c.extra.isEmpty());

    c = parseOk(R"({"refreshToken":"r","proxyUrl":"DIRECT"})");
    QCOMPARE(c.proxyUrl, QStringLiteral("direct"));

    // Without a proxyUrl the credentials are not folded anywhere, so they stay as they were.
    c = parseOk(R"({"refreshToken":"r","proxyUsername":"u"})");
    QVERIFY(c.proxyUrl.isEmpty());
    QCOMPARE(c.extra.value(QStringLiteral("proxyUsername")).toString(), QStringLiteral("u"));
}

void TestCredentials::tokenUsabilityAndRefresh()
{
    Credential c;
    c.refreshToken = kRefresh;
    QVERIFY(!c.isTokenUsable(0));  // no access token
    c.accessToken = QStringLiteral("a");
    QVERIFY(!c.isTokenUsable(0));  // unknown expiry
    c.expiresAt = QDateTime::currentDateTimeUtc().addSecs(300);
    QVERIFY(c.isTokenUsable(0));
    QVERIFY(c.isTokenUsable(200));
    QVERIFY(!c.isTokenUsable(600));  // inside the refresh margin
    c.expiresAt = QDateTime::currentDateTimeUtc().addSecs(-1);
    QVERIFY(!c.isTokenUsable(0));

    QVERIFY(c.canRefresh());
    c.refreshToken = QStringLiteral("aorAAAA...");
    QVERIFY(!c.canRefresh());
    c.refreshToken = QStringLiteral("aorAAAA") + QChar(0x2026);
    QVERIFY(!c.canRefresh());
    c.refreshToken = QStringLiteral("short");  // the fake upstream uses short tokens
    QVERIFY(c.canRefresh());
    c.refreshToken.clear();
    QVERIFY(!c.canRefresh());

    Credential idc;
    idc.authMethod = AuthMethod::Idc;
    idc.refreshToken = kRefresh;
    idc.clientId = QStringLiteral("c");
    QVERIFY(!idc.canRefresh());
    idc.clientSecret = QStringLiteral("s");
    QVERIFY(idc.canRefresh());

    Credential key;
    key.authMethod = AuthMethod::ApiKey;
    key.refreshToken = kRefresh;
    QVERIFY(!key.canRefresh());
    QVERIFY(!key.isTokenUsable(0));
    key.kiroApiKey = QStringLiteral("ksk_1");
    QVERIFY(key.isTokenUsable(600));
}

void TestCredentials::displayNames()
{
    Credential c;
    c.id = 7;
    QCOMPARE(c.displayName(), QStringLiteral("social account 7"));
    c.authMethod = AuthMethod::Idc;
    QCOMPARE(c.displayName(), QStringLiteral("idc account 7"));
    c.provider = QStringLiteral("BuilderId");
    QCOMPARE(c.displayName(), QStringLiteral("BuilderId account 7"));
    c.email = QStringLiteral("me@example.com");
    QCOMPARE(c.displayName(), QStringLiteral("me@example.com"));
}

void TestCredentials::effectiveRegions()
{
    Config config;
    config.region = QStringLiteral("us-east-1");
    Credential c;
    QCOMPARE(c.effectiveAuthRegion(config), QStringLiteral("us-east-1"));
    QCOMPARE(c.effectiveApiRegion(config), QStringLiteral("us-east-1"));
    config.authRegion = QStringLiteral("eu-west-3");
    config.apiRegion = QStringLiteral("eu-west-2");
    QCOMPARE(c.effectiveAuthRegion(config), QStringLiteral("eu-west-3"));
    QCOMPARE(c.effectiveApiRegion(config), QStringLiteral("eu-west-2"));
    c.region = QStringLiteral("ap-south-1");
    QCOMPARE(c.effectiveAuthRegion(config), QStringLiteral("ap-south-1"));
    QCOMPARE(c.effectiveApiRegion(config), QStringLiteral("eu-west-2"));  // credential region never moves the API
    c.authRegion = QStringLiteral("ca-central-1");
    c.apiRegion = QStringLiteral("us-west-2");
    QCOMPARE(c.effectiveAuthRegion(config), QStringLiteral("ca-central-1"));
    QCOMPARE(c.effectiveApiRegion(config), QStringLiteral("us-west-2"));
}

void TestCredentials::toJsonShape()
{
    Credential c;
    c.id = 3;
    c.refreshToken = QStringLiteral("r");
    c.expiresAt = QDateTime(QDate(2026, 1, 9), QTime(6, 43, 18, 79), QTimeZone(7200));
    c.authMethod = AuthMethod::Idc;
    c.clientId = QStringLiteral("c");
    c.clientSecret = QStringLiteral("s");
    c.extra.insert(QStringLiteral("endpoint"), QStringLiteral("ide"));
    const QJsonObject o = c.toJson();
    QCOMPARE(o.value(QStringLiteral("expiresAt")).toString(), QStringLiteral("2026-01-09T04:43:18.079Z"));
    QCOMPARE(o.value(QStringLiteral("authMethod")).toString(), QStringLiteral("idc"));
    QCOMPARE(o.value(QStringLiteral("id")).toInteger(), qint64(3));
    QCOMPARE(o.value(QStringLiteral("priority")).toInt(-1), 0);
    QCOMPARE(o.value(QStringLiteral("endpoint")).toString(), QStringLiteral("ide"));
    QVERIFY(!o.contains(QStringLiteral("accessToken")));  // empty fields are left out
    QVERIFY(!o.contains(QStringLiteral("disabled")));
    QVERIFY(!o.contains(QStringLiteral("kiroApiKey")));

    // The written shape reads back to the same credential.
    auto back = Credential::fromJson(o);
    QVERIFY(std::holds_alternative<Credential>(back));
    const Credential &b = std::get<Credential>(back);
    QCOMPARE(b.expiresAt, c.expiresAt);
    QCOMPARE(b.clientSecret, c.clientSecret);
    QCOMPARE(b.extra, c.extra);
}

void TestCredentials::fileSingleObject()
{
    const CredentialsFile::LoadResult r = CredentialsFile::parse(R"({"refreshToken":"r","authMethod":"social"})", QStringLiteral("c.json"));
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QVERIFY(!r.wasArray);
    QCOMPARE(r.credentials.size(), 1);
    QCOMPARE(r.credentials.first().id, qint64(1));
}

void TestCredentials::fileArraySortedByPriority()
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

void TestCredentials::fileIdsAssignedAroundGivenOnes()
{
    const CredentialsFile::LoadResult r = CredentialsFile::parse(
        R"([{"refreshToken":"a"},{"refreshToken":"b","id":1},{"refreshToken":"c"},{"refreshToken":"d","id":3}])", QStringLiteral("c.json"));
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QList<qint64> ids;
    for (const Credential &c : r.credentials)
        ids << c.id;
    QCOMPARE(ids, (QList<qint64>{2, 1, 4, 3}));
}

void TestCredentials::fileErrors_data()
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

void TestCredentials::fileErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    const CredentialsFile::LoadResult r = CredentialsFile::parse(json, QStringLiteral("creds.json"));
    QVERIFY(r.credentials.isEmpty());
    QVERIFY2(r.error.startsWith(expected), qPrintable(r.error));
}

void TestCredentials::fileMissingOrEmpty()
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

void TestCredentials::fileWideModeWarns()
{
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

void TestCredentials::environmentCredential()
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

void TestCredentials::saveRoundTripPreservesUnknownKeys()
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

void TestCredentials::saveSingleObject()
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

void TestCredentials::saveFailsWithoutTouchingTarget()
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

void TestCredentials::machineIdTestVector()
{
    QCOMPARE(sha256("KotlinNativeAPI/test"), QStringLiteral("e27d0a7d33bfaa977417cff105ad798a49473c549281eb5ead776220eb4a2ed3"));
    Credential c;
    c.refreshToken = QStringLiteral("test");
    QCOMPARE(deriveMachineId(c, Config{}), QStringLiteral("e27d0a7d33bfaa977417cff105ad798a49473c549281eb5ead776220eb4a2ed3"));
}

void TestCredentials::machineIdNormalisation_data()
{
    QTest::addColumn<QString>("raw");
    QTest::addColumn<QString>("expected");
    const QString hex64 = QStringLiteral("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
    const QString uuidTwice = QStringLiteral("123e4567e89b12d3a456426614174000123e4567e89b12d3a456426614174000");
    QTest::newRow("64 hex") << hex64 << hex64;
    QTest::newRow("64 hex upper") << hex64.toUpper() << hex64;
    QTest::newRow("uuid dashed") << "123e4567-e89b-12d3-a456-426614174000" << uuidTwice;
    QTest::newRow("uuid upper") << "123E4567-E89B-12D3-A456-426614174000" << uuidTwice;
    QTest::newRow("uuid compact") << "123e4567e89b12d3a456426614174000" << uuidTwice;
    QTest::newRow("uuid braces") << "{123e4567-e89b-12d3-a456-426614174000}" << uuidTwice;
    QTest::newRow("uuid spaces") << "  123e4567-e89b-12d3-a456-426614174000 " << uuidTwice;
    QTest::newRow("partial dashes") << "123e4567-e89b12d3a456426614174000" << QString();
    QTest::newRow("one brace") << "{123e4567-e89b-12d3-a456-426614174000" << QString();
    QTest::newRow("63 hex") << hex64.left(63) << QString();
    QTest::newRow("65 hex") << hex64 + QLatin1Char('0') << QString();
    QTest::newRow("non hex") << QStringLiteral("g").repeated(64) << QString();
    QTest::newRow("empty") << QString() << QString();
}

void TestCredentials::machineIdNormalisation()
{
    QFETCH(QString, raw);
    QFETCH(QString, expected);
    QCOMPARE(normaliseMachineId(raw), expected);
}

void TestCredentials::machineIdDerivationOrder()
{
    Config config;
    Credential c;
    c.refreshToken = QStringLiteral("test");
    c.machineId = QStringLiteral("123e4567-e89b-12d3-a456-426614174000");
    config.machineId = QStringLiteral("fedcba9876543210fedcba9876543210");
    QCOMPARE(deriveMachineId(c, config), QStringLiteral("123e4567e89b12d3a456426614174000123e4567e89b12d3a456426614174000"));

    c.machineId = QStringLiteral("garbage");  // ignored, falls through to the config value
    QCOMPARE(deriveMachineId(c, config), QStringLiteral("fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"));

    config.machineId.clear();
    QCOMPARE(deriveMachineId(c, config), sha256("KotlinNativeAPI/test"));

    Credential key;
    key.authMethod = AuthMethod::ApiKey;
    key.kiroApiKey = QStringLiteral("ksk_abc");
    key.refreshToken = QStringLiteral("test");  // not used for API-key accounts
    QCOMPARE(deriveMachineId(key, config), sha256("KiroAPIKey/ksk_abc"));
}

void TestCredentials::machineIdFallbackCachedPerCredential()
{
    static const QRegularExpression hex64(QStringLiteral("^[0-9a-f]{64}$"));
    Credential a;
    a.id = 101;
    a.accessToken = QStringLiteral("only-an-access-token");
    Credential b = a;
    b.id = 102;
    const QString first = deriveMachineId(a, Config{});
    QVERIFY(hex64.match(first).hasMatch());
    QCOMPARE(deriveMachineId(a, Config{}), first);
    const QString other = deriveMachineId(b, Config{});
    QVERIFY(hex64.match(other).hasMatch());
    QVERIFY(other != first);
}

QTEST_GUILESS_MAIN(TestCredentials)
#include "tst_credentials.moc"
