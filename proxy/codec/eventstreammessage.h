#pragma once
// One decoded AWS event-stream message (typed headers + raw payload), as produced by
// EventStreamDecoder and consumed by EventStreamEncoder.
#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QString>
#include <QVariant>

namespace kt {

// CRC-32/ISO-HDLC exactly as the event-stream framing uses it (zlib's crc32).
quint32 eventStreamCrc32(QByteArrayView bytes);

struct EventStreamMessage {
    // string(7)->QString, bytes(6)->QByteArray, bool(0/1)->bool, byte/short/int/long(2-5)->qint64,
    // timestamp(8)->QDateTime (UTC), uuid(9)->QUuid. Wire order is preserved.
    QList<QPair<QString, QVariant>> headers;
    QByteArray payload;

    QVariant header(const QString &name) const;
    QString messageType() const;
    QString eventType() const;
    QString exceptionType() const;
    QString errorCode() const;
};

} // namespace kt
