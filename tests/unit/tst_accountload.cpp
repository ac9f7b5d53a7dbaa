// AccountLoad: the concurrency limit, the sliding one-minute window, when an account admits again,
// the requests in flight on every account.
#include "pool/accountload.h"

#include <QtTest>

using namespace kt;

class TestAccountLoad : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void concurrency()
    {
        AccountLoad load;
        load.setLimits(2, 0);
        QVERIFY(load.admits(1, 0));
        load.acquire(1, 0);
        load.acquire(1, 0);
        QVERIFY(!load.admits(1, 0));
        QVERIFY(load.admits(2, 0));   // per account
        QCOMPARE(load.msUntilAdmitted(1, 0), -1);
        QCOMPARE(load.inFlight(1), 2);
        load.release(1);
        QVERIFY(load.admits(1, 0));
        load.release(1);
        load.release(1);   // never below zero
        QCOMPARE(load.inFlight(1), 0);
    }

    // On every account: what the pool's loading paces itself by.
    void inFlightOnEveryAccount()
    {
        AccountLoad load;
        load.acquire(1, 0);
        load.acquire(1, 0);
        load.acquire(2, 0);
        QCOMPARE(load.inFlight(), 3);
        load.release(2);
        load.release(2);   // never below zero
        QCOMPARE(load.inFlight(), 2);
        load.forget(1);   // a removed account's requests end without it
        QCOMPARE(load.inFlight(), 0);
        load.release(1);
        QCOMPARE(load.inFlight(), 0);
    }

    void perMinuteWindow()
    {
        AccountLoad load;
        load.setLimits(0, 3);
        for (qint64 t : {1000, 2000, 30000}) {
            QVERIFY(load.admits(7, t));
            load.acquire(7, t);
            load.release(7);
        }
        QVERIFY(!load.admits(7, 40000));
        QCOMPARE(load.startedLastMinute(7, 40000), 3);
        QCOMPARE(load.msUntilAdmitted(7, 40000), 1000 + 60000 - 40000);   // when the start at 1 s leaves the window
        QVERIFY(!load.admits(7, 60999));
        QVERIFY(load.admits(7, 61000));
        QCOMPARE(load.startedLastMinute(7, 62001), 1);
    }

    void noLimits()
    {
        AccountLoad load;
        for (int i = 0; i < 1000; ++i)
            load.acquire(3, i);
        QVERIFY(load.admits(3, 1000));
        QCOMPARE(load.inFlight(3), 1000);
    }
};

QTEST_GUILESS_MAIN(TestAccountLoad)
#include "tst_accountload.moc"
