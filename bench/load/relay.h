#pragma once
// A minimal TCP relay on one epoll loop: copies bytes both ways between each accepted connection
// and its own connection to the upstream. The floor for "one more process in the path".
#include <netinet/in.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace kt::bench {

class Relay
{
public:
    Relay(const sockaddr_in &listenAddress, const sockaddr_in &upstream) : m_listenAddress(listenAddress), m_upstream(upstream) {}
    ~Relay();
    Relay(const Relay &) = delete;
    Relay &operator=(const Relay &) = delete;

    // Listens, prints "listening on PORT" to stdout, relays until SIGTERM/SIGINT; returns the exit code.
    int run();

private:
    struct Link;
    struct Side {
        Link *link = nullptr;
        Side *peer = nullptr;
        int fd = -1;
        std::string pending;   // read from this side, not yet written to the peer
        bool eof = false;      // this side sent FIN
        bool shut = false;     // we shut down writing towards this side
        bool watched = false;  // in the epoll set
        uint32_t interest = 0;
    };
    struct Link {
        Side client, upstream;
        bool connecting = true;
        bool closed = false;
    };

    void acceptAll();
    void onReady(Side &side, uint32_t events);
    void readFrom(Side &side, bool drain);
    void flush(Side &from);
    void update(Link &link);
    void watch(Side &side, uint32_t interest);
    void close(Link &link);

    sockaddr_in m_listenAddress;
    sockaddr_in m_upstream;
    int m_epfd = -1;
    int m_listenFd = -1;
    std::vector<std::unique_ptr<Link>> m_links;
};

} // namespace kt::bench
