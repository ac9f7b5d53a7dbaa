#!/usr/bin/env bash
# Installs what is missing, builds KiroTray in Debug with ASan+UBSan and runs every test.
#   scripts/test.sh          the full suite (what CI runs)
#   scripts/test.sh --tsan   a ThreadSanitizer build running the concurrency suites
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh" test

mode=asan
[[ ${1:-} == --tsan ]] && mode=tsan
jobs=$(nproc)

if [[ $mode == tsan ]]; then
  # Not part of CI (about 8 minutes of build and 2 of tests on 2 cores): see tests/README.md.
  # The GUI suites are not run here, so the tray application is not built.
  build="$root/build/tsan"
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DKIROTRAY_TSAN=ON -DKIROTRAY_BUILD_BENCH=OFF -DKIROTRAY_BUILD_GUI=OFF
  cmake --build "$build" -j "$jobs"
  # ignore_noninstrumented_modules: only our instrumented code's memory accesses are checked, not
  #   the malloc/memcpy/fd calls made inside Debian's uninstrumented Qt, glib and OpenSSL (whose
  #   locking TSan cannot see); their pthread synchronization is still followed.
  # die_after_fork=0: QProcess (tst_load) starts children with clone(CLONE_VM|CLONE_VFORK) + exec,
  #   which GCC 12's TSan takes for a fork of a multi-threaded process, killing the parent at its
  #   next new thread.
  # suppressions: hand-overs through Qt's event queue, each entry explained in the file.
  # The suites: every end-to-end suite (the proxy thread, the upstream manager threads and many
  # client threads at once, in one process) and tst_load (the real kirotray binary, also built with
  # TSan, under 256 concurrent streams; a report in the child fails the test: exit code and stderr),
  # and tst_epolldispatcher (the proxy thread's event loop, woken from other threads).
  cd "$build" && TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 ignore_noninstrumented_modules=1 die_after_fork=0 suppressions=$root/tests/tsan.supp" \
    ctest --output-on-failure -j "$jobs" -R 'tst_(e2e|concurrency|load|epolldispatcher)'
  exit $?
fi

# Each libFuzzer target for a few seconds (clang build, ASan+UBSan): catches regressions in the parsers.
"$root/scripts/fuzz.sh" --ci

build="$root/build/debug-asan"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DKIROTRAY_SANITIZE=ON
cmake --build "$build" -j "$jobs"
(cd "$build" && ctest --output-on-failure -j "$jobs" --timeout 600)

# The Debian package: build, validate, install, smoke-test the installed binary, remove.
"$root/scripts/package-test.sh"

# The load test once more on the package's Release binary: there RSS must come back after the load
# (ASan's allocator keeps its memory, so the sanitizer run checks answers, threads, fds and leaks).
(cd "$build" && KIROTRAY_LOAD_BINARY="$root/build/package/app/kirotray" ctest --output-on-failure -R '^tst_load$')
