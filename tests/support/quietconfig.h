#pragma once
// The configuration the pool, management and core suites start from.
#include "config/config.h"

namespace kt::test {

// The defaults without the quota and model refresh schedules, so nothing calls an upstream the
// test did not set up and no timer runs that the test does not drive.
inline Config quietConfig()
{
    Config c;
    c.quotaRefreshMinutes = 0;
    c.modelRefreshHours = 0;
    return c;
}

} // namespace kt::test
