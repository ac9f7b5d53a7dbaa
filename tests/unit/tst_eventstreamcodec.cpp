// Tests the AWS event-stream encoder/decoder against the protocol test vector, arbitrary chunking
// and every kind of framing corruption.
#include "codec/eventstreamdecoder.h"
#include "codec/eventstreamencoder.h"
#include "codec/eventstreammessage.h"

#include <QDateTime>
#include <QTest>
#include <QUuid>
#include <QtEndian>

using namespace kt;

namespace {

const QByteArray TestVectorHex =
    "0000007c0000005c3bddcf780b3a6576656e742d74797065070016617373697374616e74526573706f6e73654576656e74"
    "0d3a636f6e74656e742d747970650700106170706c69636174696f6e2f6a736f6e0d3a6d6573736167652d74797065"
    "0700056576656e747b22636f6e74656e74223a224869227db02babdc";

QByteArray be32(quint32 v)
{
    char b[4];
    qToBigEndian(v, b);
    return QByteArray(b, 4);
}

// A frame with arbitrary (possibly lying) lengths but correct CRCs, to reach the length checks.
QByteArray rawFrame(quint32 total, quint32 headersLength, const QByteArray &body)
{
    QByteArray f = be32(total) + be32(headersLength);
    f += be32(eventStreamCrc32(f));
    f += body;
    f += be32(eventStreamCrc32(f));
    return f;
}

QList<EventStreamMessage> drain(EventStreamDecoder &d)
{
    QList<EventStreamMessage> out;
    EventStreamMessage m;
    while (d.next(m))
        out.append(m);
    return out;
}

QByteArray threeMessages()
{
    return EventStreamEncoder::event(QStringLiteral("assistantResponseEvent"), R"({"content":"Hello"})")
        + EventStreamEncoder::exception(QStringLiteral("ThrottlingException"), R"({"message":"slow down"})")
        + EventStreamEncoder::error(QStringLiteral("InternalError"), "boom");
}

void checkThree(const QList<EventStreamMessage> &msgs)
{
    QCOMPARE(msgs.size(), 3);
    QCOMPARE(msgs[0].messageType(), QStringLiteral("event"));
    QCOMPARE(msgs[0].eventType(), QStringLiteral("assistantResponseEvent"));
    QCOMPARE(msgs[0].payload, QByteArray(R"({"content":"Hello"})"));
    QCOMPARE(msgs[1].messageType(), QStringLiteral("exception"));
    QCOMPARE(msgs[1].exceptionType(), QStringLiteral("ThrottlingException"));
    QCOMPARE(msgs[1].payload, QByteArray(R"({"message":"slow down"})"));
    QCOMPARE(msgs[2].messageType(), QStringLiteral("error"));
    QCOMPARE(msgs[2].errorCode(), QStringLiteral("InternalError"));
    QCOMPARE(msgs[2].payload, QByteArray("boom"));
}

} // namespace

class TestEventStreamCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void crcCheckValue()
    {
        QCOMPARE(eventStreamCrc32("123456789"), 0xCBF43926u);
        QCOMPARE(eventStreamCrc32(QByteArrayView()), 0u);
    }

    void encoderMatchesTestVector()
    {
        const QByteArray frame = EventStreamEncoder::event(QStringLiteral("assistantResponseEvent"), R"({"content":"Hi"})");
        QCOMPARE(frame.toHex(), TestVectorHex);
        QCOMPARE(frame.size(), 124);
    }

    void decoderParsesTestVector()
    {
        EventStreamDecoder d;
        d.feed(QByteArray::fromHex(TestVectorHex));
        EventStreamMessage m;
        QVERIFY(d.next(m));
        QCOMPARE(m.headers.size(), 3);
        QCOMPARE(m.headers[0].first, QStringLiteral(":event-type"));
        QCOMPARE(m.headers[1].first, QStringLiteral(":content-type"));
        QCOMPARE(m.headers[2].first, QStringLiteral(":message-type"));
        QCOMPARE(m.eventType(), QStringLiteral("assistantResponseEvent"));
        QCOMPARE(m.messageType(), QStringLiteral("event"));
        QCOMPARE(m.header(QStringLiteral(":content-type")).toString(), QStringLiteral("application/json"));
        QCOMPARE(m.header(QStringLiteral(":content-type")).typeId(), int(QMetaType::QString));
        QVERIFY(!m.header(QStringLiteral("absent")).isValid());
        QVERIFY(m.exceptionType().isEmpty());
        QCOMPARE(m.payload, QByteArray(R"({"content":"Hi"})"));
        QVERIFY(!d.next(m));
        QCOMPARE(d.error(), EventStreamDecoder::Error::None);
        QCOMPARE(d.pendingBytes(), 0);
    }

    void missingMessageTypeMeansEvent()
    {
        EventStreamDecoder d;
        d.feed(EventStreamEncoder::encode({{QStringLiteral(":event-type"), QStringLiteral("x")}}, "{}"));
        EventStreamMessage m;
        QVERIFY(d.next(m));
        QCOMPARE(m.messageType(), QStringLiteral("event"));
    }

    void splitAtEveryOffset()
    {
        const QByteArray stream = threeMessages();
        for (qsizetype cut = 0; cut <= stream.size(); ++cut) {
            EventStreamDecoder d;
            d.feed(QByteArrayView(stream).first(cut));
            QList<EventStreamMessage> msgs = drain(d);
            d.feed(QByteArrayView(stream).sliced(cut));
            msgs += drain(d);
            checkThree(msgs);
            QCOMPARE(d.error(), EventStreamDecoder::Error::None);
            QCOMPARE(d.pendingBytes(), 0);
        }
    }

    void byteByByte()
    {
        const QByteArray stream = threeMessages();
        EventStreamDecoder d;
        QList<EventStreamMessage> msgs;
        for (char c : stream) {
            d.feed(QByteArrayView(&c, 1));
            msgs += drain(d);
        }
        checkThree(msgs);
        QCOMPARE(d.pendingBytes(), 0);
    }

    void manyMessagesCompaction()
    {
        // Enough data to pass the compaction threshold several times with interleaved reads.
        QByteArray stream;
        for (int i = 0; i < 600; ++i)
            stream += EventStreamEncoder::event(QStringLiteral("e"), QByteArray::number(i) + QByteArray(500, 'x'));
        EventStreamDecoder d;
        int expected = 0;
        for (qsizetype pos = 0; pos < stream.size(); pos += 3001) {
            d.feed(QByteArrayView(stream).sliced(pos, qMin<qsizetype>(3001, stream.size() - pos)));
            EventStreamMessage m;
            while (d.next(m)) {
                QVERIFY(m.payload.startsWith(QByteArray::number(expected) + 'x'));
                ++expected;
            }
        }
        QCOMPARE(expected, 600);
        QCOMPARE(d.pendingBytes(), 0);
    }

    void corruptedPreludeCrc()
    {
        QByteArray frame = EventStreamEncoder::event(QStringLiteral("assistantResponseEvent"), R"({"content":"secret"})");
        frame[9] = char(frame[9] ^ 0x01);
        EventStreamDecoder d;
        d.feed(frame);
        EventStreamMessage m;
        QVERIFY(!d.next(m));
        QCOMPARE(d.error(), EventStreamDecoder::Error::PreludeCrcMismatch);
        QVERIFY(!d.errorString().isEmpty());
        QVERIFY(!d.errorString().contains(QStringLiteral("secret")));
        // Sticky: valid data afterwards does not revive the decoder.
        d.feed(QByteArray::fromHex(TestVectorHex));
        QVERIFY(!d.next(m));
        QCOMPARE(d.error(), EventStreamDecoder::Error::PreludeCrcMismatch);
    }

    void corruptedPreludeLengthDetectedBeforeBody()
    {
        // Only the 12-byte prelude arrived and its length field was damaged: fail now, don't wait.
        QByteArray frame = QByteArray::fromHex(TestVectorHex).first(12);
        frame[1] = char(0x7F);
        EventStreamDecoder d;
        d.feed(frame);
        EventStreamMessage m;
        QVERIFY(!d.next(m));
        QCOMPARE(d.error(), EventStreamDecoder::Error::PreludeCrcMismatch);
    }

    void corruptedMessageCrc()
    {
        QByteArray stream = QByteArray::fromHex(TestVectorHex);
        stream[stream.size() - 6] = 'X'; // inside the payload
        EventStreamDecoder d;
        d.feed(stream);
        EventStreamMessage m;
        QVERIFY(!d.next(m));
        QCOMPARE(d.error(), EventStreamDecoder::Error::MessageCrcMismatch);
        QVERIFY(!d.errorString().contains(QStringLiteral("Hi")));

        QByteArray badTrailer = QByteArray::fromHex(TestVectorHex);
        badTrailer[badTrailer.size() - 1] = char(badTrailer.back() ^ 0x80);
        EventStreamDecoder d2;
        d2.feed(QByteArray::fromHex(TestVectorHex) + badTrailer);
        QVERIFY(d2.next(m));
        QVERIFY(!d2.next(m));
        QCOMPARE(d2.error(), EventStreamDecoder::Error::MessageCrcMismatch);
        QVERIFY(!d2.next(m));
    }

    void truncatedFrame()
    {
        const QByteArray frame = QByteArray::fromHex(TestVectorHex);
        for (qsizetype keep : {qsizetype(1), qsizetype(11), qsizetype(12), frame.size() - 1}) {
            EventStreamDecoder d;
            d.feed(frame.first(keep));
            EventStreamMessage m;
            QVERIFY(!d.next(m));
            QCOMPARE(d.error(), EventStreamDecoder::Error::None);
            QCOMPARE(d.pendingBytes(), keep);
        }
    }

    void oversizedLength()
    {
        EventStreamDecoder d;
        QByteArray prelude = be32(0x7FFFFFFF) + be32(0);
        prelude += be32(eventStreamCrc32(prelude));
        d.feed(prelude);
        EventStreamMessage m;
        QVERIFY(!d.next(m));
        QCOMPARE(d.error(), EventStreamDecoder::Error::FrameTooLarge);

        EventStreamDecoder justOver;
        QByteArray p2 = be32(EventStreamDecoder::MaxMessageLength + 1) + be32(0);
        p2 += be32(eventStreamCrc32(p2));
        justOver.feed(p2);
        QVERIFY(!justOver.next(m));
        QCOMPARE(justOver.error(), EventStreamDecoder::Error::FrameTooLarge);
    }

    void tooShortLength()
    {
        EventStreamDecoder d;
        d.feed(rawFrame(15, 0, QByteArray(8, 'a')));
        EventStreamMessage m;
        QVERIFY(!d.next(m));
        QCOMPARE(d.error(), EventStreamDecoder::Error::InvalidLength);
    }

    void headersLengthTooBig()
    {
        EventStreamDecoder d;
        d.feed(rawFrame(20, 5, QByteArray(4, 'a')));
        EventStreamMessage m;
        QVERIFY(!d.next(m));
        QCOMPARE(d.error(), EventStreamDecoder::Error::InvalidLength);

        EventStreamDecoder fits; // headers_length == total-16 with an empty header section is fine
        fits.feed(rawFrame(16, 0, {}));
        QVERIFY(fits.next(m));
        QVERIFY(m.headers.isEmpty());
        QVERIFY(m.payload.isEmpty());
    }

    void invalidHeaders_data()
    {
        QTest::addColumn<QByteArray>("headerSection");
        QTest::newRow("unknown type") << QByteArray("\x01" "a" "\x0a", 3);
        QTest::newRow("empty name") << QByteArray("\x00\x00", 2);
        QTest::newRow("name overruns") << QByteArray("\x05" "ab", 3);
        QTest::newRow("missing type") << QByteArray("\x01" "a", 2);
        QTest::newRow("string overruns") << QByteArray("\x01" "a" "\x07\x00\x09" "abc", 7);
        QTest::newRow("truncated int") << QByteArray("\x01" "a" "\x04\x00\x00", 5);
        QTest::newRow("truncated uuid") << QByteArray("\x01" "a" "\x09" "0123456789", 13);
        QTest::newRow("bad utf8") << QByteArray("\x01" "a" "\x07\x00\x02\xc3\x28", 7);
        // Fuzzer find: a Latin-1 byte in a name used to decode as Latin-1 while the encoder writes UTF-8.
        QTest::newRow("name not utf8") << QByteArray("\x01" "\xa2" "\x00", 3);
    }

    void invalidHeaders()
    {
        QFETCH(QByteArray, headerSection);
        const QByteArray payload("{}");
        EventStreamDecoder d;
        d.feed(rawFrame(16 + headerSection.size() + payload.size(), headerSection.size(), headerSection + payload));
        EventStreamMessage m;
        QVERIFY(!d.next(m));
        QCOMPARE(d.error(), EventStreamDecoder::Error::InvalidHeader);
        QVERIFY(!d.errorString().isEmpty());
    }

    // Fuzzer regression: names are UTF-8 on both sides, so a decoded message re-encodes to itself,
    // including a leading BOM in a name or a string value.
    void nonAsciiNamesRoundTrip()
    {
        const QList<QPair<QString, QVariant>> headers{{QStringLiteral("caf\u00e9"), QStringLiteral("\uFEFFv")},
                                                      {QStringLiteral("\uFEFF"), true}};
        const QByteArray frame = EventStreamEncoder::encode(headers, "{}");
        QVERIFY(!frame.isEmpty());
        QVERIFY(frame.contains("caf\xc3\xa9"));
        EventStreamDecoder d;
        d.feed(frame);
        EventStreamMessage m;
        QVERIFY2(d.next(m), qPrintable(d.errorString()));
        QCOMPARE(m.headers, headers);
        QCOMPARE(EventStreamEncoder::encode(m.headers, m.payload), frame);
    }

    void allHeaderTypesRoundTrip()
    {
        const QDateTime when = QDateTime::fromMSecsSinceEpoch(1767225600123LL, Qt::UTC);
        const QUuid uuid = QUuid::fromString(QStringLiteral("{01234567-89ab-cdef-0123-456789abcdef}"));
        const QList<QPair<QString, QVariant>> headers = {
            {QStringLiteral("t"), true},
            {QStringLiteral("f"), false},
            {QStringLiteral("byte"), QVariant::fromValue<qint8>(-5)},
            {QStringLiteral("short"), QVariant::fromValue<qint16>(-300)},
            {QStringLiteral("int"), 70000},
            {QStringLiteral("long"), QVariant::fromValue<qint64>(-1234567890123LL)},
            {QStringLiteral("bytes"), QByteArray("\x00\x01\xff", 3)},
            {QStringLiteral("string"), QStringLiteral("héllo 世界")},
            {QStringLiteral("ts"), when},
            {QStringLiteral("uuid"), uuid},
            {QStringLiteral("uint-widened"), QVariant::fromValue<uint>(3000000000u)},
        };
        const QByteArray frame = EventStreamEncoder::encode(headers, "payload");
        QVERIFY(!frame.isEmpty());
        // Wire type bytes as chosen by the encoder.
        QCOMPARE(frame.at(12 + 1 + 1), char(0));
        QCOMPARE(frame.at(12 + 3 + 1 + 1), char(1));
        EventStreamDecoder d;
        d.feed(frame);
        EventStreamMessage m;
        QVERIFY(d.next(m));
        QCOMPARE(m.headers.size(), headers.size());
        QCOMPARE(m.header(QStringLiteral("t")), QVariant(true));
        QCOMPARE(m.header(QStringLiteral("f")), QVariant(false));
        QCOMPARE(m.header(QStringLiteral("byte")).typeId(), int(QMetaType::LongLong));
        QCOMPARE(m.header(QStringLiteral("byte")).toLongLong(), -5);
        QCOMPARE(m.header(QStringLiteral("short")).toLongLong(), -300);
        QCOMPARE(m.header(QStringLiteral("int")).toLongLong(), 70000);
        QCOMPARE(m.header(QStringLiteral("long")).toLongLong(), -1234567890123LL);
        QCOMPARE(m.header(QStringLiteral("long")).typeId(), int(QMetaType::LongLong));
        QCOMPARE(m.header(QStringLiteral("bytes")).typeId(), int(QMetaType::QByteArray));
        QCOMPARE(m.header(QStringLiteral("bytes")).toByteArray(), QByteArray("\x00\x01\xff", 3));
        QCOMPARE(m.header(QStringLiteral("string")).toString(), QStringLiteral("héllo 世界"));
        QCOMPARE(m.header(QStringLiteral("ts")).typeId(), int(QMetaType::QDateTime));
        QCOMPARE(m.header(QStringLiteral("ts")).toDateTime(), when);
        QCOMPARE(m.header(QStringLiteral("ts")).toDateTime().timeSpec(), Qt::UTC);
        QCOMPARE(m.header(QStringLiteral("uuid")).typeId(), int(QMetaType::QUuid));
        QCOMPARE(m.header(QStringLiteral("uuid")).toUuid(), uuid);
        QCOMPARE(m.header(QStringLiteral("uint-widened")).toLongLong(), 3000000000LL);
        QCOMPARE(m.payload, QByteArray("payload"));
        for (int i = 0; i < headers.size(); ++i)
            QCOMPARE(m.headers[i].first, headers[i].first);
    }

    void integerWireWidths()
    {
        // byte=2 (1 byte), short=3 (2 bytes), int=4 (4 bytes), long=5 (8 bytes): header section sizes prove it.
        auto headerLen = [](const QVariant &v) {
            const QByteArray f = EventStreamEncoder::encode({{QStringLiteral("n"), v}}, {});
            return qFromBigEndian<quint32>(f.constData() + 4);
        };
        QCOMPARE(headerLen(QVariant::fromValue<qint8>(1)), 2u + 1 + 1);
        QCOMPARE(headerLen(QVariant::fromValue<qint16>(1)), 2u + 1 + 2);
        QCOMPARE(headerLen(QVariant(1)), 2u + 1 + 4);
        QCOMPARE(headerLen(QVariant::fromValue<qint64>(1)), 2u + 1 + 8);
    }

    void emptyPayload()
    {
        const QByteArray frame = EventStreamEncoder::event(QStringLiteral("meteringEvent"), {});
        EventStreamDecoder d;
        d.feed(frame);
        EventStreamMessage m;
        m.payload = "stale";
        QVERIFY(d.next(m));
        QVERIFY(m.payload.isEmpty());
        QCOMPARE(m.eventType(), QStringLiteral("meteringEvent"));

        const QByteArray bare = EventStreamEncoder::encode({}, {});
        QCOMPARE(bare.size(), 16);
        EventStreamDecoder d2;
        d2.feed(bare);
        QVERIFY(d2.next(m));
        QVERIFY(m.headers.isEmpty());
        QVERIFY(m.payload.isEmpty());
    }

    void encoderRejectsUnframeableInput()
    {
        QVERIFY(EventStreamEncoder::encode({{QString(), QStringLiteral("x")}}, {}).isEmpty());
        QVERIFY(EventStreamEncoder::encode({{QString(256, QLatin1Char('n')), QStringLiteral("x")}}, {}).isEmpty());
        QVERIFY(EventStreamEncoder::encode({{QStringLiteral("n"), QString(70000, QLatin1Char('x'))}}, {}).isEmpty());
        QVERIFY(EventStreamEncoder::encode({{QStringLiteral("n"), QVariant(1.5)}}, {}).isEmpty());
        QVERIFY(EventStreamEncoder::encode({{QStringLiteral("n"), QVariant()}}, {}).isEmpty());
        QVERIFY(EventStreamEncoder::encode({}, QByteArray(EventStreamDecoder::MaxMessageLength, 'x')).isEmpty());
        QVERIFY(!EventStreamEncoder::encode({}, QByteArray(EventStreamDecoder::MaxMessageLength - 16, 'x')).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestEventStreamCodec)
#include "tst_eventstreamcodec.moc"
