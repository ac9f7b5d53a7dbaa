#include "unixsignals.h"

#include "util/platform.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTimer>

#include <csignal>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace {

#ifdef Q_OS_UNIX
int signalPipe[2] = {-1, -1};

void writeToPipe(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto n = ::write(signalPipe[0], &byte, 1);
}

void quitThroughSelfPipe()
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(signalPipe[1], QSocketNotifier::Read, qApp);
    QObject::connect(notifier, &QSocketNotifier::activated, qApp, [] {
        char byte;
        [[maybe_unused]] const auto n = ::read(signalPipe[1], &byte, 1);
        QCoreApplication::quit();
    });
    struct sigaction action = {};
    action.sa_handler = writeToPipe;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}
#endif

volatile std::sig_atomic_t signalled = 0;

void setFlag(int)
{
    signalled = 1;
}

void quitThroughPolledFlag()
{
    for (const int s : {SIGINT, SIGTERM})
        std::signal(s, setFlag);
#ifdef SIGBREAK
    std::signal(SIGBREAK, setFlag);
#endif
    auto *timer = new QTimer(qApp);
    QObject::connect(timer, &QTimer::timeout, qApp, [] {
        if (signalled)
            QCoreApplication::quit();
    });
    timer->start(100);
}

} // namespace

namespace kt {

void quitOnTerminationSignals()
{
#ifdef Q_OS_UNIX
    if constexpr (platform::posixNative)
        return quitThroughSelfPipe();
#endif
    quitThroughPolledFlag();
}

} // namespace kt
