#pragma once
// Reads a process's resident set size (VmRSS) and its peak (VmHWM) from /proc/PID/status.
#include <sys/types.h>

namespace kt::bench {

struct ProcessMemory {
    long rssKb = -1;
    long hwmKb = -1;
    static ProcessMemory read(pid_t pid);
};

} // namespace kt::bench
