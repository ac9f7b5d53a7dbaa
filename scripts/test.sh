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
"$root/scripts/ci-build.sh" configure "$build" -DCMAKE_BUILD_TYPE=Debug -DKIROTRAY_SANITIZE=ON
"$root/scripts/ci-build.sh" build "$build"
(cd "$build" && ctest --output-on-failure -j "$jobs" --timeout 600)

# The code paths Windows and macOS take (KIROTRAY_PORTABLE_PATHS, listed in proxy/util/platform.h:
# Qt's event loop, no malloc_trim, Qt's permission API, no D-Bus probe, std::signal), through the
# end-to-end suites and the unit suites of those paths. A lean build of its own: Debug without
# sanitizers (the same code but for those paths ran under ASan above) and without the GUI (the
# autostart writers of all three platforms are tested above), only the targets these suites need.
portable="$root/build/portable"
portable_units=(tst_fileprivacy tst_sessionbusprobe tst_epolldispatcher tst_filesecretstore tst_apikeystore
  tst_credentialsfile tst_secretstorechoice tst_configload tst_database)
portable_e2e=($(cd "$root/tests/e2e" && ls tst_*.cpp | sed 's/\.cpp$//'))
"$root/scripts/ci-build.sh" configure "$portable" -DCMAKE_BUILD_TYPE=Debug -DKIROTRAY_PORTABLE_PATHS=ON \
  -DKIROTRAY_BUILD_GUI=OFF -DKIROTRAY_BUILD_BENCH=OFF
"$root/scripts/ci-build.sh" build "$portable" kirotray fake_kiro tst_secretscan "${portable_units[@]}" "${portable_e2e[@]}"
"$root/scripts/ci-build.sh" test "$portable" \
  "^(tst_artifacts_reset|tst_secretscan|$(IFS='|'; echo "${portable_units[*]}|${portable_e2e[*]}"))\$"

# The Debian package: build, validate, install, smoke-test the installed binary, remove.
"$root/scripts/package-test.sh"

# The load test once more on the package's Release binary: there RSS must come back after the load
# (ASan's allocator keeps its memory, so the sanitizer run checks answers, threads, fds and leaks).
(cd "$build" && KIROTRAY_LOAD_BINARY="$root/build/package/app/kirotray" ctest --output-on-failure -R '^tst_load$')
