// NotificationLimiter: the same notification is not repeated within its window, and bursts of
// different ones are capped; both limits expire with time.
#include "tray/notificationlimiter.h"

#include <QTest>
#include <QTimeZone>

using namespace kt;

class TestNotificationLimiter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameKeyOncePerWindow()
    {
        NotificationLimiter limiter(600, 10, 60);
        const QDateTime t0 = QDateTime::fromSecsSinceEpoch(1'700'000'000, QTimeZone::utc());
        QVERIFY(limiter.allow(QStringLiteral("account-invalid"), QStringLiteral("a"), t0));
        QVERIFY(!limiter.allow(QStringLiteral("account-invalid"), QStringLiteral("a"), t0.addSecs(10)));
        QVERIFY(!limiter.allow(QStringLiteral("account-invalid"), QStringLiteral("a"), t0.addSecs(599)));
        QVERIFY(limiter.allow(QStringLiteral("account-invalid"), QStringLiteral("b"), t0.addSecs(20)));
        QVERIFY(limiter.allow(QStringLiteral("quota-low"), QStringLiteral("a"), t0.addSecs(30)));
        QVERIFY(limiter.allow(QStringLiteral("account-invalid"), QStringLiteral("a"), t0.addSecs(600)));
        QCOMPARE(limiter.suppressed(), 2);
    }

    void burstIsCapped()
    {
        NotificationLimiter limiter(600, 3, 60);
        const QDateTime t0 = QDateTime::fromSecsSinceEpoch(1'700'000'000, QTimeZone::utc());
        for (int i = 0; i < 3; ++i)
            QVERIFY(limiter.allow(QStringLiteral("k"), QString::number(i), t0.addSecs(i)));
        QVERIFY(!limiter.allow(QStringLiteral("k"), QStringLiteral("x"), t0.addSecs(5)));
        QVERIFY(!limiter.allow(QStringLiteral("k"), QStringLiteral("y"), t0.addSecs(59)));
        // The first one leaves the window at t0+60.
        QVERIFY(limiter.allow(QStringLiteral("k"), QStringLiteral("z"), t0.addSecs(60)));
        // A suppressed one was not remembered, so it can show once there is room.
        QVERIFY(limiter.allow(QStringLiteral("k"), QStringLiteral("x"), t0.addSecs(200)));
    }

    void manyEventsFewMessages()
    {
        NotificationLimiter limiter;
        const QDateTime t0 = QDateTime::fromSecsSinceEpoch(1'700'000'000, QTimeZone::utc());
        int shown = 0;
        for (int i = 0; i < 1000; ++i)   // a flapping pool for ~17 minutes, once a second
            shown += limiter.allow(QStringLiteral("pool-exhausted"), QString(), t0.addSecs(i)) ? 1 : 0;
        QCOMPARE(shown, 2);
    }
};

QTEST_MAIN(TestNotificationLimiter)
#include "tst_notificationlimiter.moc"
