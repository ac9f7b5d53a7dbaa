// QuotaInfo: parsing getUsageLimits (precise fields preferred, free trial and bonuses shown apart,
// inactive ones ignored), the remaining percentage and the colour levels exactly at their
// boundaries, storage round trip, and what an exhausted quota means for selection.
#include "accounts/account.h"
#include "accounts/quotainfo.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace kt;

namespace {

QJsonObject usage(const QJsonObject &breakdown, double reset = 1764547200.0)
{
    return {{"nextDateReset", reset},
            {"subscriptionInfo", QJsonObject{{"subscriptionTitle", "KIRO PRO+"}}},
            {"usageBreakdownList", QJsonArray{breakdown}}};
}

QuotaInfo simple(double used, double limit)
{
    QuotaInfo q;
    q.known = true;
    q.used = used;
    q.limit = limit;
    return q;
}

} // namespace

class TestQuotaInfo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void preciseFieldsArePreferred()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QuotaInfo q = QuotaInfo::fromUsageLimits(
            usage({{"currentUsage", 12}, {"currentUsageWithPrecision", 12.37}, {"usageLimit", 50}, {"usageLimitWithPrecision", 50.5}}), now);
        QVERIFY(q.known);
        QCOMPARE(q.used, 12.37);
        QCOMPARE(q.limit, 50.5);
        QCOMPARE(q.subscription, QStringLiteral("KIRO PRO+"));
        QCOMPARE(q.resetAt, QDateTime::fromSecsSinceEpoch(1764547200, QTimeZone::utc()));
        QCOMPARE(q.fetchedAt, now);
        QVERIFY(q.error.isEmpty());
    }

    void roundedFieldsWhenNoPreciseOnes()
    {
        const QuotaInfo q = QuotaInfo::fromUsageLimits(usage({{"currentUsage", 7}, {"usageLimit", 50}}), QDateTime::currentDateTimeUtc());
        QCOMPARE(q.used, 7.0);
        QCOMPARE(q.limit, 50.0);
        QCOMPARE(q.trialLimit, 0.0);
        QCOMPARE(q.bonusLimit, 0.0);
    }

    void trialAndBonusesAreKeptApart()
    {
        const QJsonObject breakdown{
            {"currentUsageWithPrecision", 10.0}, {"usageLimitWithPrecision", 50.0},
            {"freeTrialInfo", QJsonObject{{"freeTrialStatus", "ACTIVE"}, {"freeTrialExpiry", 1765000000.0},
                                          {"currentUsageWithPrecision", 3.5}, {"usageLimitWithPrecision", 500.0}}},
            {"bonuses", QJsonArray{QJsonObject{{"status", "ACTIVE"}, {"currentUsage", 1.0}, {"usageLimit", 100.0}},
                                   QJsonObject{{"status", "ACTIVE"}, {"currentUsageWithPrecision", 2.25}, {"usageLimitWithPrecision", 20.0}},
                                   QJsonObject{{"status", "EXPIRED"}, {"currentUsage", 99.0}, {"usageLimit", 1000.0}}}}};
        const QuotaInfo q = QuotaInfo::fromUsageLimits(usage(breakdown), QDateTime::currentDateTimeUtc());
        QCOMPARE(q.used, 10.0);
        QCOMPARE(q.limit, 50.0);
        QCOMPARE(q.trialUsed, 3.5);
        QCOMPARE(q.trialLimit, 500.0);
        QCOMPARE(q.trialExpiry, QDateTime::fromSecsSinceEpoch(1765000000, QTimeZone::utc()));
        QCOMPARE(q.bonusUsed, 3.25);     // the expired bonus is not counted
        QCOMPARE(q.bonusLimit, 120.0);
        QCOMPARE(q.totalUsed(), 16.75);
        QCOMPARE(q.totalLimit(), 670.0);
        const QJsonObject json = q.toJson();
        QCOMPARE(json.value("trialLimit").toDouble(), 500.0);
        QCOMPARE(json.value("bonusLimit").toDouble(), 120.0);
        QCOMPARE(json.value("limit").toDouble(), 50.0);
    }

    void inactiveTrialIsIgnored()
    {
        const QJsonObject breakdown{{"currentUsage", 5}, {"usageLimit", 50},
                                    {"freeTrialInfo", QJsonObject{{"freeTrialStatus", "EXPIRED"}, {"currentUsageWithPrecision", 500.0},
                                                                  {"usageLimitWithPrecision", 500.0}}}};
        const QuotaInfo q = QuotaInfo::fromUsageLimits(usage(breakdown), QDateTime::currentDateTimeUtc());
        QCOMPARE(q.trialLimit, 0.0);
        QCOMPARE(q.totalLimit(), 50.0);
        QVERIFY(!q.trialExpiry.isValid());
    }

    void malformedReplies_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("empty object") << QByteArray("{}");
        QTest::newRow("list not an array") << QByteArray(R"({"usageBreakdownList":{"currentUsage":1}})");
        QTest::newRow("empty list") << QByteArray(R"({"usageBreakdownList":[]})");
        QTest::newRow("list of numbers") << QByteArray(R"({"usageBreakdownList":[1,2]})");
    }

    void malformedReplies()
    {
        QFETCH(QByteArray, json);
        const QuotaInfo q = QuotaInfo::fromUsageLimits(QJsonDocument::fromJson(json).object(), QDateTime::currentDateTimeUtc());
        QVERIFY(!q.known);
        QVERIFY(!q.error.isEmpty());
        QCOMPARE(q.level(), QStringLiteral("unknown"));
        QVERIFY(!q.exhausted());
    }

    void oddValuesAreTamed()
    {
        // Strings, negatives and absurd timestamps never become usage or dates.
        const QJsonObject breakdown{{"currentUsage", "12"}, {"usageLimitWithPrecision", -5.0}, {"nextDateReset", "tomorrow"}};
        const QuotaInfo q = QuotaInfo::fromUsageLimits(usage(breakdown, 1e300), QDateTime::currentDateTimeUtc());
        QVERIFY(q.known);
        QCOMPARE(q.used, 0.0);
        QCOMPARE(q.limit, 0.0);
        QVERIFY(!q.resetAt.isValid());
        QCOMPARE(q.remainingPercent(), 100.0);
        QCOMPARE(q.level(), QStringLiteral("unknown"));
    }

    void levelsAtTheBoundaries_data()
    {
        QTest::addColumn<double>("used");
        QTest::addColumn<double>("limit");
        QTest::addColumn<double>("remaining");
        QTest::addColumn<QString>("level");
        QTest::newRow("100 % left") << 0.0 << 100.0 << 100.0 << "green";
        QTest::newRow("31 % left") << 69.0 << 100.0 << 31.0 << "green";
        QTest::newRow("30 % left") << 70.0 << 100.0 << 30.0 << "yellow";
        QTest::newRow("10 % left") << 90.0 << 100.0 << 10.0 << "yellow";
        QTest::newRow("9 % left") << 91.0 << 100.0 << 9.0 << "red";
        QTest::newRow("0 % left") << 100.0 << 100.0 << 0.0 << "red";
        QTest::newRow("overused") << 130.0 << 100.0 << 0.0 << "red";
        QTest::newRow("30 % of a fractional limit") << 35.35 << 50.5 << 30.0 << "yellow";
        QTest::newRow("just above 30 %") << 34.8 << 50.0 << 30.4 << "green";
        QTest::newRow("just below 10 %") << 45.05 << 50.0 << 9.9 << "red";
    }

    void levelsAtTheBoundaries()
    {
        QFETCH(double, used);
        QFETCH(double, limit);
        QFETCH(double, remaining);
        QFETCH(QString, level);
        const QuotaInfo q = simple(used, limit);
        QVERIFY2(qAbs(q.remainingPercent() - remaining) < 1e-9, qPrintable(QString::number(q.remainingPercent(), 'g', 17)));
        QCOMPARE(q.level(), level);
        QCOMPARE(q.toJson().value("level").toString(), level);
        QCOMPARE(q.exhausted(), used >= limit);
    }

    void levelCountsTrialAndBonus()
    {
        QuotaInfo q = simple(50, 50);   // main allowance used up ...
        q.trialUsed = 0;
        q.trialLimit = 150;             // ... but a trial leaves 75 % of everything
        QCOMPARE(q.remainingPercent(), 75.0);
        QCOMPARE(q.level(), QStringLiteral("green"));
        QVERIFY(!q.exhausted());
        q.bonusUsed = 100;
        q.bonusLimit = 100;
        QCOMPARE(q.remainingPercent(), 50.0);
    }

    void overageFields()
    {
        // docs/protocol.md#usage-limits: status from overageConfiguration, capability from subscriptionInfo, cap/rate/charges from the
        // first breakdown that has any.
        QJsonObject reply = usage({{"usageLimit", 50}});
        reply["overageConfiguration"] = QJsonObject{{"overageStatus", "enabled"}};
        reply["subscriptionInfo"] = QJsonObject{{"subscriptionTitle", "KIRO PRO"}, {"overageCapability", "OVERAGE_CAPABLE"}};
        reply["usageBreakdownList"] = QJsonArray{QJsonObject{{"usageLimit", 50}, {"overageCap", 0}},
                                                 QJsonObject{{"overageCap", 20.0}, {"overageRate", 0.04}, {"currentOverages", 1.5}}};
        const QuotaInfo q = QuotaInfo::fromUsageLimits(reply, QDateTime::currentDateTimeUtc());
        QCOMPARE(q.overage.status, QStringLiteral("ENABLED"));
        QVERIFY(q.overage.known() && q.overage.enabled());
        QCOMPARE(q.overage.capability, QStringLiteral("OVERAGE_CAPABLE"));
        QCOMPARE(q.overage.cap, 20.0);
        QCOMPARE(q.overage.rate, 0.04);
        QCOMPARE(q.overage.charges, 1.5);
        const OverageInfo back = QuotaInfo::fromJson(q.toJson()).overage;
        QCOMPARE(back.status, q.overage.status);
        QCOMPARE(back.cap, 20.0);
        QCOMPARE(back.charges, 1.5);

        // Not reported: unknown, null in JSON, and a negative or odd number is 0.
        const QuotaInfo none = QuotaInfo::fromUsageLimits(usage({{"usageLimit", 50}, {"overageCap", -3}}), QDateTime::currentDateTimeUtc());
        QVERIFY(!none.overage.known());
        QVERIFY(!none.overage.enabled());
        QCOMPARE(none.overage.cap, 0.0);
        QVERIFY(none.toJson().value("overage").toObject().value("enabled").isNull());
    }

    void jsonRoundTrip()
    {
        QuotaInfo q = simple(12.37, 50);
        q.trialUsed = 1;
        q.trialLimit = 2;
        q.trialExpiry = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), QTimeZone::utc());
        q.bonusUsed = 3;
        q.bonusLimit = 4;
        q.resetAt = QDateTime(QDate(2026, 2, 1), QTime(0, 0), QTimeZone::utc());
        q.subscription = QStringLiteral("KIRO FREE");
        q.fetchedAt = QDateTime(QDate(2025, 12, 24), QTime(10, 0, 0, 123), QTimeZone::utc());
        q.error = QStringLiteral("last try failed");
        const QuotaInfo back = QuotaInfo::fromJson(q.toJson());
        QCOMPARE(back.known, true);
        QCOMPARE(back.used, q.used);
        QCOMPARE(back.limit, q.limit);
        QCOMPARE(back.trialUsed, q.trialUsed);
        QCOMPARE(back.trialLimit, q.trialLimit);
        QCOMPARE(back.trialExpiry, q.trialExpiry);
        QCOMPARE(back.bonusUsed, q.bonusUsed);
        QCOMPARE(back.bonusLimit, q.bonusLimit);
        QCOMPARE(back.resetAt, q.resetAt);
        QCOMPARE(back.subscription, q.subscription);
        QCOMPARE(back.fetchedAt, q.fetchedAt);
        QCOMPARE(back.error, q.error);
        QVERIFY(!QuotaInfo::fromJson({}).known);
    }

    void exhaustedQuotaBlocksSelectionUntilResetUnlessOverage()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        Account a;
        a.credential.id = 1;
        a.quota = simple(50, 50);
        a.quota.resetAt = now.addDays(3);
        QVERIFY(!a.isSelectable(now));
        a.overageEnabled = true;
        QVERIFY(a.isSelectable(now));
        a.overageEnabled = false;
        QVERIFY(a.isSelectable(now.addDays(4)));   // the reset has passed: the reading is stale
        a.quota = simple(49.99, 50);
        QVERIFY(a.isSelectable(now));
        const QJsonObject json = a.toPublicJson();
        QCOMPARE(json.value("quota").toObject().value("level").toString(), QStringLiteral("red"));
    }
};

QTEST_GUILESS_MAIN(TestQuotaInfo)
#include "tst_quotainfo.moc"
