#!/usr/bin/env bash
# Runs KiroTray under Xvfb with demo data (the fake Kiro upstream, five demo accounts with varied
# quota and health, a few requests) and writes docs/screenshots/{dashboard,accounts,logs,settings,import,signin-choose,signin-code,codex}.png,
# then the same views under Fusion with a dark palette as *-dark.png.
#   scripts/screenshots.sh [build-dir]     (default build/screenshots, Release)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build/screenshots}
out="$root/docs/screenshots"

# Always built: a binary left from an older checkout would photograph the old windows.
"$root/scripts/deps.sh" test
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DKIROTRAY_BUILD_BENCH=OFF -DKIROTRAY_SCREENSHOT_HOOK=ON >/dev/null
cmake --build "$build" --target kirotray fake_kiro
command -v xvfb-run >/dev/null || { echo "screenshots.sh: xvfb-run is missing (scripts/deps.sh test)" >&2; exit 1; }

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# The fake upstream answers messages and token refreshes; a small front (below) gives each demo
# account its own quota, which the fake alone reports the same for everyone.
"$build/tests/fake_kiro/fake_kiro" --port 0 >"$work/fake.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do grep -q 'listening on' "$work/fake.log" && break; sleep 0.1; done
fake=$(sed -n 's/^listening on //p' "$work/fake.log")
[[ -n $fake ]] || { echo "screenshots.sh: fake_kiro did not start" >&2; cat "$work/fake.log" >&2; exit 1; }

front_port=$(free_port)
cat >"$work/front.py" <<'PY'
import http.client, http.server, json, re, sys, time, urllib.parse
port, upstream = int(sys.argv[1]), urllib.parse.urlparse(sys.argv[2])

class Front(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *args): pass
    def reply(self, status, body, headers):
        self.send_response(status)
        for k, v in headers:
            if k.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def forward(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        conn = http.client.HTTPConnection(upstream.hostname, upstream.port, timeout=30)
        conn.request(self.command, self.path, body, {k: v for k, v in self.headers.items() if k.lower() != "host"})
        r = conn.getresponse()
        self.reply(r.status, r.read(), r.getheaders())
    def do_POST(self): self.forward()
    def do_GET(self):
        if not self.path.startswith("/getUsageLimits"):
            return self.forward()
        m = re.search(r"pct(\d{3})", self.headers.get("Authorization", ""))
        used = float(m.group(1)) if m else 10.0
        reset = time.time() + 12 * 86400
        body = {"nextDateReset": reset, "subscriptionInfo": {"subscriptionTitle": "KIRO PRO"},
                "usageBreakdownList": [{"currentUsageWithPrecision": used * 10, "usageLimitWithPrecision": 1000.0, "nextDateReset": reset}]}
        self.reply(200, json.dumps(body).encode(), [("Content-Type", "application/json")])

http.server.ThreadingHTTPServer(("127.0.0.1", port), Front).serve_forever()
PY
python3 "$work/front.py" "$front_port" "$fake" &
pids+=($!)
front="http://127.0.0.1:$front_port"

port=$(free_port)
key="kt-demo-key-0123456789abcdefghijklmnopqrstuvwxyz0123"
mkdir -p "$work/data" "$work/home/.aws/sso/cache" "$work/shots"
cat >"$work/data/config.json" <<JSON
{"host": "127.0.0.1", "port": $port, "apiKey": "$key", "region": "us-east-1", "secretStore": "file",
 "apiBaseUrl": "$front", "socialAuthBaseUrl": "$front", "oidcBaseUrl": "$front"}
JSON
account() { printf '{"refreshToken":"aorAAAAA%s-refresh-token-pct%s","authMethod":"social","provider":"%s","email":"%s"}' "$1" "$2" "$3" "$4"; }
{
  echo "["
  echo "$(account alice 022 Google alice@example.com),"
  echo "$(account bob 076 Github bob@example.com),"
  echo "$(account carol 093 Google carol@example.com),"
  echo "$(account dave-throttled 040 Github dave@example.com),"
  echo "$(account erin-suspended 015 Google erin@example.com)"
  echo "]"
} >"$work/data/credentials.json"
# What the import dialog previews: a new account, a duplicate, one without a token, a truncated token.
cat >"$work/shots/accounts-export.json" <<JSON
[$(account frank 005 Google frank@example.com),
 $(account alice 022 Google alice@example.com),
 {"authMethod": "social", "email": "nobody@example.com"},
 {"refreshToken": "aorAAAAAtruncated...", "authMethod": "social", "email": "grace@example.com"}]
JSON
# Makes "Import from this computer's Kiro IDE" appear, as on a machine with the IDE logged in.
echo '{"accessToken":"x","refreshToken":"aorAAAAAide-refresh-token-pct010","authMethod":"social","provider":"Google","expiresAt":"2030-01-01T00:00:00.000Z"}' \
  >"$work/home/.aws/sso/cache/kiro-auth-token.json"

# $1: "light" or "dark" (Fusion with a dark palette, files named *-dark.png).
launch() {
  HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" LANG=en_US.UTF-8 LC_ALL=C.UTF-8 KIROTRAY_SCREENSHOT_DIR="$work/shots" \
    KIROTRAY_SCREENSHOT_PALETTE="$1" \
    xvfb-run -a -s "-screen 0 1400x1000x24 -dpi 96" "$build/app/kirotray" --data-dir "$work/data" >>"$work/app.log" 2>&1 &
  app=$!
  pids+=($app)
}
launch light
for _ in $(seq 300); do curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fs "http://127.0.0.1:$port/health" >/dev/null || { echo "screenshots.sh: kirotray did not start" >&2; cat "$work/app.log" >&2; exit 1; }

# Demo traffic: streamed and single replies on every account, and two bad requests.
ask() {
  curl -s -o /dev/null -w '%{http_code} ' "http://127.0.0.1:$port/v1/messages" -H "x-api-key: $key" -H 'content-type: application/json' \
    -H 'anthropic-version: 2023-06-01' -d "{\"model\":\"$1\",\"max_tokens\":512,\"stream\":$2,\"messages\":[{\"role\":\"user\",\"content\":\"$3\"}]}"
}
for i in $(seq 1 14); do
  model=claude-sonnet-4-5-20250929
  (( i % 3 == 0 )) && model=claude-opus-4-1-20250805
  (( i % 4 == 0 )) && model=claude-haiku-4-5-20251001
  stream=false
  (( i % 2 == 0 )) && stream=true
  ask "$model" "$stream" "demo request $i"
done
curl -s -o /dev/null "http://127.0.0.1:$port/v1/messages" -H "x-api-key: $key" -H 'content-type: application/json' -d '{"model":"claude-sonnet-4-5-20250929"}'
curl -s -o /dev/null "http://127.0.0.1:$port/v1/messages" -H "x-api-key: wrong" -H 'content-type: application/json' -d '{}'
echo

touch "$work/shots/.go"
wait "$app" || true
# The same views in dark: the trigger file is there already, so it shoots once the proxy is up.
launch dark
wait "$app" || true
mkdir -p "$out"
views=(dashboard accounts logs settings import signin-choose signin-code codex)
for name in "${views[@]}" "${views[@]/%/-dark}"; do
  [[ -f $work/shots/$name.png ]] || { echo "screenshots.sh: $name.png was not written" >&2; cat "$work/app.log" >&2; exit 1; }
  cp "$work/shots/$name.png" "$out/$name.png"
  echo "wrote docs/screenshots/$name.png"
done
