#pragma once
// Invariant check for the fuzz targets: prints the failed condition and aborts, which libFuzzer
// reports as a crash and saves the input (assert() would vanish in release builds).
#include <cstdio>
#include <cstdlib>

#define KT_FUZZ_CHECK(cond)                                                                          \
    do {                                                                                             \
        if (!(cond)) {                                                                               \
            std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond);        \
            std::abort();                                                                            \
        }                                                                                            \
    } while (false)
