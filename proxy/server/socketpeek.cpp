#include "server/socketpeek.h"

#include <QTcpSocket>

#if defined(Q_OS_WIN)
#include <winsock2.h>
#else
#include <sys/socket.h>
#endif

namespace kt {

QByteArray peekReceived(QTcpSocket *socket, qsizetype maxBytes)
{
    if (maxBytes <= 0 || socket->socketDescriptor() < 0)
        return {};
    QByteArray bytes(maxBytes, Qt::Uninitialized);
#if defined(Q_OS_WIN)
    const int n = ::recv(SOCKET(socket->socketDescriptor()), bytes.data(), int(maxBytes), MSG_PEEK);
#else
    const ssize_t n = ::recv(int(socket->socketDescriptor()), bytes.data(), size_t(maxBytes), MSG_PEEK | MSG_DONTWAIT);
#endif
    bytes.resize(n > 0 ? qsizetype(n) : 0);
    return bytes;
}

void shutdownSending(QTcpSocket *socket)
{
    if (socket->socketDescriptor() < 0)
        return;
#if defined(Q_OS_WIN)
    ::shutdown(SOCKET(socket->socketDescriptor()), SD_SEND);
#else
    ::shutdown(int(socket->socketDescriptor()), SHUT_WR);
#endif
}

} // namespace kt
