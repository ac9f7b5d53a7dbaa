#pragma once
// The timers of one thread's event dispatcher: deadlines on the steady clock, the next wait, and
// delivering QTimerEvents for the ones that are due.
#include <QAbstractEventDispatcher>
#include <QHash>
#include <QList>

#include <set>
#include <utility>

class QObject;

namespace kt {

class TimerQueue
{
public:
    static qint64 nowNs();

    void add(int id, qint64 intervalMs, Qt::TimerType type, QObject *object, qint64 nowNs);
    bool remove(int id);
    bool removeAll(QObject *object);
    QList<QAbstractEventDispatcher::TimerInfo> timersOf(QObject *object) const;
    int remainingMs(int id, qint64 nowNs) const;   // -1 for an unknown timer

    // Milliseconds until the earliest deadline, rounded up; -1 without timers.
    int waitMs(qint64 nowNs) const;
    // Sends a QTimerEvent for every timer due at nowNs and schedules its next deadline. A timer added
    // meanwhile waits for the next call; one whose event is still being handled (a nested event
    // loop) is skipped. Returns how many events were sent.
    int activate(qint64 nowNs);

private:
    struct Timer
    {
        qint64 intervalMs;
        Qt::TimerType type;
        QObject *object;
        qint64 deadlineNs;
        bool inEvent = false;
    };
    void schedule(int id, Timer &timer, qint64 deadlineNs);

    QHash<int, Timer> m_timers;
    std::set<std::pair<qint64, int>> m_deadlines;   // (deadlineNs, id)
};

} // namespace kt
