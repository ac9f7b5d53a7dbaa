// SingleInstance: the first instance listens; a second one with the same key reports that it is
// not the primary and delivers "activate"; a stale socket from a crash does not block a new start.
#include "platform/singleinstance.h"

#include <QLocalServer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace kt;

class TestSingleInstance : public QObject
{
    Q_OBJECT

private:
    static QString uniqueKey()
    {
        return SingleInstance::keyFor(QStringLiteral("/tmp/kt-test-%1-%2").arg(QCoreApplication::applicationPid()).arg(++s_counter));
    }
    static inline int s_counter = 0;

private Q_SLOTS:
    void keyDependsOnDataDir()
    {
        QCOMPARE(SingleInstance::keyFor(QStringLiteral("/a/b")), SingleInstance::keyFor(QStringLiteral("/a/b/")));
        QVERIFY(SingleInstance::keyFor(QStringLiteral("/a/b")) != SingleInstance::keyFor(QStringLiteral("/a/c")));
        QVERIFY(SingleInstance::keyFor(QStringLiteral("/a/b")).size() < 40);
    }

    void secondLaunchActivatesFirst()
    {
        const QString key = uniqueKey();
        SingleInstance first(key);
        QVERIFY(first.acquire());
        QVERIFY(first.isPrimary());
        QSignalSpy messages(&first, &SingleInstance::messageReceived);

        SingleInstance second(key);
        QVERIFY(!second.acquire());
        QVERIFY(!second.isPrimary());
        QTRY_COMPARE(messages.size(), 1);
        QCOMPARE(messages.at(0).at(0).toByteArray(), QByteArray("activate"));

        SingleInstance third(key);
        QVERIFY(!third.acquire("hello"));
        QTRY_COMPARE(messages.size(), 2);
        QCOMPARE(messages.at(1).at(0).toByteArray(), QByteArray("hello"));
    }

    void differentKeysAreIndependent()
    {
        SingleInstance a(uniqueKey()), b(uniqueKey());
        QVERIFY(a.acquire());
        QVERIFY(b.acquire());
    }

    void primaryGoneMeansNewPrimary()
    {
        const QString key = uniqueKey();
        {
            SingleInstance first(key);
            QVERIFY(first.acquire());
        }
        SingleInstance next(key);
        QVERIFY(next.acquire());
        QVERIFY(next.isPrimary());
    }
};

QTEST_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
