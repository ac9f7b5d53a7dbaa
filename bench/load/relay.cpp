#include "relay.h"

#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>

namespace kt::bench {

namespace {

volatile std::sig_atomic_t g_stop = 0;

void onSignal(int)
{
    g_stop = 1;
}

void noDelay(int fd)
{
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

} // namespace

Relay::~Relay()
{
    for (const auto &link : m_links)
        close(*link);
    if (m_listenFd >= 0)
        ::close(m_listenFd);
    if (m_epfd >= 0)
        ::close(m_epfd);
}

int Relay::run()
{
    // SIGTERM/SIGINT stay blocked except inside epoll_pwait, so a stop request cannot slip in
    // between checking g_stop and going to sleep.
    sigset_t stopSignals, waitMask;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGTERM);
    sigaddset(&stopSignals, SIGINT);
    sigprocmask(SIG_BLOCK, &stopSignals, &waitMask);
    sigdelset(&waitMask, SIGTERM);
    sigdelset(&waitMask, SIGINT);
    struct sigaction action{};
    action.sa_handler = onSignal;
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);

    m_listenFd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    const int one = 1;
    sockaddr_in bound{};
    socklen_t length = sizeof bound;
    if (m_listenFd < 0 || ::setsockopt(m_listenFd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0
        || ::bind(m_listenFd, reinterpret_cast<const sockaddr *>(&m_listenAddress), sizeof m_listenAddress) < 0
        || ::listen(m_listenFd, SOMAXCONN) < 0 || ::getsockname(m_listenFd, reinterpret_cast<sockaddr *>(&bound), &length) < 0) {
        std::fprintf(stderr, "kt_load relay: cannot listen: %s\n", std::strerror(errno));
        return 1;
    }
    m_epfd = epoll_create1(EPOLL_CLOEXEC);
    epoll_event listenEvent{};
    listenEvent.events = EPOLLIN;
    listenEvent.data.ptr = nullptr; // every other registration points at a Side
    if (m_epfd < 0 || epoll_ctl(m_epfd, EPOLL_CTL_ADD, m_listenFd, &listenEvent) < 0) {
        std::fprintf(stderr, "kt_load relay: epoll: %s\n", std::strerror(errno));
        return 1;
    }
    std::printf("listening on %d\n", ntohs(bound.sin_port));
    std::fflush(stdout);

    std::vector<epoll_event> ready(256);
    while (!g_stop) {
        const int count = epoll_pwait(m_epfd, ready.data(), int(ready.size()), -1, &waitMask);
        if (count < 0 && errno != EINTR) {
            std::fprintf(stderr, "kt_load relay: epoll_wait: %s\n", std::strerror(errno));
            return 1;
        }
        for (int i = 0; i < count; ++i) {
            auto *side = static_cast<Side *>(ready[size_t(i)].data.ptr);
            if (!side)
                acceptAll();
            else if (!side->link->closed) // closed earlier in this batch; its fd number may be reused already
                onReady(*side, ready[size_t(i)].events);
        }
        std::erase_if(m_links, [](const std::unique_ptr<Link> &link) { return link->closed; });
    }
    return 0;
}

void Relay::acceptAll()
{
    for (;;) {
        const int fd = ::accept4(m_listenFd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK)
                std::fprintf(stderr, "kt_load relay: accept: %s\n", std::strerror(errno));
            return;
        }
        auto link = std::make_unique<Link>();
        link->client.link = link->upstream.link = link.get();
        link->client.peer = &link->upstream;
        link->upstream.peer = &link->client;
        link->client.fd = fd;
        link->upstream.fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        noDelay(fd);
        noDelay(link->upstream.fd);
        const int connected = link->upstream.fd < 0 ? -1 : ::connect(link->upstream.fd, reinterpret_cast<const sockaddr *>(&m_upstream), sizeof m_upstream);
        if (connected < 0 && (link->upstream.fd < 0 || errno != EINPROGRESS)) {
            std::fprintf(stderr, "kt_load relay: upstream connect: %s\n", std::strerror(errno));
            close(*link);
            continue;
        }
        link->connecting = connected < 0;
        m_links.push_back(std::move(link));
        update(*m_links.back());
    }
}

void Relay::onReady(Side &side, uint32_t events)
{
    Link &link = *side.link;
    if (events & EPOLLERR)
        return close(link); // reset, or the upstream refused the connection
    if (&side == &link.upstream && link.connecting)
        link.connecting = false;
    if (events & EPOLLOUT)
        flush(*side.peer);
    if (!link.closed && (events & (EPOLLIN | EPOLLHUP)))
        readFrom(side, events & EPOLLHUP);
    // Hang-up on a side we never shut down means the connection is gone, not half-closed.
    if (!link.closed && (events & EPOLLHUP) && !side.shut)
        return close(link);
    if (!link.closed)
        update(link);
}

void Relay::readFrom(Side &side, bool drain)
{
    char buffer[65536];
    do {
        const ssize_t n = ::recv(side.fd, buffer, sizeof buffer, 0);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                break;
            return close(*side.link);
        }
        if (n == 0) {
            side.eof = true;
            break;
        }
        side.pending.append(buffer, size_t(n));
    } while (drain);
    flush(side);
}

void Relay::flush(Side &from)
{
    Side &to = *from.peer;
    if (&to == &from.link->upstream && from.link->connecting)
        return;
    while (!from.pending.empty()) {
        const ssize_t n = ::send(to.fd, from.pending.data(), from.pending.size(), MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return; // the rest goes out on EPOLLOUT; update() stops reading `from` meanwhile
            return close(*from.link);
        }
        from.pending.erase(0, size_t(n));
    }
    if (from.eof && !to.shut) {
        ::shutdown(to.fd, SHUT_WR);
        to.shut = true;
    }
}

void Relay::update(Link &link)
{
    if (link.client.eof && link.client.shut && link.upstream.eof && link.upstream.shut)
        return close(link);
    for (Side *side : {&link.client, &link.upstream}) {
        uint32_t interest = 0;
        if (!side->eof && side->pending.empty())
            interest |= EPOLLIN;
        if (!side->peer->pending.empty() || (side == &link.upstream && link.connecting))
            interest |= EPOLLOUT;
        watch(*side, interest);
    }
}

void Relay::watch(Side &side, uint32_t interest)
{
    epoll_event ev{};
    ev.events = interest;
    ev.data.ptr = &side;
    if (side.eof && side.shut) {
        // Nothing left to read or write; unwatched so its standing EPOLLHUP cannot spin the loop.
        if (side.watched)
            epoll_ctl(m_epfd, EPOLL_CTL_DEL, side.fd, nullptr);
        side.watched = false;
    } else if (!side.watched) {
        epoll_ctl(m_epfd, EPOLL_CTL_ADD, side.fd, &ev);
        side.watched = true;
    } else if (interest != side.interest) {
        epoll_ctl(m_epfd, EPOLL_CTL_MOD, side.fd, &ev);
    }
    side.interest = interest;
}

void Relay::close(Link &link)
{
    if (link.closed)
        return;
    link.closed = true;
    for (Side *side : {&link.client, &link.upstream}) {
        if (side->fd >= 0)
            ::close(side->fd);
        side->fd = -1;
    }
}

} // namespace kt::bench
