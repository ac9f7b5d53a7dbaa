// The client connection as raw bytes see it: HTTP/1.0 and Connection: close answered and then
// closed (plain, streamed and error answers), pipelined requests answered in order on one
// connection, Expect: 100-continue (and its early refusal), bytes that are not HTTP, slow heads
// and bodies, and idle connections. Each case checks the status, the body and when the server
// closed. Timeouts are set small here; the defaults are in Config.
#include "proxyfixture.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QtTest>

using namespace kt;
using namespace kt::test;

namespace {

struct Response {
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[k, v] : headers)
            if (k.compare(name, Qt::CaseInsensitive) == 0)
                return v;
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

// Splits what arrived into responses: Content-Length, chunked, or (once closed) close-delimited.
QList<Response> parseResponses(QByteArray data, bool closed)
{
    QList<Response> out;
    while (!data.isEmpty()) {
        const qsizetype end = data.indexOf("\r\n\r\n");
        if (end < 0)
            break;
        Response r;
        const QList<QByteArray> lines = data.left(end).split('\n');
        r.status = lines.value(0).split(' ').value(1).toInt();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            r.headers.append({lines[i].left(colon).trimmed(), lines[i].mid(colon + 1).trimmed()});
        }
        qsizetype pos = end + 4;
        if (r.status == 100) {
            // interim: no body
        } else if (!r.header("Content-Length").isEmpty()) {
            const qsizetype length = r.header("Content-Length").toLongLong();
            if (data.size() < pos + length)
                break;
            r.body = data.mid(pos, length);
            pos += length;
        } else if (r.header("Transfer-Encoding") == "chunked") {
            bool done = false;
            while (true) {
                const qsizetype lineEnd = data.indexOf("\r\n", pos);
                if (lineEnd < 0)
                    break;
                const qsizetype size = data.mid(pos, lineEnd - pos).toLongLong(nullptr, 16);
                if (data.size() < lineEnd + 2 + size + 2)
                    break;
                r.body += data.mid(lineEnd + 2, size);
                pos = lineEnd + 2 + size + 2;
                if (size == 0) {
                    done = true;
                    break;
                }
            }
            if (!done)
                break;
        } else {
            if (!closed)
                break;
            r.body = data.mid(pos);
            pos = data.size();
        }
        out.append(r);
        data = data.mid(pos);
    }
    return out;
}

// A blocking client socket on the test's thread (the proxy runs on its own).
class RawConnection
{
public:
    explicit RawConnection(quint16 port)
    {
        // The fake upstream lives on this thread: wait by running the event loop, never blocking.
        m_socket.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::ConnectedState; }, 5000));
        m_clock.start();
    }
    void send(const QByteArray &bytes)
    {
        m_socket.write(bytes);
        QVERIFY(QTest::qWaitFor([this] { return m_socket.bytesToWrite() == 0; }, 5000));
    }
    // Reads until `responses` final responses are complete (or the server closes, or time runs out).
    QList<Response> read(int responses, int timeoutMs = 30000)
    {
        QElapsedTimer t;
        t.start();
        while (finals().size() < responses && !m_closed && t.elapsed() < timeoutMs)
            pump(50);
        m_answeredAtMs = m_clock.elapsed();
        return finals();
    }
    // Waits for the server to close; returns the ms from the last complete answer to the close, or -1.
    qint64 waitClosed(int timeoutMs = 10000)
    {
        QElapsedTimer t;
        t.start();
        while (!m_closed && t.elapsed() < timeoutMs)
            pump(20);
        return m_closed ? m_closedAtMs - m_answeredAtMs : -1;
    }
    bool closed() const { return m_closed; }
    qint64 closedAtMs() const { return m_closedAtMs; }
    QByteArray received() const { return m_data; }
    QList<Response> all() const { return parseResponses(m_data, m_closed); }

private:
    QList<Response> finals() const
    {
        QList<Response> out;
        for (const Response &r : parseResponses(m_data, m_closed))
            if (r.status != 100)
                out.append(r);
        return out;
    }
    void pump(int ms)
    {
        if (m_closed)
            return;
        if (m_socket.bytesAvailable() == 0)
            static_cast<void>(QTest::qWaitFor([this] { return m_socket.bytesAvailable() > 0 || m_socket.state() != QAbstractSocket::ConnectedState; }, ms));
        m_data += m_socket.readAll();
        if (m_socket.state() != QAbstractSocket::ConnectedState) {
            m_data += m_socket.readAll();
            m_closed = true;
            m_closedAtMs = m_clock.elapsed();
        }
    }

    QTcpSocket m_socket;
    QElapsedTimer m_clock;
    QByteArray m_data;
    bool m_closed = false;
    qint64 m_closedAtMs = -1;
    qint64 m_answeredAtMs = 0;
};

QByteArray messagesRequest(const QByteArray &version, bool stream, const QByteArray &extraHeaders = {},
                           const QByteArray &key = TestApiKey)
{
    const QByteArray body = QJsonDocument(ProxyFixture::request(QStringLiteral("Hi"), stream)).toJson(QJsonDocument::Compact);
    return "POST /v1/messages " + version + "\r\nHost: 127.0.0.1\r\nx-api-key: " + key
        + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n" + extraHeaders
        + "\r\n" + body;
}

QByteArray modelsRequest(const QByteArray &version, const QByteArray &extraHeaders = {})
{
    return "GET /v1/models " + version + "\r\nHost: 127.0.0.1\r\nx-api-key: " + TestApiKey + "\r\n" + extraHeaders + "\r\n";
}

} // namespace

class TestE2eConnection : public QObject
{
    Q_OBJECT

private:
    // The server must close right after the answer: well before any timeout a client would use.
    static constexpr qint64 PromptCloseMs = 1000;

    static void verifyStream(const Response &r)
    {
        QCOMPARE(r.status, 200);
        QVERIFY2(r.body.contains("event: message_start"), r.body.constData());
        QVERIFY2(r.body.trimmed().endsWith("data: {\"type\":\"message_stop\"}"), r.body.right(200).constData());
    }

private Q_SLOTS:
    void http10IsClosedAfterEveryAnswer()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        {
            RawConnection c(f.port());
            c.send(modelsRequest("HTTP/1.0"));
            const QList<Response> r = c.read(1);
            QCOMPARE(r.size(), 1);
            QCOMPARE(r[0].status, 200);
            QCOMPARE(r[0].header("Connection"), QByteArray("close"));
            QVERIFY(r[0].json().value("data").isArray());
            const qint64 closeMs = c.waitClosed();
            QVERIFY2(closeMs >= 0 && closeMs < PromptCloseMs, QByteArray::number(closeMs).constData());
        }
        {   // streamed: no chunked encoding for HTTP/1.0; the body ends where the connection does
            RawConnection c(f.port());
            c.send(messagesRequest("HTTP/1.0", true));
            QVERIFY(c.waitClosed(30000) >= 0);
            const QList<Response> r = c.all();
            QCOMPARE(r.size(), 1);
            QVERIFY(r[0].header("Transfer-Encoding").isEmpty());
            QCOMPARE(r[0].header("Connection"), QByteArray("close"));
            verifyStream(r[0]);
        }
        {   // an error answer (wrong key) is closed too
            RawConnection c(f.port());
            c.send(messagesRequest("HTTP/1.0", false, {}, "wrong-key"));
            const QList<Response> r = c.read(1);
            QCOMPARE(r.value(0).status, 401);
            QCOMPARE(r[0].json().value("error").toObject().value("type").toString(), QStringLiteral("authentication_error"));
            const qint64 closeMs = c.waitClosed();
            QVERIFY2(closeMs >= 0 && closeMs < PromptCloseMs, QByteArray::number(closeMs).constData());
        }
    }

    void http10KeepAliveStaysOpen()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        RawConnection c(f.port());
        c.send(modelsRequest("HTTP/1.0", "Connection: keep-alive\r\n"));
        QList<Response> r = c.read(1);
        QCOMPARE(r.value(0).status, 200);
        QCOMPARE(r[0].header("Connection"), QByteArray("keep-alive"));
        c.send(messagesRequest("HTTP/1.0", false, "Connection: keep-alive\r\n"));
        r = c.read(2);
        QCOMPARE(r.size(), 2);
        QCOMPARE(r[1].status, 200);
        QCOMPARE(r[1].json().value("stop_reason").toString(), QStringLiteral("end_turn"));
        QVERIFY(!c.closed());
    }

    void connectionCloseIsHonoured_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<bool>("stream");
        QTest::newRow("plain") << messagesRequest("HTTP/1.1", false, "Connection: close\r\n") << false;
        QTest::newRow("streamed") << messagesRequest("HTTP/1.1", true, "Connection: close\r\n") << true;
        QTest::newRow("models") << modelsRequest("HTTP/1.1", "Connection: close\r\n") << false;
        QTest::newRow("error") << messagesRequest("HTTP/1.1", false, "Connection: close\r\n", "nope") << false;
    }

    void connectionCloseIsHonoured()
    {
        QFETCH(QByteArray, request);
        QFETCH(bool, stream);
        ProxyFixture f;
        QVERIFY(f.start());
        RawConnection c(f.port());
        c.send(request);
        const QList<Response> r = c.read(1);
        QCOMPARE(r.size(), 1);
        QCOMPARE(r[0].header("Connection"), QByteArray("close"));
        if (stream) {
            QCOMPARE(r[0].header("Transfer-Encoding"), QByteArray("chunked"));
            verifyStream(r[0]);
        } else {
            QVERIFY(r[0].status == 200 || r[0].status == 401);
            QVERIFY(!r[0].json().isEmpty());
        }
        const qint64 closeMs = c.waitClosed();
        QVERIFY2(closeMs >= 0 && closeMs < PromptCloseMs, QByteArray::number(closeMs).constData());
    }

    void pipelinedRequestsAreAnsweredInOrder()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        RawConnection c(f.port());
        // One write: the parser must never see two requests at once, and the streamed answer
        // must end before the next one starts.
        c.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" + messagesRequest("HTTP/1.1", true)
               + modelsRequest("HTTP/1.1") + messagesRequest("HTTP/1.1", false));
        QList<Response> r = c.read(4);
        QCOMPARE(r.size(), 4);
        QCOMPARE(r[0].status, 200);
        QCOMPARE(r[0].json().value("status").toString(), QStringLiteral("ok"));
        verifyStream(r[1]);
        QCOMPARE(r[2].status, 200);
        QVERIFY(r[2].json().value("data").isArray());
        QCOMPARE(r[3].status, 200);
        QCOMPARE(r[3].json().value("type").toString(), QStringLiteral("message"));
        QVERIFY(!c.closed());
        // the connection is still usable, and a last request with Connection: close ends it
        c.send(modelsRequest("HTTP/1.1", "Connection: close\r\n"));
        r = c.read(5);
        QCOMPARE(r.size(), 5);
        QCOMPARE(r[4].status, 200);
        QVERIFY(c.waitClosed() >= 0);
    }

    void expectContinue()
    {
        ProxyFixture f;
        QVERIFY(f.start());
        const QByteArray body = QJsonDocument(ProxyFixture::request(QStringLiteral("Hi"), false)).toJson(QJsonDocument::Compact);
        const QByteArray head = "POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                "Expect: 100-continue\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
        {
            RawConnection c(f.port());
            c.send(head + "x-api-key: " + TestApiKey + "\r\n\r\n");
            QElapsedTimer t;
            t.start();
            while (!c.received().contains("\r\n\r\n") && t.elapsed() < 5000)
                c.read(1, 50);
            QVERIFY2(c.received().startsWith("HTTP/1.1 100 Continue\r\n\r\n"), c.received().constData());
            QVERIFY2(t.elapsed() < 1000, QByteArray::number(t.elapsed()).constData());
            c.send(body);
            const QList<Response> r = c.read(1);
            QCOMPARE(r.value(0).status, 200);
            QCOMPARE(r[0].json().value("stop_reason").toString(), QStringLiteral("end_turn"));
            QVERIFY(!c.closed());
        }
        {   // refused from the head alone: the final answer at once, no 100, the body never read
            RawConnection c(f.port());
            c.send(head + "x-api-key: wrong\r\n\r\n");
            const QList<Response> r = c.read(1, 5000);
            QCOMPARE(r.value(0).status, 401);
            QVERIFY(!c.received().contains(" 100 "));
            QCOMPARE(r[0].json().value("error").toObject().value("type").toString(), QStringLiteral("authentication_error"));
            QCOMPARE(r[0].header("Connection"), QByteArray("close"));
            const qint64 closeMs = c.waitClosed();
            QVERIFY2(closeMs >= 0 && closeMs < PromptCloseMs, QByteArray::number(closeMs).constData());
        }
        {   // a foreign Host
            RawConnection c(f.port());
            QByteArray foreign = head;
            foreign.replace("Host: 127.0.0.1", "Host: evil.example");
            c.send(foreign + "x-api-key: " + TestApiKey + "\r\n\r\n");
            QCOMPARE(c.read(1, 5000).value(0).status, 403);
            QVERIFY(c.waitClosed() >= 0);
        }
        QCOMPARE(f.fake.requests("/generateAssistantResponse").size(), 1);
    }

    void bodyOverTheLimitWithExpectIsRefusedAtOnce()
    {
        ProxyFixture f;
        QVERIFY(f.start({}, [](Config &c) { c.maxBodyBytes = 1024; }));
        RawConnection c(f.port());
        c.send("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: " + TestApiKey
               + "\r\nExpect: 100-continue\r\nContent-Length: 2048\r\n\r\n");
        const QList<Response> r = c.read(1, 5000);
        QCOMPARE(r.value(0).status, 413);
        QCOMPARE(r[0].json().value("error").toObject().value("type").toString(), QStringLiteral("request_too_large"));
        QVERIFY(c.waitClosed() >= 0);
    }

    void bytesThatAreNotHttp_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("tls hello") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11);
        QTest::newRow("text") << QByteArray("hello there\r\n\r\n");
        QTest::newRow("http/2 preface") << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
        QTest::newRow("bad version") << QByteArray("GET / HTTP/9.9\r\n\r\n");
        QTest::newRow("bad header") << QByteArray("GET / HTTP/1.1\r\nno colon here\r\n\r\n");
    }

    void bytesThatAreNotHttp()
    {
        QFETCH(QByteArray, bytes);
        ProxyFixture f;
        QVERIFY(f.start());
        RawConnection c(f.port());
        c.send(bytes);
        const QList<Response> r = c.read(1, 5000);
        QCOMPARE(r.value(0).status, 400);
        QCOMPARE(r[0].json().value("error").toObject().value("type").toString(), QStringLiteral("invalid_request_error"));
        const qint64 closeMs = c.waitClosed();
        QVERIFY2(closeMs >= 0 && closeMs < PromptCloseMs, QByteArray::number(closeMs).constData());
        QCOMPARE(f.messages(QStringLiteral("Hi"), false).status, 200);
    }

    void slowHeadIsCutOff()
    {
        ProxyFixture f;
        QVERIFY(f.start({}, [](Config &c) { c.clientHeaderTimeoutMs = 400; }));
        RawConnection c(f.port());
        c.send("GET /health HTTP/1.1\r\nHo");
        const QList<Response> r = c.read(1, 10000);
        QCOMPARE(r.value(0).status, 408);
        QVERIFY(c.waitClosed() >= 0);
        QVERIFY2(c.closedAtMs() >= 350 && c.closedAtMs() < 5000, QByteArray::number(c.closedAtMs()).constData());
    }

    void slowBodyIsCutOff()
    {
        ProxyFixture f;
        // 400 ms + 2000 bytes at 10000 bytes/s = 600 ms for the whole body
        QVERIFY(f.start({}, [](Config &c) { c.clientHeaderTimeoutMs = 400; c.clientMinBodyBytesPerSecond = 10000; }));
        RawConnection c(f.port());
        c.send("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: " + TestApiKey
               + "\r\nContent-Length: 2000\r\n\r\n{\"model\":");
        const QList<Response> r = c.read(1, 10000);
        QCOMPARE(r.value(0).status, 408);
        QVERIFY(c.waitClosed() >= 0);
        QVERIFY2(c.closedAtMs() >= 550 && c.closedAtMs() < 5000, QByteArray::number(c.closedAtMs()).constData());
        QVERIFY(f.fake.requests("/generateAssistantResponse").isEmpty());
    }

    void idleConnectionIsClosed()
    {
        ProxyFixture f;
        QVERIFY(f.start({}, [](Config &c) { c.clientIdleTimeoutMs = 400; }));
        RawConnection c(f.port());
        c.send(modelsRequest("HTTP/1.1"));
        QCOMPARE(c.read(1).value(0).status, 200);
        const qint64 closeMs = c.waitClosed();
        QVERIFY2(closeMs >= 300 && closeMs < 5000, QByteArray::number(closeMs).constData());
        // a connection that never sends anything is closed the same way
        RawConnection silent(f.port());
        QVERIFY(silent.waitClosed() >= 0);
        QVERIFY(silent.received().isEmpty());
    }

    void largeBodyIsAnsweredPromptly()
    {
        // 2 MB through the capped read buffer, with and without waiting for 100 Continue
        ProxyFixture f;
        QVERIFY(f.start());
        QJsonObject request = ProxyFixture::request(QString(2 * 1024 * 1024, QLatin1Char('a')), false);
        const QByteArray body = QJsonDocument(request).toJson(QJsonDocument::Compact);
        RawConnection c(f.port());
        QElapsedTimer t;
        t.start();
        c.send("POST /v1/messages/count_tokens HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: " + TestApiKey
               + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        const QList<Response> r = c.read(1);
        QCOMPARE(r.value(0).status, 200);
        QVERIFY(r[0].json().value("input_tokens").toInt() > 1000);
        qInfo() << "2 MB body answered in" << t.elapsed() << "ms";
    }
};

QTEST_GUILESS_MAIN(TestE2eConnection)
#include "tst_e2e_connection.moc"
