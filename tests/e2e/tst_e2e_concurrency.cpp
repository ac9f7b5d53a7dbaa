// Many streams at once: each client gets its own complete stream, and none waits behind another
// (one QNetworkAccessManager alone would queue all but six of them).
#include "proxyfixture.h"

#include <QJsonDocument>
#include <QMutex>
#include <QThread>
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
        QVERIFY(f.start());
        QCOMPARE(f.messages("warm up the token", false).status, 200);
        // Each stream takes ~5 s upstream; a client queued behind others would see its first byte late.
        f.fake.setEventDelayMs(1000);
        QMutex mutex;
        QList<HttpResult> results;
        QList<std::shared_ptr<QThread>> threads;
        const QByteArray body = QJsonDocument(ProxyFixture::request("[[scenario:slow]]", true)).toJson();
        for (int i = 0; i < Clients; ++i) {
            auto t = std::shared_ptr<QThread>(QThread::create([&] {
                const HttpResult r = HttpTestClient(f.port()).request("POST", "/v1/messages", body, f.authHeaders(), 60000);
                QMutexLocker lock(&mutex);
                results.append(r);
            }));
            t->start();
            threads.append(t);
        }
        QTRY_COMPARE_WITH_TIMEOUT(results.size(), Clients, 60000);
        for (auto &t : threads)
            t->wait();
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
