#include "codec/eventstreammessage.h"

#include <zlib.h>

namespace kt {

quint32 eventStreamCrc32(QByteArrayView bytes)
{
    uLong crc = crc32(0L, Z_NULL, 0);
    const auto *data = reinterpret_cast<const Bytef *>(bytes.data());
    qsizetype left = bytes.size();
    // zlib takes uInt lengths; feed in bounded pieces so huge inputs cannot overflow.
    while (left > 0) {
        const uInt piece = static_cast<uInt>(qMin<qsizetype>(left, 1 << 30));
        crc = crc32(crc, data, piece);
        data += piece;
        left -= piece;
    }
    return static_cast<quint32>(crc);
}

QVariant EventStreamMessage::header(const QString &name) const
{
    for (const auto &h : headers) {
        if (h.first == name)
            return h.second;
    }
    return {};
}

QString EventStreamMessage::messageType() const
{
    const QVariant v = header(QStringLiteral(":message-type"));
    return v.isValid() ? v.toString() : QStringLiteral("event");
}

QString EventStreamMessage::eventType() const
{
    return header(QStringLiteral(":event-type")).toString();
}

QString EventStreamMessage::exceptionType() const
{
    return header(QStringLiteral(":exception-type")).toString();
}

QString EventStreamMessage::errorCode() const
{
    return header(QStringLiteral(":error-code")).toString();
}

} // namespace kt
