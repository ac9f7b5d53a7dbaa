// Token refresh through the running proxy: social and IdC refresh calls as the Kiro IDE makes
// them, refresh on the upstream's expired-token answer, one refresh for many waiting requests,
// atomic 0600 write-back, and a clear authentication_error naming the account when it fails.
#include "concurrentclients.h"
#include "proxyfixture.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace kt;
using namespace kt::test;

class TestE2eRefresh : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void socialRefreshAndWriteBack()
    {
        ProxyFixture f;
        QVERIFY(f.start(QJsonArray{QJsonObject{{"refreshToken", "social-rotate-refresh-token-0123456789"}, {"authMethod", "social"},
                                               {"email", "dev@example.com"}, {"customField", "kept"}}}));
        QCOMPARE(f.messages("Hi", false).status, 200);
        const auto calls = f.fake.requests("/refreshToken");
        QCOMPARE(calls.size(), 1);
        QCOMPARE(calls[0].header("content-type"), QByteArray("application/json"));
        QVERIFY(calls[0].header("user-agent").startsWith("KiroIDE-"));
        QFile file(f.credentialsPath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonArray saved = QJsonDocument::fromJson(file.readAll()).array();
        QCOMPARE(saved.size(), 1);
        const QJsonObject c = saved[0].toObject();
        QVERIFY(c.value("accessToken").toString().startsWith("fake-access-"));
        QVERIFY(!c.value("expiresAt").toString().isEmpty());
        QVERIFY(c.value("refreshToken").toString() != "social-rotate-refresh-token-0123456789"); // rotated
        QCOMPARE(c.value("customField").toString(), QStringLiteral("kept"));
        QCOMPARE(int(file.permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther)), 0);
        // the token is reused, not refreshed again, while it is fresh
        QCOMPARE(f.messages("Hi", false).status, 200);
        QCOMPARE(f.fake.requests("/refreshToken").size(), 1);
    }

    void idcRefresh()
    {
        ProxyFixture f;
        QVERIFY(f.start(QJsonObject{{"refreshToken", "idc-refresh-token-0123456789"}, {"authMethod", "IdC"},
                                    {"clientId", "client-id-1"}, {"clientSecret", "client-secret-1"}}));
        QCOMPARE(f.messages("Hi", false).status, 200);
        const auto calls = f.fake.requests("/token");
        QCOMPARE(calls.size(), 1);
        const QJsonObject body = calls[0].json();
        QCOMPARE(body.value("grantType").toString(), QStringLiteral("refresh_token"));
        QCOMPARE(body.value("clientId").toString(), QStringLiteral("client-id-1"));
        QCOMPARE(body.value("clientSecret").toString(), QStringLiteral("client-secret-1"));
        QVERIFY(calls[0].header("user-agent").contains("api/sso-oidc#3.980.0"));
        QVERIFY(f.fake.requests("/refreshToken").isEmpty());
        // IdC accounts carry no profileArn
        QVERIFY(!f.fake.requests("/generateAssistantResponse").value(0).json().contains("profileArn"));
    }

    void validTokenIsUsedWithoutRefresh()
    {
        ProxyFixture f;
        const QString expires = QDateTime::currentDateTimeUtc().addSecs(3600).toString(Qt::ISODateWithMs);
        QVERIFY(f.start(QJsonObject{{"refreshToken", TestRefreshToken}, {"accessToken", "valid-access-token-1"}, {"expiresAt", expires}}));
        QCOMPARE(f.messages("Hi", false).status, 200);
        QCOMPARE(f.fake.refreshCount(), 0);
        QCOMPARE(f.fake.requests("/generateAssistantResponse")[0].header("authorization"), QByteArray("Bearer valid-access-token-1"));
    }

    void tokenNearExpiryIsRefreshedFirst()
    {
        ProxyFixture f;
        const QString expires = QDateTime::currentDateTimeUtc().addSecs(120).toString(Qt::ISODateWithMs);
        QVERIFY(f.start(QJsonObject{{"refreshToken", TestRefreshToken}, {"accessToken", "valid-access-token-1"}, {"expiresAt", expires}}));
        QCOMPARE(f.messages("Hi", false).status, 200);
        QCOMPARE(f.fake.refreshCount(), 1);
    }

    void expiredTokenAnswerRefreshesOnceAndRetries()
    {
        ProxyFixture f;
        const QString expires = QDateTime::currentDateTimeUtc().addSecs(3600).toString(Qt::ISODateWithMs);
        // The upstream refuses this token as expired although its expiresAt says otherwise.
        QVERIFY(f.start(QJsonObject{{"refreshToken", TestRefreshToken}, {"accessToken", "expired-access-token"}, {"expiresAt", expires}}));
        const HttpResult r = f.messages("Hi", true);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.eventNames().last(), QByteArray("message_stop"));
        QCOMPARE(f.fake.refreshCount(), 1);
        const auto sent = f.fake.requests("/generateAssistantResponse");
        QCOMPARE(sent.size(), 2);
        QCOMPARE(sent[0].header("authorization"), QByteArray("Bearer expired-access-token"));
        QVERIFY(sent[1].header("authorization").startsWith("Bearer fake-access-"));
    }

    void concurrentRequestsShareOneRefresh()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        f.fake.setRefreshDelayMs(300);
        // Eight clients at once, all needing the first token: exactly one refresh call.
        ConcurrentClients clients;
        clients.start(8, [&](int) {
            return HttpTestClient(f.port()).request(
                "POST", "/v1/messages", QJsonDocument(ProxyFixture::request("Hi", false)).toJson(), f.authHeaders());
        });
        QTRY_COMPARE_WITH_TIMEOUT(clients.finished(), 8, 20000);
        const QList<HttpResult> results = clients.join();
        for (const HttpResult &r : results)
            QCOMPARE(r.status, 200);
        QCOMPARE(f.fake.refreshCount(), 1);
    }

    void revokedRefreshTokenIsAnAuthenticationError()
    {
        ProxyFixture f;
        QVERIFY(f.start(QJsonObject{{"refreshToken", "revoked-refresh-token-0123456789"}, {"email", "alice@example.com"}}));
        for (bool stream : {false, true}) {
            const HttpResult r = f.messages("Hi", stream);
            QCOMPARE(r.status, 401);
            QCOMPARE(r.errorType(), QStringLiteral("authentication_error"));
            const QString message = r.json().value("error").toObject().value("message").toString();
            QVERIFY2(message.contains("alice@example.com"), qPrintable(message));
            QVERIFY(!message.contains("revoked-refresh-token"));
        }
    }

    void refreshServiceDown()
    {
        ProxyFixture f;
        QVERIFY(f.start(QJsonObject{{"refreshToken", "refresh500-token-0123456789"}}));
        const HttpResult r = f.messages("Hi", false);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.errorType(), QStringLiteral("authentication_error"));
        QVERIFY2(r.elapsedMs < 10000, qPrintable(QString::number(r.elapsedMs)));   // answered, not left to the client's 30 s timeout
        QVERIFY(f.fake.requests("/generateAssistantResponse").isEmpty());
    }

    void noAccountConfigured()
    {
        ProxyFixture f;
        QVERIFY(f.start(QJsonArray{}));
        const HttpResult r = f.messages("Hi", false);
        QCOMPARE(r.status, 503);
        QCOMPARE(r.json().value("type").toString(), QStringLiteral("error"));
        QVERIFY(r.json().value("error").toObject().value("message").toString().contains("no Kiro account"));
    }
};

QTEST_GUILESS_MAIN(TestE2eRefresh)
#include "tst_e2e_refresh.moc"
