#!/usr/bin/env bash
# Builds the libFuzzer targets (clang-14, ASan+UBSan) and runs each one, one after the other,
# starting from its seed corpus in tests/fuzz/corpus/.
#   scripts/fuzz.sh [seconds-per-target]   default 60
#   scripts/fuzz.sh --ci                   about 7 s per target, for scripts/test.sh
# FUZZ_TARGETS="fuzz_config_loader ..." limits the run; FUZZ_RUNS=N stops each target after N executions
# (whichever of time and runs comes first); FUZZ_TIMEOUT=S is the per-input timeout (default 10 s; raise it
# for long runs on a busy machine, where CPU starvation otherwise shows up as false timeouts). New inputs go to build/fuzz/corpus/<target>
# (the seeds in the repository are never modified); crashing inputs to build/fuzz/artifacts/.
# Exits non-zero if any target crashes, leaks, trips a sanitizer or breaks an invariant.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

seconds=60
seed=()
case "${1:-}" in
  # A fixed seed: what CI explores is the same on every run (a prefix of it on a slower machine),
  # so that a red CI is reproducible and new findings come from the long runs, not by chance.
  --ci) seconds=7 seed=(-seed=1) ;;
  '') ;;
  *[!0-9]*) echo "usage: $0 [seconds-per-target | --ci]" >&2; exit 2 ;;
  *) seconds=$1 ;;
esac

"$root/scripts/deps.sh" fuzz
build="$root/build/fuzz"
CC=clang-14 CXX=clang++-14 cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DKIROTRAY_FUZZ=ON -DKIROTRAY_BUILD_GUI=OFF -DKIROTRAY_BUILD_TESTS=OFF -DKIROTRAY_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" --target fuzzers -j "$(nproc)"

targets=${FUZZ_TARGETS:-$(find "$build/tests/fuzz" -maxdepth 1 -type f -executable -name 'fuzz_*' -printf '%f\n' | sort)}
mkdir -p "$build/corpus" "$build/artifacts" "$build/logs"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

failed=()
total=0
for target in $targets; do
  name=${target#fuzz_}
  seeds="$root/tests/fuzz/corpus/$name"
  work="$build/corpus/$name"
  log="$build/logs/$target.log"
  mkdir -p "$work"
  args=(-max_total_time="$seconds" "${seed[@]}" -print_final_stats=1 -timeout="${FUZZ_TIMEOUT:-10}"
        -rss_limit_mb=2048 -artifact_prefix="$build/artifacts/$target-")
  [[ -n ${FUZZ_RUNS:-} ]] && args+=(-runs="$FUZZ_RUNS")
  case $name in
    request_converter) args+=(-dict="$root/tests/fuzz/dict/json.dict") ;;
    config_loader|import_detector) args+=(-dict="$root/tests/fuzz/dict/config.dict") ;;
  esac
  [[ -d $seeds ]] || seeds=
  rc=0
  nice -n 19 "$build/tests/fuzz/$target" "${args[@]}" "$work" ${seeds:+"$seeds"} >"$log" 2>&1 || rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  corpus=$(find "$work" -type f | wc -l)
  if [[ $rc -eq 0 ]]; then
    printf '%-28s %10s executions %8s exec/s  corpus %5s  clean\n' "$target" "${runs:-?}" "${rate:-?}" "$corpus"
    total=$((total + ${runs:-0}))
  else
    printf '%-28s FAILED (exit %s) after %s executions, log: %s\n' "$target" "$rc" "${runs:-?}" "$log"
    grep -E 'ERROR: |invariant failed|runtime error|SUMMARY|Test unit written' "$log" | head -20 || true
    failed+=("$target")
  fi
done

if [[ ${#failed[@]} -gt 0 ]]; then
  echo "fuzz: ${#failed[@]} target(s) failed: ${failed[*]}"
  exit 1
fi
echo "fuzz: all targets clean, $total executions in total"
