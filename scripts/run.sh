#!/usr/bin/env bash
# Installs what is missing, builds KiroTray in Release and starts it.
# Every argument is passed to kirotray, e.g. scripts/run.sh --headless --port 8080
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh" build
build="$root/build/release"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DKIROTRAY_BUILD_TESTS=OFF -DKIROTRAY_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" --target kirotray
exec "$build/app/kirotray" "$@"
