#include "eventloop/timerqueue.h"

#include <QCoreApplication>
#include <QTimerEvent>

#include <algorithm>
#include <chrono>
#include <climits>

namespace kt {

namespace {
constexpr qint64 NsPerMs = 1000 * 1000;
}

qint64 TimerQueue::nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch()).count();
}

void TimerQueue::add(int id, qint64 intervalMs, Qt::TimerType type, QObject *object, qint64 nowNs)
{
    remove(id);
    Timer &timer = m_timers.insert(id, Timer{qMax<qint64>(0, intervalMs), type, object, 0}).value();
    schedule(id, timer, nowNs + timer.intervalMs * NsPerMs);
}

void TimerQueue::schedule(int id, Timer &timer, qint64 deadlineNs)
{
    m_deadlines.erase({timer.deadlineNs, id});
    timer.deadlineNs = deadlineNs;
    m_deadlines.insert({deadlineNs, id});
}

bool TimerQueue::remove(int id)
{
    const auto it = m_timers.constFind(id);
    if (it == m_timers.constEnd())
        return false;
    m_deadlines.erase({it->deadlineNs, id});
    m_timers.erase(it);
    return true;
}

bool TimerQueue::removeAll(QObject *object)
{
    bool removed = false;
    for (auto it = m_timers.begin(); it != m_timers.end();) {
        if (it->object == object) {
            m_deadlines.erase({it->deadlineNs, it.key()});
            it = m_timers.erase(it);
            removed = true;
        } else {
            ++it;
        }
    }
    return removed;
}

QList<QAbstractEventDispatcher::TimerInfo> TimerQueue::timersOf(QObject *object) const
{
    QList<QAbstractEventDispatcher::TimerInfo> infos;
    for (auto it = m_timers.cbegin(); it != m_timers.cend(); ++it) {
        if (it->object == object)
            infos.append({it.key(), int(it->intervalMs), it->type});
    }
    return infos;
}

int TimerQueue::remainingMs(int id, qint64 nowNs) const
{
    const auto it = m_timers.constFind(id);
    if (it == m_timers.constEnd())
        return -1;
    return int(qMax<qint64>(0, (it->deadlineNs - nowNs + NsPerMs - 1) / NsPerMs));
}

int TimerQueue::waitMs(qint64 nowNs) const
{
    for (const auto &[deadlineNs, id] : m_deadlines) {
        if (m_timers.constFind(id)->inEvent)
            continue;
        return int(std::clamp<qint64>((deadlineNs - nowNs + NsPerMs - 1) / NsPerMs, 0, INT_MAX));
    }
    return -1;
}

int TimerQueue::activate(qint64 nowNs)
{
    QList<int> due;
    for (const auto &[deadlineNs, id] : m_deadlines) {
        if (deadlineNs > nowNs)
            break;
        due.append(id);
    }
    int sent = 0;
    for (const int id : std::as_const(due)) {
        auto it = m_timers.find(id);
        if (it == m_timers.end() || it->inEvent || it->deadlineNs > nowNs)
            continue;
        qint64 next = it->deadlineNs + it->intervalMs * NsPerMs;
        if (next <= nowNs)
            next = nowNs + it->intervalMs * NsPerMs;
        schedule(id, *it, next);
        it->inEvent = true;
        QObject *object = it->object;
        QTimerEvent event(id);
        QCoreApplication::sendEvent(object, &event);
        ++sent;
        it = m_timers.find(id);   // the handler may have killed or restarted it
        if (it != m_timers.end())
            it->inEvent = false;
    }
    return sent;
}

} // namespace kt
