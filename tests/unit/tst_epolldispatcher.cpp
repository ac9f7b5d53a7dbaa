// The proxy thread's event dispatcher (EpollDispatcher): timers, socket notifiers, posted events and
// quitting, each on a real QThread that runs it, with the cases Qt's own dispatchers get right and a
// replacement could get wrong: handlers that kill other timers or delete other notifiers, nested
// event loops, descriptor numbers reused after a close, interest switched on and off between waits.
#include "eventloop/epolldispatcher.h"
#include "util/platform.h"

#include "unit/support/testcertificate.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QPointer>
#include <QSocketNotifier>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <atomic>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

using namespace kt;

namespace {

// Whether thread `tid` of this process is blocked in epoll_wait right now (what /proc says it waits in).
bool blockedInEpollWait(pid_t tid)
{
    QFile file(QStringLiteral("/proc/self/task/%1/syscall").arg(tid));
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const long number = file.readAll().split(' ').value(0).toLong();
    return number == SYS_epoll_wait || number == SYS_epoll_pwait;
}

// A thread whose event loop is an EpollDispatcher; run() executes a function there and waits.
class EpollThread
{
public:
    EpollThread()
    {
        m_thread.setEventDispatcher(new EpollDispatcher);
        m_thread.start();
        m_context.moveToThread(&m_thread);
    }
    ~EpollThread()
    {
        m_thread.quit();
        m_thread.wait();
    }
    // Waits on a std::mutex rather than through Qt::BlockingQueuedConnection, whose hand-over
    // ThreadSanitizer cannot see (scripts/test.sh --tsan runs this suite).
    void run(const std::function<void()> &work)
    {
        std::mutex mutex;
        std::condition_variable condition;
        bool done = false;
        QMetaObject::invokeMethod(&m_context, [&] {
            work();
            const std::lock_guard lock(mutex);
            done = true;
            condition.notify_one();
        }, Qt::QueuedConnection);
        std::unique_lock lock(mutex);
        condition.wait(lock, [&] { return done; });
    }
    QThread *thread() { return &m_thread; }
    QObject *context() { return &m_context; }

private:
    QThread m_thread;
    QObject m_context;
};

// Runs the current thread's event loop until `done` or 5 s.
bool spinUntil(const std::function<bool()> &done)
{
    QElapsedTimer clock;
    clock.start();
    while (!done() && clock.elapsed() < 5000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    return done();
}

void spinFor(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

struct SocketPair
{
    int fds[2] = {-1, -1};
    SocketPair() { ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, fds); }
    ~SocketPair() { closeBoth(); }
    void closeBoth()
    {
        for (int &fd : fds) {
            if (fd >= 0)
                ::close(fd);
            fd = -1;
        }
    }
    void send(int side = 1) { QVERIFY(::write(fds[side], "x", 1) == 1); }
    int drain(int side = 0)
    {
        char buffer[64];
        int total = 0;
        for (ssize_t n; (n = ::read(fds[side], buffer, sizeof buffer)) > 0;)
            total += int(n);
        return total;
    }
};

class TimerCounter : public QObject
{
public:
    QList<int> fired;
    std::function<void(int)> onTimer;
protected:
    void timerEvent(QTimerEvent *event) override
    {
        fired.append(event->timerId());
        if (onTimer)
            onTimer(event->timerId());
    }
};

} // namespace

class TestEpollDispatcher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void theProxyThreadGetsItUnlessAskedNotTo();
    void timersFireInDeadlineOrderAndNeverEarly();
    void zeroIntervalTimerLeavesRoomForOthers();
    void timerKilledByAnotherTimersHandlerDoesNotFire();
    void nestedEventLoopDoesNotRefireTheRunningTimer();
    void remainingTimeAndTimersFollowingTheirObject();
    void readNotifierFollowsReadinessAndEnabling();
    void writeNotifierSwitchedOnAndOffBetweenWaits();
    void peerHangUpWakesTheReader();
    void excludedNotifiersNeitherFireNorEndTheWait();
    void notifierDeletedByAnotherNotifiersHandler();
    void descriptorNumberReusedAfterClose();
    void postedEventsFromOtherThreadsArriveInOrder();
    void quitFromAnotherThreadEndsAnIdleLoop();
    void tcpRoundTripOfOneMegabyte();
    void tlsRoundTripOfOneMegabyte();
};

void TestEpollDispatcher::theProxyThreadGetsItUnlessAskedNotTo()
{
    std::unique_ptr<QAbstractEventDispatcher> chosen(createProxyEventDispatcher());
    if (platform::portablePathsBuild) {
        QVERIFY(!chosen);   // Qt's own, as on Windows and macOS
        return;
    }
    QVERIFY(dynamic_cast<EpollDispatcher *>(chosen.get()));
    qputenv("KIROTRAY_EVENT_DISPATCHER", "qt");
    chosen.reset(createProxyEventDispatcher());
    qunsetenv("KIROTRAY_EVENT_DISPATCHER");
    QVERIFY(!chosen);
}

void TestEpollDispatcher::timersFireInDeadlineOrderAndNeverEarly()
{
    EpollThread thread;
    QList<qint64> order;   // the deadlines, in the order their timers fired
    QList<qint64> late;
    int repeats = 0;
    thread.run([&] {
        QVERIFY(dynamic_cast<EpollDispatcher *>(QAbstractEventDispatcher::instance()));
        QElapsedTimer clock;
        clock.start();
        // Registered 30, 10, 20 ms ahead; each deadline is taken when its timer is set, so that a
        // thread descheduled between two registrations on a loaded machine still has one right order.
        for (const int ms : {30, 10, 20}) {
            const qint64 due = clock.elapsed() + ms;
            QTimer::singleShot(ms, Qt::PreciseTimer, [&, due] {
                order.append(due);
                late.append(clock.elapsed() - due);
            });
        }
        QTimer repeating;
        repeating.setTimerType(Qt::PreciseTimer);
        QObject::connect(&repeating, &QTimer::timeout, [&] {
            if (++repeats == 5)
                repeating.stop();
        });
        repeating.start(4);
        QVERIFY(spinUntil([&] { return order.size() == 3 && !repeating.isActive(); }));
        QVERIFY(clock.elapsed() >= 20);
    });
    QCOMPARE(order.size(), 3);
    QVERIFY2(std::is_sorted(order.cbegin(), order.cend()), "timers fired out of deadline order");
    for (const qint64 ms : late)
        QVERIFY2(ms >= 0, "a timer fired before its interval");
    QCOMPARE(repeats, 5);
}

void TestEpollDispatcher::zeroIntervalTimerLeavesRoomForOthers()
{
    EpollThread thread;
    int zeroRuns = 0;
    bool posted = false, later = false;
    thread.run([&] {
        QObject here;
        QTimer zero;
        QObject::connect(&zero, &QTimer::timeout, [&] { ++zeroRuns; });
        zero.start(0);
        QMetaObject::invokeMethod(&here, [&] { posted = true; }, Qt::QueuedConnection);
        QTimer::singleShot(15, &here, [&] { later = true; });
        QVERIFY(spinUntil([&] { return posted && later; }));
    });
    QVERIFY(zeroRuns > 1);
}

void TestEpollDispatcher::timerKilledByAnotherTimersHandlerDoesNotFire()
{
    EpollThread thread;
    TimerCounter *counter = nullptr;
    int first = 0, second = 0;
    thread.run([&] {
        counter = new TimerCounter;
        first = counter->startTimer(5, Qt::PreciseTimer);
        second = counter->startTimer(5, Qt::PreciseTimer);
        counter->onTimer = [&](int id) { counter->killTimer(id == first ? second : first); counter->killTimer(id); };
        spinFor(40);
    });
    QCOMPARE(counter->fired.size(), 1);
    delete counter;
}

void TestEpollDispatcher::nestedEventLoopDoesNotRefireTheRunningTimer()
{
    EpollThread thread;
    int calls = 0, callsWhileNested = -1, otherDuringNested = 0;
    thread.run([&] {
        QTimer repeating;
        repeating.setTimerType(Qt::PreciseTimer);
        QObject::connect(&repeating, &QTimer::timeout, [&] {
            if (++calls != 1)
                return;
            QTimer other;
            QObject::connect(&other, &QTimer::timeout, [&] { ++otherDuringNested; });
            other.start(2);
            spinFor(30);
            callsWhileNested = calls - 1;
        });
        repeating.start(3);
        QVERIFY(spinUntil([&] { return calls >= 3; }));
    });
    QCOMPARE(callsWhileNested, 0);
    QVERIFY(otherDuringNested > 1);
}

void TestEpollDispatcher::remainingTimeAndTimersFollowingTheirObject()
{
    EpollThread thread;
    QPointer<TimerCounter> counter;
    int id = 0;
    thread.run([&] {
        QTimer slow;
        slow.start(1000);
        QVERIFY(slow.remainingTime() > 900 && slow.remainingTime() <= 1000);
        QCOMPARE(QAbstractEventDispatcher::instance()->registeredTimers(&slow).size(), 1);
        QCOMPARE(QAbstractEventDispatcher::instance()->registeredTimers(&slow).first().interval, 1000);
        slow.stop();
        QCOMPARE(slow.remainingTime(), -1);

        counter = new TimerCounter;
        id = counter->startTimer(20);
        counter->moveToThread(qApp->thread());   // its timer must move along, read from registeredTimers()
        QVERIFY(QAbstractEventDispatcher::instance()->registeredTimers(counter).isEmpty());
    });
    QTRY_VERIFY(!counter->fired.isEmpty());
    QCOMPARE(counter->fired.first(), id);
    delete counter;
}

void TestEpollDispatcher::readNotifierFollowsReadinessAndEnabling()
{
    EpollThread thread;
    SocketPair pair;
    int activations = 0;
    thread.run([&] {
        QSocketNotifier reader(pair.fds[0], QSocketNotifier::Read);
        QObject::connect(&reader, &QSocketNotifier::activated, [&] { ++activations; pair.drain(); });
        pair.send();
        QVERIFY(spinUntil([&] { return activations == 1; }));
        spinFor(20);
        QCOMPARE(activations, 1);   // drained: level-triggered, nothing more to say

        reader.setEnabled(false);
        pair.send();
        spinFor(20);
        QCOMPARE(activations, 1);
        reader.setEnabled(true);
        QVERIFY(spinUntil([&] { return activations == 2; }));
    });
}

void TestEpollDispatcher::writeNotifierSwitchedOnAndOffBetweenWaits()
{
    EpollThread thread;
    SocketPair pair;
    int reads = 0, writes = 0;
    thread.run([&] {
        QSocketNotifier reader(pair.fds[0], QSocketNotifier::Read);
        QSocketNotifier writer(pair.fds[0], QSocketNotifier::Write);
        QObject::connect(&reader, &QSocketNotifier::activated, [&] { ++reads; pair.drain(); });
        QObject::connect(&writer, &QSocketNotifier::activated, [&] { ++writes; writer.setEnabled(false); });
        QVERIFY(spinUntil([&] { return writes == 1; }));

        // As QAbstractSocket does around a write: on, then off again before the loop waits.
        for (int i = 0; i < 3; ++i) {
            writer.setEnabled(true);
            writer.setEnabled(false);
        }
        spinFor(20);
        QCOMPARE(writes, 1);
        writer.setEnabled(true);
        QVERIFY(spinUntil([&] { return writes == 2; }));

        pair.send();   // the read side is still watched after all that
        QVERIFY(spinUntil([&] { return reads == 1; }));
    });
}

void TestEpollDispatcher::peerHangUpWakesTheReader()
{
    EpollThread thread;
    SocketPair pair;
    bool sawEnd = false;
    thread.run([&] {
        QSocketNotifier reader(pair.fds[0], QSocketNotifier::Read);
        QObject::connect(&reader, &QSocketNotifier::activated, [&] {
            char c;
            if (::read(pair.fds[0], &c, 1) == 0) {
                sawEnd = true;
                reader.setEnabled(false);
            }
        });
        ::close(pair.fds[1]);
        pair.fds[1] = -1;
        QVERIFY(spinUntil([&] { return sawEnd; }));
    });
}

void TestEpollDispatcher::excludedNotifiersNeitherFireNorEndTheWait()
{
    EpollThread thread;
    SocketPair pair;
    int activations = 0;
    bool timerFired = false;
    thread.run([&] {
        QSocketNotifier reader(pair.fds[0], QSocketNotifier::Read);
        QObject::connect(&reader, &QSocketNotifier::activated, [&] { ++activations; pair.drain(); });
        pair.send();
        QObject here;
        QTimer::singleShot(20, &here, [&] { timerFired = true; });
        // A wake-up left from the call that brought us here may end the first wait; the readable
        // socket must not end any of them.
        int calls = 0;
        while (!timerFired && calls < 3) {
            QCoreApplication::processEvents(QEventLoop::ExcludeSocketNotifiers | QEventLoop::WaitForMoreEvents);
            ++calls;
        }
        QVERIFY(timerFired);
        QCOMPARE(activations, 0);
        QVERIFY(spinUntil([&] { return activations == 1; }));
    });
}

void TestEpollDispatcher::notifierDeletedByAnotherNotifiersHandler()
{
    EpollThread thread;
    SocketPair a, b;
    int activations = 0;
    thread.run([&] {
        auto *first = new QSocketNotifier(a.fds[0], QSocketNotifier::Read);
        auto *second = new QSocketNotifier(b.fds[0], QSocketNotifier::Read);
        QObject::connect(first, &QSocketNotifier::activated, [&] { ++activations; delete second; second = nullptr; a.drain(); });
        QObject::connect(second, &QSocketNotifier::activated, [&] { ++activations; delete first; first = nullptr; b.drain(); });
        a.send();
        b.send();
        spinFor(30);   // both ready in one wait; whichever runs first deletes the other
        delete first;
        delete second;
    });
    QCOMPARE(activations, 1);
}

void TestEpollDispatcher::descriptorNumberReusedAfterClose()
{
    EpollThread thread;
    auto old = std::make_unique<SocketPair>();
    const int number = old->fds[0];
    int activations = 0;
    thread.run([&] {
        {
            QSocketNotifier reader(old->fds[0], QSocketNotifier::Read);   // the same interest as below
            spinFor(10);
        }
        old.reset();
        SocketPair fresh;
        QCOMPARE(fresh.fds[0], number);
        QSocketNotifier reader(fresh.fds[0], QSocketNotifier::Read);
        QObject::connect(&reader, &QSocketNotifier::activated, [&] { ++activations; fresh.drain(); });
        fresh.send();
        QVERIFY(spinUntil([&] { return activations == 1; }));
    });
}

void TestEpollDispatcher::postedEventsFromOtherThreadsArriveInOrder()
{
    EpollThread thread;
    QList<int> seen;
    for (int i = 0; i < 1000; ++i)
        QMetaObject::invokeMethod(thread.context(), [&seen, i] { seen.append(i); }, Qt::QueuedConnection);
    int count = 0;
    thread.run([&] { count = int(seen.size()); });
    QCOMPARE(count, 1000);
    for (int i = 0; i < 1000; ++i)
        QCOMPARE(seen.at(i), i);
}

void TestEpollDispatcher::quitFromAnotherThreadEndsAnIdleLoop()
{
    QThread thread;
    thread.setEventDispatcher(new EpollDispatcher);
    std::atomic<pid_t> tid{0};
    connect(&thread, &QThread::started, &thread, [&tid] { tid = pid_t(::syscall(SYS_gettid)); }, Qt::DirectConnection);
    thread.start();
    QTRY_VERIFY_WITH_TIMEOUT(tid != 0 && blockedInEpollWait(tid), 10000);   // without timers
    QVERIFY(thread.isRunning());
    thread.quit();
    QVERIFY(thread.wait(5000));
}

void TestEpollDispatcher::tcpRoundTripOfOneMegabyte()
{
    EpollThread thread;
    QByteArray echoed;
    const QByteArray payload = QByteArray(1 << 20, 'k');
    thread.run([&] {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QObject::connect(&server, &QTcpServer::newConnection, [&] {
            QTcpSocket *peer = server.nextPendingConnection();
            QObject::connect(peer, &QTcpSocket::readyRead, [peer] { peer->write(peer->readAll()); });
        });
        QTcpSocket client;
        QObject::connect(&client, &QTcpSocket::readyRead, [&] { echoed += client.readAll(); });
        client.connectToHost(QHostAddress::LocalHost, server.serverPort());
        client.write(payload);
        QVERIFY(spinUntil([&] { return echoed.size() >= payload.size(); }));
    });
    QCOMPARE(echoed, payload);
}

// The Kiro backend is reached over TLS: QSslSocket's handshake and encrypted writes on this loop.
void TestEpollDispatcher::tlsRoundTripOfOneMegabyte()
{
    const test::TestCertificate made = test::TestCertificate::make();
    if (!made.skipReason.isEmpty())
        QSKIP(qPrintable(made.skipReason));
    QVERIFY(!made.certificate.isNull() && !made.key.isNull());
    EpollThread thread;
    QByteArray echoed;
    const QByteArray payload = QByteArray(1 << 20, 't');
    bool encrypted = false;
    thread.run([&] {
        QSslConfiguration serverTls = QSslConfiguration::defaultConfiguration();
        serverTls.setLocalCertificate(made.certificate);
        serverTls.setPrivateKey(made.key);
        QSslServer server;
        server.setSslConfiguration(serverTls);
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QObject::connect(&server, &QTcpServer::pendingConnectionAvailable, [&] {
            auto *peer = static_cast<QSslSocket *>(server.nextPendingConnection());
            QObject::connect(peer, &QSslSocket::readyRead, [peer] { peer->write(peer->readAll()); });
        });
        QSslSocket client;
        QSslConfiguration clientTls = QSslConfiguration::defaultConfiguration();
        clientTls.setCaCertificates({made.certificate});
        client.setSslConfiguration(clientTls);
        QObject::connect(&client, &QSslSocket::encrypted, [&] { encrypted = true; });
        QObject::connect(&client, &QSslSocket::readyRead, [&] { echoed += client.readAll(); });
        client.connectToHostEncrypted(QStringLiteral("localhost"), server.serverPort());
        client.write(payload);
        QVERIFY(spinUntil([&] { return echoed.size() >= payload.size(); }));
    });
    QVERIFY(encrypted);
    QCOMPARE(echoed, payload);
}

QTEST_GUILESS_MAIN(TestEpollDispatcher)
#include "tst_epolldispatcher.moc"
