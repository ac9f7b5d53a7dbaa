// ConfigLoader::load: the default data dir, file < env < CLI precedence, environment and CLI errors,
// which config file is used, paths relative to it, and the private data dir it creates.
#include "config/config.h"
#include "config/configloader.h"
#include "testfiles.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

using namespace kt;
using namespace kt::test;

class TestConfigLoad : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

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

private:
    QTemporaryDir *m_tmp = nullptr;
    QString m_oldCwd;
    QString m_xdg;
};

void TestConfigLoad::initTestCase()
{
    QCoreApplication::setOrganizationName(QString());
    QCoreApplication::setApplicationName(QStringLiteral("KiroTray"));
    m_oldCwd = QDir::currentPath();
}

void TestConfigLoad::init()
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

void TestConfigLoad::cleanup()
{
    QDir::setCurrent(m_oldCwd);
    delete m_tmp;
    m_tmp = nullptr;
}

void TestConfigLoad::loadDefaultsUseAppDataLocation()
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

void TestConfigLoad::precedenceFileEnvCli()
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

void TestConfigLoad::envOverridesEverything()
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

void TestConfigLoad::envErrors_data()
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

void TestConfigLoad::envErrors()
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

void TestConfigLoad::cliPortOutOfRange()
{
    CommandLineOverrides cli;
    cli.dataDir = m_tmp->filePath(QStringLiteral("d"));
    cli.port = 70000;
    const ConfigLoadResult r = ConfigLoader::load(cli, {});
    QVERIFY(!r.config);
    QVERIFY2(r.error.startsWith(QLatin1String("--port must be between 1 and 65535")), qPrintable(r.error));
}

void TestConfigLoad::configFileSearchOrder()
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

void TestConfigLoad::explicitConfigFileMustExist()
{
    CommandLineOverrides cli;
    cli.dataDir = m_tmp->filePath(QStringLiteral("data"));
    cli.configFile = m_tmp->filePath(QStringLiteral("missing.json"));
    const ConfigLoadResult r = ConfigLoader::load(cli, {});
    QVERIFY(!r.config);
    QCOMPARE(r.error, cli.configFile + QStringLiteral(": config file not found"));
}

void TestConfigLoad::configFileThatIsADirectory()
{
    CommandLineOverrides cli;
    cli.dataDir = m_tmp->filePath(QStringLiteral("data"));
    cli.configFile = m_tmp->filePath(QStringLiteral("adir"));
    QVERIFY(QDir().mkpath(cli.configFile));
    const ConfigLoadResult r = ConfigLoader::load(cli, {});
    QVERIFY(!r.config);
    QVERIFY2(r.error.startsWith(cli.configFile + QStringLiteral(": is a directory")), qPrintable(r.error));
}

void TestConfigLoad::configFileErrorsCarryThePath()
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

void TestConfigLoad::relativePathsInFileAreRelativeToIt()
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

void TestConfigLoad::dataDirCreatedPrivate()
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

void TestConfigLoad::dataDirThatIsAFile()
{
    CommandLineOverrides cli;
    cli.dataDir = m_tmp->filePath(QStringLiteral("plainfile"));
    writeFile(cli.dataDir, "x");
    const ConfigLoadResult r = ConfigLoader::load(cli, {});
    QVERIFY(!r.config);
    QVERIFY2(r.error.contains(QLatin1String("not a directory")), qPrintable(r.error));
}

QTEST_GUILESS_MAIN(TestConfigLoad)
#include "tst_configload.moc"
