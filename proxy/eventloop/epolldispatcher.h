#pragma once
// An event dispatcher for the proxy thread on Linux: epoll instead of poll(). Qt's dispatchers hand
// every socket of the thread to poll() on each wake-up; with 64 streams that is about 130 sockets,
// and the call was 16 % of the thread's time. epoll_wait() returns only the ready ones.
//
// Interest changes are applied just before waiting, so a socket whose write notifier is switched
// on and off again while a reply is written (QAbstractSocket does that for every write) costs no
// system call at all.
#include "eventloop/timerqueue.h"

#include <QAbstractEventDispatcher>
#include <QAtomicInt>
#include <QHash>
#include <QList>
#include <QSet>

namespace kt {

#ifdef Q_OS_LINUX
class EpollDispatcher : public QAbstractEventDispatcher
{
public:
    explicit EpollDispatcher(QObject *parent = nullptr);
    ~EpollDispatcher() override;

    bool isValid() const { return m_epoll >= 0 && m_wakeFd >= 0; }

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;

    void registerSocketNotifier(QSocketNotifier *notifier) override;
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;

    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType, QObject *object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject *object) override;
    QList<TimerInfo> registeredTimers(QObject *object) const override;
    int remainingTime(int timerId) override;

    void wakeUp() override;
    void interrupt() override;

private:
    struct Socket
    {
        QSocketNotifier *notifiers[3] = {};   // by QSocketNotifier::Type
        quint32 inKernel = 0;                 // the epoll events the kernel has for it
        bool added = false;
    };
    void applyInterestChanges();
    int wait(int timeoutMs, bool withSockets);   // the wake-ups it consumed
    void markActivated(int fd, quint32 events);
    int activateSocketNotifiers();
    bool drainWakeUp();

    int m_epoll = -1;
    int m_wakeFd = -1;
    QAtomicInt m_wakeUpPending;
    QAtomicInt m_interrupted;
    QHash<int, Socket> m_sockets;
    QSet<int> m_changed;
    QList<QSocketNotifier *> m_activated;
    TimerQueue m_timers;
};
#endif

// The dispatcher for the proxy thread: EpollDispatcher on Linux unless KIROTRAY_EVENT_DISPATCHER=qt;
// nullptr (Qt's own) elsewhere and in KIROTRAY_PORTABLE_PATHS builds.
QAbstractEventDispatcher *createProxyEventDispatcher();

} // namespace kt
