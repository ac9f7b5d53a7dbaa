#pragma once
// Runs requests from several client threads at once and collects their results. Plain std::thread
// and std::mutex on purpose: ThreadSanitizer sees their synchronization, whereas QThread::wait and a
// contended QMutex synchronize inside the uninstrumented Qt library (scripts/test.sh --tsan).
#include "httptestclient.h"

#include <QList>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace kt::test {

class ConcurrentClients
{
public:
    ConcurrentClients() = default;
    ConcurrentClients(const ConcurrentClients &) = delete;
    ConcurrentClients &operator=(const ConcurrentClients &) = delete;
    ~ConcurrentClients();

    // Starts `count` threads; thread i returns request(i).
    void start(int count, const std::function<HttpResult(int)> &request);
    // How many requests have finished so far; safe to poll while they run (e.g. in QTRY_COMPARE).
    int finished() const;
    // Waits for every thread; the results in the order they finished.
    QList<HttpResult> join();

private:
    mutable std::mutex m_mutex;
    QList<HttpResult> m_results;
    std::vector<std::thread> m_threads;
};

} // namespace kt::test
