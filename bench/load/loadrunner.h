#pragma once
// Runs N concurrent workers, each sending its streaming requests one after another on fresh
// connections, from one epoll loop; optionally samples a server process's memory meanwhile.
#include "streamclient.h"

#include <sys/types.h>

#include <string>
#include <vector>

namespace kt::bench {

struct LoadOptions {
    Target target = Target::Proxy;
    Api api = Api::Messages;      // Proxy only
    sockaddr_in address{};
    std::string request;          // the complete HTTP request bytes
    int expectedEvents = 0;       // content events each stream must carry (0: don't check)
    int concurrency = 1;
    int requestsPerWorker = 1;
    int warmupPerWorker = 0;      // first requests of each worker left out of the statistics
    int staggerMs = 0;            // worker i starts at i * staggerMs / concurrency
    int timeoutMs = 60000;        // per request
    pid_t samplePid = 0;          // sample this process's VmRSS every 20 ms while running
};

struct LoadOutcome {
    std::vector<RequestResult> results;
    int64_t startNs = 0;
    int64_t endNs = 0;
    long peakRssKb = -1;          // highest VmRSS sample of samplePid
    long hwmKb = -1;              // VmHWM of samplePid at the end
    int maxInFlight = 0;
};

class LoadRunner
{
public:
    explicit LoadRunner(LoadOptions options) : m_options(std::move(options)) {}
    LoadOutcome run();

private:
    LoadOptions m_options;
};

} // namespace kt::bench
