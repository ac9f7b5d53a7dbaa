// The sign-in core's pure parts: request validation (the one place the API, dialog and CLI share),
// status JSON both ways, the email read from a JWT, and the PKCE challenge.
#include "signin/signinrequest.h"
#include "signin/signinstatus.h"
#include "signin/socialflow.h"
#include "signin/tokenclaims.h"

#include <QtTest>

using namespace kt;

// JSON written with single quotes, to keep the table readable.
static QByteArray json(const char *singleQuoted)
{
    return QByteArray(singleQuoted).replace('\'', '"');
}

class TestSignInRequest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parses_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");   // empty = accepted
        QTest::newRow("builder-id") << json("{'method':'builder-id'}") << QString();
        QTest::newRow("case") << json("{'method':'GitHub'}") << QString();
        QTest::newRow("idc") << json("{'method':'idc','startUrl':'https://o.awsapps.com/start','region':'eu-west-1'}") << QString();
        QTest::newRow("re-sign-in") << json("{'method':'google','accountId':7}") << QString();
        QTest::newRow("no method") << json("{}") << QStringLiteral("field 'method' is required");
        QTest::newRow("method type") << json("{'method':1}") << QStringLiteral("field 'method' must be one of");
        QTest::newRow("idc no url") << json("{'method':'idc','region':'eu-west-1'}") << QStringLiteral("field 'startUrl' is required");
        QTest::newRow("idc http") << json("{'method':'idc','startUrl':'http://o/start','region':'eu-west-1'}") << QStringLiteral("https://");
        QTest::newRow("idc no region") << json("{'method':'idc','startUrl':'https://o/start'}") << QStringLiteral("field 'region' is required");
        QTest::newRow("idc bad region") << json("{'method':'idc','startUrl':'https://o/start','region':'EU WEST'}") << QStringLiteral("region name");
        QTest::newRow("region on google") << json("{'method':'google','region':'eu-west-1'}") << QStringLiteral("only apply to method idc");
        QTest::newRow("account 0") << json("{'method':'google','accountId':0}") << QStringLiteral("field 'accountId'");
        QTest::newRow("account 1.5") << json("{'method':'google','accountId':1.5}") << QStringLiteral("field 'accountId'");
        QTest::newRow("unknown") << json("{'method':'google','x':1}") << QStringLiteral("unknown field 'x'");
    }

    void parses()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        const auto parsed = SignInRequest::fromJson(QJsonDocument::fromJson(json).object());
        const QString got = std::holds_alternative<QString>(parsed) ? std::get<QString>(parsed) : QString();
        QVERIFY2(std::holds_alternative<SignInRequest>(parsed) == error.isEmpty(), qPrintable(got));
        QVERIFY2(got.contains(error), qPrintable(got));
    }

    void statusRoundTrip()
    {
        SignInStatus s;
        s.loginId = QStringLiteral("abc");
        s.method = SignInMethod::Idc;
        s.state = SignInState::Pending;
        s.userCode = QStringLiteral("ABCD-EFGH");
        s.verificationUri = QStringLiteral("https://device.example/");
        s.verificationUriComplete = QStringLiteral("https://device.example/?user_code=ABCD-EFGH");
        s.expiresAt = QDateTime(QDate(2026, 12, 6), QTime(11, 0), Qt::UTC);
        const QJsonObject start = s.toStartJson();
        QVERIFY(!start.contains("authorizeUrl"));
        QVERIFY(!start.contains("accountId"));
        QCOMPARE(start.value("expiresAt").toString(), QStringLiteral("2026-12-06T11:00:00Z"));
        const SignInStatus back = SignInStatus::fromJson(start);
        QCOMPARE(back.userCode, s.userCode);
        QCOMPARE(back.state, SignInState::Pending);
        QCOMPARE(back.method, SignInMethod::Idc);
        QCOMPARE(back.expiresAt, s.expiresAt);
        s.state = SignInState::Succeeded;
        s.accountId = 4;
        const QJsonObject end = s.toJson();
        QCOMPARE(end.value("accountId").toInt(), 4);
        QVERIFY(!end.contains("userCode"));
        QCOMPARE(SignInStatus::fromJson(end).state, SignInState::Succeeded);
    }

    void emailFromJwt()
    {
        // {"alg":"none"} . {"email":"a@example.com"} . (no signature), base64url without padding
        const QString jwt = QStringLiteral("eyJhbGciOiJub25lIn0.eyJlbWFpbCI6ImFAZXhhbXBsZS5jb20ifQ.");
        QCOMPARE(TokenClaims::email({QString(), QStringLiteral("not-a-jwt"), jwt}), QStringLiteral("a@example.com"));
        QCOMPARE(TokenClaims::email({QStringLiteral("a.!!!.c")}), QString());
        QCOMPARE(TokenClaims::email({}), QString());
    }

    void pkceChallenge()
    {
        // Python: base64.urlsafe_b64encode(hashlib.sha256(v).digest()).rstrip(b"=")
        QCOMPARE(SocialFlow::challengeFor(QStringLiteral("dBjftJeZ4CVP-mJ92K9i6R0ZKOq0-R7Mgrr5xTnrS5E")),
                 QStringLiteral("Lp4dJe3GaV-uY4cSDvMdXTiOw9DGi7xs8TggEDiOSms"));
    }
};

QTEST_MAIN(TestSignInRequest)
#include "tst_signinrequest.moc"
