#include "loadrunner.h"

#include "clock.h"
#include "processmemory.h"

#include <sys/epoll.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <memory>
#include <stdexcept>

namespace kt::bench {

namespace {

struct Worker {
    std::unique_ptr<StreamClient> client;
    int started = 0;
    int64_t nextStartNs = 0;
    int64_t deadlineNs = 0;
};

} // namespace

LoadOutcome LoadRunner::run()
{
    LoadOutcome outcome;
    const int epfd = epoll_create1(EPOLL_CLOEXEC);
    if (epfd < 0)
        throw std::runtime_error("epoll_create1 failed");
    const int n = std::max(1, m_options.concurrency);
    std::vector<Worker> workers(static_cast<size_t>(n));
    outcome.startNs = nowNs();
    for (int i = 0; i < n; ++i)
        workers[size_t(i)].nextStartNs = outcome.startNs + int64_t(m_options.staggerMs) * 1000000 * i / n;
    int64_t nextSampleNs = outcome.startNs;
    int inFlight = 0;
    std::vector<epoll_event> ready(size_t(n) + 16);

    auto collect = [&](Worker &w) {
        RequestResult r = std::move(w.client->result());
        r.measured = w.started > m_options.warmupPerWorker;
        outcome.results.push_back(std::move(r));
        w.client.reset();
        --inFlight;
        w.nextStartNs = nowNs();
    };

    for (;;) {
        const int64_t now = nowNs();
        bool pending = false;
        int64_t wakeNs = INT64_MAX;
        for (Worker &w : workers) {
            if (!w.client && w.started < m_options.requestsPerWorker && w.nextStartNs <= now) {
                w.client = std::make_unique<StreamClient>(m_options.target, m_options.address, m_options.request, m_options.expectedEvents,
                                                          m_options.api);
                ++w.started;
                ++inFlight;
                outcome.maxInFlight = std::max(outcome.maxInFlight, inFlight);
                w.deadlineNs = now + int64_t(m_options.timeoutMs) * 1000000;
                if (!w.client->start()) {
                    collect(w);
                } else {
                    epoll_event ev{};
                    ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP;
                    ev.data.ptr = &w;
                    epoll_ctl(epfd, EPOLL_CTL_ADD, w.client->fd(), &ev);
                }
            }
            if (w.client) {
                if (w.deadlineNs <= now) {
                    w.client->failTimeout();
                    collect(w);
                } else {
                    wakeNs = std::min(wakeNs, w.deadlineNs);
                }
            }
            if (w.client || w.started < m_options.requestsPerWorker)
                pending = true;
            if (!w.client && w.started < m_options.requestsPerWorker)
                wakeNs = std::min(wakeNs, w.nextStartNs);
        }
        if (m_options.samplePid > 0 && now >= nextSampleNs) {
            const ProcessMemory m = ProcessMemory::read(m_options.samplePid);
            outcome.peakRssKb = std::max(outcome.peakRssKb, m.rssKb);
            nextSampleNs = now + 20000000;
        }
        if (!pending)
            break;
        if (m_options.samplePid > 0)
            wakeNs = std::min(wakeNs, nextSampleNs);
        const int64_t waitNs = std::max<int64_t>(0, wakeNs - nowNs());
        const int timeoutMs = int(std::min<int64_t>(waitNs / 1000000 + (waitNs % 1000000 ? 1 : 0), 1000));
        const int count = epoll_wait(epfd, ready.data(), int(ready.size()), timeoutMs);
        for (int i = 0; i < count; ++i) {
            Worker &w = *static_cast<Worker *>(ready[size_t(i)].data.ptr);
            if (!w.client)
                continue;
            const bool wasWriting = w.client->wantsWrite();
            w.client->onReady(ready[size_t(i)].events);
            if (w.client->finished()) {
                collect(w); // closing the socket removed it from the epoll set
            } else if (wasWriting && !w.client->wantsWrite()) {
                epoll_event ev{};
                ev.events = EPOLLIN | EPOLLRDHUP;
                ev.data.ptr = &w;
                epoll_ctl(epfd, EPOLL_CTL_MOD, w.client->fd(), &ev);
            }
        }
    }
    outcome.endNs = nowNs();
    if (m_options.samplePid > 0) {
        const ProcessMemory m = ProcessMemory::read(m_options.samplePid);
        outcome.peakRssKb = std::max(outcome.peakRssKb, m.rssKb);
        outcome.hwmKb = m.hwmKb;
    }
    ::close(epfd);
    return outcome;
}

} // namespace kt::bench
