#include "service/inactivitytimer.h"

namespace kt {

InactivityTimer::InactivityTimer(QObject *parent) : QObject(parent), m_timer(this)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &InactivityTimer::onTimer);
}

void InactivityTimer::start(int ms)
{
    m_lastStart.start();
    if (m_timer.isActive() && ms == m_intervalMs)
        return;
    m_intervalMs = ms;
    m_timer.start(ms);
}

void InactivityTimer::stop()
{
    m_timer.stop();
}

void InactivityTimer::onTimer()
{
    const qint64 left = m_intervalMs - m_lastStart.elapsed();
    if (left > 0)
        return m_timer.start(int(left));
    // Re-armed before the signal, so that a receiver's stop() is the last word.
    m_lastStart.start();
    m_timer.start(m_intervalMs);
    emit timeout();
}

} // namespace kt
