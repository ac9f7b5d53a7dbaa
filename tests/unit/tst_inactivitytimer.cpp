// InactivityTimer: the ping and upstream-idle timers of a stream, restarted for every event without
// re-registering a timer each time.
#include "service/inactivitytimer.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QTest>

using namespace kt;

class TestInactivityTimer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firesAfterAQuietInterval()
    {
        InactivityTimer timer;
        int fired = 0;
        connect(&timer, &InactivityTimer::timeout, this, [&] { ++fired; });
        QElapsedTimer clock;
        clock.start();
        timer.start(100);
        QVERIFY(timer.isActive());
        QTRY_COMPARE_WITH_TIMEOUT(fired, 1, 10000);
        QVERIFY(clock.elapsed() >= 95);   // coarse timers may fire up to 5 % early
    }

    void eachStartPostponesIt()
    {
        InactivityTimer timer;
        int fired = 0;
        connect(&timer, &InactivityTimer::timeout, this, [&] { ++fired; });
        timer.start(400);
        QElapsedTimer clock;
        clock.start();
        QElapsedTimer sinceLastStart;
        sinceLastStart.start();
        qint64 longestGap = 0;
        QTimer activity;   // a stream's events, every ~20 ms for well over three intervals
        connect(&activity, &QTimer::timeout, this, [&] {
            longestGap = qMax(longestGap, sinceLastStart.restart());
            timer.start(400);
            if (clock.elapsed() >= 1500)
                activity.stop();
        });
        activity.start(20);
        QTRY_VERIFY_WITH_TIMEOUT(!activity.isActive(), 60000);
        if (longestGap < 380)   // a stalled machine may have left a real quiet interval
            QCOMPARE(fired, 0);
        const int before = fired;
        QTRY_COMPARE_WITH_TIMEOUT(fired, before + 1, 10000);
    }

    void keepsFiringWhileQuiet()
    {
        InactivityTimer timer;
        int fired = 0;
        connect(&timer, &InactivityTimer::timeout, this, [&] { ++fired; });
        timer.start(50);
        QTRY_VERIFY_WITH_TIMEOUT(fired >= 3, 10000);
    }

    void stopInTheReceiverIsFinal()
    {
        InactivityTimer timer;
        int fired = 0;
        connect(&timer, &InactivityTimer::timeout, this, [&] {
            ++fired;
            timer.stop();
        });
        timer.start(30);
        QTRY_COMPARE_WITH_TIMEOUT(fired, 1, 10000);
        QVERIFY(!timer.isActive());
        QTest::qWait(150);   // five intervals in which nothing may happen: no event to wait for
        QCOMPARE(fired, 1);
    }

    void aNewIntervalTakesEffectAtOnce()
    {
        InactivityTimer timer;
        int fired = 0;
        connect(&timer, &InactivityTimer::timeout, this, [&] { ++fired; });
        timer.start(60000);
        timer.start(50);
        QTRY_COMPARE_WITH_TIMEOUT(fired, 1, 10000);
    }

    void stoppedNeverFires()
    {
        InactivityTimer timer;
        int fired = 0;
        connect(&timer, &InactivityTimer::timeout, this, [&] { ++fired; });
        timer.start(30);
        timer.stop();
        QTest::qWait(150);   // five intervals in which nothing may happen: no event to wait for
        QCOMPARE(fired, 0);
    }
};

QTEST_GUILESS_MAIN(TestInactivityTimer)
#include "tst_inactivitytimer.moc"
