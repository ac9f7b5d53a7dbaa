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
  build="$root/build/tsan"
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DKIROTRAY_TSAN=ON -DKIROTRAY_BUILD_BENCH=OFF
  cmake --build "$build" -j "$jobs"
  cd "$build" && TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" \
    ctest --output-on-failure -j "$jobs" -R 'tst_(e2e|concurrency|load)'
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
