#include "server/openfilelimit.h"

#if defined(Q_OS_UNIX)
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>
#if defined(Q_OS_MACOS)
#include <climits>
#endif
#endif

namespace kt {

OpenFileLimit raiseOpenFileLimit()
{
    OpenFileLimit limit;
#if defined(Q_OS_UNIX)
    rlimit rl{};
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
        return limit;
    limit.before = rl.rlim_cur == RLIM_INFINITY ? -1 : qint64(rl.rlim_cur);
    rlim_t wanted = rl.rlim_max;
#if defined(Q_OS_MACOS)
    if (wanted == RLIM_INFINITY || wanted > OPEN_MAX)
        wanted = OPEN_MAX;   // setrlimit refuses more than OPEN_MAX on macOS
#endif
    if (wanted != RLIM_INFINITY && wanted > rl.rlim_cur) {
        rl.rlim_cur = wanted;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    getrlimit(RLIMIT_NOFILE, &rl);
    limit.now = rl.rlim_cur == RLIM_INFINITY ? -1 : qint64(rl.rlim_cur);
    // Descriptors are handed out lowest first: the lowest free one counts those in use.
    const int probe = ::open("/dev/null", O_RDONLY);
    if (probe >= 0) {
        limit.inUse = probe;
        close(probe);
    }
#endif
    return limit;
}

} // namespace kt
