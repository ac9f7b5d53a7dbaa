#include "util/clock.h"

#include <QMutex>
#include <atomic>

namespace kt {

namespace {

class SystemClock : public Clock
{
public:
    QDateTime now() const override { return QDateTime::currentDateTimeUtc(); }
};

SystemClock &systemClock()
{
    static SystemClock instance;
    return instance;
}

std::atomic<Clock *> installed{nullptr};
QMutex manualMutex;   // a ManualClock is moved from the test thread and read from the proxy thread

} // namespace

Clock &Clock::current()
{
    Clock *c = installed.load(std::memory_order_acquire);
    return c ? *c : systemClock();
}

ManualClock::ManualClock(const QDateTime &start) : m_now(start.toUTC()) {}

ManualClock::~ManualClock()
{
    Clock *self = this;
    installed.compare_exchange_strong(self, nullptr);
}

QDateTime ManualClock::now() const
{
    const QMutexLocker lock(&manualMutex);
    return m_now;
}

void ManualClock::install()
{
    installed.store(this, std::memory_order_release);
}

void ManualClock::advance(qint64 ms)
{
    {
        const QMutexLocker lock(&manualMutex);
        m_now = m_now.addMSecs(ms);
    }
    Q_EMIT moved();
}

void ManualClock::setNow(const QDateTime &t)
{
    {
        const QMutexLocker lock(&manualMutex);
        m_now = t.toUTC();
    }
    Q_EMIT moved();
}

} // namespace kt
