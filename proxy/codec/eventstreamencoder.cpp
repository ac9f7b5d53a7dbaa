#include "codec/eventstreamencoder.h"

#include "codec/eventstreamdecoder.h"
#include "codec/eventstreammessage.h"

#include <QDateTime>
#include <QUuid>
#include <QtEndian>

#include <limits>

namespace kt {

namespace {

template<typename T>
void appendBigEndian(QByteArray &out, T value)
{
    char bytes[sizeof(T)];
    qToBigEndian<T>(value, bytes);
    out.append(bytes, sizeof(T));
}

bool appendLengthPrefixed(QByteArray &out, const QByteArray &value)
{
    if (value.size() > 0xFFFF)
        return false;
    appendBigEndian<quint16>(out, static_cast<quint16>(value.size()));
    out.append(value);
    return true;
}

// Uses the wire type matching the C++ type, widened when an unsigned value would not fit.
bool appendInteger(QByteArray &out, qint64 v, int type)
{
    if (type == 2 && (v < -128 || v > 127))
        type = 3;
    if (type == 3 && (v < -32768 || v > 32767))
        type = 4;
    if (type == 4 && (v < std::numeric_limits<qint32>::min() || v > std::numeric_limits<qint32>::max()))
        type = 5;
    out.append(char(type));
    switch (type) {
    case 2: out.append(static_cast<char>(static_cast<qint8>(v))); break;
    case 3: appendBigEndian<qint16>(out, static_cast<qint16>(v)); break;
    case 4: appendBigEndian<qint32>(out, static_cast<qint32>(v)); break;
    default: appendBigEndian<qint64>(out, v); break;
    }
    return true;
}

bool appendValue(QByteArray &out, const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::Bool:
        out.append(char(value.toBool() ? 0 : 1));
        return true;
    case QMetaType::Char:
    case QMetaType::SChar:
    case QMetaType::UChar:
        return appendInteger(out, value.toLongLong(), 2);
    case QMetaType::Short:
    case QMetaType::UShort:
        return appendInteger(out, value.toLongLong(), 3);
    case QMetaType::Int:
    case QMetaType::UInt:
        return appendInteger(out, value.toLongLong(), 4);
    case QMetaType::Long:
    case QMetaType::LongLong:
        return appendInteger(out, value.toLongLong(), 5);
    case QMetaType::ULong:
    case QMetaType::ULongLong:
        if (value.toULongLong() > quint64(std::numeric_limits<qint64>::max()))
            return false;
        return appendInteger(out, value.toLongLong(), 5);
    case QMetaType::QByteArray:
        out.append(char(6));
        return appendLengthPrefixed(out, value.toByteArray());
    case QMetaType::QString:
        out.append(char(7));
        return appendLengthPrefixed(out, value.toString().toUtf8());
    case QMetaType::QDateTime: {
        const QDateTime when = value.toDateTime();
        if (!when.isValid())
            return false;
        out.append(char(8));
        appendBigEndian<qint64>(out, when.toMSecsSinceEpoch());
        return true;
    }
    case QMetaType::QUuid:
        out.append(char(9));
        out.append(value.toUuid().toRfc4122());
        return true;
    default:
        return false;
    }
}

} // namespace

QByteArray EventStreamEncoder::encode(const QList<QPair<QString, QVariant>> &headers, const QByteArray &payload)
{
    QByteArray headerBytes;
    for (const auto &[name, value] : headers) {
        const QByteArray nameBytes = name.toUtf8();
        if (nameBytes.isEmpty() || nameBytes.size() > 0xFF)
            return {};
        headerBytes.append(static_cast<char>(nameBytes.size()));
        headerBytes.append(nameBytes);
        if (!appendValue(headerBytes, value))
            return {};
    }
    const qsizetype total = 16 + headerBytes.size() + payload.size();
    if (total > qsizetype(EventStreamDecoder::MaxMessageLength))
        return {};

    QByteArray frame;
    frame.reserve(total);
    appendBigEndian<quint32>(frame, static_cast<quint32>(total));
    appendBigEndian<quint32>(frame, static_cast<quint32>(headerBytes.size()));
    appendBigEndian<quint32>(frame, eventStreamCrc32(QByteArrayView(frame.constData(), 8)));
    frame.append(headerBytes);
    frame.append(payload);
    appendBigEndian<quint32>(frame, eventStreamCrc32(frame));
    return frame;
}

QByteArray EventStreamEncoder::event(const QString &eventType, const QByteArray &jsonPayload)
{
    return encode({{QStringLiteral(":event-type"), eventType},
                   {QStringLiteral(":content-type"), QStringLiteral("application/json")},
                   {QStringLiteral(":message-type"), QStringLiteral("event")}},
                  jsonPayload);
}

QByteArray EventStreamEncoder::exception(const QString &exceptionType, const QByteArray &jsonPayload)
{
    return encode({{QStringLiteral(":exception-type"), exceptionType},
                   {QStringLiteral(":content-type"), QStringLiteral("application/json")},
                   {QStringLiteral(":message-type"), QStringLiteral("exception")}},
                  jsonPayload);
}

QByteArray EventStreamEncoder::error(const QString &errorCode, const QByteArray &message)
{
    return encode({{QStringLiteral(":error-code"), errorCode},
                   {QStringLiteral(":message-type"), QStringLiteral("error")}},
                  message);
}

} // namespace kt
