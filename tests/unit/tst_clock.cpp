// Clock::current() is the system clock until a test installs a ManualClock, which moves only when
// told to, says so, and uninstalls itself when it goes.
#include "util/clock.h"

#include <QSignalSpy>
#include <QTest>

using namespace kt;

class TestClock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void systemClockByDefault()
    {
        const QDateTime before = QDateTime::currentDateTimeUtc();
        const QDateTime now = Clock::current().now();
        QVERIFY(now >= before);
        QVERIFY(now.msecsTo(QDateTime::currentDateTimeUtc()) >= 0);
        QCOMPARE(now.timeSpec(), Qt::UTC);
    }

    void manualClockMovesOnlyWhenTold()
    {
        const QDateTime start(QDate(2026, 12, 6), QTime(10, 0), Qt::UTC);
        {
            ManualClock clock(start);
            clock.install();
            QSignalSpy moved(&clock, &Clock::moved);
            QCOMPARE(&Clock::current(), &clock);
            QCOMPARE(Clock::current().now(), start);
            clock.advance(90 * 1000);
            QCOMPARE(Clock::current().now(), start.addSecs(90));
            QCOMPARE(moved.count(), 1);
            clock.setNow(start.addDays(1));
            QCOMPARE(Clock::current().now(), start.addDays(1));
            QCOMPARE(moved.count(), 2);
        }
        QVERIFY(qAbs(Clock::current().now().secsTo(QDateTime::currentDateTimeUtc())) < 5);   // the system clock again, not 2026-12-07
    }
};

QTEST_GUILESS_MAIN(TestClock)
#include "tst_clock.moc"
