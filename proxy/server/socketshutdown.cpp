#include "server/socketshutdown.h"

#include <QTcpSocket>

#if defined(Q_OS_WIN)
#include <winsock2.h>
#else
#include <sys/socket.h>
#endif

namespace kt {

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
