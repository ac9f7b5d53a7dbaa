// Config defaults, config.json parsing and validation, file < env < CLI precedence, URL helpers,
// data dir creation and the generated API key file.
#include "accounts/atomicfile.h"
#include "config/apikeystore.h"
#include "config/config.h"
#include "config/configloader.h"
#include "secrets/filesecretstore.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace kt;

namespace {

int fileMode(const QString &path)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 07777);
}

void writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    f.write(data);
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestConfig : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

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

    void loadDefaultsUseAppDataLocation();
    void precedenceFileEnvCli();
    void envOverridesEverything();
    void envErrors_data();
    void envErrors();
    void cliPortOutOfRange();
    void configFileSearchOrder();
    void explicitConfigFileMustExist();
    void configFileThatIsADirectory();
    void configFileErrorsCarryThePath();
    void relativePathsInFileAreRelativeToIt();
    void dataDirCreatedPrivate();
    void dataDirThatIsAFile();

    void urlDefaults();
    void urlOverrides_data();
    void urlOverrides();

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
    QString m_oldCwd;
    QString m_xdg;
};

void TestConfig::initTestCase()
{
    QCoreApplication::setOrganizationName(QString());
    QCoreApplication::setApplicationName(QStringLiteral("KiroTray"));
    m_oldCwd = QDir::currentPath();
}

void TestConfig::init()
{
    m_tmp = new QTemporaryDir;
    QVERIFY(m_tmp->isValid());
    // An empty working directory, so the ./config.json fallback only sees what a test puts there,
    // and a private XDG_DATA_HOME so the default data dir never touches the real home.
    QVERIFY(QDir().mkpath(m_tmp->filePath(QStringLiteral("cwd"))));
    QVERIFY(QDir::setCurrent(m_tmp->filePath(QStringLiteral("cwd"))));
    m_xdg = m_tmp->filePath(QStringLiteral("xdg"));
    qputenv("XDG_DATA_HOME", QFile::encodeName(m_xdg));
}

void TestConfig::cleanup()
{
    QDir::setCurrent(m_oldCwd);
    delete m_tmp;
    m_tmp = nullptr;
}

void TestConfig::defaults()
{
    const Config c;
    QCOMPARE(c.host, QStringLiteral("127.0.0.1"));
    QCOMPARE(c.port, quint16(8080));
    QVERIFY(c.apiKey.isEmpty());
    QCOMPARE(c.region, QStringLiteral("us-east-1"));
    QCOMPARE(c.kiroVersion, QStringLiteral("0.11.107"));
    QVERIFY(c.allowedOrigins.isEmpty());
    QCOMPARE(c.corsEnabled, false);
    QCOMPARE(c.maxBodyBytes, qint64(32 * 1024 * 1024));
    QCOMPARE(c.pingIntervalMs, 25000);
    QCOMPARE(c.upstreamConnectTimeoutMs, 30000);
    QCOMPARE(c.upstreamIdleTimeoutMs, 120000);
    QCOMPARE(c.refreshMarginSeconds, 600);
    QCOMPARE(c.cooldownSeconds, 300);
    QCOMPARE(c.quotaRefreshMinutes, 10);
    QCOMPARE(c.maxAttempts, 6);
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

void TestConfig::parseAllFields()
{
    const QByteArray json = R"({
        "host": "0.0.0.0", "port": 9999, "apiKey": "sk-file", "adminApiKey": "adm",
        "region": "eu-central-1", "authRegion": "eu-west-1", "apiRegion": "us-west-2",
        "kiroVersion": "0.12.0", "proxyUrl": "socks5://127.0.0.1:1080",
        "apiBaseUrl": "http://127.0.0.1:9000", "socialAuthBaseUrl": "https://a.example/",
        "oidcBaseUrl": "http://b.example:81/x", "allowedOrigins": ["http://localhost:3000", "*"],
        "allowedHosts": ["MyBox.local"], "corsEnabled": true, "maxBodyBytes": 1024,
        "pingIntervalMs": 0, "upstreamConnectTimeoutMs": 5, "upstreamIdleTimeoutMs": 6,
        "refreshMarginSeconds": 7, "cooldownSeconds": 45, "quotaRefreshMinutes": 0, "maxAttempts": 9,
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
    QCOMPARE(c.maxBodyBytes, qint64(1024));
    QCOMPARE(c.pingIntervalMs, 0);
    QCOMPARE(c.upstreamConnectTimeoutMs, 5);
    QCOMPARE(c.upstreamIdleTimeoutMs, 6);
    QCOMPARE(c.refreshMarginSeconds, 7);
    QCOMPARE(c.cooldownSeconds, 45);
    QCOMPARE(c.quotaRefreshMinutes, 0);
    QCOMPARE(c.maxAttempts, 9);
    QCOMPARE(c.logLevel, QStringLiteral("debug"));
    QCOMPARE(c.secretStore, QStringLiteral("file"));
    QCOMPARE(c.requestLogKeep, 50);
    QCOMPARE(c.extra.value(QStringLiteral("tlsBackend")).toString(), QStringLiteral("rustls"));
}

void TestConfig::parseNullMeansUnset()
{
    // kiro-rs writes Option::None as null.
    const ConfigLoadResult r = ConfigLoader::parse(
        R"({"apiKey":null,"machineId":null,"proxyUrl":null,"port":null,"allowedOrigins":null})", QStringLiteral("c.json"));
    QVERIFY2(r.config, qPrintable(r.error));
    QVERIFY(r.config->apiKey.isEmpty());
    QVERIFY(r.config->proxyUrl.isEmpty());
    QCOMPARE(r.config->port, quint16(8080));
}

void TestConfig::parseErrors_data()
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

void TestConfig::parseErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    const ConfigLoadResult r = ConfigLoader::parse(json, QStringLiteral("cfg.json"));
    QVERIFY(!r.config);
    QVERIFY2(r.error.startsWith(expected), qPrintable(r.error));
}

void TestConfig::parseErrorsNeverEchoSecrets()
{
    const ConfigLoadResult r = ConfigLoader::parse(R"({"proxyUrl":"ftp://user:hunter2@p:21"})", QStringLiteral("c.json"));
    QVERIFY(!r.config);
    QVERIFY(r.error.contains(QLatin1String("proxyUrl")));
    QVERIFY2(!r.error.contains(QLatin1String("hunter2")), qPrintable(r.error));
}

void TestConfig::unknownFieldWarns()
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

void TestConfig::proxyCredentialsFolded()
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

void TestConfig::machineIdNormalisedOrIgnored()
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

void TestConfig::originsNormalised()
{
    const ConfigLoadResult r = ConfigLoader::parse(
        R"({"allowedOrigins":["HTTP://LocalHost:3000/","https://app.example"]})", QStringLiteral("c.json"));
    QVERIFY2(r.config, qPrintable(r.error));
    QCOMPARE(r.config->allowedOrigins,
             (QStringList{QStringLiteral("http://localhost:3000"), QStringLiteral("https://app.example")}));
}

void TestConfig::loadDefaultsUseAppDataLocation()
{
    const ConfigLoadResult r = ConfigLoader::load({}, QProcessEnvironment());
    QVERIFY2(r.config, qPrintable(r.error));
    const QString expectedDir = QDir::cleanPath(m_xdg + QStringLiteral("/KiroTray"));
    QCOMPARE(r.config->dataDir, expectedDir);
    QVERIFY(QFileInfo(expectedDir).isDir());
    QCOMPARE(fileMode(expectedDir), 0700);
    QCOMPARE(r.config->credentialsFile, expectedDir + QStringLiteral("/credentials.json"));
    QCOMPARE(r.config->configFile, expectedDir + QStringLiteral("/config.json"));
    QVERIFY(!QFileInfo::exists(r.config->configFile));
    QCOMPARE(r.config->port, quint16(8080));
    QVERIFY(r.config->apiKey.isEmpty());
    QVERIFY(r.warnings.isEmpty());
}

void TestConfig::precedenceFileEnvCli()
{
    const QString dataDir = m_tmp->filePath(QStringLiteral("data"));
    writeFile(dataDir + QStringLiteral("/config.json"),
              R"({"host":"10.0.0.1","port":1111,"region":"eu-west-1","apiKey":"from-file","logLevel":"error"})");

    CommandLineOverrides cli;
    cli.dataDir = dataDir;
    QProcessEnvironment env;

    ConfigLoadResult r = ConfigLoader::load(cli, env);
    QVERIFY2(r.config, qPrintable(r.error));
    QCOMPARE(r.config->port, quint16(1111));
    QCOMPARE(r.config->host, QStringLiteral("10.0.0.1"));
    QCOMPARE(r.config->apiKey, QStringLiteral("from-file"));
    QCOMPARE(r.config->configFile, dataDir + QStringLiteral("/config.json"));

    env.insert(QStringLiteral("PORT"), QStringLiteral("2222"));
    env.insert(QStringLiteral("HOST"), QStringLiteral("10.0.0.2"));
    env.insert(QStringLiteral("API_KEY"), QStringLiteral("from-env"));
    r = ConfigLoader::load(cli, env);
    QVERIFY2(r.config, qPrintable(r.error));
    QCOMPARE(r.config->port, quint16(2222));
    QCOMPARE(r.config->host, QStringLiteral("10.0.0.2"));
    QCOMPARE(r.config->apiKey, QStringLiteral("from-env"));
    QCOMPARE(r.config->region, QStringLiteral("eu-west-1"));  // not overridden: file value stays
    QCOMPARE(r.config->logLevel, QStringLiteral("error"));

    cli.port = 3333;
    cli.host = QStringLiteral("10.0.0.3");
    r = ConfigLoader::load(cli, env);
    QVERIFY2(r.config, qPrintable(r.error));
    QCOMPARE(r.config->port, quint16(3333));
    QCOMPARE(r.config->host, QStringLiteral("10.0.0.3"));
    QCOMPARE(r.config->apiKey, QStringLiteral("from-env"));

    // An empty environment variable counts as unset.
    env.insert(QStringLiteral("API_KEY"), QString());
    r = ConfigLoader::load(cli, env);
    QVERIFY(r.config);
    QCOMPARE(r.config->apiKey, QStringLiteral("from-file"));
}

void TestConfig::envOverridesEverything()
{
    const QString dataDir = m_tmp->filePath(QStringLiteral("envdata"));
    QProcessEnvironment env;
    env.insert(QStringLiteral("DATA_DIR"), dataDir);
    env.insert(QStringLiteral("REGION"), QStringLiteral("ap-southeast-2"));
    env.insert(QStringLiteral("ADMIN_API_KEY"), QStringLiteral("admin-env"));
    env.insert(QStringLiteral("KIRO_API_BASE_URL"), QStringLiteral("http://127.0.0.1:9000"));
    env.insert(QStringLiteral("KIRO_SOCIAL_AUTH_BASE_URL"), QStringLiteral("http://127.0.0.1:9001/s"));
    env.insert(QStringLiteral("KIRO_OIDC_BASE_URL"), QStringLiteral("http://127.0.0.1:9002"));
    env.insert(QStringLiteral("PROXY_URL"), QStringLiteral("http://u:p@127.0.0.1:3128"));
    env.insert(QStringLiteral("KIROTRAY_SECRET_STORE"), QStringLiteral("KEYCHAIN"));
    const ConfigLoadResult r = ConfigLoader::load({}, env);
    QVERIFY2(r.config, qPrintable(r.error));
    const Config &c = *r.config;
    QCOMPARE(c.dataDir, QDir::cleanPath(dataDir));
    QVERIFY(QFileInfo(dataDir).isDir());
    QCOMPARE(c.region, QStringLiteral("ap-southeast-2"));
    QCOMPARE(c.adminApiKey, QStringLiteral("admin-env"));
    QCOMPARE(c.proxyUrl, QStringLiteral("http://u:p@127.0.0.1:3128"));
    QCOMPARE(c.secretStore, QStringLiteral("keychain"));
    QCOMPARE(c.generateAssistantResponseUrl(c.region).toString(), QStringLiteral("http://127.0.0.1:9000/generateAssistantResponse"));
    QCOMPARE(c.socialRefreshUrl(c.region).toString(), QStringLiteral("http://127.0.0.1:9001/s/refreshToken"));
    QCOMPARE(c.oidcTokenUrl(c.region).toString(), QStringLiteral("http://127.0.0.1:9002/token"));
}

void TestConfig::envErrors_data()
{
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");
    QTest::newRow("PORT text") << "PORT" << "http" << "environment variable PORT must be a port number between 1 and 65535";
    QTest::newRow("PORT zero") << "PORT" << "0" << "environment variable PORT must be a port number";
    QTest::newRow("PORT big") << "PORT" << "65536" << "environment variable PORT must be a port number";
    QTest::newRow("REGION") << "REGION" << "us east" << "environment variable REGION must be an AWS region name";
    QTest::newRow("API base") << "KIRO_API_BASE_URL" << "localhost:9000" << "environment variable KIRO_API_BASE_URL must";
    QTest::newRow("social base") << "KIRO_SOCIAL_AUTH_BASE_URL" << "ftp://x" << "environment variable KIRO_SOCIAL_AUTH_BASE_URL must use http";
    QTest::newRow("oidc base") << "KIRO_OIDC_BASE_URL" << "/token" << "environment variable KIRO_OIDC_BASE_URL must be an absolute";
    QTest::newRow("proxy") << "PROXY_URL" << "gopher://x" << "environment variable PROXY_URL must use http://, https:// or socks5://";
    QTest::newRow("secret store") << "KIROTRAY_SECRET_STORE" << "vault" << "environment variable KIROTRAY_SECRET_STORE must be one of auto, keychain, file";
}

void TestConfig::envErrors()
{
    QFETCH(QString, variable);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    QProcessEnvironment env;
    env.insert(QStringLiteral("DATA_DIR"), m_tmp->filePath(QStringLiteral("d")));
    env.insert(variable, value);
    const ConfigLoadResult r = ConfigLoader::load({}, env);
    QVERIFY(!r.config);
    QVERIFY2(r.error.startsWith(expected), qPrintable(r.error));
}

void TestConfig::cliPortOutOfRange()
{
    CommandLineOverrides cli;
    cli.dataDir = m_tmp->filePath(QStringLiteral("d"));
    cli.port = 70000;
    const ConfigLoadResult r = ConfigLoader::load(cli, {});
    QVERIFY(!r.config);
    QVERIFY2(r.error.startsWith(QLatin1String("--port must be between 1 and 65535")), qPrintable(r.error));
}

void TestConfig::configFileSearchOrder()
{
    const QString dataDir = m_tmp->filePath(QStringLiteral("data"));
    const QString cwdConfig = QDir::current().filePath(QStringLiteral("config.json"));
    CommandLineOverrides cli;
    cli.dataDir = dataDir;

    // kiro-rs habit: ./config.json is used when the data dir has none.
    writeFile(cwdConfig, R"({"port":4001})");
    ConfigLoadResult r = ConfigLoader::load(cli, {});
    QVERIFY2(r.config, qPrintable(r.error));
    QCOMPARE(r.config->port, quint16(4001));
    QCOMPARE(r.config->configFile, QDir::cleanPath(cwdConfig));

    // <dataDir>/config.json wins over ./config.json.
    writeFile(dataDir + QStringLiteral("/config.json"), R"({"port":4002})");
    r = ConfigLoader::load(cli, {});
    QVERIFY(r.config);
    QCOMPARE(r.config->port, quint16(4002));

    // An explicit file wins over both.
    cli.configFile = m_tmp->filePath(QStringLiteral("elsewhere.json"));
    writeFile(cli.configFile, R"({"port":4003})");
    r = ConfigLoader::load(cli, {});
    QVERIFY(r.config);
    QCOMPARE(r.config->port, quint16(4003));
    QCOMPARE(r.config->configFile, cli.configFile);
}

void TestConfig::explicitConfigFileMustExist()
{
    CommandLineOverrides cli;
    cli.dataDir = m_tmp->filePath(QStringLiteral("data"));
    cli.configFile = m_tmp->filePath(QStringLiteral("missing.json"));
    const ConfigLoadResult r = ConfigLoader::load(cli, {});
    QVERIFY(!r.config);
    QCOMPARE(r.error, cli.configFile + QStringLiteral(": config file not found"));
}

void TestConfig::configFileThatIsADirectory()
{
    CommandLineOverrides cli;
    cli.dataDir = m_tmp->filePath(QStringLiteral("data"));
    cli.configFile = m_tmp->filePath(QStringLiteral("adir"));
    QVERIFY(QDir().mkpath(cli.configFile));
    const ConfigLoadResult r = ConfigLoader::load(cli, {});
    QVERIFY(!r.config);
    QVERIFY2(r.error.startsWith(cli.configFile + QStringLiteral(": is a directory")), qPrintable(r.error));
}

void TestConfig::configFileErrorsCarryThePath()
{
    CommandLineOverrides cli;
    cli.dataDir = m_tmp->filePath(QStringLiteral("data"));
    cli.configFile = m_tmp->filePath(QStringLiteral("bad.json"));
    writeFile(cli.configFile, R"({"port":"x","colour":1})");
    ConfigLoadResult r = ConfigLoader::load(cli, {});
    QVERIFY(!r.config);
    QCOMPARE(r.error, cli.configFile + QStringLiteral(": field 'port' must be an integer"));

    writeFile(cli.configFile, R"({"colour":1})");
    r = ConfigLoader::load(cli, {});
    QVERIFY(r.config);
    QCOMPARE(r.warnings, QStringList{cli.configFile + QStringLiteral(": unknown field 'colour' ignored")});
}

void TestConfig::relativePathsInFileAreRelativeToIt()
{
    const QString dir = m_tmp->filePath(QStringLiteral("conf"));
    writeFile(dir + QStringLiteral("/config.json"), R"({"dataDir":"state","credentialsFile":"../creds.json"})");
    CommandLineOverrides cli;
    cli.configFile = dir + QStringLiteral("/config.json");
    const ConfigLoadResult r = ConfigLoader::load(cli, {});
    QVERIFY2(r.config, qPrintable(r.error));
    QCOMPARE(r.config->dataDir, dir + QStringLiteral("/state"));
    QVERIFY(QFileInfo(r.config->dataDir).isDir());
    QCOMPARE(r.config->credentialsFile, m_tmp->filePath(QStringLiteral("creds.json")));

    // The command line still wins, relative to the working directory.
    cli.credentialsFile = QStringLiteral("mine.json");
    const ConfigLoadResult r2 = ConfigLoader::load(cli, {});
    QVERIFY(r2.config);
    QCOMPARE(r2.config->credentialsFile, QDir::current().filePath(QStringLiteral("mine.json")));
}

void TestConfig::dataDirCreatedPrivate()
{
    CommandLineOverrides cli;
    cli.dataDir = m_tmp->filePath(QStringLiteral("a/b/c"));
    const ConfigLoadResult r = ConfigLoader::load(cli, {});
    QVERIFY2(r.config, qPrintable(r.error));
    QCOMPARE(fileMode(cli.dataDir), 0700);
    QCOMPARE(fileMode(m_tmp->filePath(QStringLiteral("a"))), 0700);

    // An existing directory is left alone.
    const QString existing = m_tmp->filePath(QStringLiteral("shared"));
    QVERIFY(QDir().mkpath(existing));
    QVERIFY(QFile::setPermissions(existing, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                                | QFileDevice::ReadGroup | QFileDevice::ExeGroup));
    cli.dataDir = existing;
    QVERIFY(ConfigLoader::load(cli, {}).config);
    QCOMPARE(fileMode(existing), 0750);
}

void TestConfig::dataDirThatIsAFile()
{
    CommandLineOverrides cli;
    cli.dataDir = m_tmp->filePath(QStringLiteral("plainfile"));
    writeFile(cli.dataDir, "x");
    const ConfigLoadResult r = ConfigLoader::load(cli, {});
    QVERIFY(!r.config);
    QVERIFY2(r.error.contains(QLatin1String("not a directory")), qPrintable(r.error));
}

void TestConfig::urlDefaults()
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

void TestConfig::urlOverrides_data()
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

void TestConfig::urlOverrides()
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

void TestConfig::apiKeyGenerateFormat()
{
    static const QRegularExpression shape(QStringLiteral("^kt-[A-Za-z0-9_-]{48}$"));
    const QString a = ApiKeyStore::generate();
    const QString b = ApiKeyStore::generate();
    QVERIFY2(shape.match(a).hasMatch(), qPrintable(a));
    QVERIFY2(shape.match(b).hasMatch(), qPrintable(b));
    QVERIFY(a != b);
}

void TestConfig::apiKeyConfiguredIsKept()
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

void TestConfig::apiKeyGeneratedPersistedAndReused()
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

void TestConfig::apiKeyExistingFileTightened()
{
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

void TestConfig::apiKeyEmptyFileRegenerated()
{
    Config c;
    c.dataDir = m_tmp->path();
    writeFile(ApiKeyStore::keyFilePath(c), "  \n");
    const ApiKeyStore::Result r = ApiKeyStore::resolve(c, nullptr);
    QVERIFY(r.error.isEmpty());
    QVERIFY(r.generated);
    QCOMPARE(readFile(ApiKeyStore::keyFilePath(c)).trimmed(), r.key.toLatin1());
}

void TestConfig::apiKeyMultiLineFileRejected()
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

void TestConfig::apiKeyUnwritableDataDir()
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

void TestConfig::apiKeyGeneratedIntoSecretStore()
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

void TestConfig::apiKeyLegacyFileMovedIntoSecretStore()
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

void TestConfig::apiKeySecretStoreErrorDoesNotRegenerate()
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

QTEST_GUILESS_MAIN(TestConfig)
#include "tst_config.moc"
