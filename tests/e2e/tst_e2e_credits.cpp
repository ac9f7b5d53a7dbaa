// Credits and prompt-cache use end to end: the fake's meteringEvents (0.5 + 0.25 credits with 800 cache
// reads and 100 cache writes in "metered", 0.01 in "text") summed per request into /api/logs, the
// statistics (per day, account, requested and served model) and every face's usage, streaming or not;
// and the quota Kiro reports grows by the credits logged.
#include "proxyfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace kt;
using namespace kt::test;

namespace {

const QString Metered = QStringLiteral("[[scenario:metered]] ");

HttpClientHeaders bearer()
{
    return {{"authorization", "Bearer " + TestApiKey}, {"content-type", "application/json"}};
}

HttpResult openAi(ProxyFixture &f, const QByteArray &path, const QJsonObject &body)
{
    return f.postRaw(path, QJsonDocument(body).toJson(QJsonDocument::Compact), bearer());
}

QJsonObject lastData(const HttpResult &r, const char *containing)
{
    QJsonObject found;
    for (const QByteArray &d : r.dataLines())
        if (d.contains(containing))
            found = QJsonDocument::fromJson(d).object();
    return found;
}

double credits(const QJsonObject &o)
{
    return o.value("credits").toDouble(-1);
}

} // namespace

class TestE2eCredits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void creditsInLogsAndStats()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        const HttpResult whole = f.messages(Metered + "whole", false);
        QCOMPARE(whole.status, 200);
        const QJsonObject usage = whole.json().value("usage").toObject();
        QCOMPARE(usage.value("cache_read_input_tokens").toInt(), 800);
        QCOMPARE(usage.value("cache_creation_input_tokens").toInt(), 100);
        QCOMPARE(usage.value("input_tokens").toInt(), 3000 - 900);   // 1.5 % of a 200k window, less the cached part

        const HttpResult streamed = f.messages(Metered + "streamed", true);
        QCOMPARE(streamed.status, 200);
        QJsonObject delta;
        for (const SseEventData &e : streamed.events())
            if (e.name == "message_delta")
                delta = e.data.value("usage").toObject();
        QCOMPARE(delta, usage);

        QCOMPARE(f.messages("plain", true).status, 200);   // "text": one meteringEvent of 0.01

        const QJsonArray logs = f.api("GET", "/api/logs").json().value("logs").toArray();
        QCOMPARE(logs.size(), 3);
        QCOMPARE(credits(logs[0].toObject()), 0.01);
        QCOMPARE(credits(logs[1].toObject()), 0.75);
        QCOMPARE(credits(logs[2].toObject()), 0.75);
        QTRY_VERIFY(f.records.size() >= 3);   // the /api/* calls are recorded too
        QCOMPARE(f.records[0].path, QStringLiteral("/v1/messages"));
        QCOMPARE(f.records[0].credits, 0.75);

        const QJsonObject stats = f.api("GET", "/api/logs/stats").json();
        QCOMPARE(credits(stats.value("totals").toObject()), 1.51);
        QCOMPARE(credits(stats.value("perAccount").toArray()[0].toObject()), 1.51);
        QCOMPARE(credits(stats.value("perModel").toArray()[0].toObject()), 1.51);
        const QJsonArray served = stats.value("perServedModel").toArray();
        QCOMPARE(served.size(), 1);
        QCOMPARE(served[0].toObject().value("servedModel").toString(), logs[0].toObject().value("servedModel").toString());
        QVERIFY(!served[0].toObject().value("servedModel").toString().isEmpty());
        QCOMPARE(served[0].toObject().value("requests").toInt(), 3);
        const QJsonArray days = stats.value("perDay").toArray();
        QCOMPARE(days.size(), 1);
        QCOMPARE(credits(days[0].toObject()), 1.51);
        QCOMPARE(days[0].toObject().value("day").toString(),
                 QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate) + QStringLiteral("T00:00:00Z"));
    }

    // docs/api.md "Credits and the quota bar": the fake adds what it meters to getUsageLimits' current
    // usage as Kiro does, so an account's quota grows by exactly the credits its requests logged.
    void quotaGrowsByTheLoggedCredits()
    {
        ProxyFixture f;
        QVERIFY(f.start({}, [](Config &c) { c.quotaRefreshMinutes = 0; }));
        const auto totalUsed = [&] {
            return f.api("POST", "/api/accounts/1/usage/refresh").json().value("quota").toObject().value("totalUsed").toDouble(-1);
        };
        const double before = totalUsed();
        QVERIFY(before >= 0);
        QCOMPARE(f.messages(Metered + "one", false).status, 200);
        QCOMPARE(f.messages(Metered + "two", true).status, 200);
        QCOMPARE(f.messages("three", false).status, 200);
        const double logged = credits(f.api("GET", "/api/logs/stats").json().value("perAccount").toArray()[0].toObject());
        QCOMPARE(logged, 1.51);
        QCOMPARE(totalUsed() - before, logged);
    }

    void cacheInOpenAiUsage()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        const QJsonArray messages{QJsonObject{{"role", "user"}, {"content", Metered + "hi"}}};
        const QJsonObject chat{{"model", "claude-sonnet-4-5"}, {"messages", messages}};
        const QJsonObject chatUsage = openAi(f, "/v1/chat/completions", chat).json().value("usage").toObject();
        QCOMPARE(chatUsage.value("prompt_tokens").toInt(), 3000);
        QCOMPARE(chatUsage.value("prompt_tokens_details").toObject().value("cached_tokens").toInt(), 800);

        QJsonObject chatStream = chat;
        chatStream.insert("stream", true);
        chatStream.insert("stream_options", QJsonObject{{"include_usage", true}});
        const QJsonObject streamedUsage = lastData(openAi(f, "/v1/chat/completions", chatStream), "\"usage\":{").value("usage").toObject();
        QCOMPARE(streamedUsage, chatUsage);

        const QJsonObject responses{{"model", "claude-sonnet-4-5"}, {"input", Metered + "hi"}};
        const QJsonObject respUsage = openAi(f, "/v1/responses", responses).json().value("usage").toObject();
        QCOMPARE(respUsage.value("input_tokens").toInt(), 3000);
        QCOMPARE(respUsage.value("input_tokens_details").toObject().value("cached_tokens").toInt(), 800);

        QJsonObject respStream = responses;
        respStream.insert("stream", true);
        const QJsonObject completed = lastData(openAi(f, "/v1/responses", respStream), "response.completed");
        QCOMPARE(completed.value("response").toObject().value("usage").toObject(), respUsage);

        const QJsonObject stats = f.api("GET", "/api/logs/stats").json();
        QCOMPARE(stats.value("totals").toObject().value("requests").toInt(), 4);
        QCOMPARE(credits(stats.value("totals").toObject()), 3.0);
    }
};

QTEST_GUILESS_MAIN(TestE2eCredits)
#include "tst_e2e_credits.moc"
