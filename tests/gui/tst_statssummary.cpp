// StatsSummary: today's totals from the per-hour statistics, the last N hours with gaps filled,
// per-account counters, today's credits, and malformed statistics read as zeros.
#include "monitor/statssummary.h"

#include <QJsonArray>
#include <QTest>

using namespace kt;

class TestStatsSummary : public QObject
{
    Q_OBJECT

private:
    static QJsonObject hour(const QDateTime &t, int requests, int errors, int in, int out)
    {
        return {{QStringLiteral("hour"), t.toUTC().toString(Qt::ISODate)}, {QStringLiteral("requests"), requests},
                {QStringLiteral("errors"), errors}, {QStringLiteral("inputTokens"), in}, {QStringLiteral("outputTokens"), out}};
    }

private Q_SLOTS:
    void todayTotals()
    {
        const QDateTime now(QDate::currentDate(), QTime(15, 20));
        const QDateTime thisHour(now.date(), QTime(15, 0));
        const QJsonObject stats{
            {QStringLiteral("totals"), QJsonObject{{QStringLiteral("requests"), 40}}},
            {QStringLiteral("perHour"), QJsonArray{hour(thisHour.addDays(-1), 30, 3, 100, 100), hour(QDateTime(now.date(), QTime(0, 0)), 4, 1, 10, 20),
                                                   hour(thisHour, 6, 0, 5, 7)}}};
        const StatsSummary s = StatsSummary::fromStats(stats, now);
        QCOMPARE(s.requestsToday, 10);
        QCOMPARE(s.errorsToday, 1);
        QCOMPARE(s.inputTokensToday, 15);
        QCOMPARE(s.outputTokensToday, 27);
        QCOMPARE(s.requestsTotal, 40);
        QCOMPARE(s.successRateToday(), 90.0);
        QCOMPARE(StatsSummary().successRateToday(), -1.0);
    }

    void creditsTodayAndPerAccount()
    {
        const QDateTime now(QDate::currentDate(), QTime(15, 20));
        const QDateTime thisHour(now.date(), QTime(15, 0));
        QJsonObject yesterday = hour(thisHour.addDays(-1), 1, 0, 1, 1), early = hour(QDateTime(now.date(), QTime(0, 0)), 1, 0, 1, 1),
                    latest = hour(thisHour, 1, 0, 1, 1);
        yesterday.insert(QStringLiteral("credits"), 5.0);
        early.insert(QStringLiteral("credits"), 0.25);
        latest.insert(QStringLiteral("credits"), 0.5);
        const QJsonObject account{{QStringLiteral("accountId"), 3}, {QStringLiteral("requests"), 3}, {QStringLiteral("credits"), 5.75}};
        const QJsonObject stats{{QStringLiteral("perHour"), QJsonArray{yesterday, early, latest}},
                                {QStringLiteral("perAccount"), QJsonArray{account}}};
        QCOMPARE(StatsSummary::fromStats(stats, now).creditsToday, 0.75);
        QCOMPARE(StatsSummary::perAccount(stats).at(0).credits, 5.75);
    }

    void lastHoursFillsGaps()
    {
        const QDateTime now(QDate(2026, 3, 4), QTime(10, 30));
        const QJsonObject stats{{QStringLiteral("perHour"),
                                 QJsonArray{hour(QDateTime(now.date(), QTime(8, 0)), 2, 0, 1, 1), hour(QDateTime(now.date(), QTime(10, 0)), 5, 1, 3, 4),
                                            hour(QDateTime(now.date(), QTime(2, 0)), 9, 0, 0, 0)}}};
        const QList<HourBucket> hours = StatsSummary::lastHours(stats, now, 4);
        QCOMPARE(hours.size(), 4);
        QCOMPARE(hours.first().hour, QDateTime(now.date(), QTime(7, 0)));
        QCOMPARE(hours.last().hour, QDateTime(now.date(), QTime(10, 0)));
        QCOMPARE(hours.at(0).requests, 0);
        QCOMPARE(hours.at(1).requests, 2);
        QCOMPARE(hours.at(2).requests, 0);
        QCOMPARE(hours.at(3).requests, 5);
        QCOMPARE(hours.at(3).errors, 1);
        QCOMPARE(hours.at(3).outputTokens, 4);
        QVERIFY(StatsSummary::lastHours(stats, now, 0).isEmpty());
    }

    void perAccountBusiestFirst()
    {
        const QJsonObject stats{{QStringLiteral("perAccount"),
                                 QJsonArray{QJsonObject{{QStringLiteral("accountId"), 1}, {QStringLiteral("accountName"), QStringLiteral("a")},
                                                        {QStringLiteral("requests"), 2}, {QStringLiteral("inputTokens"), 5}, {QStringLiteral("outputTokens"), 6}},
                                            QJsonObject{{QStringLiteral("accountId"), 0}, {QStringLiteral("requests"), 50}},
                                            QJsonObject{{QStringLiteral("accountId"), 2}, {QStringLiteral("accountName"), QStringLiteral("b")},
                                                        {QStringLiteral("requests"), 9}, {QStringLiteral("errors"), 1}}}}};
        const QList<AccountBucket> accounts = StatsSummary::perAccount(stats);
        QCOMPARE(accounts.size(), 2);
        QCOMPARE(accounts.at(0).accountName, QStringLiteral("b"));
        QCOMPARE(accounts.at(1).tokens, 11);
    }

    void malformedIsZero()
    {
        const QJsonObject stats{{QStringLiteral("perHour"), QJsonArray{QJsonObject{{QStringLiteral("hour"), QStringLiteral("yesterday")}}, 5, QStringLiteral("x")}},
                                {QStringLiteral("perAccount"), QStringLiteral("nope")}};
        const StatsSummary s = StatsSummary::fromStats(stats, QDateTime::currentDateTime());
        QCOMPARE(s.requestsToday, 0);
        QCOMPARE(StatsSummary::perAccount(stats).size(), 0);
        QCOMPARE(StatsSummary::lastHours(stats, QDateTime::currentDateTime(), 3).size(), 3);
    }
};

QTEST_MAIN(TestStatsSummary)
#include "tst_statssummary.moc"
