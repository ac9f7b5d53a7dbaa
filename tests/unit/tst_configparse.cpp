// Config defaults and config.json parsing: every field, null as unset, validation errors, unknown
// fields, proxy credentials, machineId and origin normalisation, and the upstream URL helpers.
#include "config/config.h"
#include "config/configloader.h"

#include <QTest>

using namespace kt;

class TestConfigParse : public QObject
{
    Q_OBJECT

private slots:
    void defaults();
    void parseAllFields();
    void parseNullMeansUnset();
    void parseErrors_data();
    void parseErrors();
    void parseErrorsNeverEchoSecrets();
    void unknownFieldWarns();
    void proxyCredentialsFolded();
    void machineIdNormalisedOrIgnored();
    void originsNormalised();

    void urlDefaults();
    void urlOverrides_data();
    void urlOverrides();
};

void TestConfigParse::defaults()
{
    const Config c;
    QCOMPARE(c.host, QStringLiteral("127.0.0.1"));
    QCOMPARE(c.port, quint16(8080));
    QVERIFY(c.apiKey.isEmpty());
    QCOMPARE(c.region, QStringLiteral("us-east-1"));
    QCOMPARE(c.kiroVersion, QStringLiteral("0.11.107"));
    QVERIFY(c.allowedOrigins.isEmpty());
    QCOMPARE(c.corsEnabled, false);
    QCOMPARE(c.upstreamKeepAlive, false);
    QCOMPARE(c.maxBodyBytes, qint64(32 * 1024 * 1024));
    QCOMPARE(c.pingIntervalMs, 25000);
    QCOMPARE(c.upstreamConnectTimeoutMs, 30000);
    QCOMPARE(c.upstreamIdleTimeoutMs, 120000);
    QCOMPARE(c.clientIdleTimeoutMs, 120000);
    QCOMPARE(c.clientHeaderTimeoutMs, 30000);
    QCOMPARE(c.clientMinBodyBytesPerSecond, qint64(16384));
    QCOMPARE(c.refreshMarginSeconds, 600);
    QCOMPARE(c.cooldownSeconds, 300);
    QCOMPARE(c.quotaRefreshMinutes, 10);
    QCOMPARE(c.maxAttempts, 6);
    QCOMPARE(c.webSearchTimeoutMs, 60000);
    QCOMPARE(c.webSearchRetries, 2);
    QCOMPARE(c.webSearchRetryDelayMs, 500);
    QCOMPARE(c.retrySameAccount, 2);
    QCOMPARE(c.retryBaseMs, 250);
    QCOMPARE(c.retryBudgetMs, 3000);
    QCOMPARE(c.conversationTtlMinutes, 60);
    QCOMPARE(c.accountMaxConcurrent, 20);
    QCOMPARE(c.accountRequestsPerMinute, 0);
    QCOMPARE(c.accountLimitWaitMs, 5000);
    QCOMPARE(c.logLevel, QStringLiteral("info"));
    QCOMPARE(c.secretStore, QStringLiteral("auto"));
    QCOMPARE(c.requestLogKeep, 1000);

    const ConfigLoadResult r = ConfigLoader::parse("{}", QStringLiteral("config.json"));
    QVERIFY2(r.config, qPrintable(r.error));
    QVERIFY(r.warnings.isEmpty());
    QCOMPARE(r.config->port, c.port);
    QCOMPARE(r.config->host, c.host);
    QVERIFY(r.config->extra.isEmpty());
    // An empty file (e.g. created with touch) is the same as {}.
    QVERIFY(ConfigLoader::parse("  \n", QStringLiteral("config.json")).config);
}

void TestConfigParse::parseAllFields()
{
    const QByteArray json = R"({
        "host": "0.0.0.0", "port": 9999, "apiKey": "sk-file", "adminApiKey": "adm",
        "region": "eu-central-1", "authRegion": "eu-west-1", "apiRegion": "us-west-2",
        "kiroVersion": "0.12.0", "proxyUrl": "socks5://127.0.0.1:1080",
        "apiBaseUrl": "http://127.0.0.1:9000", "socialAuthBaseUrl": "https://a.example/",
        "oidcBaseUrl": "http://b.example:81/x", "allowedOrigins": ["http://localhost:3000", "*"],
        "allowedHosts": ["MyBox.local"], "corsEnabled": true, "upstreamKeepAlive": true, "maxBodyBytes": 1024,
        "pingIntervalMs": 0, "upstreamConnectTimeoutMs": 5, "upstreamIdleTimeoutMs": 6,
        "clientIdleTimeoutMs": 11, "clientHeaderTimeoutMs": 12, "clientMinBodyBytesPerSecond": 0,
        "refreshMarginSeconds": 7, "cooldownSeconds": 45, "quotaRefreshMinutes": 0, "maxAttempts": 9,
        "webSearchTimeoutMs": 4, "webSearchRetries": 0, "webSearchRetryDelayMs": 3,
        "retrySameAccount": 3, "retryBaseMs": 100, "retryBudgetMs": 2000, "conversationTtlMinutes": 5,
        "accountMaxConcurrent": 4, "accountRequestsPerMinute": 30, "accountLimitWaitMs": 0,
        "logLevel": "DEBUG", "secretStore": "File", "requestLogKeep": 50, "tlsBackend": "rustls"})";
    const ConfigLoadResult r = ConfigLoader::parse(json, QStringLiteral("config.json"));
    QVERIFY2(r.config, qPrintable(r.error));
    QVERIFY2(r.warnings.isEmpty(), qPrintable(r.warnings.join('\n')));
    const Config &c = *r.config;
    QCOMPARE(c.host, QStringLiteral("0.0.0.0"));
    QCOMPARE(c.port, quint16(9999));
    QCOMPARE(c.apiKey, QStringLiteral("sk-file"));
    QCOMPARE(c.adminApiKey, QStringLiteral("adm"));
    QCOMPARE(c.region, QStringLiteral("eu-central-1"));
    QCOMPARE(c.authRegion, QStringLiteral("eu-west-1"));
    QCOMPARE(c.apiRegion, QStringLiteral("us-west-2"));
    QCOMPARE(c.kiroVersion, QStringLiteral("0.12.0"));
    QCOMPARE(c.proxyUrl, QStringLiteral("socks5://127.0.0.1:1080"));
    QCOMPARE(c.apiBaseUrl, QStringLiteral("http://127.0.0.1:9000"));
    QCOMPARE(c.allowedOrigins, (QStringList{QStringLiteral("http://localhost:3000"), QStringLiteral("*")}));
    QCOMPARE(c.allowedHosts, QStringList{QStringLiteral("mybox.local")});
    QCOMPARE(c.corsEnabled, true);
    QCOMPARE(c.upstreamKeepAlive, true);
    QCOMPARE(c.maxBodyBytes, qint64(1024));
    QCOMPARE(c.pingIntervalMs, 0);
    QCOMPARE(c.upstreamConnectTimeoutMs, 5);
    QCOMPARE(c.upstreamIdleTimeoutMs, 6);
    QCOMPARE(c.clientIdleTimeoutMs, 11);
    QCOMPARE(c.clientHeaderTimeoutMs, 12);
    QCOMPARE(c.clientMinBodyBytesPerSecond, qint64(0));
    QCOMPARE(c.refreshMarginSeconds, 7);
    QCOMPARE(c.cooldownSeconds, 45);
    QCOMPARE(c.quotaRefreshMinutes, 0);
    QCOMPARE(c.maxAttempts, 9);
    QCOMPARE(c.webSearchTimeoutMs, 4);
    QCOMPARE(c.webSearchRetries, 0);
    QCOMPARE(c.webSearchRetryDelayMs, 3);
    QCOMPARE(c.retrySameAccount, 3);
    QCOMPARE(c.retryBaseMs, 100);
    QCOMPARE(c.retryBudgetMs, 2000);
    QCOMPARE(c.conversationTtlMinutes, 5);
    QCOMPARE(c.accountMaxConcurrent, 4);
    QCOMPARE(c.accountRequestsPerMinute, 30);
    QCOMPARE(c.accountLimitWaitMs, 0);
    QCOMPARE(c.logLevel, QStringLiteral("debug"));
    QCOMPARE(c.secretStore, QStringLiteral("file"));
    QCOMPARE(c.requestLogKeep, 50);
    QCOMPARE(c.extra.value(QStringLiteral("tlsBackend")).toString(), QStringLiteral("rustls"));
}

void TestConfigParse::parseNullMeansUnset()
{
    // kiro-rs writes Option::None as null.
    const ConfigLoadResult r = ConfigLoader::parse(
        R"({"apiKey":null,"machineId":null,"proxyUrl":null,"port":null,"allowedOrigins":null})", QStringLiteral("c.json"));
    QVERIFY2(r.config, qPrintable(r.error));
    QVERIFY(r.config->apiKey.isEmpty());
    QVERIFY(r.config->proxyUrl.isEmpty());
    QCOMPARE(r.config->port, quint16(8080));
}

void TestConfigParse::parseErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");
    const auto row = [](const char *name, const char *json, const char *expected) {
        QTest::newRow(name) << QByteArray(json) << QString::fromUtf8(expected);
    };
    row("truncated JSON", R"({"port": 1)", "cfg.json: invalid JSON at offset 10: ");
    row("garbage", "port=1", "cfg.json: invalid JSON at offset 1: illegal value");
    row("top-level array", "[1]", "cfg.json: expected a JSON object at the top level");
    row("port string", R"({"port":"8080"})", "cfg.json: field 'port' must be an integer");
    row("port fraction", R"({"port":80.5})", "cfg.json: field 'port' must be an integer");
    row("port zero", R"({"port":0})", "cfg.json: field 'port' must be between 1 and 65535");
    row("port too big", R"({"port":65536})", "cfg.json: field 'port' must be between 1 and 65535");
    row("port huge", R"({"port":1e300})", "cfg.json: field 'port' must be between 1 and 65535");
    row("host number", R"({"host":5})", "cfg.json: field 'host' must be a string");
    row("host empty", R"({"host":" "})", "cfg.json: field 'host' must not be empty");
    row("apiKey number", R"({"apiKey":123})", "cfg.json: field 'apiKey' must be a string");
    row("cors string", R"({"corsEnabled":"yes"})", "cfg.json: field 'corsEnabled' must be true or false");
    row("keep-alive number", R"({"upstreamKeepAlive":1})", "cfg.json: field 'upstreamKeepAlive' must be true or false");
    row("origins not array", R"({"allowedOrigins":"*"})", "cfg.json: field 'allowedOrigins' must be an array of strings");
    row("origins element", R"({"allowedOrigins":["*",1]})", "cfg.json: field 'allowedOrigins[1]' must be a string");
    row("origin with path", R"({"allowedOrigins":["http://a.example/app"]})", "cfg.json: field 'allowedOrigins[0]' must be an origin");
    row("origin bare word", R"({"allowedOrigins":["localhost"]})", "cfg.json: field 'allowedOrigins[0]' must be an origin");
    row("hosts empty name", R"({"allowedHosts":[""]})", "cfg.json: field 'allowedHosts[0]' must be a host name");
    row("proxy ftp", R"({"proxyUrl":"ftp://p:21"})", "cfg.json: field 'proxyUrl' must use http://, https:// or socks5://");
    row("proxy no scheme", R"({"proxyUrl":"proxyhost"})", "cfg.json: field 'proxyUrl' must be a URL");
    row("apiBase relative", R"({"apiBaseUrl":"/v1"})", "cfg.json: field 'apiBaseUrl' must be an absolute");
    row("socialBase ftp", R"({"socialAuthBaseUrl":"ftp://h"})", "cfg.json: field 'socialAuthBaseUrl' must use http:// or https://");
    row("oidcBase query", R"({"oidcBaseUrl":"http://h/?a=1"})", "cfg.json: field 'oidcBaseUrl' must not contain a query");
    row("ping negative", R"({"pingIntervalMs":-1})", "cfg.json: field 'pingIntervalMs' must not be negative");
    row("connect negative", R"({"upstreamConnectTimeoutMs":-5})", "cfg.json: field 'upstreamConnectTimeoutMs' must not be negative");
    row("idle negative", R"({"upstreamIdleTimeoutMs":-1})", "cfg.json: field 'upstreamIdleTimeoutMs' must not be negative");
    row("client idle negative", R"({"clientIdleTimeoutMs":-1})", "cfg.json: field 'clientIdleTimeoutMs' must not be negative");
    row("margin negative", R"({"refreshMarginSeconds":-1})", "cfg.json: field 'refreshMarginSeconds' must not be negative");
    row("cooldown negative", R"({"cooldownSeconds":-1})", "cfg.json: field 'cooldownSeconds' must not be negative");
    row("cooldown string", R"({"cooldownSeconds":"300"})", "cfg.json: field 'cooldownSeconds' must be an integer");
    row("quota refresh negative", R"({"quotaRefreshMinutes":-10})", "cfg.json: field 'quotaRefreshMinutes' must not be negative");
    row("attempts zero", R"({"maxAttempts":0})", "cfg.json: field 'maxAttempts' must be between 1 and 20");
    row("attempts too many", R"({"maxAttempts":21})", "cfg.json: field 'maxAttempts' must be between 1 and 20");
    row("body zero", R"({"maxBodyBytes":0})", "cfg.json: field 'maxBodyBytes' must be between 1 and");
    row("region spaces", R"({"region":"US East"})", "cfg.json: field 'region' must be an AWS region name");
    row("region host injection", R"({"region":"evil.com/x"})", "cfg.json: field 'region' must be an AWS region name");
    row("region empty", R"({"region":""})", "cfg.json: field 'region' must be an AWS region name");
    row("authRegion bad", R"({"authRegion":"a b"})", "cfg.json: field 'authRegion' must be an AWS region name");
    row("apiRegion bad", R"({"apiRegion":"x_y"})", "cfg.json: field 'apiRegion' must be an AWS region name");
    row("kiroVersion header injection", "{\"kiroVersion\":\"1.0\\r\\nX-Evil: 1\"}", "cfg.json: field 'kiroVersion' must be a version");
    row("logLevel unknown", R"({"logLevel":"loud"})", "cfg.json: field 'logLevel' must be one of debug, info, warning, error");
    row("secretStore unknown", R"({"secretStore":"vault"})", "cfg.json: field 'secretStore' must be one of auto, keychain, file");
    row("secretStore number", R"({"secretStore":1})", "cfg.json: field 'secretStore' must be a string");
    row("requestLogKeep zero", R"({"requestLogKeep":0})", "cfg.json: field 'requestLogKeep' must be between 1 and 1000000");
    row("requestLogKeep string", R"({"requestLogKeep":"1000"})", "cfg.json: field 'requestLogKeep' must be an integer");
}

void TestConfigParse::parseErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    const ConfigLoadResult r = ConfigLoader::parse(json, QStringLiteral("cfg.json"));
    QVERIFY(!r.config);
    QVERIFY2(r.error.startsWith(expected), qPrintable(r.error));
}

void TestConfigParse::parseErrorsNeverEchoSecrets()
{
    const ConfigLoadResult r = ConfigLoader::parse(R"({"proxyUrl":"ftp://user:hunter2@p:21"})", QStringLiteral("c.json"));
    QVERIFY(!r.config);
    QVERIFY(r.error.contains(QLatin1String("proxyUrl")));
    QVERIFY2(!r.error.contains(QLatin1String("hunter2")), qPrintable(r.error));
}

void TestConfigParse::unknownFieldWarns()
{
    const ConfigLoadResult r = ConfigLoader::parse(
        R"({"port":1234,"colour":"blue","nodeVersion":"22.0.0","countTokensApiUrl":"http://x"})", QStringLiteral("config.json"));
    QVERIFY2(r.config, qPrintable(r.error));
    QCOMPARE(r.warnings, QStringList{QStringLiteral("config.json: unknown field 'colour' ignored")});
    QCOMPARE(r.config->port, quint16(1234));
    QCOMPARE(r.config->extra.value(QStringLiteral("colour")).toString(), QStringLiteral("blue"));
    QCOMPARE(r.config->extra.value(QStringLiteral("nodeVersion")).toString(), QStringLiteral("22.0.0"));
    QVERIFY(!r.config->extra.contains(QStringLiteral("port")));
}

void TestConfigParse::proxyCredentialsFolded()
{
    const ConfigLoadResult r = ConfigLoader::parse(
        R"({"proxyUrl":"http://proxy.lan:3128","proxyUsername":"me@corp","proxyPassword":"p:w@/x"})", QStringLiteral("c.json"));
    QVERIFY2(r.config, qPrintable(r.error));
    const QUrl url(r.config->proxyUrl);
    QCOMPARE(url.scheme(), QStringLiteral("http"));
    QCOMPARE(url.host(), QStringLiteral("proxy.lan"));
    QCOMPARE(url.port(), 3128);
    QCOMPARE(url.userName(), QStringLiteral("me@corp"));
    QCOMPARE(url.password(), QStringLiteral("p:w@/x"));
    QVERIFY(!r.config->extra.contains(QStringLiteral("proxyPassword")));

    const ConfigLoadResult orphan = ConfigLoader::parse(R"({"proxyUsername":"me"})", QStringLiteral("c.json"));
    QVERIFY(orphan.config);
    QVERIFY(orphan.config->proxyUrl.isEmpty());
    QCOMPARE(orphan.warnings.size(), 1);
    QVERIFY(orphan.warnings.first().contains(QLatin1String("without proxyUrl")));
}

void TestConfigParse::machineIdNormalisedOrIgnored()
{
    ConfigLoadResult r = ConfigLoader::parse(R"({"machineId":"123E4567-E89B-12D3-A456-426614174000"})", QStringLiteral("c.json"));
    QVERIFY(r.config);
    QCOMPARE(r.config->machineId, QStringLiteral("123e4567e89b12d3a456426614174000123e4567e89b12d3a456426614174000"));
    QVERIFY(r.warnings.isEmpty());

    r = ConfigLoader::parse(R"({"machineId":"not-a-machine-id"})", QStringLiteral("c.json"));
    QVERIFY(r.config);
    QVERIFY(r.config->machineId.isEmpty());
    QCOMPARE(r.warnings.size(), 1);
    QVERIFY(r.warnings.first().contains(QLatin1String("field 'machineId'")));
}

void TestConfigParse::originsNormalised()
{
    const ConfigLoadResult r = ConfigLoader::parse(
        R"({"allowedOrigins":["HTTP://LocalHost:3000/","https://app.example"]})", QStringLiteral("c.json"));
    QVERIFY2(r.config, qPrintable(r.error));
    QCOMPARE(r.config->allowedOrigins,
             (QStringList{QStringLiteral("http://localhost:3000"), QStringLiteral("https://app.example")}));
}

void TestConfigParse::urlDefaults()
{
    const Config c;
    QCOMPARE(c.generateAssistantResponseUrl(QStringLiteral("us-east-1")),
             QUrl(QStringLiteral("https://q.us-east-1.amazonaws.com/generateAssistantResponse")));
    QCOMPARE(c.usageLimitsUrl(QStringLiteral("eu-central-1")),
             QUrl(QStringLiteral("https://q.eu-central-1.amazonaws.com/getUsageLimits")));
    QCOMPARE(c.socialRefreshUrl(QStringLiteral("us-east-1")),
             QUrl(QStringLiteral("https://prod.us-east-1.auth.desktop.kiro.dev/refreshToken")));
    QCOMPARE(c.oidcTokenUrl(QStringLiteral("eu-west-1")), QUrl(QStringLiteral("https://oidc.eu-west-1.amazonaws.com/token")));
}

void TestConfigParse::urlOverrides_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("chat");
    QTest::addColumn<QString>("usage");
    QTest::newRow("host only") << "http://127.0.0.1:9000" << "http://127.0.0.1:9000/generateAssistantResponse"
                               << "http://127.0.0.1:9000/getUsageLimits";
    QTest::newRow("root slash") << "http://127.0.0.1:9000/" << "http://127.0.0.1:9000/generateAssistantResponse"
                                << "http://127.0.0.1:9000/getUsageLimits";
    QTest::newRow("prefix slash") << "http://h:1/prefix/" << "http://h:1/prefix/generateAssistantResponse"
                                  << "http://h:1/prefix/getUsageLimits";
    QTest::newRow("prefix") << "https://h/a/b" << "https://h/a/b/generateAssistantResponse" << "https://h/a/b/getUsageLimits";
}

void TestConfigParse::urlOverrides()
{
    QFETCH(QString, base);
    QFETCH(QString, chat);
    QFETCH(QString, usage);
    Config c;
    c.apiBaseUrl = base;
    c.socialAuthBaseUrl = base;
    c.oidcBaseUrl = base;
    QCOMPARE(c.generateAssistantResponseUrl(QStringLiteral("us-east-1")).toString(), chat);
    QCOMPARE(c.usageLimitsUrl(QStringLiteral("us-east-1")).toString(), usage);
    QVERIFY(c.socialRefreshUrl(QStringLiteral("x")).toString().endsWith(QLatin1String("/refreshToken")));
    QVERIFY(!c.socialRefreshUrl(QStringLiteral("x")).toString().contains(QLatin1String("//refreshToken")));
    QVERIFY(c.oidcTokenUrl(QStringLiteral("x")).toString().startsWith(base.endsWith('/') ? base.chopped(1) : base));
}

QTEST_GUILESS_MAIN(TestConfigParse)
#include "tst_configparse.moc"
