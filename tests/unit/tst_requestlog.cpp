// RequestLog: append and read back every field, newest first, paging, filters, pruning to the
// newest N, and statistics (totals, per account, model, hour) that survive pruning and reopening.
#include "storage/database.h"
#include "storage/requestlog.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <cmath>

using namespace kt;

namespace {

const qint64 kBase = 1735732800000;   // 2025-01-01T12:00:00Z
constexpr qint64 kHour = 3600 * 1000;

RequestRecord record(int i, qint64 accountId, const QString &model, int status, qint64 timeMs = 0)
{
    RequestRecord r;
    r.time = QDateTime::fromMSecsSinceEpoch(timeMs ? timeMs : kBase + i * 1000, QTimeZone::utc());
    r.method = QStringLiteral("POST");
    r.path = QStringLiteral("/v1/messages");
    r.accountId = accountId;
    r.accountName = accountId ? QStringLiteral("account %1").arg(accountId) : QString();
    r.model = model;
    r.stream = i % 2 == 1;
    r.status = status;
    r.inputTokens = 10 + i;
    r.outputTokens = 100 + i;
    r.durationMs = 1000 + i;
    r.ttfbMs = i % 3 == 0 ? -1 : 50 + i;
    r.attempts = 1 + i % 4;
    r.face = i % 3 == 0 ? QStringLiteral("openai-chat") : QStringLiteral("anthropic");
    r.webSearches = i % 3;
    r.servedModel = model.isEmpty() ? QString() : model + QStringLiteral("-served");
    r.credits = 0.1 * (i % 4);
    r.conversation = i % 2 ? QStringLiteral("8bb5523b-3bd1-4cf4-a6a1-2d0f4b1e6f0a") : QString();
    r.error = status >= 400 ? QStringLiteral("error %1").arg(i) : QString();
    return r;
}

QJsonObject findBy(const QJsonArray &a, const char *key, const QJsonValue &value)
{
    for (const QJsonValue &v : a) {
        if (v.toObject().value(QLatin1String(key)) == value)
            return v.toObject();
    }
    return {};
}

qint64 n(const QJsonObject &o, const char *key)
{
    return qint64(o.value(QLatin1String(key)).toDouble(-1));
}

} // namespace

class TestRequestLog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void appendRoundTripsEveryField();
    void newestFirstWithLimitAndOffset();
    void filters_data();
    void filters();
    void prunesToKeepNewest();
    void setKeepAppliesAtNextAppend();
    void statsSurvivePruning();
    void statsSince();
    void statsEmpty();
    void statsSurviveReopen();
    void appendFailsCleanlyWhenClosed();
    void batchAppendKeepsOrderStatsAndPruning();
    void creditsSummedPerDayAccountAndModel();

private:
    void fillMixed();
    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<Database> m_db;
};

void TestRequestLog::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    m_db = std::make_unique<Database>(Database::defaultPath(m_tmp->path()));
    QString error;
    QVERIFY2(m_db->open(&error), qPrintable(error));
}

void TestRequestLog::cleanup()
{
    m_db.reset();
    m_tmp.reset();
}

// 30 rows: accounts 1,2,3 in turn, models a/b, statuses cycling 200, 200, 429, 500, 499, 201.
void TestRequestLog::fillMixed()
{
    RequestLog log(*m_db);
    const int statuses[] = {200, 200, 429, 500, 499, 201};
    for (int i = 0; i < 30; ++i) {
        QString error;
        QVERIFY2(log.append(record(i, 1 + i % 3, i % 2 ? QStringLiteral("model-b") : QStringLiteral("model-a"), statuses[i % 6]), &error),
                 qPrintable(error));
    }
}

void TestRequestLog::appendRoundTripsEveryField()
{
    RequestLog log(*m_db);
    RequestRecord r = record(7, 42, QStringLiteral("claude-sonnet-4.5"), 529);
    r.ttfbMs = 77;
    r.error = QStringLiteral("überlastet: \"quotes\" and 'apostrophes'");
    QString error;
    QVERIFY2(log.append(r, &error), qPrintable(error));
    const QList<RequestRecord> got = log.query({});
    QCOMPARE(got.size(), 1);
    const RequestRecord &g = got.first();
    QCOMPARE(g.time, r.time);
    QCOMPARE(g.method, r.method);
    QCOMPARE(g.path, r.path);
    QCOMPARE(g.accountId, r.accountId);
    QCOMPARE(g.accountName, r.accountName);
    QCOMPARE(g.model, r.model);
    QCOMPARE(g.stream, r.stream);
    QCOMPARE(g.status, r.status);
    QCOMPARE(g.inputTokens, r.inputTokens);
    QCOMPARE(g.outputTokens, r.outputTokens);
    QCOMPARE(g.durationMs, r.durationMs);
    QCOMPARE(g.ttfbMs, r.ttfbMs);
    QCOMPARE(g.attempts, r.attempts);
    QCOMPARE(g.webSearches, r.webSearches);
    QCOMPARE(g.conversation, r.conversation);
    QVERIFY(!g.conversation.isEmpty());
    QCOMPARE(g.error, r.error);
    QCOMPARE(g.face, r.face);
    QCOMPARE(g.servedModel, r.servedModel);
    QCOMPARE(g.credits, r.credits);

    // No time given: the row is stamped now.
    RequestRecord untimed;
    untimed.status = 200;
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    QVERIFY(log.append(untimed));
    const RequestRecord newest = log.query({}).first();
    QVERIFY(newest.time >= before);
    QCOMPARE(newest.accountId, qint64(0));
    QCOMPARE(newest.model, QString());
}

void TestRequestLog::newestFirstWithLimitAndOffset()
{
    RequestLog log(*m_db);
    for (int i = 0; i < 25; ++i)
        QVERIFY(log.append(record(i, 1, QStringLiteral("m"), 200)));
    LogFilter f;
    f.limit = 10;
    QList<RequestRecord> page = log.query(f);
    QCOMPARE(page.size(), 10);
    QCOMPARE(page.first().inputTokens, 10 + 24);
    QCOMPARE(page.last().inputTokens, 10 + 15);
    f.offset = 10;
    page = log.query(f);
    QCOMPARE(page.first().inputTokens, 10 + 14);
    f.offset = 20;
    page = log.query(f);
    QCOMPARE(page.size(), 5);
    QCOMPARE(page.last().inputTokens, 10 + 0);
    f.offset = 25;
    QVERIFY(log.query(f).isEmpty());
    QCOMPARE(log.count(f), 25);   // count ignores paging

    // Out-of-range paging is clamped, not an error.
    f.offset = -5;
    f.limit = 0;
    page = log.query(f);
    QCOMPARE(page.size(), 1);
    QCOMPARE(page.first().inputTokens, 10 + 24);
    f.limit = 1000000;
    QCOMPARE(log.query(f).size(), 25);
    // Order is by insertion, not by the record's own time: a late-arriving old record is still newest.
    QVERIFY(log.append(record(99, 1, QStringLiteral("m"), 200, kBase - 10 * kHour)));
    QCOMPARE(log.query({}).first().inputTokens, 10 + 99);
}

void TestRequestLog::filters_data()
{
    QTest::addColumn<qint64>("accountId");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("model");
    QTest::addColumn<int>("expected");
    // statuses per i%6: 200 200 429 500 499 201 → 2xx: 15, 4xx: 10, 5xx: 5
    QTest::newRow("all") << qint64(0) << 0 << QString() << 30;
    QTest::newRow("account 1") << qint64(1) << 0 << QString() << 10;
    QTest::newRow("account unknown") << qint64(9) << 0 << QString() << 0;
    QTest::newRow("2xx") << qint64(0) << 2 << QString() << 15;
    QTest::newRow("4xx") << qint64(0) << 4 << QString() << 10;
    QTest::newRow("5xx") << qint64(0) << 5 << QString() << 5;
    QTest::newRow("exact 429") << qint64(0) << 429 << QString() << 5;
    QTest::newRow("exact 201") << qint64(0) << 201 << QString() << 5;
    QTest::newRow("exact 404") << qint64(0) << 404 << QString() << 0;
    QTest::newRow("model-a") << qint64(0) << 0 << QStringLiteral("model-a") << 15;
    QTest::newRow("model prefix is not a match") << qint64(0) << 0 << QStringLiteral("model") << 0;
    // i%3==0 (account 1) and even i (model-a): i = 0,6,12,18,24 → statuses 200 each (i%6==0)
    QTest::newRow("account 1 + model-a") << qint64(1) << 0 << QStringLiteral("model-a") << 5;
    QTest::newRow("account 1 + model-a + 2xx") << qint64(1) << 2 << QStringLiteral("model-a") << 5;
    QTest::newRow("account 1 + model-a + 5xx") << qint64(1) << 5 << QStringLiteral("model-a") << 0;
    // account 2 is i%3==1; 4xx is i%6 in {2,4}: only i%6==4 (499) → i = 4,10,16,22,28
    QTest::newRow("account 2 + 4xx") << qint64(2) << 4 << QString() << 5;
}

void TestRequestLog::filters()
{
    QFETCH(qint64, accountId);
    QFETCH(int, status);
    QFETCH(QString, model);
    QFETCH(int, expected);
    fillMixed();
    RequestLog log(*m_db);
    LogFilter f;
    f.accountId = accountId;
    f.status = status;
    f.model = model;
    f.limit = 1000;
    const QList<RequestRecord> rows = log.query(f);
    // Cross-check the expectation against a plain filter over everything, so the table can't drift.
    int manual = 0;
    LogFilter all;
    all.limit = 1000;
    for (const RequestRecord &r : log.query(all)) {
        const bool statusOk = status == 0 || (status < 10 ? r.status / 100 == status : r.status == status);
        if ((accountId == 0 || r.accountId == accountId) && statusOk && (model.isEmpty() || r.model == model))
            ++manual;
    }
    QCOMPARE(manual, expected);
    QCOMPARE(rows.size(), expected);
    QCOMPARE(log.count(f), expected);
    for (const RequestRecord &r : rows) {
        if (accountId)
            QCOMPARE(r.accountId, accountId);
        if (!model.isEmpty())
            QCOMPARE(r.model, model);
    }
}

void TestRequestLog::prunesToKeepNewest()
{
    RequestLog log(*m_db, 10);
    QCOMPARE(log.keep(), 10);
    for (int i = 0; i < 25; ++i)
        QVERIFY(log.append(record(i, 1, QStringLiteral("m"), 200)));
    LogFilter all;
    all.limit = 1000;
    QCOMPARE(log.count(all), 10);
    const QList<RequestRecord> rows = log.query(all);
    QCOMPARE(rows.first().inputTokens, 10 + 24);
    QCOMPARE(rows.last().inputTokens, 10 + 15);
    // The default keeps 1000.
    QCOMPARE(RequestLog(*m_db).keep(), 1000);
}

void TestRequestLog::setKeepAppliesAtNextAppend()
{
    RequestLog log(*m_db, 100);
    for (int i = 0; i < 20; ++i)
        QVERIFY(log.append(record(i, 1, QStringLiteral("m"), 200)));
    log.setKeep(5);
    QCOMPARE(log.count({}), 20);
    QVERIFY(log.append(record(20, 1, QStringLiteral("m"), 200)));
    QCOMPARE(log.count({}), 5);
    QCOMPARE(log.query({}).last().inputTokens, 10 + 16);
    log.setKeep(0);   // clamped to 1
    QCOMPARE(log.keep(), 1);
    QVERIFY(log.append(record(21, 1, QStringLiteral("m"), 200)));
    QCOMPARE(log.count({}), 1);
}

void TestRequestLog::statsSurvivePruning()
{
    RequestLog log(*m_db, 3);
    // Two hours: 6 requests in the first, 4 in the second; accounts 1/2; models x/y.
    struct Row { qint64 account; const char *model; int status; qint64 time; };
    const Row rows[] = {
        {1, "x", 200, kBase}, {1, "x", 200, kBase + 1000}, {2, "x", 429, kBase + 2000},
        {2, "y", 500, kBase + 3000}, {1, "y", 200, kBase + 4000}, {2, "y", 200, kBase + 5000},
        {1, "x", 200, kBase + kHour}, {1, "x", 499, kBase + kHour + 1}, {2, "y", 201, kBase + kHour + 2},
        {1, "y", 200, kBase + 2 * kHour - 1},
    };
    int i = 0;
    for (const Row &r : rows)
        QVERIFY(log.append(record(i++, r.account, QLatin1String(r.model), r.status, r.time)));
    QCOMPARE(log.count({}), 3);

    const QJsonObject stats = log.stats();
    QVERIFY(stats.value(QLatin1String("since")).isNull());
    const QJsonObject totals = stats.value(QLatin1String("totals")).toObject();
    QCOMPARE(n(totals, "requests"), 10);
    QCOMPARE(n(totals, "success"), 7);
    QCOMPARE(n(totals, "errors"), 3);
    QCOMPARE(n(totals, "inputTokens"), 10 * 10 + 45);    // 10+i for i = 0..9
    QCOMPARE(n(totals, "outputTokens"), 100 * 10 + 45);

    const QJsonArray perAccount = stats.value(QLatin1String("perAccount")).toArray();
    QCOMPARE(perAccount.size(), 2);
    QCOMPARE(n(perAccount.at(0).toObject(), "accountId"), 1);   // most requests first
    const QJsonObject a1 = findBy(perAccount, "accountId", 1);
    QCOMPARE(n(a1, "requests"), 6);
    QCOMPARE(n(a1, "success"), 5);
    QCOMPARE(n(a1, "errors"), 1);
    QCOMPARE(a1.value(QLatin1String("accountName")).toString(), QStringLiteral("account 1"));
    const QJsonObject a2 = findBy(perAccount, "accountId", 2);
    QCOMPARE(n(a2, "requests"), 4);
    QCOMPARE(n(a2, "errors"), 2);
    QCOMPARE(n(a2, "inputTokens"), (10 + 2) + (10 + 3) + (10 + 5) + (10 + 8));

    const QJsonArray perModel = stats.value(QLatin1String("perModel")).toArray();
    QCOMPARE(perModel.size(), 2);
    QCOMPARE(n(findBy(perModel, "model", QStringLiteral("x")), "requests"), 5);
    QCOMPARE(n(findBy(perModel, "model", QStringLiteral("y")), "requests"), 5);
    QCOMPARE(n(findBy(perModel, "model", QStringLiteral("y")), "errors"), 1);

    const QJsonArray perHour = stats.value(QLatin1String("perHour")).toArray();
    QCOMPARE(perHour.size(), 2);
    const QJsonObject h0 = perHour.at(0).toObject(), h1 = perHour.at(1).toObject();
    QCOMPARE(h0.value(QLatin1String("hour")).toString(), QStringLiteral("2025-01-01T12:00:00Z"));
    QCOMPARE(n(h0, "requests"), 6);
    QCOMPARE(n(h0, "errors"), 2);
    QCOMPARE(h1.value(QLatin1String("hour")).toString(), QStringLiteral("2025-01-01T13:00:00Z"));
    QCOMPARE(n(h1, "requests"), 4);
    QCOMPARE(n(h1, "errors"), 1);
    QCOMPARE(n(h1, "outputTokens"), (100 + 6) + (100 + 7) + (100 + 8) + (100 + 9));
}

void TestRequestLog::statsSince()
{
    RequestLog log(*m_db);
    for (int h = 0; h < 5; ++h) {
        for (int k = 0; k <= h; ++k)
            QVERIFY(log.append(record(k, 1, QStringLiteral("m"), 200, kBase + h * kHour + k)));
    }
    // Whole hours: "since 14:30" includes the 14:00 bucket.
    const QJsonObject stats = log.stats(QDateTime::fromMSecsSinceEpoch(kBase + 2 * kHour + kHour / 2, QTimeZone::utc()));
    QCOMPARE(stats.value(QLatin1String("since")).toString(), QStringLiteral("2025-01-01T14:00:00Z"));
    QCOMPARE(n(stats.value(QLatin1String("totals")).toObject(), "requests"), 3 + 4 + 5);
    QCOMPARE(stats.value(QLatin1String("perHour")).toArray().size(), 3);
    QCOMPARE(n(stats.value(QLatin1String("perAccount")).toArray().at(0).toObject(), "requests"), 12);
    // A start after everything: zeros, not missing keys.
    const QJsonObject future = log.stats(QDateTime::fromMSecsSinceEpoch(kBase + 100 * kHour, QTimeZone::utc()));
    QCOMPARE(n(future.value(QLatin1String("totals")).toObject(), "requests"), 0);
    QVERIFY(future.value(QLatin1String("perHour")).toArray().isEmpty());
}

void TestRequestLog::statsEmpty()
{
    const QJsonObject stats = RequestLog(*m_db).stats();
    const QJsonObject totals = stats.value(QLatin1String("totals")).toObject();
    for (const char *key : {"requests", "success", "errors", "inputTokens", "outputTokens", "credits"})
        QCOMPARE(n(totals, key), 0);
    QVERIFY(stats.value(QLatin1String("perServedModel")).toArray().isEmpty());
    QVERIFY(stats.value(QLatin1String("perDay")).toArray().isEmpty());
    QVERIFY(stats.value(QLatin1String("perAccount")).isArray());
    QVERIFY(stats.value(QLatin1String("perAccount")).toArray().isEmpty());
    QVERIFY(stats.value(QLatin1String("perModel")).toArray().isEmpty());
    QVERIFY(stats.value(QLatin1String("perHour")).toArray().isEmpty());
}

void TestRequestLog::statsSurviveReopen()
{
    {
        RequestLog log(*m_db, 2);
        for (int i = 0; i < 7; ++i)
            QVERIFY(log.append(record(i, 5, QStringLiteral("m"), i == 3 ? 502 : 200)));
    }
    m_db.reset();
    Database db(Database::defaultPath(m_tmp->path()), QStringLiteral("reopen"));
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    RequestLog log(db, 2);
    QCOMPARE(log.count({}), 2);
    const QJsonObject totals = log.stats().value(QLatin1String("totals")).toObject();
    QCOMPARE(n(totals, "requests"), 7);
    QCOMPARE(n(totals, "errors"), 1);
}

void TestRequestLog::appendFailsCleanlyWhenClosed()
{
    Database closed(m_tmp->filePath(QStringLiteral("never-opened.sqlite")), QStringLiteral("closed"));
    RequestLog log(closed);
    QString error;
    QVERIFY(!log.append(record(0, 1, QStringLiteral("m"), 200), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(log.query({}).isEmpty());
    QCOMPARE(log.count({}), 0);
}

void TestRequestLog::batchAppendKeepsOrderStatsAndPruning()
{
    RequestLog log(*m_db, 4);
    QString error;
    QVERIFY(log.append(QList<RequestRecord>{}, &error));   // nothing to write is not an error
    QCOMPARE(log.count({}), 0);
    QList<RequestRecord> batch;
    for (int i = 0; i < 6; ++i)
        batch.append(record(i, 1 + i % 2, QStringLiteral("m"), i == 2 ? 500 : 200));
    QVERIFY2(log.append(batch, &error), qPrintable(error));
    QCOMPARE(log.count({}), 4);   // pruned once, after the whole batch
    const QList<RequestRecord> rows = log.query({});
    QCOMPARE(rows.size(), 4);
    QCOMPARE(rows.first().inputTokens, 10 + 5);   // written in order: the last record is the newest
    QCOMPARE(rows.last().inputTokens, 10 + 2);
    QCOMPARE(rows.last().status, 500);
    const QJsonObject totals = log.stats().value(QLatin1String("totals")).toObject();
    QCOMPARE(n(totals, "requests"), 6);
    QCOMPARE(n(totals, "errors"), 1);
    QCOMPARE(n(findBy(log.stats().value(QLatin1String("perAccount")).toArray(), "accountId", 2), "requests"), 3);

    Database closed(m_tmp->filePath(QStringLiteral("never-opened.sqlite")), QStringLiteral("closed-batch"));
    RequestLog broken(closed);
    error.clear();
    QVERIFY(!broken.append(batch, &error));
    QVERIFY(!error.isEmpty());
}

// Credits add up per request row into the totals, per account, per requested and served model, per
// hour and per UTC day; fractional sums come out without binary noise; a bad value counts as 0.
void TestRequestLog::creditsSummedPerDayAccountAndModel()
{
    RequestLog log(*m_db);
    const auto add = [&](qint64 account, const QString &model, const QString &served, double credits, qint64 timeMs) {
        RequestRecord r = record(0, account, model, 200, timeMs);
        r.servedModel = served;
        r.credits = credits;
        QVERIFY(log.append(r));
    };
    const qint64 nextDay = kBase + 12 * kHour;   // 2025-01-02T00:00:00Z
    add(1, QStringLiteral("claude-opus-5-5"), QStringLiteral("claude-opus-5"), 0.1, kBase);
    add(1, QStringLiteral("claude-opus-5-5"), QStringLiteral("claude-opus-5"), 0.2, kBase + 1000);
    add(2, QStringLiteral("claude-sonnet-5"), QStringLiteral("claude-sonnet-5"), 0.25, kBase + kHour);
    add(2, QStringLiteral("claude-opus-5"), QStringLiteral("claude-opus-5"), 1.5, nextDay + 5 * kHour);
    add(2, QStringLiteral("claude-opus-5"), QStringLiteral("claude-opus-5"), std::nan(""), nextDay + 6 * kHour);
    add(2, QStringLiteral("claude-opus-5"), QStringLiteral("claude-opus-5"), -3, nextDay + 6 * kHour);

    const QJsonObject stats = log.stats();
    const auto credits = [](const QJsonObject &o) { return o.value(QLatin1String("credits")).toDouble(-1); };
    QCOMPARE(credits(stats.value(QLatin1String("totals")).toObject()), 2.05);
    const QJsonArray accounts = stats.value(QLatin1String("perAccount")).toArray();
    QCOMPARE(credits(findBy(accounts, "accountId", 1)), 0.3);   // not 0.30000000000000004
    QCOMPARE(credits(findBy(accounts, "accountId", 2)), 1.75);
    const QJsonArray models = stats.value(QLatin1String("perModel")).toArray();
    QCOMPARE(credits(findBy(models, "model", QStringLiteral("claude-opus-5-5"))), 0.3);
    QCOMPARE(credits(findBy(models, "model", QStringLiteral("claude-opus-5"))), 1.5);
    const QJsonArray served = stats.value(QLatin1String("perServedModel")).toArray();
    QCOMPARE(served.size(), 2);
    const QJsonObject opus = findBy(served, "servedModel", QStringLiteral("claude-opus-5"));
    QCOMPARE(credits(opus), 1.8);
    QCOMPARE(n(opus, "requests"), 5);
    QCOMPARE(n(opus, "inputTokens"), 50);
    const QJsonArray days = stats.value(QLatin1String("perDay")).toArray();
    QCOMPARE(days.size(), 2);
    QCOMPARE(days.at(0).toObject().value(QLatin1String("day")).toString(), QStringLiteral("2025-01-01T00:00:00Z"));
    QCOMPARE(credits(days.at(0).toObject()), 0.55);
    QCOMPARE(n(days.at(0).toObject(), "requests"), 3);
    QCOMPARE(days.at(1).toObject().value(QLatin1String("day")).toString(), QStringLiteral("2025-01-02T00:00:00Z"));
    QCOMPARE(credits(days.at(1).toObject()), 1.5);
    QCOMPARE(credits(findBy(stats.value(QLatin1String("perHour")).toArray(), "hour", QStringLiteral("2025-01-01T13:00:00Z"))), 0.25);
    // A day's view: stats since its midnight.
    QCOMPARE(credits(log.stats(QDateTime::fromMSecsSinceEpoch(nextDay, QTimeZone::utc())).value(QLatin1String("totals")).toObject()), 1.5);
}

QTEST_GUILESS_MAIN(TestRequestLog)
#include "tst_requestlog.moc"
