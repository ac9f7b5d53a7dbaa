#pragma once
// Ticks every 5 ms and keeps the longest gap between ticks, both in wall time and in CPU time the
// GUI thread itself used: on a loaded machine the wall gap also counts waiting for a CPU, the
// CPU gap only the work the thread did between two ticks.
#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>

#include <time.h>

namespace kt::test {

class Heartbeat
{
public:
    Heartbeat()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(5);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            const qint64 cpu = threadCpuNs();
            if (m_last >= 0) {
                m_maxGapNs = std::max(m_maxGapNs, now - m_last);
                m_maxCpuGapNs = std::max(m_maxCpuGapNs, cpu - m_lastCpu);
            }
            m_last = now;
            m_lastCpu = cpu;
            ++m_ticks;
        });
    }
    void start()
    {
        m_maxGapNs = m_maxCpuGapNs = 0;
        m_last = -1;
        m_ticks = 0;
        m_clock.start();
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    double maxGapMs() const { return double(m_maxGapNs) / 1e6; }
    double maxCpuGapMs() const { return double(m_maxCpuGapNs) / 1e6; }
    int ticks() const { return m_ticks; }

private:
    static qint64 threadCpuNs()
    {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
    }

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = -1;
    qint64 m_lastCpu = 0;
    qint64 m_maxGapNs = 0;
    qint64 m_maxCpuGapNs = 0;
    int m_ticks = 0;
};

} // namespace kt::test
