#!/bin/sh
# ctest wrapper for the Node.js client tests: installs DIR's npm dependencies from its
# package-lock.json when they are missing or stale (npm ci), then runs node's test runner there.
# usage: run-node-tests.sh DIR TEST_FILE...   (FAKE_KIRO_BIN and KIROTRAY_BIN come from ctest)
set -eu
dir=$1
shift
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "node and npm are needed for this test (apt-get install nodejs npm); skipping" >&2
    exit 77
fi
cd "$dir"
(
    # One install at a time, even when several build trees run ctest at once.
    flock 9
    if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
        # No registry, no client to test with: say so and skip rather than fail the build.
        npm ci --no-audit --no-fund || { echo "npm ci failed in $dir (is the npm registry reachable?); skipping" >&2; exit 77; }
    fi
) 9>"${TMPDIR:-/tmp}/kirotray-npm-install.lock"
# --test-timeout arrived in Node 20.11; Debian 12's own node is 18.20, whose runner has none (each
# test file still sets its own timeouts, and ctest's TIMEOUT bounds the whole run).
timeout_option=
if node --help | grep -q -- '--test-timeout'; then
    timeout_option=--test-timeout=120000
fi
exec node --test --test-reporter=spec $timeout_option "$@"
