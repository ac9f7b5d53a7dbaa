#!/usr/bin/env bash
set -euo pipefail

BUILD_DIR="${BUILD_DIR:-build/release}"
JOBS="$(nproc)"

if ! command -v cmake >/dev/null 2>&1; then
  echo "cmake is missing: apt-get install cmake ninja-build" >&2
  exit 1
fi

cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build "$BUILD_DIR" -j "$JOBS"
for test in "$BUILD_DIR"/tests/tst_*; do
  [ -x "$test" ] || continue
  echo "== $(basename "$test")"
  "$test" -silent || { echo "FAILED: $test" >&2; exit 1; }
done
