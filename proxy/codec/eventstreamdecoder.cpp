#include "codec/eventstreamdecoder.h"

#include <QDateTime>
#include <QStringDecoder>
#include <QUuid>
#include <QtEndian>

#include <cstring>

namespace kt {

namespace {

constexpr qsizetype PreludeLength = 12;   // total_length, headers_length, prelude_crc
constexpr qsizetype CompactThreshold = 64 * 1024;

quint32 readU32(const char *p)
{
    return qFromBigEndian<quint32>(p);
}

// The header names and values every Kiro message repeats, shared instead of decoded each time.
const QString *knownText(QByteArrayView bytes)
{
    static const QString known[] = {
        QStringLiteral(":message-type"), QStringLiteral(":event-type"), QStringLiteral(":content-type"),
        QStringLiteral("event"), QStringLiteral("application/json"), QStringLiteral("assistantResponseEvent"),
        QStringLiteral("toolUseEvent"), QStringLiteral("reasoningContentEvent"), QStringLiteral("meteringEvent"),
        QStringLiteral("contextUsageEvent"), QStringLiteral("metadataEvent"), QStringLiteral("messageMetadataEvent"),
    };
    for (const QString &k : known) {
        if (k.size() == bytes.size() && QLatin1StringView(bytes) == k)
            return &k;
    }
    return nullptr;
}

// Header names and string values are UTF-8 on the wire (as EventStreamEncoder writes them); a
// leading BOM is kept as U+FEFF so that decoding loses nothing.
bool decodeUtf8(QByteArrayView bytes, QString &out)
{
    if (const QString *known = knownText(bytes)) {
        out = *known;
        return true;
    }
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom);
    out = utf8(bytes);
    return !utf8.hasError();
}

} // namespace

void EventStreamDecoder::feed(QByteArrayView bytes)
{
    if (m_error != Error::None || bytes.isEmpty())
        return;
    // Consumed bytes are dropped only once they dominate the buffer, so each byte is moved a
    // bounded number of times (amortised linear) instead of on every next().
    if (m_offset == m_buffer.size()) {
        m_buffer.clear();
        m_offset = 0;
    } else if (m_offset >= CompactThreshold && m_offset * 2 >= m_buffer.size()) {
        m_buffer.remove(0, m_offset);
        m_offset = 0;
    }
    m_buffer.append(bytes.data(), bytes.size());
}

bool EventStreamDecoder::fail(Error error, const QString &message)
{
    m_error = error;
    m_errorString = message;
    return false;
}

bool EventStreamDecoder::next(EventStreamMessage &out)
{
    if (m_error != Error::None)
        return false;
    const qsizetype available = m_buffer.size() - m_offset;
    if (available < PreludeLength)
        return false;
    const char *frame = m_buffer.constData() + m_offset;
    const quint32 totalLength = readU32(frame);
    const quint32 headersLength = readU32(frame + 4);
    const quint32 preludeCrc = readU32(frame + 8);
    // Check the prelude before trusting its lengths, so garbage never makes us wait for 4 GiB.
    const quint32 actualPreludeCrc = eventStreamCrc32(QByteArrayView(frame, 8));
    if (actualPreludeCrc != preludeCrc) {
        return fail(Error::PreludeCrcMismatch,
                    QStringLiteral("event-stream prelude CRC mismatch (expected %1, computed %2)")
                        .arg(preludeCrc, 8, 16, QLatin1Char('0'))
                        .arg(actualPreludeCrc, 8, 16, QLatin1Char('0')));
    }
    if (totalLength < MinMessageLength)
        return fail(Error::InvalidLength, QStringLiteral("event-stream message length %1 is below the minimum of 16").arg(totalLength));
    if (totalLength > MaxMessageLength)
        return fail(Error::FrameTooLarge, QStringLiteral("event-stream message length %1 exceeds the limit of %2 bytes").arg(totalLength).arg(MaxMessageLength));
    if (headersLength > totalLength - MinMessageLength)
        return fail(Error::InvalidLength, QStringLiteral("event-stream headers length %1 does not fit in a message of %2 bytes").arg(headersLength).arg(totalLength));
    if (available < static_cast<qsizetype>(totalLength))
        return false;

    const quint32 messageCrc = readU32(frame + totalLength - 4);
    const quint32 actualMessageCrc = eventStreamCrc32(QByteArrayView(frame, totalLength - 4));
    if (actualMessageCrc != messageCrc) {
        return fail(Error::MessageCrcMismatch,
                    QStringLiteral("event-stream message CRC mismatch (expected %1, computed %2)")
                        .arg(messageCrc, 8, 16, QLatin1Char('0'))
                        .arg(actualMessageCrc, 8, 16, QLatin1Char('0')));
    }

    // Into the caller's message, whose header list and payload keep their capacity from frame to
    // frame (a stream decodes one message per upstream event).
    out.headers.clear();
    if (!parseHeaders(QByteArrayView(frame + PreludeLength, headersLength), out))
        return false;
    const qsizetype payloadLength = totalLength - headersLength - MinMessageLength;
    out.payload.resize(payloadLength);
    memcpy(out.payload.data(), frame + PreludeLength + headersLength, size_t(payloadLength));
    m_offset += totalLength;
    return true;
}

bool EventStreamDecoder::parseHeaders(QByteArrayView section, EventStreamMessage &out)
{
    const char *p = section.data();
    const char *end = p + section.size();
    auto bad = [this](const QString &why) { return fail(Error::InvalidHeader, QStringLiteral("invalid event-stream header: ") + why); };
    auto need = [&](qsizetype n) { return end - p >= n; };

    while (p < end) {
        const auto nameLength = static_cast<quint8>(*p++);
        if (nameLength == 0)
            return bad(QStringLiteral("empty name"));
        if (!need(nameLength + 1))
            return bad(QStringLiteral("name runs past the header section"));
        QString name;
        if (!decodeUtf8(QByteArrayView(p, nameLength), name))
            return bad(QStringLiteral("header name is not valid UTF-8"));
        p += nameLength;
        const auto type = static_cast<quint8>(*p++);
        QVariant value;
        switch (type) {
        case 0: value = true; break;
        case 1: value = false; break;
        case 2:
            if (!need(1)) return bad(QStringLiteral("truncated byte value of '%1'").arg(name));
            value = qint64(static_cast<qint8>(*p));
            p += 1;
            break;
        case 3:
            if (!need(2)) return bad(QStringLiteral("truncated short value of '%1'").arg(name));
            value = qint64(qFromBigEndian<qint16>(p));
            p += 2;
            break;
        case 4:
            if (!need(4)) return bad(QStringLiteral("truncated int value of '%1'").arg(name));
            value = qint64(qFromBigEndian<qint32>(p));
            p += 4;
            break;
        case 5:
        case 8: {
            if (!need(8)) return bad(QStringLiteral("truncated 8-byte value of '%1'").arg(name));
            const qint64 v = qFromBigEndian<qint64>(p);
            p += 8;
            if (type == 5)
                value = v;
            else
                value = QDateTime::fromMSecsSinceEpoch(v, Qt::UTC);
            break;
        }
        case 6:
        case 7: {
            if (!need(2)) return bad(QStringLiteral("truncated length of '%1'").arg(name));
            const quint16 length = qFromBigEndian<quint16>(p);
            p += 2;
            if (!need(length)) return bad(QStringLiteral("value of '%1' runs past the header section").arg(name));
            if (type == 6) {
                value = QByteArray(p, length);
            } else {
                QString text;
                if (!decodeUtf8(QByteArrayView(p, length), text))
                    return bad(QStringLiteral("value of '%1' is not valid UTF-8").arg(name));
                value = text;
            }
            p += length;
            break;
        }
        case 9:
            if (!need(16)) return bad(QStringLiteral("truncated uuid value of '%1'").arg(name));
            value = QUuid::fromRfc4122(QByteArrayView(p, 16));
            p += 16;
            break;
        default:
            return bad(QStringLiteral("unknown value type %1 for '%2'").arg(type).arg(name));
        }
        out.headers.append({name, value});
    }
    return true;
}

} // namespace kt
