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
    // Peeked into a buffer kept by the thread, so that a request head of a few hundred bytes costs
    // an allocation of its own size, not one of maxBytes (64 KiB) per read.
    thread_local QByteArray scratch;
    if (scratch.size() < maxBytes)
        scratch.resize(maxBytes);
#if defined(Q_OS_WIN)
    const int n = ::recv(SOCKET(socket->socketDescriptor()), scratch.data(), int(maxBytes), MSG_PEEK);
#else
    const ssize_t n = ::recv(int(socket->socketDescriptor()), scratch.data(), size_t(maxBytes), MSG_PEEK | MSG_DONTWAIT);
#endif
    return n > 0 ? QByteArray(scratch.constData(), qsizetype(n)) : QByteArray();
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
