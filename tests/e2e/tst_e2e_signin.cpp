// Sign-in through the management API against the fake upstream's OIDC device endpoints
// and Kiro social login: every device-flow ending (approve, deny, expire, time out, slow_down,
// network errors mid-poll, cancel), two at once, IdC regions, Google with a test "browser" following
// the authorize URL to the loopback listener, a kiro:// redirect pasted back, API-key accounts, and
// re-sign-in of an account whose refresh token died. One protocol second is 10-20 ms here.
#include "proxyfixture.h"
#include "testbrowser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QtTest>

using namespace kt;
using namespace kt::test;

namespace {

const QString ApiKey = QStringLiteral("ksk_valid-signin-test-key-0123456789");

std::function<void(Config &)> fastSignIn(int secondMs = 10)
{
    return [secondMs](Config &c) { c.signInSecondMs = secondMs; };
}

} // namespace

class TestE2eSignIn : public QObject
{
    Q_OBJECT

    static QJsonObject startLogin(ProxyFixture &f, const QJsonObject &body, int expectStatus = 200)
    {
        const HttpResult r = f.api("POST", "/api/auth/login", body);
        [&] { QVERIFY2(r.status == expectStatus, r.body.constData()); }();
        return r.json();
    }

    static QString waitForEnd(ProxyFixture &f, const QString &loginId, QJsonObject *last = nullptr)
    {
        QJsonObject s;
        (void)QTest::qWaitFor([&] {
            s = f.api("GET", "/api/auth/login/" + loginId.toLatin1()).json();
            return s.value("state").toString() != QLatin1String("pending");
        }, 20000);
        if (last)
            *last = s;
        return s.value("state").toString();
    }

    static QJsonArray accounts(ProxyFixture &f)
    {
        return f.api("GET", "/api/accounts").json().value("accounts").toArray();
    }

private Q_SLOTS:
    void builderIdApprovedThenProxies()
    {
        ProxyFixture f;
        QVERIFY(f.start(QJsonArray{}, fastSignIn()));
        QCOMPARE(accounts(f).size(), 0);
        const QJsonObject started = startLogin(f, {{"method", "builder-id"}});
        QCOMPARE(started.value("state").toString(), QStringLiteral("pending"));
        QCOMPARE(started.value("method").toString(), QStringLiteral("builder-id"));
        const QString code = started.value("userCode").toString();
        QCOMPARE(code, f.fake.signIn.lastUserCode());
        QVERIFY(started.value("verificationUri").toString().startsWith("https://"));
        QVERIFY(started.value("verificationUriComplete").toString().contains(code));
        QVERIFY(QDateTime::fromString(started.value("expiresAt").toString(), Qt::ISODate).isValid());
        QVERIFY(!started.contains("authorizeUrl"));
        for (const char *secret : {"fake-device-code", "fake-client-secret"})
            QVERIFY(!QJsonDocument(started).toJson().contains(secret));

        const QJsonObject reg = f.fake.requests("/client/register").value(0).json();
        QCOMPARE(reg.value("clientType").toString(), QStringLiteral("public"));
        QVERIFY(reg.value("grantTypes").toArray().contains(QStringLiteral("urn:ietf:params:oauth:grant-type:device_code")));
        QCOMPARE(f.fake.requests("/device_authorization").value(0).json().value("startUrl").toString(), QStringLiteral("https://view.awsapps.com/start"));

        QTRY_VERIFY_WITH_TIMEOUT(f.fake.signIn.pollCount(code) >= 2, 10000);   // pending polls go on
        f.fake.signIn.approve(code, QStringLiteral("builder@example.com"));
        QJsonObject end;
        QCOMPARE(waitForEnd(f, started.value("loginId").toString(), &end), QStringLiteral("succeeded"));
        QVERIFY(end.value("accountCreated").toBool());
        const QJsonArray list = accounts(f);
        QCOMPARE(list.size(), 1);
        const QJsonObject account = list.at(0).toObject();
        QCOMPARE(qint64(account.value("id").toDouble()), qint64(end.value("accountId").toDouble()));
        QCOMPARE(account.value("email").toString(), QStringLiteral("builder@example.com"));
        QCOMPARE(account.value("authMethod").toString(), QStringLiteral("idc"));
        QCOMPARE(account.value("provider").toString(), QStringLiteral("BuilderId"));
        QCOMPARE(account.value("authRegion").toString(), QStringLiteral("us-east-1"));

        const HttpResult reply = f.messages(QStringLiteral("hello"), false);
        QCOMPARE(reply.status, 200);
        QVERIFY(f.fake.requests("/generateAssistantResponse").last().header("authorization").endsWith("-device"));
    }

    void deviceFlowEndings_data()
    {
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("state");
        QTest::newRow("deny") << "deny" << "denied";
        QTest::newRow("expire") << "expire" << "expired";
        QTest::newRow("timeout") << "timeout" << "expired";
        QTest::newRow("cancel") << "cancel" << "cancelled";
        QTest::newRow("network-down") << "drop" << "failed";
    }

    void deviceFlowEndings()
    {
        QFETCH(QString, action);
        QFETCH(QString, state);
        ProxyFixture f;
        if (action == QLatin1String("timeout"))
            f.fake.signIn.setDeviceTiming(1, 5);   // 5 protocol seconds = 50 ms, never approved
        QVERIFY(f.start(QJsonArray{}, fastSignIn()));
        const QJsonObject started = startLogin(f, {{"method", "builder-id"}});
        const QString id = started.value("loginId").toString();
        const QString code = started.value("userCode").toString();
        if (action == QLatin1String("deny"))
            f.fake.signIn.deny(code);
        else if (action == QLatin1String("expire"))
            f.fake.signIn.expire(code);
        else if (action == QLatin1String("drop"))
            f.fake.signIn.dropPolls(code, 1000);
        else if (action == QLatin1String("cancel"))
            QCOMPARE(f.api("DELETE", "/api/auth/login/" + id.toLatin1()).json().value("state").toString(), QStringLiteral("cancelled"));
        QJsonObject end;
        QCOMPARE(waitForEnd(f, id, &end), state);
        QVERIFY2(!end.value("message").toString().isEmpty(), qPrintable(QJsonDocument(end).toJson()));
        QVERIFY(!end.contains("accountId"));
        QCOMPARE(accounts(f).size(), 0);
        const int polls = f.fake.signIn.pollCount(code);
        QTest::qWait(150);   // 15 intervals: nothing polls after the end (no event to wait for: a short window)
        QCOMPARE(f.fake.signIn.pollCount(code), polls);
        if (action == QLatin1String("drop"))
            QVERIFY2(polls <= 3 * 4, qPrintable(QString::number(polls)));   // bounded (Qt may resend a dropped request itself)
    }

    void networkErrorMidPollIsRetried()
    {
        ProxyFixture f;
        QVERIFY(f.start(QJsonArray{}, fastSignIn()));
        const QJsonObject started = startLogin(f, {{"method", "builder-id"}});
        const QString code = started.value("userCode").toString();
        f.fake.signIn.dropPolls(code, 2);
        f.fake.signIn.approve(code, QStringLiteral("flaky@example.com"));
        QCOMPARE(waitForEnd(f, started.value("loginId").toString()), QStringLiteral("succeeded"));
        QVERIFY(f.fake.signIn.pollCount(code) >= 3);
    }

    void slowDownAddsFiveSecondsForGood()
    {
        ProxyFixture f;
        QVERIFY(f.start(QJsonArray{}, fastSignIn(20)));   // interval 1 s = 20 ms; after slow_down 6 s = 120 ms
        const QJsonObject started = startLogin(f, {{"method", "builder-id"}});
        const QString code = started.value("userCode").toString();
        f.fake.signIn.slowDown(code, 1);
        QTRY_VERIFY_WITH_TIMEOUT(f.fake.signIn.pollCount(code) >= 4, 10000);
        f.fake.signIn.approve(code);
        QCOMPARE(waitForEnd(f, started.value("loginId").toString()), QStringLiteral("succeeded"));
        const QList<qint64> t = f.fake.signIn.pollTimesMs(code);
        for (int i = 1; i < t.size(); ++i)   // every wait after the slow_down answer (poll 0) is >= 6 s
            QVERIFY2(t.at(i) - t.at(i - 1) >= 110, qPrintable(QStringLiteral("gap %1: %2 ms").arg(i).arg(t.at(i) - t.at(i - 1))));
    }

    void twoSignInsAtOnce()
    {
        ProxyFixture f;
        QVERIFY(f.start(QJsonArray{}, fastSignIn()));
        const QJsonObject a = startLogin(f, {{"method", "builder-id"}});
        const QJsonObject b = startLogin(f, {{"method", "idc"}, {"startUrl", "https://my-org.awsapps.com/start"}, {"region", "eu-west-1"}});
        QVERIFY(a.value("loginId") != b.value("loginId"));
        QVERIFY(a.value("userCode") != b.value("userCode"));
        f.fake.signIn.approve(b.value("userCode").toString(), QStringLiteral("org@example.com"));
        QJsonObject endB;
        QCOMPARE(waitForEnd(f, b.value("loginId").toString(), &endB), QStringLiteral("succeeded"));
        QCOMPARE(f.api("GET", "/api/auth/login/" + a.value("loginId").toString().toLatin1()).json().value("state").toString(), QStringLiteral("pending"));
        f.fake.signIn.approve(a.value("userCode").toString(), QStringLiteral("me@example.com"));
        QJsonObject endA;
        QCOMPARE(waitForEnd(f, a.value("loginId").toString(), &endA), QStringLiteral("succeeded"));
        QVERIFY(endA.value("accountId") != endB.value("accountId"));
        QCOMPARE(accounts(f).size(), 2);
        const QJsonObject org = f.api("GET", "/api/accounts/" + QByteArray::number(qint64(endB.value("accountId").toDouble()))).json().value("account").toObject();
        QCOMPARE(org.value("authRegion").toString(), QStringLiteral("eu-west-1"));   // refresh goes to oidc.eu-west-1
        QCOMPARE(org.value("provider").toString(), QStringLiteral("Enterprise"));
        QCOMPARE(f.fake.requests("/device_authorization").value(1).json().value("startUrl").toString(), QStringLiteral("https://my-org.awsapps.com/start"));

        // The same person again (same email): the account is updated, not doubled.
        const QJsonObject again = startLogin(f, {{"method", "builder-id"}});
        f.fake.signIn.approve(again.value("userCode").toString(), QStringLiteral("ME@example.com"));
        QJsonObject endAgain;
        QCOMPARE(waitForEnd(f, again.value("loginId").toString(), &endAgain), QStringLiteral("succeeded"));
        QCOMPARE(endAgain.value("accountId"), endA.value("accountId"));
        QCOMPARE(endAgain.value("accountCreated").toBool(), false);
        QCOMPARE(accounts(f).size(), 2);
    }

    void badRequests()
    {
        ProxyFixture f;
        QVERIFY(f.start(QJsonArray{}, fastSignIn()));
        const auto expect = [&](const QJsonObject &body, int status, const char *contains) {
            const HttpResult r = f.api("POST", "/api/auth/login", body);
            QVERIFY2(r.status == status, qPrintable(QJsonDocument(body).toJson(QJsonDocument::Compact) + r.body));
            QCOMPARE(r.json().value("type").toString(), QStringLiteral("error"));
            QVERIFY2(r.body.contains(contains), r.body.constData());
        };
        expect({}, 400, "method");
        expect({{"method", "facebook"}}, 400, "builder-id, idc, google, github");
        expect({{"method", "idc"}}, 400, "startUrl");
        expect({{"method", "idc"}, {"startUrl", "http://x.example/start"}, {"region", "eu-west-1"}}, 400, "https://");
        expect({{"method", "idc"}, {"startUrl", "https://x.example/start"}, {"region", "EU WEST"}}, 400, "region");
        expect({{"method", "google"}, {"region", "eu-west-1"}}, 400, "only apply to method idc");
        expect({{"method", "builder-id"}, {"accountId", 99}}, 404, "no account");
        expect({{"method", "builder-id"}, {"extra", 1}}, 400, "unknown field");
        QCOMPARE(f.api("GET", "/api/auth/login/nope").status, 404);
        QCOMPARE(f.api("DELETE", "/api/auth/login/nope").status, 404);
        QCOMPARE(f.api("PUT", "/api/auth/login").status, 405);
        QCOMPARE(f.fake.requests("/client/register").size(), 0);
    }

    void oidcUnreachable()
    {
        ProxyFixture f;
        QVERIFY(f.start(QJsonArray{}, [](Config &c) { c.signInSecondMs = 10; c.oidcBaseUrl = QStringLiteral("http://127.0.0.1:1"); }));
        const HttpResult r = f.api("POST", "/api/auth/login", QJsonObject{{"method", "builder-id"}});
        QCOMPARE(r.status, 502);
        QVERIFY2(r.body.contains("could not start the sign-in"), r.body.constData());
    }

    void googleThroughTheLoopbackListener()
    {
        ProxyFixture f;
        f.fake.signIn.setSocialEmail(QStringLiteral("g@example.com"));
        QVERIFY(f.start(QJsonArray{}, fastSignIn()));
        const QJsonObject started = startLogin(f, {{"method", "google"}});
        QCOMPARE(started.value("state").toString(), QStringLiteral("pending"));
        QVERIFY(!started.contains("userCode"));
        const QUrl authorize(started.value("authorizeUrl").toString());
        QCOMPARE(authorize.host(), QStringLiteral("127.0.0.1"));
        QCOMPARE(authorize.path(), QStringLiteral("/login"));
        const QUrlQuery q(authorize);
        QCOMPARE(q.queryItemValue("idp"), QStringLiteral("Google"));
        QCOMPARE(q.queryItemValue("code_challenge_method"), QStringLiteral("S256"));
        QVERIFY(q.queryItemValue("redirect_uri", QUrl::FullyDecoded).startsWith("http://127.0.0.1:"));

        TestBrowser browser;
        const auto [status, landed] = browser.open(authorize.toString());
        QCOMPARE(status, 200);
        QCOMPARE(landed.path(), QStringLiteral("/oauth/callback"));
        QJsonObject end;
        QCOMPARE(waitForEnd(f, started.value("loginId").toString(), &end), QStringLiteral("succeeded"));
        QCOMPARE(f.fake.signIn.socialExchanges(), 1);   // the fake checked the PKCE verifier
        const QJsonObject account = accounts(f).at(0).toObject();
        QCOMPARE(account.value("authMethod").toString(), QStringLiteral("social"));
        QCOMPARE(account.value("provider").toString(), QStringLiteral("Google"));
        QCOMPARE(account.value("email").toString(), QStringLiteral("g@example.com"));
        QCOMPARE(f.messages(QStringLiteral("hi"), false).status, 200);
        // The listener is gone after use.
        QCOMPARE(browser.open(landed.toString()).first, 0);
    }

    void githubDeclinedInTheBrowser()
    {
        ProxyFixture f;
        f.fake.signIn.setSocialError(QStringLiteral("access_denied"));
        QVERIFY(f.start(QJsonArray{}, fastSignIn()));
        const QJsonObject started = startLogin(f, {{"method", "github"}});
        QCOMPARE(QUrlQuery(QUrl(started.value("authorizeUrl").toString())).queryItemValue("idp"), QStringLiteral("Github"));
        TestBrowser browser;
        QCOMPARE(browser.open(started.value("authorizeUrl").toString()).first, 400);
        QCOMPARE(waitForEnd(f, started.value("loginId").toString()), QStringLiteral("denied"));
        QCOMPARE(accounts(f).size(), 0);
    }

    void kiroSchemeRedirectIsPasted()
    {
        ProxyFixture f;
        QVERIFY(f.start(QJsonArray{}, [](Config &c) {
            c.signInSecondMs = 10;
            c.socialRedirectUri = QStringLiteral("kiro://kiro.kiroAgent/authenticate-success");
        }));
        const QJsonObject started = startLogin(f, {{"method", "google"}});
        QVERIFY(started.value("redirectPaste").toBool());
        const QString id = started.value("loginId").toString();
        TestBrowser browser;
        const QUrl location = browser.open(started.value("authorizeUrl").toString(), false).second;
        QCOMPARE(location.scheme(), QStringLiteral("kiro"));
        QCOMPARE(f.api("POST", "/api/auth/login/" + id.toLatin1() + "/complete", QJsonObject{{"redirectUrl", "kiro://x?code=a&state=wrong"}}).status, 400);
        const HttpResult done = f.api("POST", "/api/auth/login/" + id.toLatin1() + "/complete", QJsonObject{{"redirectUrl", location.toString()}});
        QCOMPARE(done.status, 200);
        QCOMPARE(waitForEnd(f, id), QStringLiteral("succeeded"));
    }

    void apiKeyAccountsSendTheirHeaderAndNeverRefresh()
    {
        ProxyFixture f;
        QVERIFY(f.start(QJsonArray{}, fastSignIn()));
        const HttpResult added = f.api("POST", "/api/accounts", QJsonObject{{"authMethod", "api_key"}, {"kiroApiKey", ApiKey}, {"name", "key"}});
        QCOMPARE(added.status, 201);
        QVERIFY(!added.body.contains(ApiKey.toLatin1()));
        QCOMPARE(added.json().value("account").toObject().value("authMethod").toString(), QStringLiteral("api_key"));
        QCOMPARE(f.messages(QStringLiteral("hello"), false).status, 200);
        const auto sent = f.fake.requests("/generateAssistantResponse").last();
        QCOMPARE(sent.header("authorization"), "Bearer " + ApiKey.toLatin1());
        QCOMPARE(sent.header("tokentype"), QByteArray("API_KEY"));
        // A key the upstream refuses is not "refreshed": no auth call at all.
        const QString revokedKey = QStringLiteral("ksk_expired-signin-test-key-0123456789");
        QCOMPARE(f.api("POST", "/api/accounts", QJsonObject{{"authMethod", "api_key"}, {"kiroApiKey", revokedKey}}).status, 201);
        QCOMPARE(f.api("DELETE", "/api/accounts/" + QByteArray::number(qint64(added.json().value("account").toObject().value("id").toDouble()))).status, 200);
        f.messages(QStringLiteral("hello"), false);
        QCOMPARE(f.fake.refreshCount(), 0);
        QCOMPARE(f.fake.requests("/refreshToken").size() + f.fake.requests("/token").size(), 0);
        QCOMPARE(f.api("POST", "/api/accounts", QJsonObject{{"authMethod", "api_key"}}).status, 400);
    }

    void reSignInOfAnInvalidAccount()
    {
        ProxyFixture f;
        const QJsonObject dead{{"refreshToken", "revoked-refresh-token-0123456789"}, {"authMethod", "social"}, {"email", "dead@example.com"}};
        QVERIFY(f.start(QJsonArray{dead}, fastSignIn()));
        f.messages(QStringLiteral("hello"), false);
        QJsonObject account = accounts(f).at(0).toObject();
        QCOMPARE(account.value("state").toString(), QStringLiteral("invalid"));
        const qint64 id = qint64(account.value("id").toDouble());

        const QJsonObject started = startLogin(f, {{"method", "builder-id"}, {"accountId", id}});
        f.fake.signIn.approve(started.value("userCode").toString());   // no email in the token: accountId decides
        QJsonObject end;
        QCOMPARE(waitForEnd(f, started.value("loginId").toString(), &end), QStringLiteral("succeeded"));
        QCOMPARE(qint64(end.value("accountId").toDouble()), id);
        QCOMPARE(end.value("accountCreated").toBool(), false);
        QCOMPARE(accounts(f).size(), 1);
        account = accounts(f).at(0).toObject();
        QCOMPARE(account.value("state").toString(), QStringLiteral("active"));
        QCOMPARE(account.value("authMethod").toString(), QStringLiteral("idc"));
        QCOMPARE(account.value("email").toString(), QStringLiteral("dead@example.com"));
        QCOMPARE(f.messages(QStringLiteral("hello again"), false).status, 200);
    }
};

QTEST_MAIN(TestE2eSignIn)
#include "tst_e2e_signin.moc"
