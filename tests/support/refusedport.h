#pragma once
// A loopback port that refuses connections for as long as this object lives: a TCP socket bound
// to it but not listening. (Closing a QTcpServer and reusing its port races with other suites
// running in parallel, which may be handed the same port.)
#include <QtGlobal>

#if defined(Q_OS_UNIX)
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

class RefusedPort
{
public:
    RefusedPort()
    {
#if defined(Q_OS_UNIX)
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (m_fd >= 0 && ::bind(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0
            && ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&address), &length) == 0)
            m_port = ntohs(address.sin_port);
#endif
    }
    ~RefusedPort()
    {
#if defined(Q_OS_UNIX)
        if (m_fd >= 0)
            ::close(m_fd);
#endif
    }
    RefusedPort(const RefusedPort &) = delete;
    RefusedPort &operator=(const RefusedPort &) = delete;

    quint16 port() const { return m_port; }   // 0 if no port could be held

private:
    int m_fd = -1;
    quint16 m_port = 0;
};
