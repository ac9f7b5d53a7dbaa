#pragma once
// Appends what a device has ready to a buffer, in exactly that many bytes: QIODevice::readAll()
// sizes its buffer at 16 KiB or more and grows it once more, three large allocations for the few
// hundred bytes a request head or an upstream event usually is.
#include <QByteArray>
#include <QIODevice>

namespace kt {

inline void appendAvailable(QIODevice &device, QByteArray &buffer)
{
    const qint64 available = device.bytesAvailable();
    if (available <= 0)
        return;
    const qsizetype at = buffer.size();
    buffer.resize(at + qsizetype(available));
    buffer.resize(at + qsizetype(qMax<qint64>(0, device.read(buffer.data() + at, available))));
}

} // namespace kt
