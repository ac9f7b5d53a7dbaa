// ChunkedStream on a real loopback socket: the head leaves with the first chunk, each write is one
// chunk, and end() carries its last data and the terminating chunk; bytesSent() counts body bytes.
#include "server/chunkedstream.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

using namespace kt;

class TestChunkedStream : public QObject
{
    Q_OBJECT

private:
    QTcpServer m_server;
    QTcpSocket *m_client = nullptr;    // the reading end
    QTcpSocket *m_accepted = nullptr;  // the end the stream writes to

    // What arrives until `end` (what arrived by then, if it never does: the comparison fails).
    QByteArray readUntil(const QByteArray &end)
    {
        QByteArray received;
        static_cast<void>(QTest::qWaitFor([&] { return (received += m_client->readAll()).endsWith(end); }, 10000));
        return received;
    }
    // Whatever the stream wrote so far arrives before a marker written straight to the socket after it.
    QByteArray restBeforeMarker()
    {
        m_accepted->write("#");
        QByteArray received = readUntil("#");
        return received.endsWith('#') ? received.chopped(1) : received + "(no marker)";
    }
    QByteArray expectedHead() const
    {
        return statusLines(200) + "Content-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n";
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_server.listen(QHostAddress::LocalHost));
        m_client = new QTcpSocket(this);
        m_client->connectToHost(QHostAddress::LocalHost, m_server.serverPort());
        QTRY_VERIFY_WITH_TIMEOUT(m_server.hasPendingConnections(), 10000);
        m_accepted = m_server.nextPendingConnection();
        QTRY_COMPARE_WITH_TIMEOUT(m_client->state(), QAbstractSocket::ConnectedState, 10000);
    }
    void cleanup()
    {
        delete m_client;
        delete m_accepted;
        m_server.close();
    }

    void writesThenEndsWithLastData()
    {
        ChunkedStream stream(m_accepted);
        stream.begin(200, "text/event-stream");
        stream.write("abc");
        stream.end("0123456789abcdefg");
        QCOMPARE(readUntil("0\r\n\r\n"), expectedHead() + "3\r\nabc\r\n" + "11\r\n0123456789abcdefg\r\n" + "0\r\n\r\n");
        QCOMPARE(stream.bytesSent(), 20);
        QVERIFY(!stream.isOpen());
    }

    // Chunks after the first leave without being framed into one buffer (sendmsg); one larger than
    // the kernel takes at once leaves partly through Qt's buffer, and what follows waits behind it.
    void laterChunksLeaveWholeAndInOrder()
    {
        ChunkedStream stream(m_accepted);
        stream.begin(200, "text/event-stream");
        stream.write("abc");
        stream.write("defgh");
        const QByteArray large(8 * 1024 * 1024, 'x');
        stream.write(large);
        stream.write("tail");
        stream.end();
        const QByteArray expected = expectedHead() + "3\r\nabc\r\n" + "5\r\ndefgh\r\n" + QByteArray::number(large.size(), 16)
                                    + "\r\n" + large + "\r\n" + "4\r\ntail\r\n" + "0\r\n\r\n";
        const QByteArray received = readUntil("0\r\n\r\n");
        QCOMPARE(received.size(), expected.size());
        QVERIFY(received == expected);
        QCOMPARE(stream.bytesSent(), 3 + 5 + large.size() + 4);
    }

    void endWithoutDataOnlyTerminates()
    {
        ChunkedStream stream(m_accepted);
        stream.begin(200, "text/event-stream");
        stream.write("abc");
        stream.end();
        QCOMPARE(readUntil("0\r\n\r\n"), expectedHead() + "3\r\nabc\r\n0\r\n\r\n");
        QCOMPARE(stream.bytesSent(), 3);
    }

    void headHeldBackUntilEnd()
    {
        ChunkedStream stream(m_accepted);
        stream.begin(200, "text/event-stream");
        stream.end("only");
        QCOMPARE(readUntil("0\r\n\r\n"), expectedHead() + "4\r\nonly\r\n0\r\n\r\n");
        stream.write("late");   // after end(): nothing more leaves
        stream.end("later");
        QCOMPARE(restBeforeMarker(), QByteArray());
        QCOMPARE(stream.bytesSent(), 4);
    }

    void nothingBeforeBegin()
    {
        ChunkedStream stream(m_accepted);
        stream.write("abc");
        stream.end("def");
        QCOMPARE(restBeforeMarker(), QByteArray());
        QCOMPARE(stream.bytesSent(), 0);
    }
};

QTEST_GUILESS_MAIN(TestChunkedStream)
#include "tst_chunkedstream.moc"
