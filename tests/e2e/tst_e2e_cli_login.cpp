// `kirotray login` (the real binary) against the fake upstream: with nothing answering on the
// configured address it signs in into the data directory; with an instance running there it goes
// through that instance's management API. The fake approves every device code at once. A social
// sign-in's redirect the browser cannot open is pasted on standard input.
#include "proxyfixture.h"
#include "refusedport.h"
#include "testbrowser.h"
#include "testartifacts.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QtTest>

using namespace kt;
using namespace kt::test;

class TestE2eCliLogin : public QObject
{
    Q_OBJECT

    struct Run {
        int exitCode = -1;
        QString out, err;
    };

    // The event loop keeps turning while the binary runs: the fake upstream lives in this process.
    static Run runLogin(const QStringList &args)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("API_KEY"), QString::fromLatin1(TestApiKey));   // not in config.json: no secret in clear
        p.setProcessEnvironment(env);
        QSignalSpy finished(&p, &QProcess::finished);
        p.start(QStringLiteral(KIROTRAY_BINARY), QStringList{QStringLiteral("login")} + args);
        Run r;
        if (!finished.wait(60000)) {
            p.kill();
            p.waitForFinished();
            return r;
        }
        r.exitCode = p.exitCode();
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }

    static void writeConfig(const QString &dir, const QString &fakeUrl, quint16 port, const QJsonObject &extra = {})
    {
        QFile file(dir + QStringLiteral("/config.json"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        QJsonObject config{{"apiBaseUrl", fakeUrl}, {"oidcBaseUrl", fakeUrl}, {"socialAuthBaseUrl", fakeUrl},
                           {"port", port}, {"secretStore", "file"}, {"signInSecondMs", 10}};
        for (auto it = extra.begin(); it != extra.end(); ++it)
            config.insert(it.key(), it.value());
        file.write(QJsonDocument(config).toJson());
    }

    // A social sign-in whose browser cannot reach the redirect: the test browser stops at the login
    // page's redirect, and its address is typed into the running command, first a wrong one.
    static void pasteRedirect(const QStringList &args, Run &r, QString *pastedScheme)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("API_KEY"), QString::fromLatin1(TestApiKey));
        p.setProcessEnvironment(env);
        QSignalSpy finished(&p, &QProcess::finished);
        p.start(QStringLiteral(KIROTRAY_BINARY), QStringList{QStringLiteral("login")} + args);
        static const QRegularExpression authorize(QStringLiteral("\\n  (http\\S+/login\\?\\S+)\\n"));
        QRegularExpressionMatch found;
        QTRY_VERIFY_WITH_TIMEOUT((r.out += QString::fromUtf8(p.readAllStandardOutput()), (found = authorize.match(r.out)).hasMatch()), 30000);
        TestBrowser browser;
        const QUrl redirect = browser.open(found.captured(1), false).second;
        *pastedScheme = redirect.scheme();
        p.write("\nkiro://kiro.kiroAgent/authenticate-success?code=x&state=not-this-one\n");
        QTRY_VERIFY_WITH_TIMEOUT((r.out += QString::fromUtf8(p.readAllStandardOutput())).contains(QStringLiteral("state mismatch")), 30000);
        p.write(redirect.toString().toUtf8() + "\n");
        if (!finished.wait(60000)) {
            p.kill();
            p.waitForFinished();
            return;
        }
        r.exitCode = p.exitCode();
        r.out += QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
    }

private Q_SLOTS:
    void intoTheDataDirectory()
    {
        fake::FakeKiroServer fake;
        QVERIFY(fake.listen());
        fake.signIn.setAutoApprove(QStringLiteral("cli@example.com"));
        QTemporaryDir dir(TestArtifacts::dataDirTemplate(QStringLiteral("cli-login-datadir")));
        dir.setAutoRemove(!TestArtifacts::keep());
        RefusedPort nobody;
        writeConfig(dir.path(), fake.baseUrl(), nobody.port());
        QElapsedTimer clock;
        clock.start();
        const Run r = runLogin({QStringLiteral("builder-id"), QStringLiteral("--data-dir"), dir.path()});
        qInfo("kirotray login builder-id into a data directory: %lld ms", clock.elapsed());
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(fake.signIn.lastUserCode()), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("the data directory")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("Signed in: account 1 added.")), qPrintable(r.out));

        // A headless start on that data directory serves through the new account.
        Config config;
        config.host = QStringLiteral("127.0.0.1");
        config.port = 0;
        config.apiKey = QString::fromLatin1(TestApiKey);
        config.dataDir = dir.path();
        config.credentialsFile = dir.filePath(QStringLiteral("credentials.json"));
        config.secretStore = QStringLiteral("file");
        config.apiBaseUrl = config.oidcBaseUrl = config.socialAuthBaseUrl = fake.baseUrl();
        ProxyService service(config);
        QVERIFY(service.startAndWait().isEmpty());
        const HttpResult accounts = HttpTestClient(service.port()).request("GET", "/api/accounts", {}, {{"x-api-key", TestApiKey}});
        const QJsonArray list = accounts.json().value("accounts").toArray();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.at(0).toObject().value("email").toString(), QStringLiteral("cli@example.com"));
        const QByteArray body = QJsonDocument(ProxyFixture::request(QStringLiteral("hi"), false)).toJson(QJsonDocument::Compact);
        const HttpResult reply = HttpTestClient(service.port()).request("POST", "/v1/messages", body,
                                                                        {{"x-api-key", TestApiKey}, {"content-type", "application/json"}});
        QCOMPARE(reply.status, 200);
    }

    void throughTheRunningInstance()
    {
        ProxyFixture f;
        f.fake.signIn.setAutoApprove(QStringLiteral("remote@example.com"));
        QVERIFY(f.start(QJsonArray{}, [](Config &c) { c.signInSecondMs = 10; }));
        QTemporaryDir dir(TestArtifacts::dataDirTemplate(QStringLiteral("cli-login-remote")));
        dir.setAutoRemove(!TestArtifacts::keep());
        writeConfig(dir.path(), f.fake.baseUrl(), f.port());
        const Run r = runLogin({QStringLiteral("idc"), QStringLiteral("--start-url"), QStringLiteral("https://my-org.awsapps.com/start"),
                                QStringLiteral("--region"), QStringLiteral("eu-west-1"), QStringLiteral("--data-dir"), dir.path()});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(QStringLiteral("the running KiroTray")), qPrintable(r.out));
        const QJsonArray list = f.api("GET", "/api/accounts").json().value("accounts").toArray();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.at(0).toObject().value("authRegion").toString(), QStringLiteral("eu-west-1"));
        QCOMPARE(list.at(0).toObject().value("email").toString(), QStringLiteral("remote@example.com"));
    }

    void pastedKiroRedirectIntoTheDataDirectory()
    {
        fake::FakeKiroServer fake;
        QVERIFY(fake.listen());
        QTemporaryDir dir(TestArtifacts::dataDirTemplate(QStringLiteral("cli-login-paste")));
        dir.setAutoRemove(!TestArtifacts::keep());
        RefusedPort nobody;
        writeConfig(dir.path(), fake.baseUrl(), nobody.port(), {{"socialRedirectUri", "kiro://kiro.kiroAgent/authenticate-success"}});
        QString scheme;
        Run r;
        pasteRedirect({QStringLiteral("google"), QStringLiteral("--data-dir"), dir.path()}, r, &scheme);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(scheme, QStringLiteral("kiro"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(QStringLiteral("paste it here")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("Signed in: account 1 added.")), qPrintable(r.out));
        QCOMPARE(fake.requests("/oauth/token").size(), 1);
    }

    void pastedLoopbackRedirectThroughTheRunningInstance()
    {
        ProxyFixture f;
        QVERIFY(f.start(QJsonArray{}, [](Config &c) { c.signInSecondMs = 10; }));
        QTemporaryDir dir(TestArtifacts::dataDirTemplate(QStringLiteral("cli-login-paste-remote")));
        dir.setAutoRemove(!TestArtifacts::keep());
        writeConfig(dir.path(), f.fake.baseUrl(), f.port());
        QString scheme;
        Run r;
        pasteRedirect({QStringLiteral("github"), QStringLiteral("--data-dir"), dir.path()}, r, &scheme);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(scheme, QStringLiteral("http"));   // the loopback listener the browser "could not reach"
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(QStringLiteral("the running KiroTray")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("Signed in: account")), qPrintable(r.out));
        QCOMPARE(f.api("GET", "/api/accounts").json().value("accounts").toArray().size(), 1);
    }

    void badArguments()
    {
        Run r = runLogin({});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("builder-id, idc, google or github")), qPrintable(r.err));
        r = runLogin({QStringLiteral("idc"), QStringLiteral("--region"), QStringLiteral("eu-west-1")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("--start-url")), qPrintable(r.err));
        r = runLogin({QStringLiteral("google"), QStringLiteral("--region"), QStringLiteral("eu-west-1")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("only apply to login idc")), qPrintable(r.err));
    }
};

QTEST_MAIN(TestE2eCliLogin)
#include "tst_e2e_cli_login.moc"
