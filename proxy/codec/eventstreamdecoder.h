#pragma once
// Incremental, strict decoder for the AWS event-stream binary framing used by Kiro responses:
// feed arbitrary chunks, pull complete CRC-checked messages; any framing error is fatal and sticky.
#include "codec/eventstreammessage.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace kt {

class EventStreamDecoder
{
public:
    enum class Error { None, PreludeCrcMismatch, MessageCrcMismatch, InvalidLength, FrameTooLarge, InvalidHeader };

    static constexpr quint32 MaxMessageLength = 16 * 1024 * 1024;
    static constexpr quint32 MinMessageLength = 16;

    void feed(QByteArrayView bytes);
    // The next complete message into out (reused: its buffers keep their capacity); false when none
    // is complete yet or on an error, which may leave out partly filled.
    bool next(EventStreamMessage &out);
    Error error() const { return m_error; }
    QString errorString() const { return m_errorString; }
    qsizetype pendingBytes() const { return m_buffer.size() - m_offset; }

private:
    bool fail(Error error, const QString &message);
    bool parseHeaders(QByteArrayView section, EventStreamMessage &out);

    QByteArray m_buffer;
    qsizetype m_offset = 0;   // start of the first unconsumed byte; compacted lazily in feed()
    Error m_error = Error::None;
    QString m_errorString;
};

} // namespace kt
