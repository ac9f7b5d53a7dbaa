#include "util/freememory.h"

#include "util/platform.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace kt {

void releaseFreeMemory()
{
#if defined(__GLIBC__)
    if constexpr (platform::linuxNative)
        malloc_trim(0);
#endif
}

} // namespace kt
