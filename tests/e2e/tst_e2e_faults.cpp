// Every upstream fault the proxy must survive: what the client receives (an Anthropic-shaped
// error with the right status, or an SSE error event ending the stream) and that the next request
// is served again.
#include "concurrentclients.h"
#include "proxyfixture.h"
#include "refusedport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QFile>
#include <QRegularExpression>
#include <QtTest>

using namespace kt;
using namespace kt::test;

class TestE2eFaults : public QObject
{
    Q_OBJECT

private:
    static void verifyStreamEndsWithError(const HttpResult &r, const QString &type)
    {
        QCOMPARE(r.status, 200);
        QVERIFY2(r.complete, "the stream must end cleanly (terminating chunk)");
        const auto events = r.events();
        QVERIFY(!events.isEmpty());
        QCOMPARE(events.first().name, QByteArray("message_start"));
        QCOMPARE(events.last().name, QByteArray("error"));
        QCOMPARE(events.last().data.value("type").toString(), QStringLiteral("error"));
        QCOMPARE(events.last().data.value("error").toObject().value("type").toString(), type);
        QVERIFY(!events.last().data.value("error").toObject().value("message").toString().isEmpty());
    }

    static void verifyServesAgain(ProxyFixture &f)
    {
        const HttpResult again = f.messages(QStringLiteral("Hi"), false);
        QCOMPARE(again.status, 200);
        QCOMPARE(again.json().value("content").toArray()[0].toObject().value("text").toString(), QStringLiteral("Hello, world!"));
    }

private Q_SLOTS:
    void httpErrorsBeforeTheFirstByte_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("type");
        // What the next request gets from the pool once the only account is cooling down or invalid
        // (0: the answer said nothing about the account, it keeps serving).
        QTest::addColumn<int>("poolStatus");
        QTest::newRow("toolong") << "toolong" << 400 << "invalid_request_error" << 0;
        QTest::newRow("429") << "status429" << 429 << "rate_limit_error" << 429;
        QTest::newRow("402") << "status402" << 402 << "billing_error" << 429;
        QTest::newRow("403") << "status403" << 403 << "permission_error" << 503;
        QTest::newRow("500") << "status500" << 502 << "api_error" << 0;
        QTest::newRow("503") << "status503" << 529 << "overloaded_error" << 0;
    }

    void httpErrorsBeforeTheFirstByte()
    {
        QFETCH(QString, scenario);
        QFETCH(int, status);
        QFETCH(QString, type);
        QFETCH(int, poolStatus);
        for (bool stream : {false, true}) {
            ProxyFixture f;
            QVERIFY(f.start());
            const HttpResult r = f.messages(QStringLiteral("[[scenario:%1]]").arg(scenario), stream);
            QCOMPARE(r.status, status);
            QVERIFY(r.header("Content-Type").startsWith("application/json"));
            QCOMPARE(r.json().value("type").toString(), QStringLiteral("error"));
            QCOMPARE(r.errorType(), type);
            if (poolStatus) {
                // The pool took the account out (cooldown / invalid): the next request is refused
                // without an upstream call until the user enables it again.
                const int calls = f.fake.requests("/generateAssistantResponse").size();
                QCOMPARE(f.messages(QStringLiteral("Hi"), stream).status, poolStatus);
                QCOMPARE(f.fake.requests("/generateAssistantResponse").size(), calls);
                QCOMPARE(f.api("POST", "/api/accounts/1/enable").status, 200);
            }
            verifyServesAgain(f);
        }
    }

    void serverErrorsAreRetriedBoundedly()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        const HttpResult r = f.messages(QStringLiteral("[[scenario:status500]]"), false);
        QCOMPARE(r.status, 502);
        const int attempts = f.fake.requests("/generateAssistantResponse").size();
        QVERIFY2(attempts > 1 && attempts <= 4, qPrintable(QString::number(attempts)));
        QVERIFY(r.elapsedMs < 10000);
    }

    void throttledIsNotRetriedOnTheSameAccount()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        QCOMPARE(f.messages(QStringLiteral("[[scenario:status429]]"), false).status, 429);
        QCOMPARE(f.fake.requests("/generateAssistantResponse").size(), 1);
    }

    void midStreamFaults_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QString>("type");
        QTest::newRow("connection dropped mid-frame") << "drop" << "api_error";
        QTest::newRow("bad CRC") << "badcrc" << "api_error";
        QTest::newRow("exception frame") << "exception" << "rate_limit_error";
        QTest::newRow("tool input never completed") << "tool_incomplete" << "api_error";
    }

    void midStreamFaults()
    {
        QFETCH(QString, scenario);
        QFETCH(QString, type);
        ProxyFixture f;
        QVERIFY(f.start());
        const HttpResult r = f.messages(QStringLiteral("[[scenario:%1]]").arg(scenario), true);
        verifyStreamEndsWithError(r, type);
        // The same fault without streaming: an error status, no half message.
        const HttpResult n = f.messages(QStringLiteral("[[scenario:%1]]").arg(scenario), false);
        QVERIFY2(n.status >= 400, qPrintable(QString::number(n.status)));
        QCOMPARE(n.errorType(), type);
        verifyServesAgain(f);
    }

    void oversizedFrameBeforeAnyContent()
    {
        // The very first frame claims 2 GiB: nothing was sent yet, so the client gets a plain 502.
        ProxyFixture f;
        QVERIFY(f.start());
        for (bool stream : {true, false}) {
            const HttpResult r = f.messages(QStringLiteral("[[scenario:oversized]]"), stream);
            QCOMPARE(r.status, 502);
            QCOMPARE(r.errorType(), QStringLiteral("api_error"));
            QVERIFY(r.json().value("error").toObject().value("message").toString().contains("corrupt event stream"));
        }
        verifyServesAgain(f);
    }

    void incompleteToolCallIsNeverAnEmptyInput()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        const HttpResult r = f.messages(QStringLiteral("[[scenario:tool_incomplete]]"), true);
        QCOMPARE(r.status, 200);
        const auto events = r.events();
        QVERIFY2(events.size() >= 3, r.body.constData());   // message_start, the tool block's start, the error
        QCOMPARE(events.first().name, QByteArray("message_start"));
        QCOMPARE(events.last().name, QByteArray("error"));
        QCOMPARE(events.last().data.value("error").toObject().value("type").toString(), QStringLiteral("api_error"));
        for (const auto &e : events) {
            QVERIFY(e.name != "message_stop");
            QVERIFY(e.name != "content_block_stop");   // the cut-off tool input is never closed as if complete
        }
    }

    void upstreamHangsBeforeHeaders()
    {
        ProxyFixture f;
        QVERIFY(f.start({}, [](Config &c) { c.upstreamConnectTimeoutMs = 700; }));
        const HttpResult r = f.messages(QStringLiteral("[[scenario:hang_headers]]"), false);
        QCOMPARE(r.status, 529);
        QCOMPARE(r.errorType(), QStringLiteral("overloaded_error"));
        QVERIFY2(r.elapsedMs >= 700 && r.elapsedMs < 10000, qPrintable(QString::number(r.elapsedMs)));   // the 700 ms timeout, not the client's 30 s
        verifyServesAgain(f);
    }

    void upstreamHangsMidStream()
    {
        ProxyFixture f;
        QVERIFY(f.start({}, [](Config &c) { c.upstreamIdleTimeoutMs = 800; }));
        const HttpResult r = f.messages(QStringLiteral("[[scenario:hang_midstream]]"), true);
        verifyStreamEndsWithError(r, QStringLiteral("api_error"));
        QVERIFY2(r.elapsedMs >= 800 && r.elapsedMs < 10000, qPrintable(QString::number(r.elapsedMs)));   // the 800 ms idle timeout
        verifyServesAgain(f);
    }

    void pingsDuringUpstreamSilence()
    {
        ProxyFixture f;
        QVERIFY(f.start({}, [](Config &c) { c.pingIntervalMs = 400; }));
        const HttpResult r = f.messages(QStringLiteral("[[scenario:silent]]"), true);
        QCOMPARE(r.status, 200);
        const QList<QByteArray> names = r.eventNames();
        QCOMPARE(names.first(), QByteArray("message_start"));
        QVERIFY2(names.count("ping") >= 3, r.body.constData());
        QCOMPARE(names.last(), QByteArray("message_stop"));
        QVERIFY(r.body.contains("event: ping\ndata: {\"type\": \"ping\"}\n\n"));
    }

    void pingWhileTheTokenIsRefreshed()
    {
        // The stream opens (message_start + ping) before any upstream attempt; the reply that follows
        // must continue it, not start a second message.
        ProxyFixture f;
        QVERIFY(f.start({}, [](Config &c) { c.pingIntervalMs = 200; }));
        f.fake.setRefreshDelayMs(900);
        const HttpResult r = f.messages(QStringLiteral("Hi"), true);
        QCOMPARE(r.status, 200);
        const QList<QByteArray> names = r.eventNames();
        QCOMPARE(names.count("message_start"), 1);
        QCOMPARE(names.first(), QByteArray("message_start"));
        QVERIFY(names.count("ping") >= 2);
        QCOMPARE(names.last(), QByteArray("message_stop"));
        QCOMPARE(r.events().first().data.value("message").toObject().value("id"),
                 r.events().first().data.value("message").toObject().value("id"));
    }

    void connectionRefused()
    {
        const RefusedPort refused;
        const quint16 deadPort = refused.port();
        QVERIFY(deadPort != 0);
        ProxyFixture f;
        QVERIFY(f.start({}, [&](Config &c) { c.apiBaseUrl = QStringLiteral("http://127.0.0.1:%1").arg(deadPort); }));
        const HttpResult r = f.messages(QStringLiteral("Hi"), false);
        QCOMPARE(r.status, 502);
        QCOMPARE(r.errorType(), QStringLiteral("api_error"));
        QVERIFY(r.json().value("error").toObject().value("message").toString().contains("cannot reach"));
    }

    void dnsFailure()
    {
        ProxyFixture f;
        QVERIFY(f.start({}, [](Config &c) { c.apiBaseUrl = QStringLiteral("http://kirotray-no-such-host.invalid"); }));
        const HttpResult r = f.messages(QStringLiteral("Hi"), false);
        QCOMPARE(r.status, 502);
        QCOMPARE(r.errorType(), QStringLiteral("api_error"));
    }

    void unreachableUpstreamProxy_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::newRow("http proxy") << "http";
        QTest::newRow("socks5 proxy") << "socks5";
    }

    void unreachableUpstreamProxy()
    {
        QFETCH(QString, scheme);
        const RefusedPort refused;
        const quint16 deadPort = refused.port();
        QVERIFY(deadPort != 0);
        ProxyFixture f;
        QVERIFY(f.start({}, [&](Config &c) { c.proxyUrl = QStringLiteral("%1://user:pw@127.0.0.1:%2").arg(scheme).arg(deadPort); }));
        const HttpResult r = f.messages(QStringLiteral("Hi"), false);
        QVERIFY2(r.status == 401 || r.status == 502, qPrintable(QString::number(r.status)));
        QCOMPARE(r.json().value("type").toString(), QStringLiteral("error"));
        QVERIFY2(r.elapsedMs < 10000, qPrintable(QString::number(r.elapsedMs)));   // a refused port fails at once, far below the client's 30 s
        QVERIFY(!r.body.contains("pw@")); // the proxy password is not echoed
    }

    void rejectedTokenTwice()
    {
        // 401 even after one refresh: the client hears authentication_error, with one refresh spent.
        ProxyFixture f;
        QVERIFY(f.start());
        const HttpResult r = f.messages(QStringLiteral("[[scenario:status401]]"), false);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.errorType(), QStringLiteral("authentication_error"));
        QCOMPARE(f.fake.refreshCount(), 2); // the first token, then the one forced refresh
        QCOMPARE(f.fake.requests("/generateAssistantResponse").size(), 2);
    }

    void twoRequestsRaceOnOneExpiredToken()
    {
        ProxyFixture f;
        const QString expires = QDateTime::currentDateTimeUtc().addSecs(3600).toString(Qt::ISODateWithMs);
        QVERIFY(f.start(QJsonObject{{"refreshToken", TestRefreshToken}, {"accessToken", "expired-access-token"}, {"expiresAt", expires}}));
        f.fake.setRefreshDelayMs(300);
        const QByteArray body = QJsonDocument(ProxyFixture::request("Hi", false)).toJson();
        ConcurrentClients clients;
        clients.start(2, [&](int) { return HttpTestClient(f.port()).request("POST", "/v1/messages", body, f.authHeaders()); });
        QTRY_COMPARE_WITH_TIMEOUT(clients.finished(), 2, 20000);
        const QList<HttpResult> results = clients.join();
        QCOMPARE(results[0].status, 200);
        QCOMPARE(results[1].status, 200);
        QCOMPARE(f.fake.refreshCount(), 1);
    }

    void clientDisconnectsBeforeUpstreamAnswers_data()
    {
        QTest::addColumn<QString>("stage");
        QTest::newRow("while the token is refreshed") << "refresh";
        QTest::newRow("while waiting for upstream headers") << "headers";
    }

    void clientDisconnectsBeforeUpstreamAnswers()
    {
        QFETCH(QString, stage);
        ProxyFixture f;
        QVERIFY(f.start());
        const QString text = stage == "refresh" ? QStringLiteral("Hi") : QStringLiteral("[[scenario:hang_headers]]");
        if (stage == "refresh")
            f.fake.setRefreshDelayMs(2000);
        QByteArray body = QJsonDocument(ProxyFixture::request(text, true)).toJson(QJsonDocument::Compact);
        QByteArray raw = "POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: " + TestApiKey
            + "\r\ncontent-type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        HttpTestClient(f.port()).raw(raw, 400); // gives up after 400 ms
        QTRY_COMPARE_WITH_TIMEOUT(f.records.size(), 1, 10000);
        QCOMPARE(f.records[0].status, 499);
        f.fake.setRefreshDelayMs(0);
        verifyServesAgain(f);
    }

    void reliabilityTableMatchesTests()
    {
        QFile table(QStringLiteral(KIROTRAY_SOURCE_DIR "/docs/reliability.md"));
        QVERIFY(table.open(QIODevice::ReadOnly));
        int rows = 0;
        const QRegularExpression name(QStringLiteral("`(?:(tst_\\w+): )?(\\w+)`"));
        for (const QByteArray &line : table.readAll().split('\n')) {
            const QList<QByteArray> cells = line.split('|');
            if (cells.size() < 5 || line.startsWith("|---") || line.startsWith("| Fault"))
                continue;
            ++rows;
            auto it = name.globalMatch(QString::fromUtf8(cells[3]));
            QVERIFY2(it.hasNext(), line.constData());
            while (it.hasNext()) {
                const auto m = it.next();
                if (!m.captured(1).isEmpty())
                    continue; // lives in another suite, named with it
                const QByteArray slot = m.captured(2).toLatin1() + "()";
                QVERIFY2(metaObject()->indexOfSlot(slot) >= 0, slot.constData());
            }
        }
        QVERIFY(rows >= 20);
    }

    void clientDisconnectAbortsUpstream()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        // Hang up as soon as the first event arrives during a long, slow stream.
        f.fake.setEventDelayMs(100);
        QByteArray body = QJsonDocument(ProxyFixture::request(QStringLiteral("[[scenario:long]]"), true)).toJson(QJsonDocument::Compact);
        QByteArray raw = "POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: " + TestApiKey
            + "\r\ncontent-type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        HttpTestClient(f.port()).raw(raw, 10000, [](const HttpResult &r) { return !r.body.contains("content_block_delta"); });
        QTRY_COMPARE_WITH_TIMEOUT(f.records.size(), 1, 10000);
        QCOMPARE(f.records[0].status, 499);
        QVERIFY(f.records[0].durationMs < 5000); // not the 20 s the whole stream would take
        f.fake.setEventDelayMs(0);
        verifyServesAgain(f);
    }
};

QTEST_GUILESS_MAIN(TestE2eFaults)
#include "tst_e2e_faults.moc"
