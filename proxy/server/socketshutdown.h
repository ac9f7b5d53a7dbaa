#pragma once
// A half-close, which QTcpSocket does not offer: FIN after what was written, while still reading.
class QTcpSocket;

namespace kt {

void shutdownSending(QTcpSocket *socket);

} // namespace kt
