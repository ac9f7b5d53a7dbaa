#!/usr/bin/env bash
# KiroTray benchmark: builds Release, starts the fake Kiro upstream, a plain TCP relay in front of it
# (the floor) and kirotray --headless on loopback, and measures added TTFB, per-event forwarding
# latency (end to end, and inside the proxy), streamed events/s, 256 concurrent streams, RSS and start-to-listening time; then
# count_tokens accuracy. See bench/README.md.
#   bench/run.sh [--quick] [--keep-alive] [--no-build] [--build-dir DIR] [--out DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build/bench-release"
out=""
quick=0
keep_alive=false
do_build=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) quick=1 ;;
    --keep-alive) keep_alive=true ;;
    --no-build) do_build=0 ;;
    --build-dir) build=$(realpath -m "$2"); shift ;;
    --out) out=$(realpath -m "$2"); shift ;;
    *) echo "usage: $0 [--quick] [--keep-alive] [--no-build] [--build-dir DIR] [--out DIR]" >&2; exit 2 ;;
  esac
  shift
done
out=${out:-$build/bench-results}

if [[ $do_build == 1 ]]; then
  "$root/scripts/deps.sh" test
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DKIROTRAY_SANITIZE=OFF -DKIROTRAY_BUILD_BENCH=ON \
    -DKIROTRAY_BUILD_GUI=OFF -DKIROTRAY_BUILD_TESTS=ON >/dev/null
  cmake --build "$build" --target kirotray fake_kiro kt_load kt_poolbench kt_facebench
fi
kirotray="$build/app/kirotray"
fake="$build/tests/fake_kiro/fake_kiro"
load="$build/bench/kt_load"
poolbench="$build/bench/kt_poolbench"
facebench="$build/bench/kt_facebench"
for b in "$kirotray" "$fake" "$load" "$poolbench" "$facebench"; do [[ -x $b ]] || { echo "missing $b (build first)" >&2; exit 1; }; done
if [[ ! -d $root/bench/node_modules ]]; then (cd "$root/bench" && npm ci --no-audit --no-fund); fi

mkdir -p "$out"
loadavg_start=$(cut -d" " -f1-3 /proc/loadavg)
results="$out/results.jsonl"
: >"$results"
work=$(mktemp -d "${TMPDIR:-/tmp}/kirotray-bench.XXXXXX")
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
wait_listening() { # port, pid
  for _ in $(seq 1 300); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    kill -0 "$2" 2>/dev/null || { echo "process $2 died before listening" >&2; return 1; }
    sleep 0.05
  done
  echo "nothing listening on port $1" >&2; return 1
}
rss_kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }
note() { echo "== $*" >&2; }

# --- the stack: fake upstream (whole frames, no artificial chunking), a plain relay and the proxy ---
fake_port=$(free_port)
"$fake" --port "$fake_port" --chunk 0 >"$out/fake_kiro.log" 2>&1 &
pids+=($!)
fake_pid=$!
wait_listening "$fake_port" "$fake_pid"

# A TCP relay that only copies bytes: the cost of any process in the path on this machine.
relay_port=$(free_port)
"$load" relay --listen-port "$relay_port" --to-port "$fake_port" >"$out/relay.log" 2>&1 &
pids+=($!)
relay_pid=$!
wait_listening "$relay_port" "$relay_pid"

api_key="bench-key-$(date +%s%N)"
mkdir -p "$work/data"
cat >"$work/data/config.json" <<JSON
{"apiBaseUrl":"http://127.0.0.1:$fake_port","socialAuthBaseUrl":"http://127.0.0.1:$fake_port","oidcBaseUrl":"http://127.0.0.1:$fake_port","apiKey":"$api_key","upstreamKeepAlive":$keep_alive,"accountMaxConcurrent":0}
JSON
echo '{"refreshToken":"bench-refresh-token-0123456789","authMethod":"social"}' >"$work/data/credentials.json"
chmod 600 "$work/data/credentials.json"
cp -r "$work/data" "$work/startup-data"

proxy_port=$(free_port)
"$kirotray" --headless --data-dir "$work/data" --port "$proxy_port" >"$out/kirotray.log" 2>&1 &
pids+=($!)
proxy_pid=$!
wait_listening "$proxy_port" "$proxy_pid"
sleep 2
idle_rss=$(rss_kb "$proxy_pid" VmRSS)
echo "{\"mode\":\"memory\",\"label\":\"idle\",\"rss_kb\":$idle_rss,\"hwm_kb\":$(rss_kb "$proxy_pid" VmHWM)}" >>"$results"
note "idle RSS ${idle_rss} kB"

run() { # label target concurrency requests warmup events interval [extra kt_load args]
  local label=$1 target=$2 c=$3 n=$4 w=$5 ev=$6 iv=$7
  shift 7
  local port=$proxy_port
  [[ $target == direct ]] && port=$fake_port
  [[ $target == probed ]] && { target=proxy; port=$probed_port; }
  [[ $target == relay ]] && { target=direct; port=$relay_port; } # the direct request, through the relay
  note "$label"
  "$load" stream --label "$label" --target "$target" --port "$port" --api-key "$api_key" --concurrency "$c" \
    --requests "$n" --warmup "$w" --events "$ev" --interval "$iv" --json "$results" "$@" >/dev/null || {
    echo "kt_load reported failures for $label (see $results)" >&2; }
}

if [[ $quick == 1 ]]; then r1=30; r64=4; rt=2; rounds64=2; rounds1024=1; pool_selections=5000; else r1=150; r64=12; rt=5; rounds64=5; rounds1024=3; pool_selections=20000; fi

# Warm-up: token refresh, connection pools, page cache.
run warmup-proxy proxy 4 10 10 25 0
run warmup-direct direct 4 10 10 25 0
run warmup-relay relay 4 10 10 25 0

# Added TTFB and per-event forwarding latency: one fixed schedule (25 events, 20 ms apart), measured
# directly against the fake upstream, through the plain relay and through the proxy, at 1 and 64
# concurrent streams. The 64-stream runs are short and move by up to a millisecond from one run to
# the next on a small VM, so they are made in $rounds64 interleaved rounds (direct, relay, proxy, direct, …)
# and the report takes the median of the rounds' differences.
for target in direct relay proxy; do
  run "latency-c1-$target" "$target" 1 "$r1" 5 25 20 --stagger 0
done
for round in $(seq 1 "$rounds64"); do
  for target in direct relay proxy; do
    run "latency-c64-$target-r$round" "$target" 64 "$r64" 2 25 20 --stagger 500
  done
done

# Inside the proxy: each event's time from the upstream socket read to the client socket write, as
# logged by a second kirotray with the "kirotray.forwarding" debug category on (so that the log lines
# cost nothing to the instance all other numbers come from). Same schedule as above.
cp -r "$work/startup-data" "$work/probed-data"
probed_port=$(free_port)
probed_log="$out/kirotray-forwarding.log"
QT_LOGGING_RULES="kirotray.forwarding.debug=true" "$kirotray" --headless --data-dir "$work/probed-data" --port "$probed_port" >"$probed_log" 2>&1 &
pids+=($!)
probed_pid=$!
wait_listening "$probed_port" "$probed_pid"
run warmup-probed probed 4 10 10 25 0
for c in 1 64; do
  if [[ $c == 1 ]]; then n=$r1; stagger=0; else n=$r64; stagger=500; fi
  from=$(wc -l <"$probed_log")
  run "forwarding-c$c-proxy" probed "$c" "$n" 0 25 20 --stagger "$stagger"
  node "$root/bench/forwarding.mjs" --log "$probed_log" --from "$from" --label "forwarding-c$c" --json "$results" >/dev/null
done
kill "$probed_pid" 2>/dev/null || true

# Streamed events per second: long streams (1000 events; 500 each for 64 streams) with no pause.
for c in 1 64; do
  if [[ $c == 1 ]]; then n=$rt; ev=1000; else n=2; ev=500; fi
  for target in direct proxy; do
    run "throughput-c$c-$target" "$target" "$c" "$n" 0 "$ev" 0
  done
done

# The OpenAI faces beside /v1/messages: the 64-stream schedule through /v1/chat/completions and
# /v1/responses, interleaved with /v1/messages round by round, and the events/s of long streams.
for round in $(seq 1 "$rounds64"); do
  for api in messages chat responses; do
    run "faces-c64-$api-r$round" proxy 64 "$r64" 2 25 20 --stagger 500 --api "$api"
  done
done
for api in messages chat responses; do
  run "faces-throughput-c64-$api" proxy 64 2 0 500 0 --api "$api"
done
# The same schedule through the three faces at once: per round three clients of 21 streams each
# against the one proxy, so that every face meets the same machine, and long streams through all
# three at once; then each face's own CPU cost.
for round in $(seq 1 "$rounds64"); do
  mixed=()
  for api in messages chat responses; do
    run "faces-mixed-$api-r$round" proxy 21 "$r64" 2 25 20 --stagger 500 --api "$api" &
    mixed+=($!)
  done
  wait "${mixed[@]}"
done
mixed=()
for api in messages chat responses; do
  run "faces-mixed-throughput-$api" proxy 21 2 0 500 0 --api "$api" &
  mixed+=($!)
done
wait "${mixed[@]}"
note "face costs"
"$facebench" --json "$results" >&2

# 256 concurrent streams at once (50 events 20 ms apart each), sampling the proxy's RSS meanwhile.
run "burst-c256-proxy" proxy 256 1 0 50 20 --pid "$proxy_pid" --timeout 60000
echo "{\"mode\":\"memory\",\"label\":\"after-load\",\"rss_kb\":$(rss_kb "$proxy_pid" VmRSS),\"hwm_kb\":$(rss_kb "$proxy_pid" VmHWM)}" >>"$results"

# 1,024 concurrent streams (50 events 20 ms apart each) through a second proxy started under a soft
# limit of 1,024 open files, as desktops start programs (it raises its own limit to the hard one),
# beside the same burst straight at the fake and through the plain relay, round by round.
if [[ $(ulimit -Hn) -ge 4096 ]]; then
  cp -r "$work/startup-data" "$work/c1024-data"
  c1024_port=$(free_port)
  prlimit --nofile=1024:"$(ulimit -Hn)" "$kirotray" --headless --data-dir "$work/c1024-data" --port "$c1024_port" >"$out/kirotray-c1024.log" 2>&1 &
  pids+=($!)
  c1024_pid=$!
  wait_listening "$c1024_port" "$c1024_pid"
  "$load" stream --label warmup-c1024 --target proxy --port "$c1024_port" --api-key "$api_key" --concurrency 4 --requests 10 \
    --warmup 10 --events 25 --interval 0 >/dev/null
  # Each burst also records the CPU time the proxy, the fake, the relay and the client used during it:
  # on a machine with few cores a burst's last first token waits for nearly all of that work.
  cpu_pids="proxy:$c1024_pid,fake:$fake_pid,relay:$relay_pid"
  burst1024() { # label target port events
    note "$1"
    "$load" stream --label "$1" --target "$2" --port "$3" --api-key "$api_key" --concurrency 1024 --requests 1 --warmup 0 \
      --events "$4" --interval 20 --timeout 120000 --pid "$c1024_pid" --cpu-pids "$cpu_pids" --json "$results" >/dev/null ||
      echo "kt_load reported failures for $1 (see $results)" >&2
  }
  for round in $(seq 1 "$rounds1024"); do
    burst1024 "burst-c1024-direct-r$round" direct "$fake_port" 50
    burst1024 "burst-c1024-relay-r$round" direct "$relay_port" 50
    burst1024 "burst-c1024-proxy-r$round" proxy "$c1024_port" 50
  done
  # The set-up alone: one event per stream, so no stream's later events stand in front of a first one.
  for target in direct relay proxy; do
    case $target in direct) port=$fake_port; kind=direct ;; relay) port=$relay_port; kind=direct ;; proxy) port=$c1024_port; kind=proxy ;; esac
    burst1024 "setup-c1024-$target" "$kind" "$port" 1
  done
  kill "$c1024_pid" 2>/dev/null || true
else
  note "1,024 streams skipped: the hard open-file limit $(ulimit -Hn) is below 4,096"
fi

# count_tokens accuracy against @anthropic-ai/tokenizer.
note "count_tokens"
node "$root/bench/count_tokens.mjs" --url "http://127.0.0.1:$proxy_port" --api-key "$api_key" --json "$results" >"$out/count_tokens.txt"

# Start-to-listening: spawn to first accepted TCP connection, median of 10 (its own data dir).
note "start-to-listening"
start_port=$(free_port)
"$load" startup --port "$start_port" --runs 10 --json "$results" -- \
  "$kirotray" --headless --data-dir "$work/startup-data" --port "$start_port" >/dev/null

# The account pool at 10 and 10,000 accounts, each in a fresh process: selection per strategy, failover,
# import, start-up from SQLite, memory per account (kt_poolbench, bench/accounts/main.cpp).
note "accounts: 10 and 10,000"
"$poolbench" --accounts 10 --selections "$pool_selections" --json "$results" >/dev/null
"$poolbench" --accounts 10000 --selections "$pool_selections" --json "$results" >/dev/null

# Machine description, then the report.
{
  echo "{\"mode\":\"machine\",\"nproc\":$(nproc),\"cpu\":\"$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)\"," \
       "\"kernel\":\"$(uname -sr)\",\"qt\":\"$(dpkg-query -W -f='${Version}' libqt6core6 2>/dev/null || echo unknown)\"," \
       "\"compiler\":\"$(c++ -dumpfullversion 2>/dev/null || echo unknown)\",\"node\":\"$(node --version)\"," \
       "\"loadavg\":\"$loadavg_start\",\"keepAlive\":$keep_alive,\"date\":\"$(date -u +%Y-%m-%dT%H:%MZ)\",\"commit\":\"$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)\"}"
} >>"$results"
node "$root/bench/report.mjs" "$results" | tee "$out/RESULTS.generated.md"
node "$root/bench/faces.mjs" "$results" | tee "$out/FACES.generated.md"
node "$root/bench/accounts.mjs" "$results" | tee "$out/ACCOUNTS.generated.md"
echo "raw results: $results" >&2
