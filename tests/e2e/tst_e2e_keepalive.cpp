// Keep-alive to the Kiro backend through the whole proxy. By default every request says
// Connection: close, as the Kiro IDE does; with upstreamKeepAlive requests after the first reuse
// the connection (no new TCP and TLS handshake each time), a connection the backend closes just as
// it is reused costs the client nothing, and a stream the client abandoned is never reused.
#include "proxyfixture.h"

#include <QJsonDocument>
#include <QtTest>

using namespace kt;
using namespace kt::test;

class TestE2eKeepAlive : public QObject
{
    Q_OBJECT

private:
    static void verifyAnswers(ProxyFixture &f, int requests)
    {
        for (int i = 0; i < requests; ++i) {
            const bool stream = i % 2 == 0;
            const HttpResult r = f.messages(QStringLiteral("Hi"), stream);
            QCOMPARE(r.status, 200);
            QVERIFY(r.complete);
            if (stream) {
                QCOMPARE(r.eventNames().first(), QByteArray("message_start"));
                QCOMPARE(r.eventNames().last(), QByteArray("message_stop"));
            } else {
                QCOMPARE(r.json().value("stop_reason").toString(), QStringLiteral("end_turn"));
            }
        }
    }

    static bool startWithKeepAlive(ProxyFixture &f)
    {
        return f.start({}, [](Config &c) { c.upstreamKeepAlive = true; });
    }

private Q_SLOTS:
    void closedAfterEveryRequestByDefault()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        QCOMPARE(f.messages(QStringLiteral("warm up the token"), false).status, 200);
        const int connections = f.fake.connectionCount();
        verifyAnswers(f, 3);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(f.fake.connectionCount() >= connections + 3);
        for (const fake::RecordedRequest &r : f.fake.requests("/generateAssistantResponse"))
            QCOMPARE(r.header("connection"), QByteArray("close"));
    }

    void upstreamConnectionIsReused()
    {
        ProxyFixture f;
        QVERIFY(startWithKeepAlive(f));
        QCOMPARE(f.messages(QStringLiteral("warm up the token"), false).status, 200);
        const int connections = f.fake.connectionCount();
        verifyAnswers(f, 6);
        if (QTest::currentTestFailed())
            return;
        // At most one more connection, for a quota or token call that may fall in between.
        QVERIFY2(f.fake.connectionCount() <= connections + 1,
                 qPrintable(QStringLiteral("%1 new upstream connections for 6 requests").arg(f.fake.connectionCount() - connections)));
        const auto requests = f.fake.requests("/generateAssistantResponse");
        QCOMPARE(requests.size(), 7);
        for (const fake::RecordedRequest &r : requests)
            QVERIFY(r.header("connection").isEmpty());
    }

    void connectionClosedAsItIsReusedIsRetried()
    {
        ProxyFixture f;
        f.fake.setKeepAlive(true, 1);   // every reused connection closes without an answer
        QVERIFY(startWithKeepAlive(f));
        QCOMPARE(f.messages(QStringLiteral("warm up the token"), false).status, 200);
        verifyAnswers(f, 4);
        if (QTest::currentTestFailed())
            return;
        // Each request reached the backend once; no account was blamed for the closed connections.
        QCOMPARE(f.fake.requests("/generateAssistantResponse").size(), 5);
        for (const RequestRecord &record : std::as_const(f.records)) {
            QCOMPARE(record.status, 200);
            QCOMPARE(record.attempts, 1);
        }
    }

    void abandonedStreamIsNotReused()
    {
        ProxyFixture f;
        QVERIFY(startWithKeepAlive(f));
        QCOMPARE(f.messages(QStringLiteral("warm up the token"), false).status, 200);
        f.fake.setEventDelayMs(100);
        const QByteArray body = QJsonDocument(ProxyFixture::request(QStringLiteral("[[scenario:long]]"), true)).toJson(QJsonDocument::Compact);
        const QByteArray raw = "POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: " + TestApiKey
            + "\r\ncontent-type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        HttpTestClient(f.port()).raw(raw, 10000, [](const HttpResult &r) { return !r.body.contains("content_block_delta"); });
        QTRY_COMPARE_WITH_TIMEOUT(f.records.size(), 2, 10000);
        QCOMPARE(f.records.last().status, 499);
        f.fake.setEventDelayMs(0);
        const int connections = f.fake.connectionCount();
        verifyAnswers(f, 2);
        // The half-read stream's connection was closed, so the next request needed a new one.
        QVERIFY(f.fake.connectionCount() > connections);
    }
};

QTEST_GUILESS_MAIN(TestE2eKeepAlive)
#include "tst_e2e_keepalive.moc"
