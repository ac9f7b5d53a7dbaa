// Many streams at once: each client gets its own complete stream, and none waits behind another
// (a per-host connection limit, like the six of one QNetworkAccessManager, would queue the rest).
#include "concurrentclients.h"
#include "proxyfixture.h"

#include <QJsonDocument>
#include <QtTest>

using namespace kt;
using namespace kt::test;

class TestE2eConcurrency : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sixtyFourConcurrentStreams()
    {
        constexpr int Clients = 64;
        ProxyFixture f;
        QVERIFY(f.start({}, [](Config &c) { c.accountMaxConcurrent = 0; }));   // one account takes them all (tst_e2e_limits: the limit)
        QCOMPARE(f.messages("warm up the token", false).status, 200);
        // Each stream takes ~5 s upstream; a client queued behind others would see its first byte late.
        f.fake.setEventDelayMs(1000);
        const QByteArray body = QJsonDocument(ProxyFixture::request("[[scenario:slow]]", true)).toJson();
        ConcurrentClients clients;
        clients.start(Clients, [&](int) {
            return HttpTestClient(f.port()).request("POST", "/v1/messages", body, f.authHeaders(), 60000);
        });
        QTRY_COMPARE_WITH_TIMEOUT(clients.finished(), Clients, 60000);
        const QList<HttpResult> results = clients.join();
        qint64 worstFirstByte = 0;
        for (const HttpResult &r : results) {
            QCOMPARE(r.status, 200);
            QVERIFY(r.complete);
            QCOMPARE(r.eventNames().last(), QByteArray("message_stop"));
            QCOMPARE(r.eventNames().count("content_block_delta"), 5);
            worstFirstByte = qMax(worstFirstByte, r.chunkTimesMs.value(0));
        }
        QVERIFY2(worstFirstByte < 4000, qPrintable(QStringLiteral("a stream waited %1 ms for its first byte").arg(worstFirstByte)));
        QCOMPARE(f.fake.requests("/generateAssistantResponse").size(), Clients + 1);
    }
};

QTEST_GUILESS_MAIN(TestE2eConcurrency)
#include "tst_e2e_concurrency.moc"
