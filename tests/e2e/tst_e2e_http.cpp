// The HTTP surface: authentication, DNS-rebinding and Origin guards, body limit, routing errors and
// malformed requests — each answered with an Anthropic-shaped error and the right status.
#include "proxyfixture.h"

#include "server/requestguard.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QtTest>

using namespace kt;
using namespace kt::test;

namespace {
QMutex logMutex;
QStringList capturedLog;
QtMessageHandler previousHandler = nullptr;

void captureMessages(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&logMutex);
        capturedLog << message;
    }
    if (previousHandler)
        previousHandler(type, context, message);
}
} // namespace

class TestE2eHttp : public QObject
{
    Q_OBJECT

private:
    static void verifyError(const HttpResult &r, int status, const QString &type)
    {
        QCOMPARE(r.status, status);
        QVERIFY(r.header("Content-Type").startsWith("application/json"));
        QCOMPARE(r.json().value("type").toString(), QStringLiteral("error"));
        QCOMPARE(r.errorType(), type);
        QVERIFY(!r.json().value("error").toObject().value("message").toString().isEmpty());
    }

private Q_SLOTS:
    void apiKeyIsRequired()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        const QByteArray body = QJsonDocument(ProxyFixture::request("Hi", false)).toJson();
        const HttpClientHeaders json{{"content-type", "application/json"}};
        verifyError(f.postRaw("/v1/messages", body, json), 401, "authentication_error");
        verifyError(f.postRaw("/v1/messages", body, {{"x-api-key", "wrong"}}), 401, "authentication_error");
        verifyError(f.postRaw("/v1/messages", body, {{"x-api-key", TestApiKey + "x"}}), 401, "authentication_error");
        verifyError(f.postRaw("/v1/messages", body, {{"x-api-key", TestApiKey.left(TestApiKey.size() - 1)}}), 401, "authentication_error");
        verifyError(f.get("/v1/models", {{"x-api-key", "nope"}}), 401, "authentication_error");
        // unknown paths under /v1 and /api do not reveal themselves without the key
        verifyError(f.get("/v1/nothing-here", {{"accept", "*/*"}}), 401, "authentication_error");
        verifyError(f.get("/api/status", {{"accept", "*/*"}}), 401, "authentication_error");
        // Authorization: Bearer works as well as x-api-key
        QCOMPARE(f.postRaw("/v1/messages", body, {{"authorization", "Bearer " + TestApiKey}}).status, 200);
        QVERIFY(f.fake.requests("/generateAssistantResponse").size() == 1);
    }

    void constantTimeComparison()
    {
        QVERIFY(RequestGuard::constantTimeEquals("abc", "abc"));
        QVERIFY(!RequestGuard::constantTimeEquals("abc", "abd"));
        QVERIFY(!RequestGuard::constantTimeEquals("abc", "abcd"));
        QVERIFY(!RequestGuard::constantTimeEquals("", "a"));
        QVERIFY(RequestGuard::constantTimeEquals("", ""));
    }

    void foreignHostAndOriginAreRefused()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        HttpClientHeaders h = f.authHeaders();
        h.append(qMakePair(QByteArray("Host"), QByteArray("attacker.example:8080")));
        verifyError(f.get("/v1/models", h), 403, "permission_error");
        HttpClientHeaders o = f.authHeaders();
        o.append(qMakePair(QByteArray("Origin"), QByteArray("https://evil.example")));
        verifyError(f.get("/v1/models", o), 403, "permission_error");
        const HttpResult plain = f.get("/v1/models");
        QCOMPARE(plain.status, 200);
        QVERIFY(plain.header("Access-Control-Allow-Origin").isEmpty()); // no CORS unless configured
        for (const QByteArray host : {"localhost:1234", "127.0.0.1", "[::1]:80", "127.0.0.2"}) {
            HttpClientHeaders ok = f.authHeaders();
            ok.append(qMakePair(QByteArray("Host"), QByteArray(host)));
            QCOMPARE(f.get("/v1/models", ok).status, 200);
        }
    }

    void allowedOriginGetsCors()
    {
        ProxyFixture f;
        QVERIFY(f.start({}, [](Config &c) {
            c.allowedOrigins = {QStringLiteral("https://tool.example")};
            c.corsEnabled = true;
        }));
        HttpClientHeaders h = f.authHeaders();
        h.append(qMakePair(QByteArray("Origin"), QByteArray("https://tool.example")));
        const HttpResult r = f.get("/v1/models", h);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Access-Control-Allow-Origin"), QByteArray("https://tool.example"));
        QVERIFY(r.header("Access-Control-Expose-Headers").contains("request-id"));
        const HttpResult pre = HttpTestClient(f.port()).request("OPTIONS", "/v1/messages", {}, {{"Origin", "https://tool.example"}});
        QCOMPARE(pre.status, 204);
        QVERIFY(pre.header("Access-Control-Allow-Headers").contains("x-api-key"));
        // what the SDKs send from a browser is allowed back; anything that is not a header name list is not echoed
        const HttpResult sdk = HttpTestClient(f.port()).request("OPTIONS", "/v1/chat/completions", {},
            {{"Origin", "https://tool.example"}, {"Access-Control-Request-Headers", "X-Stainless-OS, x-stainless-retry-count, authorization"}});
        QCOMPARE(sdk.status, 204);
        QVERIFY(sdk.header("Access-Control-Allow-Headers").contains("x-stainless-os, x-stainless-retry-count"));
        QCOMPARE(sdk.header("Access-Control-Allow-Methods"), QByteArray("GET, POST, PATCH, DELETE, OPTIONS"));
        const HttpResult odd = HttpTestClient(f.port()).request("OPTIONS", "/v1/messages", {},
            {{"Origin", "https://tool.example"}, {"Access-Control-Request-Headers", "x-odd; x-b: 1"}});
        QVERIFY(!odd.header("Access-Control-Allow-Headers").contains("x-odd"));
        const HttpResult stranger = HttpTestClient(f.port()).request("OPTIONS", "/v1/messages", {},
            {{"Origin", "https://evil.example"}, {"Access-Control-Request-Headers", "x-stainless-os"}});
        QVERIFY(stranger.header("Access-Control-Allow-Headers").isEmpty());
    }

    void bodyLimit()
    {
        ProxyFixture f;
        QVERIFY(f.start({}, [](Config &c) { c.maxBodyBytes = 64 * 1024; }));
        QJsonObject big = ProxyFixture::request(QString(70 * 1024, QLatin1Char('a')), false);
        verifyError(f.post("/v1/messages", big), 413, "request_too_large");
        QJsonObject fits = ProxyFixture::request(QString(40 * 1024, QLatin1Char('a')), false);
        QCOMPARE(f.post("/v1/messages", fits).status, 200);
        // a lying Content-Length far over the limit is refused before any body is read
        const HttpResult lying = HttpTestClient(f.port()).raw(
            "POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: " + TestApiKey + "\r\nContent-Length: 9999999999\r\n\r\n{", 5000);
        QCOMPARE(lying.status, 413);
        QCOMPARE(f.post("/v1/messages", fits).status, 200);
    }

    void routing()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        verifyError(f.get("/v1/nothing"), 404, "not_found_error");
        verifyError(f.get("/elsewhere"), 404, "not_found_error");
        verifyError(f.get("/v1/messages"), 405, "invalid_request_error");
        verifyError(f.post("/v1/models", {}), 405, "invalid_request_error");
        QCOMPARE(f.get("/health").status, 200);
    }

    void headHasNoBody()
    {
        // Claude Code (Bun) sends HEAD / first; a body there would corrupt the next keep-alive response.
        ProxyFixture f;
        QVERIFY(f.start());
        const QByteArray two = "HEAD / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                               "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        const HttpResult r = HttpTestClient(f.port()).raw(two, 3000);
        QCOMPARE(r.status, 200);
        // The raw client reads the HEAD's Content-Length worth of bytes as its body: they must be the
        // start of the GET's response, not a body of the HEAD.
        QVERIFY2(r.body.startsWith("HTTP/1.1 200"), r.body.constData());
        HttpClientHeaders h = f.authHeaders();
        const HttpResult models = HttpTestClient(f.port()).request("HEAD", "/v1/models", {}, h, 2000);
        QCOMPARE(models.status, 200);
    }

    void systemRoleInsideMessages()
    {
        // Claude Code sends {"role":"system"} entries inside messages; they join the system prompt.
        ProxyFixture f;
        QVERIFY(f.start());
        const QByteArray body = R"({"model":"claude-opus-4-8","max_tokens":64,"system":"Base.",
            "messages":[{"role":"user","content":[{"type":"text","text":"say hi"}]},
                        {"role":"system","content":"Available agent types: general."}]})";
        const HttpResult r = f.postRaw("/v1/messages", body, f.authHeaders());
        QCOMPARE(r.status, 200);
        const QJsonObject state = f.fake.requests("/generateAssistantResponse").value(0).json().value("conversationState").toObject();
        const QString system = state.value("history").toArray()[0].toObject().value("userInputMessage").toObject().value("content").toString();
        QVERIFY2(system.contains("Base.") && system.contains("Available agent types: general."), qPrintable(system));
        QCOMPARE(state.value("currentMessage").toObject().value("userInputMessage").toObject().value("content").toString(), QStringLiteral("say hi"));
    }

    void malformedRequests_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("not json") << QByteArray("{\"model\": ") << "JSON";
        QTest::newRow("array") << QByteArray("[1,2]") << "object";
        QTest::newRow("empty") << QByteArray("") << "JSON";
        QTest::newRow("no model") << QByteArray(R"({"max_tokens":5,"messages":[{"role":"user","content":"hi"}]})") << "model";
        QTest::newRow("unknown model") << QByteArray(R"({"model":"gpt-4o","max_tokens":5,"messages":[{"role":"user","content":"hi"}]})") << "gpt-4o";
        QTest::newRow("no messages") << QByteArray(R"({"model":"claude-sonnet-4-5","max_tokens":5})") << "messages";
        QTest::newRow("empty messages") << QByteArray(R"({"model":"claude-sonnet-4-5","max_tokens":5,"messages":[]})") << "messages";
        QTest::newRow("bad role") << QByteArray(R"({"model":"claude-sonnet-4-5","max_tokens":5,"messages":[{"role":"robot","content":"hi"}]})") << "role";
        QTest::newRow("bad block") << QByteArray(R"({"model":"claude-sonnet-4-5","max_tokens":5,"messages":[{"role":"user","content":[{"type":"hologram"}]}]})") << "messages.0.content.0";
        QTest::newRow("bad max_tokens") << QByteArray(R"({"model":"claude-sonnet-4-5","max_tokens":-3,"messages":[{"role":"user","content":"hi"}]})") << "max_tokens";
        QTest::newRow("bad stream") << QByteArray(R"({"model":"claude-sonnet-4-5","max_tokens":5,"stream":"yes","messages":[{"role":"user","content":"hi"}]})") << "stream";
        QTest::newRow("image not base64") << QByteArray(R"({"model":"claude-sonnet-4-5","max_tokens":5,"messages":[{"role":"user","content":[{"type":"text","text":"see"},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"!!!notbase64"}}]}]})") << "messages.0.content.1.source.data";
        QTest::newRow("image type bmp") << QByteArray(R"({"model":"claude-sonnet-4-5","max_tokens":5,"messages":[{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/bmp","data":"Qk0="}}]}]})") << "messages.0.content.0.source.media_type";
        QTest::newRow("deep nesting") << QByteArray(20000, '[') << "JSON";
    }

    void malformedRequests()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, mentions);
        ProxyFixture f;
        QVERIFY(f.start());
        const HttpResult r = f.postRaw("/v1/messages", body, f.authHeaders());
        verifyError(r, 400, "invalid_request_error");
        QVERIFY2(r.json().value("error").toObject().value("message").toString().contains(mentions, Qt::CaseInsensitive), r.body.constData());
        QVERIFY(f.fake.requests("/generateAssistantResponse").isEmpty());
        QCOMPARE(f.postRaw("/v1/messages/count_tokens", body, f.authHeaders()).status, 400);
        QCOMPARE(f.messages("Hi", false).status, 200);
    }

    void garbageOnTheSocketDoesNotHurt()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        HttpTestClient(f.port()).raw("\x16\x03\x01\x02\x00garbage\r\n\r\n", 1000);
        HttpTestClient(f.port()).raw("GET / HTTP/9.9\r\n\r\n", 1000);
        HttpTestClient(f.port()).raw(QByteArray(100000, 'x'), 1000);
        QCOMPARE(f.messages("Hi", false).status, 200);
    }

    void noSecretsInLogs()
    {
        previousHandler = qInstallMessageHandler(captureMessages);
        {
            ProxyFixture f;
            QVERIFY(f.start());
            QCOMPARE(f.messages("Hi", true).status, 200);
            QCOMPARE(f.messages("[[scenario:status403]]", false).status, 403);
            f.postRaw("/v1/messages", "{}", {{"x-api-key", "kt-wrong-key-secret"}});
            f.fake.setDefaultScenario(QStringLiteral("text"));
        }
        {
            ProxyFixture f; // a revoked refresh token: the failure is logged, the token is not
            QVERIFY(f.start(QJsonObject{{"refreshToken", "revoked-refresh-token-SECRET-42"}, {"authMethod", "social"}}));
            QCOMPARE(f.messages("Hi", false).status, 401);
        }
        qInstallMessageHandler(previousHandler);
        QMutexLocker lock(&logMutex);
        const QString all = capturedLog.join('\n');
        QVERIFY(all.contains("POST /v1/messages")); // the capture did capture
        for (const QString &secret : {QString::fromLatin1(TestApiKey), TestRefreshToken, QStringLiteral("fake-access-"),
                                      QStringLiteral("revoked-refresh-token-SECRET-42"), QStringLiteral("kt-wrong-key-secret")})
            QVERIFY2(!all.contains(secret), qPrintable(secret));
    }

    // bench/run.sh reads these lines; each streamed upstream event gets one time, nothing else does.
    void forwardingTimesAreLoggedOnlyWhenAsked()
    {
        {
            QMutexLocker lock(&logMutex);
            capturedLog.clear();
        }
        previousHandler = qInstallMessageHandler(captureMessages);
        const QString sevenEvents = QStringLiteral("[[scenario:bench]] [[events:7]] [[interval:5]]");
        {
            ProxyFixture f;
            QVERIFY(f.start());
            QCOMPARE(f.messages(sevenEvents, true).status, 200); // the category is off by default
            QLoggingCategory::setFilterRules(QStringLiteral("kirotray.forwarding.debug=true"));
            const HttpResult streamed = f.messages(sevenEvents, true);
            QCOMPARE(streamed.status, 200);
            QCOMPARE(streamed.body.count("event: content_block_delta"), 7);
            QCOMPARE(f.messages(sevenEvents, false).status, 200); // one JSON reply: nothing forwarded event by event
            QLoggingCategory::setFilterRules(QString());
        }
        qInstallMessageHandler(previousHandler);
        QMutexLocker lock(&logMutex);
        QStringList lines;
        for (const QString &line : std::as_const(capturedLog)) {
            if (line.startsWith(QStringLiteral("forwarded ")))
                lines << line;
        }
        QCOMPARE(lines.size(), 1);
        const QString prefix = QStringLiteral("forwarded 7 upstream events; µs from socket read to client write:");
        QVERIFY2(lines.first().startsWith(prefix), qPrintable(lines.first()));
        const QStringList times = lines.first().mid(prefix.size()).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        QCOMPARE(times.size(), 7);
        for (const QString &t : times) {
            bool ok = false;
            t.toUInt(&ok);
            QVERIFY2(ok, qPrintable(t));
        }
    }
};

QTEST_GUILESS_MAIN(TestE2eHttp)
#include "tst_e2e_http.moc"
