// Per-account limits through the running proxy: 64 parallel requests never put more on an account
// than accountMaxConcurrent (the fake upstream counts them per account) and the rest get 429
// rate_limit_error with Retry-After; a conversation waits for its own account; the per-minute limit
// (time moved with a ManualClock) in both the Anthropic and the OpenAI error shape; in-flight and
// limits in the account JSON.
#include "concurrentclients.h"
#include "poolaccounts.h"
#include "proxyfixture.h"
#include "util/clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace kt;
using namespace kt::test;

namespace {

const QByteArray TokenA = "valid-access-healthy-a";
const QByteArray TokenB = "valid-access-healthy-b";

QList<HttpResult> parallel(ProxyFixture &f, int count, const QJsonObject &extra)
{
    QJsonObject request = ProxyFixture::request("[[scenario:slow]]", false);
    for (auto it = extra.begin(); it != extra.end(); ++it)
        request.insert(it.key(), it.value());
    const QByteArray body = QJsonDocument(request).toJson();
    ConcurrentClients clients;
    clients.start(count, [&](int) { return HttpTestClient(f.port()).request("POST", "/v1/messages", body, f.authHeaders(), 120000); });
    // The fake upstream answers on this thread: keep its event loop running until every client is done.
    (void)QTest::qWaitFor([&] { return clients.finished() >= count; }, 120000);
    return clients.join();
}

} // namespace

class TestE2eLimits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void concurrencyNeverExceededUnder64ParallelRequests()
    {
        ProxyFixture f;
        QVERIFY(f.start(QJsonArray{poolAccount("healthy-a"), poolAccount("healthy-b")}, [](Config &c) { c.accountMaxConcurrent = 3; }));
        f.fake.setEventDelayMs(150);
        const QList<HttpResult> results = parallel(f, 64, {});
        int ok = 0, limited = 0;
        for (const HttpResult &r : results) {
            if (r.status == 200) {
                ++ok;
                QCOMPARE(r.json().value("stop_reason").toString(), QStringLiteral("end_turn"));
                continue;
            }
            QVERIFY2(r.status == 429, r.body.constData());
            ++limited;
            QCOMPARE(r.json().value("type").toString(), QStringLiteral("error"));
            QCOMPARE(r.json().value("error").toObject().value("type").toString(), QStringLiteral("rate_limit_error"));
            const int retryAfter = r.header("retry-after").toInt();
            QVERIFY2(retryAfter >= 1 && retryAfter <= 60, r.header("retry-after").constData());
        }
        qInfo("64 parallel requests, limit 3 per account: %d served, %d answered 429; at most %d at once on a, %d on b",
              ok, limited, f.fake.maxConcurrent(TokenA), f.fake.maxConcurrent(TokenB));
        QCOMPARE(ok + limited, 64);
        QVERIFY(ok >= 6);
        QVERIFY(f.fake.maxConcurrent(TokenA) <= 3);
        QVERIFY(f.fake.maxConcurrent(TokenB) <= 3);
        QCOMPARE(std::max(f.fake.maxConcurrent(TokenA), f.fake.maxConcurrent(TokenB)), 3);   // the limit was reached
        QCOMPARE(f.fake.requests("/generateAssistantResponse").size(), ok);
        const QJsonObject a = accountsByName(f).value("healthy-a");
        QCOMPARE(a.value("maxInFlight").toInt(), 3);
        QCOMPARE(a.value("inFlight").toInt(), 0);   // every slot was given back
        QCOMPARE(a.value("maxRequestsPerMinute").toInt(), 0);
    }

    void aConversationWaitsForItsAccount()
    {
        ProxyFixture f;
        QVERIFY(f.start(QJsonArray{poolAccount("healthy-a"), poolAccount("healthy-b")}, [](Config &c) {
            c.accountMaxConcurrent = 2;
            c.accountLimitWaitMs = 60000;
        }));
        f.fake.setEventDelayMs(100);
        const QList<HttpResult> results = parallel(f, 10, sessionMetadata(QStringLiteral("8bb5523b-3bd1-4cf4-a6a1-2d0f4b1e6f0a")));
        for (const HttpResult &r : results)
            QVERIFY2(r.status == 200, r.body.constData());
        const int onA = upstreamCallsWith(f, TokenA), onB = upstreamCallsWith(f, TokenB);
        qInfo("10 parallel requests of one conversation, limit 2: %d on a, %d on b, at most %d at once",
              onA, onB, std::max(f.fake.maxConcurrent(TokenA), f.fake.maxConcurrent(TokenB)));
        QCOMPARE(std::max(onA, onB), 10);   // all on the conversation's account
        QCOMPARE(std::max(f.fake.maxConcurrent(TokenA), f.fake.maxConcurrent(TokenB)), 2);
    }

    void perMinuteLimitIs429WithRetryAfterInEachFace()
    {
        ManualClock clock;
        clock.install();
        ProxyFixture f;
        QVERIFY(f.start(QJsonArray{poolAccount("healthy-a")}, [](Config &c) { c.accountRequestsPerMinute = 2; }));
        QCOMPARE(f.messages("one", false).status, 200);
        clock.advance(20 * 1000);
        QCOMPARE(f.messages("two", false).status, 200);
        const HttpResult limited = f.messages("three", false);
        QCOMPARE(limited.status, 429);
        QCOMPARE(limited.json().value("error").toObject().value("type").toString(), QStringLiteral("rate_limit_error"));
        QCOMPARE(limited.header("retry-after"), QByteArray("40"));   // when the first request leaves the minute
        const HttpResult chat = f.post("/v1/chat/completions", QJsonObject{{"model", "claude-sonnet-4-5"},
                                                                          {"messages", QJsonArray{ProxyFixture::userMessage("hi")}}});
        QCOMPARE(chat.status, 429);
        QCOMPARE(chat.json().value("error").toObject().value("code").toString(), QStringLiteral("rate_limit_exceeded"));
        QVERIFY(!chat.header("retry-after").isEmpty());
        QCOMPARE(accountsByName(f).value("healthy-a").value("requestsLastMinute").toInt(), 2);
        clock.advance(41 * 1000);
        QCOMPARE(f.messages("four", false).status, 200);
        QCOMPARE(f.fake.requests("/generateAssistantResponse").size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestE2eLimits)
#include "tst_e2e_limits.moc"
