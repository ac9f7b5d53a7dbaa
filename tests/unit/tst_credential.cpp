// Credential: kiro-rs credentials.json entries and Kiro IDE exports, auth method names, lenient
// expiresAt, validation errors, token usability and refresh, display names, regions and toJson().
#include "accounts/credential.h"
#include "config/config.h"
#include "unit/support/credentialjson.h"

#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>

using namespace kt;
using namespace kt::test;

namespace {

Credential parseOk(const QByteArray &json)
{
    auto r = Credential::fromJson(obj(json));
    if (const QString *e = std::get_if<QString>(&r))
        qWarning("unexpected error: %s", qPrintable(*e));
    return std::holds_alternative<Credential>(r) ? std::get<Credential>(r) : Credential{};
}

QString futureIso(int seconds)
{
    return QDateTime::currentDateTimeUtc().addSecs(seconds).toString(Qt::ISODateWithMs);
}

} // namespace

class TestCredential : public QObject
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
    void accessTokenOnlyNeedsFutureExpiry();
    void perCredentialProxy();
    void tokenUsabilityAndRefresh();
    void displayNames();
    void effectiveRegions();
    void toJsonShape();
};

void TestCredential::authMethodNames_data()
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

void TestCredential::authMethodNames()
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

void TestCredential::socialCredentialFields()
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

void TestCredential::missingAuthMethodDetection()
{
    QCOMPARE(parseOk(R"({"refreshToken":"r","clientId":"c","clientSecret":"s"})").authMethod, AuthMethod::Idc);
    QCOMPARE(parseOk(R"({"refreshToken":"r","clientId":"c"})").authMethod, AuthMethod::Social);
    QCOMPARE(parseOk(R"({"refreshToken":"r"})").authMethod, AuthMethod::Social);
    const Credential k = parseOk(R"({"kiroApiKey":"ksk_123"})");
    QCOMPARE(k.authMethod, AuthMethod::ApiKey);
    QCOMPARE(k.kiroApiKey, QStringLiteral("ksk_123"));
    QCOMPARE(parseOk(R"({"kiroApiKey":"ksk_1","authMethod":"apikey"})").authMethod, AuthMethod::ApiKey);
}

void TestCredential::ideExport()
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

void TestCredential::expiresAtLenient_data()
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

void TestCredential::expiresAtLenient()
{
    QFETCH(QByteArray, value);
    QFETCH(QDateTime, expected);
    const Credential c = parseOk(R"({"refreshToken":"r","expiresAt":)" + value + "}");
    QCOMPARE(c.refreshToken, QStringLiteral("r"));
    QCOMPARE(c.expiresAt.isValid(), expected.isValid());
    if (expected.isValid())
        QCOMPARE(c.expiresAt.toMSecsSinceEpoch(), expected.toMSecsSinceEpoch());
}

void TestCredential::credentialErrors_data()
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

void TestCredential::credentialErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    QVERIFY(QJsonDocument::fromJson(json).isObject());
    auto r = Credential::fromJson(obj(json));
    QVERIFY(std::holds_alternative<QString>(r));
    QVERIFY2(std::get<QString>(r).startsWith(expected), qPrintable(std::get<QString>(r)));
}

void TestCredential::accessTokenOnlyNeedsFutureExpiry()
{
    const QByteArray json = "{\"accessToken\":\"a\",\"expiresAt\":\"" + futureIso(3600).toLatin1() + "\"}";
    auto r = Credential::fromJson(obj(json));
    QVERIFY2(std::holds_alternative<Credential>(r), qPrintable(std::get_if<QString>(&r) ? *std::get_if<QString>(&r) : QString()));
    QVERIFY(std::get<Credential>(r).isTokenUsable(600));
    QVERIFY(!std::get<Credential>(r).canRefresh());
}

void TestCredential::perCredentialProxy()
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

void TestCredential::tokenUsabilityAndRefresh()
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

void TestCredential::displayNames()
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

void TestCredential::effectiveRegions()
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

void TestCredential::toJsonShape()
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

QTEST_GUILESS_MAIN(TestCredential)
#include "tst_credential.moc"
