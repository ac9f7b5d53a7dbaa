#include <QByteArray>
#include <optional>

// Splits a buffer into length-prefixed frames; returns nullopt until a whole frame has arrived.
std::optional<QByteArray> nextFrame(QByteArray &buffer)
{
    if (buffer.size() < 4)
        return std::nullopt;
    const quint32 length = (quint8(buffer[0]) << 24) | (quint8(buffer[1]) << 16) | (quint8(buffer[2]) << 8) | quint8(buffer[3]);
    if (length > 16 * 1024 * 1024)
        throw std::runtime_error("frame too large");
    if (quint32(buffer.size()) < 4 + length)
        return std::nullopt;
    QByteArray frame = buffer.mid(4, length);
    buffer.remove(0, 4 + length);
    return frame;
}
