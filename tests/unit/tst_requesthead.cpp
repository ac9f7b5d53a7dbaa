// RequestHead::scan on heads as they arrive: complete, still incomplete, or recognisably not HTTP
// from the first byte that cannot belong to a request; and what a head says about the connection.
#include "server/requesthead.h"

#include <QtTest>

using namespace kt;

class TestRequestHead : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scan_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("expected");   // RequestHead::Scan
        const int incomplete = int(RequestHead::Scan::Incomplete), complete = int(RequestHead::Scan::Complete),
                  invalid = int(RequestHead::Scan::Invalid);
        QTest::newRow("nothing yet") << QByteArray() << incomplete;
        QTest::newRow("first byte") << QByteArray("P") << incomplete;
        QTest::newRow("method") << QByteArray("POST") << incomplete;
        QTest::newRow("line without end") << QByteArray("GET / HTTP/1.1\r") << incomplete;
        QTest::newRow("half a header") << QByteArray("GET / HTTP/1.1\r\nHo") << incomplete;
        QTest::newRow("no blank line") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\n") << incomplete;
        QTest::newRow("complete") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\n\r\nbody") << complete;
        QTest::newRow("bare LF") << QByteArray("GET / HTTP/1.0\n\n") << complete;
        QTest::newRow("tls") << QByteArray("\x16\x03\x01") << invalid;
        QTest::newRow("lower-case method") << QByteArray("get / HTTP/1.1\r\n\r\n") << invalid;
        QTest::newRow("unknown method") << QByteArray("BREW /pot HTTP/1.1\r\n\r\n") << invalid;
        QTest::newRow("GETX") << QByteArray("GETX / HTTP/1.1\r\n\r\n") << invalid;
        QTest::newRow("http/2") << QByteArray("PRI * HTTP/2.0\r\n\r\n") << invalid;
        QTest::newRow("version 9.9") << QByteArray("GET / HTTP/9.9\r\n\r\n") << invalid;
        QTest::newRow("version early") << QByteArray("GET / HTTX") << invalid;
        QTest::newRow("no target") << QByteArray("GET  HTTP/1.1\r\n\r\n") << invalid;
        QTest::newRow("header without colon") << QByteArray("GET / HTTP/1.1\r\nHost a\r\n\r\n") << invalid;
        QTest::newRow("space before colon") << QByteArray("GET / HTTP/1.1\r\nHost : a\r\n\r\n") << invalid;
        QTest::newRow("folded header") << QByteArray("GET / HTTP/1.1\r\nA: b\r\n  c\r\n\r\n") << invalid;
        QTest::newRow("bad length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1x\r\n\r\n") << invalid;
        QTest::newRow("two lengths") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n") << invalid;
        QTest::newRow("negative length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n") << invalid;
    }

    void scan()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, expected);
        RequestHead head;
        QString problem;
        QCOMPARE(int(RequestHead::scan(bytes, &head, &problem)), expected);
        QCOMPARE(problem.isEmpty(), expected != int(RequestHead::Scan::Invalid));
    }

    void fields()
    {
        RequestHead head;
        QString problem;
        const QByteArray bytes = "POST /v1/messages?beta=true HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Api-Key:  k \r\n"
                                 "Content-Length: 12\r\nExpect: 100-Continue\r\n\r\n{\"a\":1}";
        QCOMPARE(RequestHead::scan(bytes, &head, &problem), RequestHead::Scan::Complete);
        QCOMPARE(head.method, QByteArray("POST"));
        QCOMPARE(head.path(), QByteArray("/v1/messages"));
        QCOMPARE(head.minorVersion, 1);
        QCOMPARE(head.value("x-api-key"), QByteArray("k"));
        QCOMPARE(head.contentLength, qint64(12));
        QCOMPARE(head.length, bytes.indexOf("{"));
        QVERIFY(head.expectsContinue());
        QVERIFY(head.keepAlive());
        QVERIFY(!head.chunked);
    }

    void keepAlive_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("keepAlive");
        QTest::newRow("1.1") << QByteArray("GET / HTTP/1.1\r\n\r\n") << true;
        QTest::newRow("1.1 close") << QByteArray("GET / HTTP/1.1\r\nConnection: Close\r\n\r\n") << false;
        QTest::newRow("1.1 list with close") << QByteArray("GET / HTTP/1.1\r\nConnection: te, close\r\n\r\n") << false;
        QTest::newRow("1.0") << QByteArray("GET / HTTP/1.0\r\n\r\n") << false;
        QTest::newRow("1.0 keep-alive") << QByteArray("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n") << true;
    }

    void keepAlive()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, keepAlive);
        RequestHead head;
        QString problem;
        QCOMPARE(RequestHead::scan(bytes, &head, &problem), RequestHead::Scan::Complete);
        QCOMPARE(head.keepAlive(), keepAlive);
        QVERIFY(!head.expectsContinue());
    }

    void expectOnHttp10IsIgnored()
    {
        RequestHead head;
        QString problem;
        QCOMPARE(RequestHead::scan("POST / HTTP/1.0\r\nExpect: 100-continue\r\n\r\n", &head, &problem), RequestHead::Scan::Complete);
        QVERIFY(!head.expectsContinue());
    }
};

QTEST_GUILESS_MAIN(TestRequestHead)
#include "tst_requesthead.moc"
