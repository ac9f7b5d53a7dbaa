#include "eventloop/epolldispatcher.h"

#include "util/platform.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <QThread>

#ifdef Q_OS_LINUX
#include <cerrno>
#include <cstring>
#include <iterator>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>
#endif

namespace kt {

#ifdef Q_OS_LINUX

namespace {

// What wakes each kind of notifier; errors and hang-ups wake them all, as with Qt's poll().
constexpr quint32 WakesNotifier[3] = {
    EPOLLIN | EPOLLHUP | EPOLLERR,                // Read
    EPOLLOUT | EPOLLHUP | EPOLLERR,               // Write
    EPOLLPRI | EPOLLHUP | EPOLLERR,               // Exception
};
constexpr quint32 Interest[3] = {EPOLLIN, EPOLLOUT, EPOLLPRI};

} // namespace

EpollDispatcher::EpollDispatcher(QObject *parent)
    : QAbstractEventDispatcher(parent), m_epoll(epoll_create1(EPOLL_CLOEXEC)),
      m_wakeFd(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK))
{
    if (!isValid())
        return;
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.fd = m_wakeFd;
    if (epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wakeFd, &event) != 0) {
        ::close(m_wakeFd);
        m_wakeFd = -1;
    }
}

EpollDispatcher::~EpollDispatcher()
{
    if (m_wakeFd >= 0)
        ::close(m_wakeFd);
    if (m_epoll >= 0)
        ::close(m_epoll);
}

bool EpollDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    m_interrupted.storeRelaxed(0);
    Q_EMIT awake();
    QCoreApplication::sendPostedEvents();

    const bool withTimers = !(flags & QEventLoop::X11ExcludeTimers);
    const bool withSockets = !(flags & QEventLoop::ExcludeSocketNotifiers);
    const bool canWait = (flags & QEventLoop::WaitForMoreEvents) && !m_interrupted.loadRelaxed();

    applyInterestChanges();
    int timeoutMs = 0;
    if (canWait) {
        timeoutMs = withTimers ? m_timers.waitMs(TimerQueue::nowNs()) : -1;
        Q_EMIT aboutToBlock();
    }

    int handled = wait(timeoutMs, withSockets);
    handled += activateSocketNotifiers();
    if (withTimers)
        handled += m_timers.activate(TimerQueue::nowNs());
    return handled > 0;
}

int EpollDispatcher::wait(int timeoutMs, bool withSockets)
{
    if (!withSockets) {
        // Ready sockets would end every wait at once: wait for a wake-up or a timer only.
        pollfd wake{m_wakeFd, POLLIN, 0};
        return ::poll(&wake, 1, timeoutMs) > 0 ? drainWakeUp() : 0;
    }
    epoll_event events[256];
    int ready;
    do {
        ready = epoll_wait(m_epoll, events, int(std::size(events)), timeoutMs);
    } while (ready < 0 && errno == EINTR);
    int wakeUps = 0;
    for (int i = 0; i < ready; ++i) {
        if (events[i].data.fd == m_wakeFd)
            wakeUps += drainWakeUp();
        else
            markActivated(events[i].data.fd, events[i].events);
    }
    return wakeUps;
}

bool EpollDispatcher::drainWakeUp()
{
    quint64 count = 0;
    const bool woken = ::read(m_wakeFd, &count, sizeof count) == sizeof count;
    m_wakeUpPending.storeRelease(0);
    return woken;
}

void EpollDispatcher::applyInterestChanges()
{
    for (const int fd : std::as_const(m_changed)) {
        const auto it = m_sockets.find(fd);
        if (it == m_sockets.end())
            continue;
        quint32 wanted = 0;
        for (int type = 0; type < 3; ++type) {
            if (it->notifiers[type])
                wanted |= Interest[type];
        }
        if (it->added && wanted == it->inKernel)
            continue;
        epoll_event event{};
        event.events = wanted;
        event.data.fd = fd;
        // The kernel forgets a closed descriptor by itself; a new socket may have got its number.
        int result = epoll_ctl(m_epoll, it->added ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, fd, &event);
        if (result != 0 && errno == ENOENT)
            result = epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event);
        else if (result != 0 && errno == EEXIST)
            result = epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &event);
        if (result != 0) {
            qWarning("EpollDispatcher: cannot watch socket %d: %s", fd, strerror(errno));
            continue;
        }
        it->added = true;
        it->inKernel = wanted;
    }
    m_changed.clear();
}

void EpollDispatcher::markActivated(int fd, quint32 events)
{
    const auto it = m_sockets.constFind(fd);
    if (it == m_sockets.constEnd())
        return;
    for (int type = 0; type < 3; ++type) {
        QSocketNotifier *notifier = it->notifiers[type];
        if (notifier && (events & WakesNotifier[type]) && !m_activated.contains(notifier))
            m_activated.append(notifier);
    }
}

int EpollDispatcher::activateSocketNotifiers()
{
    int sent = 0;
    while (!m_activated.isEmpty()) {
        QSocketNotifier *notifier = m_activated.takeFirst();
        QEvent event(QEvent::SockAct);
        QCoreApplication::sendEvent(notifier, &event);
        ++sent;
    }
    return sent;
}

void EpollDispatcher::registerSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    const int type = int(notifier->type());
    if (fd < 0 || type < 0 || type > 2 || notifier->thread() != thread()) {
        qWarning("EpollDispatcher: socket notifier %d cannot be enabled from another thread", fd);
        return;
    }
    Socket &socket = m_sockets[fd];
    if (socket.notifiers[type] && socket.notifiers[type] != notifier)
        qWarning("EpollDispatcher: several socket notifiers of the same type for socket %d", fd);
    socket.notifiers[type] = notifier;
    m_changed.insert(fd);
}

void EpollDispatcher::unregisterSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    const int type = int(notifier->type());
    m_activated.removeAll(notifier);
    const auto it = m_sockets.find(fd);
    if (it == m_sockets.end() || type < 0 || type > 2 || it->notifiers[type] != notifier)
        return;
    it->notifiers[type] = nullptr;
    if (it->notifiers[0] || it->notifiers[1] || it->notifiers[2]) {
        m_changed.insert(fd);
        return;
    }
    // Unwatched now, before the socket is closed and its number handed to another one.
    if (it->added)
        epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
    m_sockets.erase(it);
    m_changed.remove(fd);
}

void EpollDispatcher::registerTimer(int timerId, qint64 interval, Qt::TimerType timerType, QObject *object)
{
    m_timers.add(timerId, interval, timerType, object, TimerQueue::nowNs());
}

bool EpollDispatcher::unregisterTimer(int timerId)
{
    return m_timers.remove(timerId);
}

bool EpollDispatcher::unregisterTimers(QObject *object)
{
    return m_timers.removeAll(object);
}

QList<QAbstractEventDispatcher::TimerInfo> EpollDispatcher::registeredTimers(QObject *object) const
{
    return m_timers.timersOf(object);
}

int EpollDispatcher::remainingTime(int timerId)
{
    return m_timers.remainingMs(timerId, TimerQueue::nowNs());
}

void EpollDispatcher::wakeUp()
{
    if (!m_wakeUpPending.testAndSetAcquire(0, 1))
        return;
    const quint64 one = 1;
    while (::write(m_wakeFd, &one, sizeof one) < 0 && errno == EINTR) {
    }
}

void EpollDispatcher::interrupt()
{
    m_interrupted.storeRelaxed(1);
    wakeUp();
}

QAbstractEventDispatcher *createProxyEventDispatcher()
{
    if (!platform::linuxNative || qgetenv("KIROTRAY_EVENT_DISPATCHER") == "qt")
        return nullptr;
    auto *dispatcher = new EpollDispatcher;
    if (dispatcher->isValid())
        return dispatcher;
    delete dispatcher;
    return nullptr;
}

#else

QAbstractEventDispatcher *createProxyEventDispatcher()
{
    return nullptr;
}

#endif

} // namespace kt
