#pragma once
// Builds AWS event-stream frames (prelude, typed headers, payload, CRCs); used by the fake Kiro
// upstream and by tests. Returns an empty QByteArray when the input cannot be framed.
#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QVariant>

namespace kt {

class EventStreamEncoder
{
public:
    // Header value types follow the QVariant type: bool->0/1, char/qint8/quint8->2 (byte),
    // qint16/quint16->3, int/uint->4, long/qint64/quint64->5 (widened when the value does not fit),
    // QByteArray->6, QString->7, QDateTime->8, QUuid->9. Empty result for other types, names of
    // 0 or >255 bytes, values over 65535 bytes, or a frame over EventStreamDecoder::MaxMessageLength.
    static QByteArray encode(const QList<QPair<QString, QVariant>> &headers, const QByteArray &payload);

    static QByteArray event(const QString &eventType, const QByteArray &jsonPayload);
    static QByteArray exception(const QString &exceptionType, const QByteArray &jsonPayload);
    static QByteArray error(const QString &errorCode, const QByteArray &message);
};

} // namespace kt
