#include "concurrentclients.h"

namespace kt::test {

ConcurrentClients::~ConcurrentClients()
{
    join();
}

void ConcurrentClients::start(int count, const std::function<HttpResult(int)> &request)
{
    for (int i = 0; i < count; ++i) {
        m_threads.emplace_back([this, request, i] {
            HttpResult r = request(i);
            const std::lock_guard lock(m_mutex);
            m_results.append(std::move(r));
        });
    }
}

int ConcurrentClients::finished() const
{
    const std::lock_guard lock(m_mutex);
    return int(m_results.size());
}

QList<HttpResult> ConcurrentClients::join()
{
    for (std::thread &t : m_threads) {
        if (t.joinable())
            t.join();
    }
    m_threads.clear();
    const std::lock_guard lock(m_mutex);
    return m_results;
}

} // namespace kt::test
