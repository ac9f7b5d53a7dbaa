// Ready connections to the Kiro backend: UpstreamCall with an UpstreamConnectionPool against the
// fake upstream. The spare opened in advance for the next call (also with Connection: close) and
// more of them while calls outrun them, keep-alive reuse, what is never reused, the one retry when
// a taken connection turns out closed, and the pool's own limits.
#include "upstream/upstreamcall.h"
#include "upstream/upstreamconnectionpool.h"

#include "fakekiroserver.h"

#include <QNetworkProxy>
#include <QNetworkRequest>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <memory>
#include <vector>

#if defined(Q_OS_UNIX)
#include <sys/socket.h>
#endif

using namespace kt;
using kt::fake::FakeKiroServer;

namespace {

struct Outcome {
    int status = 0;
    bool failed = false;
    bool reused = false;
    int finishedCount = 0;
    QByteArray body;
};

constexpr char RequestBody[] = R"({"conversationState":{"currentMessage":{"userInputMessage":{"content":"hi"}}}})";

QNetworkRequest generateRequest(FakeKiroServer &fake, const QByteArray &scenario)
{
    QNetworkRequest request(QUrl(fake.baseUrl() + QStringLiteral("/generateAssistantResponse")));
    request.setRawHeader("Authorization", "Bearer fake-access-keepalive");
    request.setRawHeader("Content-Type", "application/json");
    request.setRawHeader("x-fake-scenario", scenario);
    return request;
}

// `count` keep-alive calls posted at once (none finds another's connection free), read to the
// end; their statuses.
QList<int> overlappingCalls(FakeKiroServer &fake, UpstreamConnectionPool *pool, int count)
{
    std::vector<std::unique_ptr<UpstreamCall>> calls;
    int finished = 0;
    for (int i = 0; i < count; ++i) {
        auto *c = calls.emplace_back(std::make_unique<UpstreamCall>(QNetworkProxy::NoProxy)).get();
        c->setConnectionPool(pool, true);
        QObject::connect(c, &UpstreamCall::readyRead, c, [c] { c->readAll(); });
        QObject::connect(c, &UpstreamCall::finished, c, [c, &finished] {
            c->readAll();
            ++finished;
        });
        c->post(generateRequest(fake, "text"), RequestBody);
    }
    QList<int> statuses;
    if (QTest::qWaitFor([&] { return finished == count; }, 20000)) {
        for (const auto &c : calls)
            statuses << c->status();
    }
    return statuses;
}

// One POST to the fake's generateAssistantResponse (scenario from the header), read to the end.
// Without keep-alive the request says Connection: close, as the proxy's default requests do.
Outcome call(FakeKiroServer &fake, UpstreamConnectionPool *pool, const QByteArray &scenario = "text",
             const std::function<void(UpstreamCall &)> &onData = {}, bool keepAlive = true)
{
    Outcome out;
    UpstreamCall c(QNetworkProxy::NoProxy);
    c.setConnectionPool(pool, keepAlive);
    QObject::connect(&c, &UpstreamCall::readyRead, &c, [&] {
        out.body += c.readAll();
        if (onData)
            onData(c);
    });
    QObject::connect(&c, &UpstreamCall::finished, &c, [&] {
        ++out.finishedCount;
        out.body += c.readAll();
    });
    QNetworkRequest request = generateRequest(fake, scenario);
    if (!keepAlive)
        request.setRawHeader("Connection", "close");
    c.post(request, RequestBody);
    if (QTest::qWaitFor([&] { return out.finishedCount > 0; }, 10000))
        QTest::qWait(10);   // a second finished() would show up here (nothing to wait for: a short window)
    out.status = c.status();
    out.failed = c.failed();
    out.reused = c.reusedConnection();
    return out;
}

// Has `pool` open a spare connection to `url`'s origin, as a call's post() does for the next call.
void openSpare(UpstreamConnectionPool &pool, const QUrl &url)
{
    pool.preconnect(UpstreamConnectionPool::originKey(url, QNetworkProxy::NoProxy),
                    [url](QObject *parent) { return UpstreamCall::openConnection(url, QNetworkProxy::NoProxy, parent); });
}

} // namespace

class TestUpstreamKeepAlive : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reusesOneConnection()
    {
        FakeKiroServer fake;
        QVERIFY(fake.listen());
        UpstreamConnectionPool pool;
        for (int i = 0; i < 4; ++i) {
            const Outcome o = call(fake, &pool);
            QCOMPARE(o.status, 200);
            QVERIFY(!o.failed);
            QCOMPARE(o.finishedCount, 1);
            QVERIFY(o.body.contains("assistantResponseEvent"));
            QCOMPARE(o.reused, i > 0);
            QCOMPARE(pool.idleCount(), 2);   // this one, and the spare opened by the first call
        }
        QCOMPARE(fake.connectionCount(), 2);
        QCOMPARE(fake.requests("/generateAssistantResponse").size(), 4);
    }

    void withoutPoolEveryCallConnects()
    {
        FakeKiroServer fake;
        QVERIFY(fake.listen());
        for (int i = 0; i < 3; ++i)
            QCOMPARE(call(fake, nullptr).status, 200);
        QCOMPARE(fake.connectionCount(), 3);
    }

    void errorAnswersAreReusedToo()
    {
        FakeKiroServer fake;
        QVERIFY(fake.listen());
        UpstreamConnectionPool pool;
        QCOMPARE(call(fake, &pool, "status429").status, 429);
        const Outcome o = call(fake, &pool);
        QCOMPARE(o.status, 200);
        QVERIFY(o.reused);
        QCOMPARE(fake.connectionCount(), 2);   // the 429's, reused, and the spare
        QCOMPARE(fake.requests("/generateAssistantResponse").size(), 2);
    }

    void connectionCloseIsHonoured()
    {
        FakeKiroServer fake;
        fake.setKeepAlive(false);
        QVERIFY(fake.listen());
        UpstreamConnectionPool pool;
        QCOMPARE(call(fake, &pool).status, 200);
        QTRY_COMPARE(pool.idleCount(), 1);   // the spare only: the answer said Connection: close
        QCOMPARE(call(fake, &pool).status, 200);
        QCOMPARE(call(fake, &pool).status, 200);
        // Each request on its own connection (the spare of the call before), plus the next spare.
        QCOMPARE(fake.connectionCount(), 4);
        QCOMPARE(fake.requests("/generateAssistantResponse").size(), 3);
    }

    void spareConnectionForEachNextCall()
    {
        FakeKiroServer fake;
        QVERIFY(fake.listen());
        UpstreamConnectionPool pool;
        const Outcome first = call(fake, &pool, "text", {}, false);
        QCOMPARE(first.status, 200);
        QVERIFY(!first.reused);
        QTRY_COMPARE(pool.idleCount(), 1);
        QCOMPARE(fake.connectionCount(), 2);
        for (int i = 0; i < 3; ++i) {
            const Outcome o = call(fake, &pool, "text", {}, false);
            QCOMPARE(o.status, 200);
            QVERIFY(o.body.contains("assistantResponseEvent"));
            QVERIFY(o.reused);   // the spare, its handshake done before the call began
            QTRY_COMPARE(pool.idleCount(), 1);   // the next spare; the used one was closed
        }
        QCOMPARE(fake.connectionCount(), 5);
        const auto requests = fake.requests("/generateAssistantResponse");
        QCOMPARE(requests.size(), 4);   // one per connection, as with no pool at all
        for (const auto &r : requests)
            QCOMPARE(r.header("connection"), QByteArray("close"));
    }

    void requestLeavesBeforeTheEventLoopTurns()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        const QUrl url(QStringLiteral("http://127.0.0.1:%1/generateAssistantResponse").arg(server.serverPort()));
        UpstreamConnectionPool pool;
        openSpare(pool, url);
        QTRY_COMPARE(pool.idleCount(), 1);
        QVERIFY(server.hasPendingConnections());
        QTcpSocket *upstream = server.nextPendingConnection();

        UpstreamCall c(QNetworkProxy::NoProxy);
        c.setConnectionPool(&pool, false);
        c.post(QNetworkRequest(url), "{}");
        // No event loop ran since post(): the request must already be in the kernel.
        QVERIFY(upstream->waitForReadyRead(5000));
        QVERIFY(upstream->readAll().startsWith("POST /generateAssistantResponse HTTP/1.1\r\n"));
        QVERIFY(c.reusedConnection());
    }

#if defined(Q_OS_UNIX)
    // The server reset the spare before the call took it, and Qt has not noticed yet: the write
    // fails inside post(). The retry on a new connection must still carry the whole body.
    void resetSpareIsRetriedWithTheWholeRequest()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        const QUrl url(QStringLiteral("http://127.0.0.1:%1/generateAssistantResponse").arg(server.serverPort()));
        UpstreamConnectionPool pool;
        openSpare(pool, url);
        QTRY_COMPARE(pool.idleCount(), 1);
        QTcpSocket *spare = server.nextPendingConnection();
        QVERIFY(spare);
        const linger reset{1, 0};
        QCOMPARE(::setsockopt(int(spare->socketDescriptor()), SOL_SOCKET, SO_LINGER, &reset, sizeof reset), 0);
        spare->abort();   // RST, not FIN
        QThread::msleep(20);   // the reset reaches the spare; a sleep, not the event loop, so Qt does not notice

        UpstreamCall c(QNetworkProxy::NoProxy);
        c.setConnectionPool(&pool, false);
        const QByteArray body = R"({"conversationState":{"currentMessage":{"userInputMessage":{"content":"hi"}}}})";
        c.post(QNetworkRequest(url), body);
        QTcpSocket *fresh = nullptr;
        QByteArray received;
        (void)QTest::qWaitFor([&] {
            if (!fresh && server.hasPendingConnections())
                fresh = server.nextPendingConnection();
            if (fresh)
                received += fresh->readAll();
            return received.endsWith(body);
        }, 10000);
        QVERIFY2(received.contains("Content-Length: " + QByteArray::number(body.size()) + "\r\n"), received.constData());
        QVERIFY2(received.endsWith(body), received.constData());
    }
#endif

    void usedConnectionsOnlyWithKeepAlive()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        UpstreamConnectionPool pool;
        const QString origin = QStringLiteral("http://127.0.0.1:%1").arg(server.serverPort());
        auto *used = new QTcpSocket;
        used->connectToHost(QHostAddress::LocalHost, server.serverPort());
        QVERIFY(used->waitForConnected(5000));
        pool.put(origin, used);
        QCOMPARE(pool.take(origin, &pool, true), nullptr);
        QCOMPARE(pool.take(origin, &pool, false), used);
    }

    void oneSparePerOriginAndDeadOnesDropped()
    {
        FakeKiroServer fake;
        QVERIFY(fake.listen());
        UpstreamConnectionPool pool;
        const QUrl url(fake.baseUrl());
        const QString origin = UpstreamConnectionPool::originKey(url, QNetworkProxy::NoProxy);
        const auto open = [url](QObject *parent) { return UpstreamCall::openConnection(url, QNetworkProxy::NoProxy, parent); };
        pool.preconnect(origin, open);
        pool.preconnect(origin, open);
        QCOMPARE(pool.openingCount(), 1);
        QTRY_COMPARE(pool.idleCount(), 1);
        QCOMPARE(pool.openingCount(), 0);
        pool.preconnect(origin, open);
        QCOMPARE(pool.openingCount(), 0);   // a spare is ready already
        QCOMPARE(fake.connectionCount(), 1);

        QTcpServer closed;   // a port nobody listens on any more
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const QUrl deadUrl(QStringLiteral("http://127.0.0.1:%1").arg(closed.serverPort()));
        closed.close();
        const QString dead = UpstreamConnectionPool::originKey(deadUrl, QNetworkProxy::NoProxy);
        pool.preconnect(dead, [deadUrl](QObject *parent) { return UpstreamCall::openConnection(deadUrl, QNetworkProxy::NoProxy, parent); });
        QTRY_COMPARE(pool.openingCount(), 0);
        QCOMPARE(pool.take(dead, &pool), nullptr);
        QCOMPARE(pool.idleCount(), 1);
    }

    void moreSparesWhileCallsOutrunThem()
    {
        FakeKiroServer fake;
        QVERIFY(fake.listen());
        UpstreamConnectionPool pool;
        pool.setLimits(UpstreamConnectionPool::DefaultMaxIdlePerOrigin, 500);
        const QUrl url(fake.baseUrl());
        const QString origin = UpstreamConnectionPool::originKey(url, QNetworkProxy::NoProxy);
        QCOMPARE(pool.take(origin, &pool), nullptr);   // nothing was on its way: no sign of demand
        openSpare(pool, url);
        QCOMPARE(pool.spareTarget(origin), 1);
        QCOMPARE(pool.openingCount(), 1);
        // Each call that finds the spare still connecting asks for one more, up to the limit.
        for (int expected : {2, 3, 4, 4}) {
            QCOMPARE(pool.take(origin, &pool), nullptr);
            QCOMPARE(pool.spareTarget(origin), expected);
            openSpare(pool, url);
            QCOMPARE(pool.openingCount(), expected);
        }
        QTRY_COMPARE(pool.idleCount(), UpstreamConnectionPool::MaxSparesPerOrigin);
        QCOMPARE(fake.connectionCount(), UpstreamConnectionPool::MaxSparesPerOrigin);
        QTcpSocket *taken = pool.take(origin, &pool);
        QVERIFY(taken);
        delete taken;
        openSpare(pool, url);   // ready spares are not a shortage: the target stays
        QCOMPARE(pool.spareTarget(origin), 4);
        QCOMPARE(pool.openingCount(), 1);
        // Unused until they expire: one fewer for each.
        QTRY_COMPARE_WITH_TIMEOUT(pool.idleCount(), 0, 3000);
        QCOMPARE(pool.spareTarget(origin), 1);
        openSpare(pool, url);
        QCOMPARE(pool.openingCount(), 1);
    }

    void closedBeforeAnsweringIsRetriedOnce()
    {
        FakeKiroServer fake;
        fake.setKeepAlive(true, 1);   // the second request on a connection finds it closing
        QVERIFY(fake.listen());
        UpstreamConnectionPool pool;
        QCOMPARE(call(fake, &pool).status, 200);
        for (int i = 0; i < 3; ++i) {
            const Outcome o = call(fake, &pool);
            QCOMPARE(o.status, 200);
            QVERIFY(!o.failed);
            QCOMPARE(o.finishedCount, 1);
            QVERIFY(o.body.contains("assistantResponseEvent"));
            QVERIFY(!o.reused);   // it was, then the fresh connection answered
        }
        // Each request reached the backend exactly once: the closed connection never read one.
        const auto requests = fake.requests("/generateAssistantResponse");
        QCOMPARE(requests.size(), 4);
        QCOMPARE(requests.last().body, requests.first().body);
    }

    void brokenMidAnswerIsNotRetried()
    {
        FakeKiroServer fake;
        QVERIFY(fake.listen());
        UpstreamConnectionPool pool;
        QCOMPARE(call(fake, &pool).status, 200);
        const Outcome o = call(fake, &pool, "drop");   // the answer starts, then the connection breaks
        QVERIFY(o.reused);
        QVERIFY(o.failed);
        QCOMPARE(o.finishedCount, 1);
        QCOMPARE(fake.requests("/generateAssistantResponse").size(), 2);
        QCOMPARE(pool.idleCount(), 1);   // the spare, not the broken connection
    }

    void abortedCallIsNotKept()
    {
        FakeKiroServer fake;
        QVERIFY(fake.listen());
        UpstreamConnectionPool pool;
        const Outcome o = call(fake, &pool, "slow", [](UpstreamCall &c) { c.abort(); });
        QVERIFY(o.failed);
        QCOMPARE(o.finishedCount, 1);
        QTRY_COMPARE(pool.idleCount(), 1);   // the spare, not the aborted connection
        const Outcome next = call(fake, &pool);
        QCOMPARE(next.status, 200);
        QVERIFY(next.reused);
        QCOMPARE(fake.requests("/generateAssistantResponse").size(), 2);
    }

    void idleConnectionClosedByServerIsDropped()
    {
        FakeKiroServer fake;
        QVERIFY(fake.listen());
        UpstreamConnectionPool pool;
        {
            FakeKiroServer other;
            QVERIFY(other.listen());
            QCOMPARE(call(other, &pool).status, 200);
            QCOMPARE(pool.idleCount(), 2);
        }   // `other` closes its connections as it goes
        QTRY_COMPARE(pool.idleCount(), 0);
        QCOMPARE(call(fake, &pool).status, 200);
    }

    void idleConnectionsExpire()
    {
        FakeKiroServer fake;
        QVERIFY(fake.listen());
        UpstreamConnectionPool pool;
        pool.setLimits(UpstreamConnectionPool::DefaultMaxIdlePerOrigin, 200);
        QCOMPARE(call(fake, &pool).status, 200);
        QCOMPARE(pool.idleCount(), 2);
        QTest::qWait(50);   // not expired a quarter of the way: no event to wait for
        QCOMPARE(pool.idleCount(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(pool.idleCount(), 0, 2000);
        const Outcome o = call(fake, &pool);
        QCOMPARE(o.status, 200);
        QVERIFY(!o.reused);
        QCOMPARE(fake.connectionCount(), 4);
    }

    void keepsAtMostTheLimitPerOrigin()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        UpstreamConnectionPool pool;
        pool.setLimits(2, 60000);
        const QUrl url(QStringLiteral("http://127.0.0.1:%1/").arg(server.serverPort()));
        const QString origin = UpstreamConnectionPool::originKey(url, QNetworkProxy::NoProxy);
        QList<QTcpSocket *> sockets;
        QPointer<QTcpSocket> evicted;
        for (int i = 0; i < 3; ++i) {
            auto *s = new QTcpSocket;
            s->connectToHost(QHostAddress::LocalHost, server.serverPort());
            QVERIFY(s->waitForConnected(5000));
            sockets << s;
            if (i == 0)
                evicted = s;
            pool.put(origin, s);
        }
        QCOMPARE(pool.idleCount(), 2);
        QTcpSocket *taken = pool.take(origin, &pool);
        QCOMPARE(taken, sockets.at(2));   // the most recently returned first
        QCOMPARE(pool.take(origin, &pool), sockets.at(1));
        QCOMPARE(pool.take(origin, &pool), nullptr);   // the oldest was closed to make room
        QCOMPARE(pool.take(QStringLiteral("http://elsewhere:80"), &pool), nullptr);
        QTRY_VERIFY(evicted.isNull());   // closed and deleted, not only forgotten
    }

    void keepsAsManyAsWereInUseAtOnce()
    {
        // More calls at once than a fixed cap of 32 would keep: all their connections are kept,
        // so the next burst as large opens none but the spares.
        FakeKiroServer fake;
        QVERIFY(fake.listen());
        UpstreamConnectionPool pool;
        constexpr int burst = 40;
        QCOMPARE(overlappingCalls(fake, &pool, burst), QList<int>(burst, 200));
        QVERIFY2(fake.connectionCount() >= burst, qPrintable(QString::number(fake.connectionCount())));
        QTRY_VERIFY2(pool.idleCount() >= burst, qPrintable(QString::number(pool.idleCount())));
        const int opened = fake.connectionCount();
        QCOMPARE(overlappingCalls(fake, &pool, burst), QList<int>(burst, 200));
        QVERIFY2(fake.connectionCount() - opened <= UpstreamConnectionPool::MaxSparesPerOrigin,
                 qPrintable(QStringLiteral("%1 new connections").arg(fake.connectionCount() - opened)));
    }

    void unconnectedSocketsAreNotKept()
    {
        UpstreamConnectionPool pool;
        QPointer<QTcpSocket> socket = new QTcpSocket;
        pool.put(QStringLiteral("http://127.0.0.1:1"), socket);
        QCOMPARE(pool.idleCount(), 0);
        QTRY_VERIFY(!socket);   // closed and deleted, not kept
    }

    void originKeys_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<bool>("same");
        QTest::newRow("default port spelled out") << "https://q.us-east-1.amazonaws.com/x" << "https://q.us-east-1.amazonaws.com:443/y" << true;
        QTest::newRow("host case") << "https://Q.example.com/" << "https://q.example.com/" << true;
        QTest::newRow("scheme") << "http://h:8080/" << "https://h:8080/" << false;
        QTest::newRow("port") << "http://h:8080/" << "http://h:8081/" << false;
        QTest::newRow("host") << "http://a/" << "http://b/" << false;
    }

    void originKeys()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(bool, same);
        const QNetworkProxy none(QNetworkProxy::NoProxy);
        QCOMPARE(UpstreamConnectionPool::originKey(QUrl(a), none) == UpstreamConnectionPool::originKey(QUrl(b), none), same);
    }

    void originKeyIncludesTheProxy()
    {
        const QUrl url(QStringLiteral("https://q.us-east-1.amazonaws.com/"));
        const QNetworkProxy socks(QNetworkProxy::Socks5Proxy, QStringLiteral("127.0.0.1"), 1080, QStringLiteral("u"), QStringLiteral("secret-pass"));
        const QNetworkProxy other(QNetworkProxy::Socks5Proxy, QStringLiteral("127.0.0.1"), 1081);
        const QString direct = UpstreamConnectionPool::originKey(url, QNetworkProxy::NoProxy);
        QVERIFY(direct != UpstreamConnectionPool::originKey(url, socks));
        QVERIFY(UpstreamConnectionPool::originKey(url, socks) != UpstreamConnectionPool::originKey(url, other));
        QVERIFY(!UpstreamConnectionPool::originKey(url, socks).contains(QStringLiteral("secret-pass")));
    }
};

QTEST_GUILESS_MAIN(TestUpstreamKeepAlive)
#include "tst_upstreamkeepalive.moc"
