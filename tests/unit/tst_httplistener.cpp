// The proxy's listening socket holds a burst of connections until it can accept them: with Qt's
// default backlog of 50, the kernel drops the rest of a burst and their clients see resets.
#include "server/httpserver.h"

#include <QFile>
#include <QTcpServer>
#include <QtTest>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace kt;

class TestHttpListener : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aBurstWaitsInTheBacklog()
    {
        constexpr int Burst = 600;
        QFile somaxconn(QStringLiteral("/proc/sys/net/core/somaxconn"));
        if (somaxconn.open(QIODevice::ReadOnly) && somaxconn.readAll().trimmed().toInt() < Burst)
            QSKIP("net.core.somaxconn is below the burst");
        QString error;
        std::unique_ptr<QTcpServer> listener(HttpServer::openListener(QHostAddress::LocalHost, 0, ConnectionLimits{}, &error));
        QVERIFY2(listener, qPrintable(error));
        QCOMPARE(listener->listenBacklogSize(), ConnectionLimits{}.listenBacklog);

        // Nothing accepts during the burst (no event loop runs): every handshake must still complete.
        sockaddr_in to{};
        to.sin_family = AF_INET;
        to.sin_port = htons(listener->serverPort());
        to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        std::vector<pollfd> clients;
        for (int i = 0; i < Burst; ++i) {
            const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
            QVERIFY(fd >= 0);
            ::connect(fd, reinterpret_cast<const sockaddr *>(&to), sizeof to);
            clients.push_back({fd, POLLOUT, 0});
        }
        int connected = 0;
        QDeadlineTimer deadline(3000);   // the passing case does not wait: loopback handshakes complete at once
        while (connected < Burst && !deadline.hasExpired()) {
            ::poll(clients.data(), clients.size(), 50);
            for (pollfd &c : clients) {
                int soError = 0;
                socklen_t length = sizeof soError;
                if ((c.revents & POLLOUT) && ::getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &soError, &length) == 0 && soError == 0) {
                    ++connected;
                    c.events = 0;   // counted: poll no longer reports it
                }
                c.revents = 0;
            }
        }
        for (const pollfd &c : clients)
            ::close(c.fd);
        QCOMPARE(connected, Burst);
    }
};

QTEST_GUILESS_MAIN(TestHttpListener)
#include "tst_httplistener.moc"
