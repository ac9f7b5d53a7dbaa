// NetworkManagerPool: at most six requests per manager, the kept managers first, and the extra
// managers a burst needed deleted again once idle (also when the pool lives on another thread).
#include "upstream/networkmanagerpool.h"

#include <QNetworkAccessManager>
#include <QPointer>
#include <QSet>
#include <QThread>
#include <QtTest>

using namespace kt;

class TestNetworkManagerPool : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sixRequestsPerManager()
    {
        NetworkManagerPool pool;
        QList<QNetworkAccessManager *> got;
        for (int i = 0; i < 13; ++i)
            got << pool.acquire();
        QCOMPARE(pool.managerCount(), 3);
        QCOMPARE(got.count(got[0]), 6);
        QCOMPARE(got.count(got[6]), 6);
        QCOMPARE(got.count(got[12]), 1);
        QCOMPARE(QSet<QNetworkAccessManager *>(got.begin(), got.end()).size(), 3);
    }

    void freedRoomIsReusedBeforeANewManager()
    {
        NetworkManagerPool pool;
        QList<QNetworkAccessManager *> got;
        for (int i = 0; i < 12; ++i)
            got << pool.acquire();
        pool.release(got[7]);                  // one free slot in the second manager
        QCOMPARE(pool.acquire(), got[7]);
        QCOMPARE(pool.managerCount(), 2);
        pool.release(got[0]);
        pool.release(got[0]);                  // two free in the first ...
        pool.release(got[6]);                  // ... one in the second: the busier one is filled first
        QCOMPARE(pool.acquire(), got[6]);
        QCOMPARE(pool.acquire(), got[0]);
    }

    void releaseOfUnknownOrIdleIsIgnored()
    {
        NetworkManagerPool pool;
        QNetworkAccessManager stranger;
        pool.release(&stranger);
        QNetworkAccessManager *m = pool.acquire();
        pool.release(m);
        pool.release(m);                       // not below zero: the next six still share it
        for (int i = 0; i < 6; ++i)
            QCOMPARE(pool.acquire(), m);
        QVERIFY(pool.acquire() != m);
    }

    void extraManagersAreReapedWhenIdle()
    {
        NetworkManagerPool pool;
        pool.setReapDelay(50);
        QList<QNetworkAccessManager *> got;
        for (int i = 0; i < 30; ++i)
            got << pool.acquire();
        QCOMPARE(pool.managerCount(), 5);
        QPointer<QNetworkAccessManager> kept = got[0], extra = got[29];
        for (int i = 0; i < 29; ++i)           // the fifth manager still has one request
            pool.release(got[i]);
        QTRY_COMPARE_WITH_TIMEOUT(pool.managerCount(), 3, 10000);   // the two kept ones and the busy one
        QVERIFY(kept && extra);
        pool.release(got[29]);
        QTRY_COMPARE(pool.managerCount(), NetworkManagerPool::KeptIdle);
        QTRY_VERIFY(!extra);                   // deleted, not only forgotten
        QVERIFY(kept);
        QCOMPARE(pool.acquire(), kept.data());  // warm connections are used first
    }

    void reapingWorksOnTheProxyThread()
    {
        QThread thread;
        auto *pool = new NetworkManagerPool;
        pool->setReapDelay(50);
        pool->moveToThread(&thread);
        thread.start();
        int count = -1;
        QMetaObject::invokeMethod(pool, [pool] {
            QList<QNetworkAccessManager *> got;
            for (int i = 0; i < 24; ++i)
                got << pool->acquire();
            for (QNetworkAccessManager *m : got)
                pool->release(m);
        }, Qt::BlockingQueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT((QMetaObject::invokeMethod(pool, [pool] { return pool->managerCount(); },
                                                            Qt::BlockingQueuedConnection, &count), count == 2), 5000);
        QMetaObject::invokeMethod(pool, [pool] { delete pool; }, Qt::BlockingQueuedConnection);
        thread.quit();
        thread.wait();
    }
};

QTEST_GUILESS_MAIN(TestNetworkManagerPool)
#include "tst_networkmanagerpool.moc"
