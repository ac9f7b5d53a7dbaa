// UpstreamCall against a scripted loopback server: every framing (Content-Length, chunked,
// until-close) delivered one byte at a time, interim 1xx answers, broken and hostile answers,
// abort, an HTTP proxy, and TLS with an untrusted and a trusted certificate.
#include "upstream/upstreamcall.h"

#include "refusedport.h"
#include "unit/support/testcertificate.h"

#include <QNetworkRequest>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTest>
#include <QTimer>

using namespace kt;

namespace {

// Accepts one connection, reads the request (head + Content-Length body), then writes `answer`
// in pieces of `pieceSize` bytes, one per event-loop turn, and optionally closes.
class ScriptedServer : public QObject
{
public:
    explicit ScriptedServer(QTcpServer *server = new QTcpServer, const QHostAddress &address = QHostAddress::LocalHost)
        : m_server(server)
    {
        m_server->setParent(this);
        QVERIFY(m_server->listen(address, 0));
        connect(m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            m_socket = m_server->nextPendingConnection();
            connect(m_socket, &QTcpSocket::readyRead, this, &ScriptedServer::onRequestBytes);
            onRequestBytes();
        });
    }
    quint16 port() const { return m_server->serverPort(); }

    QByteArray answer;
    qsizetype pieceSize = 1;
    bool closeAtEnd = false;
    QByteArray request;   // head and body as received
    bool requestComplete = false;

private:
    void onRequestBytes()
    {
        request += m_socket->readAll();
        const qsizetype end = request.indexOf("\r\n\r\n");
        if (requestComplete || end < 0)
            return;
        qsizetype length = 0;
        for (const QByteArray &line : request.left(end).split('\n')) {
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        }
        if (request.size() < end + 4 + length)
            return;
        requestComplete = true;
        writeNext();
    }
    void writeNext()
    {
        if (!m_socket)
            return;
        if (m_written >= answer.size()) {
            if (closeAtEnd)
                m_socket->disconnectFromHost();
            return;
        }
        m_socket->write(answer.mid(m_written, pieceSize));
        m_socket->flush();
        m_written += pieceSize;
        QTimer::singleShot(0, this, &ScriptedServer::writeNext);
    }

    QTcpServer *m_server;
    QPointer<QTcpSocket> m_socket;
    qsizetype m_written = 0;
};

struct Outcome {
    QByteArray body;
    int finishedCount = 0;
    int readyReads = 0;
};

Outcome run(UpstreamCall &call, const QUrl &url, const QByteArray &body = "{\"x\":1}", int timeoutMs = 10000)
{
    Outcome out;
    QObject::connect(&call, &UpstreamCall::readyRead, &call, [&] {
        ++out.readyReads;
        out.body += call.readAll();
    });
    QObject::connect(&call, &UpstreamCall::finished, &call, [&] {
        ++out.finishedCount;
        out.body += call.readAll();
    });
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
    request.setRawHeader("x-test", "yes");
    call.post(request, body);
    if (QTest::qWaitFor([&] { return out.finishedCount > 0; }, timeoutMs))
        QTest::qWait(20);   // a second finished() would show up here (nothing to wait for: a short window)
    return out;
}

QUrl urlFor(quint16 port, const QString &path = QStringLiteral("/generateAssistantResponse"))
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path));
}

} // namespace

class TestUpstreamCall : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void framings_data();
    void framings();
    void sendsTheRequest();
    void ipv6Literal();
    void interimAnswerThenError();
    void brokenAnswers_data();
    void brokenAnswers();
    void connectionRefused();
    void abortFinishesOnce();
    void abortFromReadyReadFinishesOnce();
    void errorBodyIsCapped();
    void httpProxyGetsAbsoluteUrl();
    void tls();
};

void TestUpstreamCall::framings_data()
{
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<bool>("close");
    QTest::addColumn<QByteArray>("expected");
    const QByteArray payload("\x00\x00\x00\x10" "binary\r\n\r\nbytes", 20);
    QTest::newRow("content-length") << "HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\n" + payload << false << payload;
    QTest::newRow("content-length, close after") << "HTTP/1.1 200 OK\r\ncontent-length:20\r\n\r\n" + payload << true << payload;
    QTest::newRow("chunked, extensions, trailer")
        << "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\n" + payload.left(5) + "\r\nF\r\n"
               + payload.mid(5) + "\r\n0\r\nx-trailer: 1\r\n\r\n"
        << false << payload;
    QTest::newRow("chunked, upper-case hex, no trailer")
        << "HTTP/1.1 200 OK\r\ntransfer-encoding: CHUNKED\r\n\r\n14\r\n" + payload + "\r\n0\r\n\r\n" << false << payload;
    QTest::newRow("until close") << "HTTP/1.1 200 OK\r\nX-A: b\r\n\r\n" + payload << true << payload;
    QTest::newRow("empty body") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n") << false << QByteArray();
    QTest::newRow("LF only") << "HTTP/1.1 200 OK\nContent-Length: 20\n\n" + payload << false << payload;
}

void TestUpstreamCall::framings()
{
    QFETCH(QByteArray, answer);
    QFETCH(bool, close);
    QFETCH(QByteArray, expected);
    ScriptedServer server;
    server.answer = answer;
    server.closeAtEnd = close;
    UpstreamCall call(QNetworkProxy::NoProxy);
    const Outcome out = run(call, urlFor(server.port()));
    QCOMPARE(out.finishedCount, 1);
    QVERIFY2(!call.failed(), qPrintable(call.errorString()));
    QCOMPARE(call.status(), 200);
    QCOMPARE(out.body, expected);
    QVERIFY(!call.isRunning());
    if (expected.size() > 1)
        QVERIFY2(out.readyReads > 1, "bytes are handed on as they arrive, not at the end");
}

void TestUpstreamCall::sendsTheRequest()
{
    ScriptedServer server;
    server.answer = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
    UpstreamCall call(QNetworkProxy::NoProxy);
    const QByteArray body = QByteArray("{\"content\":\"") + QByteArray(100000, 'a') + "\"}";
    run(call, QUrl(QStringLiteral("http://127.0.0.1:%1/generateAssistantResponse?a=b%20c").arg(server.port())), body);
    const qsizetype end = server.request.indexOf("\r\n\r\n");
    const QByteArray head = server.request.left(end);
    QVERIFY2(head.startsWith("POST /generateAssistantResponse?a=b%20c HTTP/1.1\r\n"), head.constData());
    QVERIFY(head.contains("\r\nContent-Type: application/json"));
    QVERIFY(head.contains("\r\nx-test: yes"));
    QVERIFY(head.contains("\r\nContent-Length: " + QByteArray::number(body.size())));
    QVERIFY(head.contains("\r\nHost: 127.0.0.1:" + QByteArray::number(server.port())));
    QCOMPARE(server.request.mid(end + 4), body);
}

void TestUpstreamCall::ipv6Literal()
{
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHostIPv6, 0))
            QSKIP("no IPv6 loopback here");
    }
    ScriptedServer server(new QTcpServer, QHostAddress::LocalHostIPv6);
    server.answer = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
    UpstreamCall call(QNetworkProxy::NoProxy);
    const Outcome out = run(call, QUrl(QStringLiteral("http://[::1]:%1/generateAssistantResponse").arg(server.port())));
    QVERIFY2(!call.failed(), qPrintable(call.errorString()));
    QCOMPARE(out.body, QByteArray("ok"));
    QVERIFY2(server.request.contains("\r\nHost: [::1]:" + QByteArray::number(server.port()) + "\r\n"),
             server.request.left(300).constData());
}

void TestUpstreamCall::interimAnswerThenError()
{
    ScriptedServer server;
    server.answer = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 429 Too Many Requests\r\nRetry-After: 7\r\n"
                    "Content-Length: 25\r\n\r\n{\"message\":\"slow down\"}\r\n";
    UpstreamCall call(QNetworkProxy::NoProxy);
    const Outcome out = run(call, urlFor(server.port()));
    QVERIFY(!call.failed());
    QCOMPARE(call.status(), 429);
    QCOMPARE(call.rawHeader("retry-after"), QByteArray("7"));
    QCOMPARE(call.rawHeader("RETRY-AFTER"), QByteArray("7"));
    QCOMPARE(call.rawHeader("missing"), QByteArray());
    QCOMPARE(out.body, QByteArray("{\"message\":\"slow down\"}\r\n"));
}

void TestUpstreamCall::brokenAnswers_data()
{
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<int>("status");        // what status() says afterwards
    QTest::addColumn<QByteArray>("body");   // what was handed on before the failure
    QTest::newRow("not HTTP") << QByteArray("SSH-2.0-OpenSSH\r\n\r\n") << 0 << QByteArray();
    QTest::newRow("status not a number") << QByteArray("HTTP/1.1 abc OK\r\n\r\n") << 0 << QByteArray();
    QTest::newRow("header without colon") << QByteArray("HTTP/1.1 200 OK\r\nnocolon\r\n\r\n") << 200 << QByteArray();
    QTest::newRow("negative content-length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n") << 200 << QByteArray();
    QTest::newRow("chunk size not hex") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nab\r\n") << 200 << QByteArray();
    QTest::newRow("chunk without CRLF after data")
        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabXY\r\n0\r\n\r\n") << 200 << QByteArray("ab");
    QTest::newRow("closed mid body") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this") << 200 << QByteArray("only this");
    QTest::newRow("closed mid chunk")
        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nabc") << 200 << QByteArray("abc");
    QTest::newRow("closed in the head") << QByteArray("HTTP/1.1 200 OK\r\nContent-Le") << 200 << QByteArray();
    QTest::newRow("closed before answering") << QByteArray() << 0 << QByteArray();
    QTest::newRow("endless header line") << "HTTP/1.1 200 OK\r\nX-Long: " + QByteArray(UpstreamCall::MaxHeadBytes + 10, 'a')
                                         << 200 << QByteArray();
    QByteArray manyHeaders = "HTTP/1.1 200 OK\r\n";
    for (int i = 0; i < 300; ++i)
        manyHeaders += "X-" + QByteArray::number(i) + ": v\r\n";
    QTest::newRow("too many headers") << manyHeaders + "\r\n" << 200 << QByteArray();
}

void TestUpstreamCall::brokenAnswers()
{
    QFETCH(QByteArray, answer);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    ScriptedServer server;
    server.answer = answer;
    server.pieceSize = 4096;
    server.closeAtEnd = true;
    UpstreamCall call(QNetworkProxy::NoProxy);
    const Outcome out = run(call, urlFor(server.port()));
    QCOMPARE(out.finishedCount, 1);
    QVERIFY(call.failed());
    QVERIFY(!call.errorString().isEmpty());
    QCOMPARE(call.status(), status);
    QCOMPARE(out.body, body);
}

void TestUpstreamCall::connectionRefused()
{
    const RefusedPort refused;
    const quint16 port = refused.port();
    QVERIFY(port != 0);
    UpstreamCall call(QNetworkProxy::NoProxy);
    const Outcome out = run(call, urlFor(port));
    QCOMPARE(out.finishedCount, 1);
    QVERIFY(call.failed());
    QCOMPARE(call.status(), 0);
    QVERIFY2(call.errorString().contains(QLatin1String("refused"), Qt::CaseInsensitive), qPrintable(call.errorString()));
}

void TestUpstreamCall::abortFinishesOnce()
{
    ScriptedServer server;   // reads the request, never answers
    UpstreamCall call(QNetworkProxy::NoProxy);
    QSignalSpy finished(&call, &UpstreamCall::finished);
    QNetworkRequest request(urlFor(server.port()));
    call.post(request, "{}");
    QVERIFY(call.isRunning());
    QTRY_VERIFY(server.requestComplete);
    call.abort();
    QCOMPARE(finished.size(), 1);   // at once, like QNetworkReply::abort()
    QVERIFY(call.failed());
    QCOMPARE(call.status(), 0);
    call.abort();
    QTest::qWait(50);   // a second finished() would show up here (nothing to wait for: a short window)
    QCOMPARE(finished.size(), 1);
}

// A reader that gives up halfway (the client went away, the stream was corrupt) aborts from inside
// readyRead(): the call must finish there, once, and not again when control returns to it.
void TestUpstreamCall::abortFromReadyReadFinishesOnce()
{
    ScriptedServer server;
    server.answer = "HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\n0123456789";   // half the body, then silence
    server.pieceSize = server.answer.size();
    UpstreamCall call(QNetworkProxy::NoProxy);
    QSignalSpy finished(&call, &UpstreamCall::finished);
    QByteArray received;
    connect(&call, &UpstreamCall::readyRead, &call, [&] {
        received += call.readAll();
        call.abort();
        QCOMPARE(finished.size(), 1);
    });
    QNetworkRequest request(urlFor(server.port()));
    call.post(request, "{}");
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
    QTest::qWait(50);   // a second finished() would show up here (nothing to wait for: a short window)
    QCOMPARE(finished.size(), 1);
    QCOMPARE(received, QByteArray("0123456789"));
    QVERIFY(call.failed());
    QVERIFY(!call.isRunning());
}

void TestUpstreamCall::errorBodyIsCapped()
{
    ScriptedServer server;
    const qsizetype size = UpstreamCall::MaxErrorBodyBytes + 500000;
    server.answer = "HTTP/1.1 500 Internal Server Error\r\nContent-Length: " + QByteArray::number(size) + "\r\n\r\n"
        + QByteArray(size, 'e');
    server.pieceSize = 65536;
    UpstreamCall call(QNetworkProxy::NoProxy);
    QByteArray body;
    QSignalSpy finished(&call, &UpstreamCall::finished);
    QNetworkRequest request(urlFor(server.port()));
    call.post(request, "{}");   // nobody reads until the end, as for a non-200 answer
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
    QVERIFY(!call.failed());
    QCOMPARE(call.status(), 500);
    QCOMPARE(call.readAll().size(), UpstreamCall::MaxErrorBodyBytes);
}

void TestUpstreamCall::httpProxyGetsAbsoluteUrl()
{
    ScriptedServer proxy;
    proxy.answer = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
    UpstreamCall call(QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), proxy.port(),
                                    QStringLiteral("user"), QStringLiteral("p@ss:word")));
    const Outcome out = run(call, QUrl(QStringLiteral("http://kiro.invalid:8000/generateAssistantResponse")));
    QVERIFY2(!call.failed(), qPrintable(call.errorString()));
    QCOMPARE(out.body, QByteArray("ok"));
    QVERIFY2(proxy.request.startsWith("POST http://kiro.invalid:8000/generateAssistantResponse HTTP/1.1\r\n"),
             proxy.request.left(200).constData());
    QVERIFY(proxy.request.contains("\r\nProxy-Authorization: Basic " + QByteArray("user:p@ss:word").toBase64() + "\r\n"));
    QVERIFY(proxy.request.contains("\r\nHost: kiro.invalid:8000\r\n"));
}

void TestUpstreamCall::tls()
{
    const test::TestCertificate made = test::TestCertificate::make();
    if (!made.skipReason.isEmpty())
        QSKIP(qPrintable(made.skipReason));
    QVERIFY(!made.certificate.isNull() && !made.key.isNull());
    const QList<QSslCertificate> certs{made.certificate};
    const QSslKey &key = made.key;

    QSslConfiguration serverTls = QSslConfiguration::defaultConfiguration();
    serverTls.setLocalCertificate(certs.first());
    serverTls.setPrivateKey(key);
    serverTls.setPeerVerifyMode(QSslSocket::VerifyNone);
    const QString url = QStringLiteral("https://localhost:%1/generateAssistantResponse");

    {   // not trusted: refused during the handshake, nothing sent
        auto *tcp = new QSslServer;
        tcp->setSslConfiguration(serverTls);
        ScriptedServer server(tcp);
        server.answer = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        UpstreamCall call(QNetworkProxy::NoProxy);
        run(call, QUrl(url.arg(server.port())));
        QVERIFY(call.failed());
        QVERIFY2(call.errorString().contains(QLatin1String("certificate"), Qt::CaseInsensitive), qPrintable(call.errorString()));
        QCOMPARE(call.status(), 0);
        QVERIFY(server.request.isEmpty());
    }
    const QSslConfiguration saved = QSslConfiguration::defaultConfiguration();
    QSslConfiguration trusting = saved;
    trusting.addCaCertificates(certs);
    QSslConfiguration::setDefaultConfiguration(trusting);
    auto restore = qScopeGuard([&] { QSslConfiguration::setDefaultConfiguration(saved); });
    {   // trusted: the answer arrives decrypted
        auto *tcp = new QSslServer;
        tcp->setSslConfiguration(serverTls);
        ScriptedServer server(tcp);
        server.answer = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n";
        UpstreamCall call(QNetworkProxy::NoProxy);
        const Outcome out = run(call, QUrl(url.arg(server.port())));
        QVERIFY2(!call.failed(), qPrintable(call.errorString()));
        QCOMPARE(out.body, QByteArray("ok"));
        QVERIFY(server.request.startsWith("POST /generateAssistantResponse HTTP/1.1\r\n"));
        QVERIFY(server.request.contains("\r\nHost: localhost:"));
    }
}

QTEST_GUILESS_MAIN(TestUpstreamCall)
#include "tst_upstreamcall.moc"
