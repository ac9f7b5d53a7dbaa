// Fuzzes EventStreamDecoder with arbitrary bytes fed in arbitrary chunkings. Invariants: the
// decoded messages and the final error do not depend on the chunking, every accepted message
// re-encodes with EventStreamEncoder and decodes to the same headers and payload, errors are sticky.
#include "fuzzcheck.h"

#include "codec/eventstreamdecoder.h"
#include "codec/eventstreamencoder.h"
#include "codec/eventstreammessage.h"

#include <QByteArrayView>
#include <QList>
#include <QtEndian>

#include <cstddef>
#include <cstdint>

using namespace kt;

namespace {

struct Decoded {
    QList<EventStreamMessage> messages;
    EventStreamDecoder::Error error = EventStreamDecoder::Error::None;
};

void drain(EventStreamDecoder &decoder, Decoded &out)
{
    EventStreamMessage message;
    while (decoder.next(message))
        out.messages.append(message);
}

void checkEnd(const EventStreamDecoder &decoder, Decoded &out)
{
    out.error = decoder.error();
    KT_FUZZ_CHECK((out.error == EventStreamDecoder::Error::None) == decoder.errorString().isEmpty());
    KT_FUZZ_CHECK(decoder.pendingBytes() >= 0);
}

// chunkSizes empty => one feed of the whole stream.
Decoded decode(QByteArrayView stream, QByteArrayView chunkSizes)
{
    EventStreamDecoder decoder;
    Decoded out;
    qsizetype pos = 0;
    for (qsizetype i = 0; pos < stream.size(); ++i) {
        const qsizetype size = chunkSizes.isEmpty() ? stream.size() : 1 + static_cast<quint8>(chunkSizes[i % chunkSizes.size()]);
        const qsizetype n = qMin(size, stream.size() - pos);
        decoder.feed(stream.sliced(pos, n));
        pos += n;
        drain(decoder, out);
    }
    drain(decoder, out);
    checkEnd(decoder, out);
    if (out.error != EventStreamDecoder::Error::None) {
        // Sticky: nothing more comes out after an error, whatever is fed.
        decoder.feed(QByteArrayView("\0\0\0\x10\0\0\0\0\x05\xc2\x48\xeb\x7d\x98\xc8\xff", 16));
        EventStreamMessage message;
        KT_FUZZ_CHECK(!decoder.next(message));
        KT_FUZZ_CHECK(decoder.error() == out.error);
    }
    return out;
}

bool sameMessage(const EventStreamMessage &a, const EventStreamMessage &b)
{
    return a.headers == b.headers && a.payload == b.payload;
}

void checkRoundTrip(const EventStreamMessage &message)
{
    const QByteArray frame = EventStreamEncoder::encode(message.headers, message.payload);
    KT_FUZZ_CHECK(!frame.isEmpty());
    EventStreamDecoder decoder;
    decoder.feed(frame);
    EventStreamMessage again;
    KT_FUZZ_CHECK(decoder.next(again));
    KT_FUZZ_CHECK(sameMessage(message, again));
    KT_FUZZ_CHECK(decoder.pendingBytes() == 0);
    KT_FUZZ_CHECK(decoder.error() == EventStreamDecoder::Error::None);
}

// Random bytes almost never carry valid CRCs, which would keep the fuzzer out of the header
// parser; so half of the inputs get both CRCs of every frame that fits recomputed.
QByteArray withFixedCrcs(QByteArrayView stream)
{
    QByteArray out = stream.toByteArray();
    char *p = out.data();
    qsizetype pos = 0;
    while (out.size() - pos >= 12) {
        const quint32 total = qFromBigEndian<quint32>(p + pos);
        qToBigEndian<quint32>(eventStreamCrc32(QByteArrayView(p + pos, 8)), p + pos + 8);
        if (total < 16 || total > quint32(out.size() - pos))
            break;
        qToBigEndian<quint32>(eventStreamCrc32(QByteArrayView(p + pos, total - 4)), p + pos + total - 4);
        pos += total;
    }
    return out;
}

} // namespace

// Input: bit 7 of byte 0 asks for valid CRCs, bits 0-2 pick how many of the following bytes
// (0..7) are chunk sizes (each 1..256 bytes, cycled); the rest is the byte stream.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype specLength = qMin<qsizetype>(input[0] & 7, input.size() - 1);
    const QByteArrayView chunkSizes = input.sliced(1, specLength);
    const QByteArray fixed = (input[0] & 0x80) ? withFixedCrcs(input.sliced(1 + specLength)) : QByteArray();
    const QByteArrayView stream = (input[0] & 0x80) ? QByteArrayView(fixed) : input.sliced(1 + specLength);

    const Decoded whole = decode(stream, {});
    const Decoded chunked = decode(stream, chunkSizes.isEmpty() ? QByteArrayView("\0", 1) : chunkSizes);
    KT_FUZZ_CHECK(whole.error == chunked.error);
    KT_FUZZ_CHECK(whole.messages.size() == chunked.messages.size());
    for (qsizetype i = 0; i < whole.messages.size(); ++i) {
        KT_FUZZ_CHECK(sameMessage(whole.messages.at(i), chunked.messages.at(i)));
        checkRoundTrip(whole.messages.at(i));
    }
    return 0;
}
