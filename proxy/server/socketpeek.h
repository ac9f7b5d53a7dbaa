#pragma once
// What the kernel has received on a socket but nobody has read yet, and a half-close: the two
// things a client connection needs below QTcpSocket, which offers neither.
#include <QByteArray>

class QTcpSocket;

namespace kt {

QByteArray peekReceived(QTcpSocket *socket, qsizetype maxBytes);   // empty when nothing is waiting
void shutdownSending(QTcpSocket *socket);                          // FIN after what was written; still reads
} // namespace kt
