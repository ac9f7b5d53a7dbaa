#pragma once
// CPU time (user + system) used so far by a process, from /proc/PID/stat, and by this process.
#include <sys/types.h>

namespace kt::bench {

struct ProcessCpu {
    static double ms(pid_t pid);   // -1 when the process cannot be read
    static double selfMs();
};

} // namespace kt::bench
