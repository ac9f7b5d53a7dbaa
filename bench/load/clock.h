#pragma once
// Monotonic nanoseconds (CLOCK_MONOTONIC), the clock fake_kiro's bench scenario stamps into its
// frames, so arrival minus stamp is a one-machine, cross-process latency.
#include <cstdint>
#include <ctime>

namespace kt::bench {

inline int64_t nowNs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

} // namespace kt::bench
