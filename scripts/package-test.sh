#!/usr/bin/env bash
# Builds the Debian package in Release, checks its contents and metadata, installs it with apt,
# runs the installed kirotray --headless against the fake Kiro upstream, and removes it again.
#   scripts/package-test.sh            GUI on if Qt Widgets is installed
#   KIROTRAY_PACKAGE_GUI=OFF scripts/package-test.sh
# Needs root or sudo (apt-get install/remove). Cleans up after itself, also on failure.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build/package"
SUDO=""
[[ $(id -u) -ne 0 ]] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive

step() { printf '\n== %s\n' "$*"; }
die() { printf 'package-test: FAILED: %s\n' "$*" >&2; exit 1; }

tmp=$(mktemp -d /tmp/kirotray-package-test.XXXXXX)
fake_pid="" proxy_pid="" installed_by_us=0
cleanup() {
  local rc=$?
  set +e
  [[ -n $proxy_pid ]] && kill "$proxy_pid" 2>/dev/null && wait "$proxy_pid" 2>/dev/null
  [[ -n $fake_pid ]] && kill "$fake_pid" 2>/dev/null && wait "$fake_pid" 2>/dev/null
  if [[ $installed_by_us -eq 1 ]] && dpkg-query -W -f='${Status}' kirotray 2>/dev/null | grep -q 'ok installed'; then
    echo "package-test: removing the kirotray package left installed by this run" >&2
    $SUDO apt-get remove -y -qq kirotray >/dev/null
  fi
  rm -rf "$tmp"
  [[ $rc -ne 0 ]] && echo "package-test: FAILED (exit $rc)" >&2
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Waits until file $1 has a line matching $2, or process $3 ends, or $4 seconds pass.
wait_for_line() {
  local file=$1 pattern=$2 pid=$3 deadline=$((SECONDS + $4))
  while ((SECONDS < deadline)); do
    grep -Eq "$pattern" "$file" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.2
  done
  return 1
}

free_port() {
  local p
  for _ in $(seq 100); do
    p=$((30000 + RANDOM % 30000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return 0; }
  done
  return 1
}

step "Dependencies"
"$root/scripts/deps.sh" package

gui=${KIROTRAY_PACKAGE_GUI:-auto}
if [[ $gui == auto ]]; then
  gui=OFF
  compgen -G "/usr/lib/*/cmake/Qt6Widgets/Qt6WidgetsConfig.cmake" >/dev/null && gui=ON
fi
version=$(sed -nE 's/^project\(KiroTray VERSION ([0-9.]+).*/\1/p' "$root/CMakeLists.txt")
[[ -n $version ]] || die "cannot read the project version from CMakeLists.txt"
echo "version $version, GUI $gui, build dir $build"

step "Release build (kirotray, fake_kiro)"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
  -DKIROTRAY_BUILD_GUI="$gui" -DKIROTRAY_BUILD_TESTS=ON -DKIROTRAY_BUILD_BENCH=OFF \
  -DKIROTRAY_SANITIZE=OFF -DKIROTRAY_TSAN=OFF >/dev/null
cmake --build "$build" --target kirotray fake_kiro -j "$(nproc)"

step "cpack -G DEB"
rm -f "$build"/kirotray_*.deb "$build"/kirotray_*.deb.sha256
"$root/scripts/ci-build.sh" package "$build" DEB >/dev/null   # as .github/workflows/release.yml packages
debs=("$build"/kirotray_"$version"_*.deb)
[[ ${#debs[@]} -eq 1 && -f ${debs[0]} ]] || die "expected one kirotray_${version}_*.deb in $build"
deb=${debs[0]}
echo "$(basename "$deb"): $(stat -c %s "$deb") bytes ($(du -h "$deb" | cut -f1))"

step "Package metadata"
dpkg-deb --field "$deb"
field() { dpkg-deb --field "$deb" "$1"; }
[[ $(field Package) == kirotray ]] || die "Package is $(field Package)"
[[ $(field Version) == "$version" ]] || die "Version is $(field Version), project says $version"
[[ $(field Maintainer) == "KiroTray developers <dev@kirotray.invalid>" ]] || die "Maintainer is $(field Maintainer)"
[[ -n $(field Section) && -n $(field Homepage) && -n $(field Description) ]] || die "Section, Homepage or Description missing"
field Depends | grep -q 'libqt6core6' || die "Depends lacks libqt6core6: dpkg-shlibdeps did not run"
field Depends | grep -q 'libqt6sql6-sqlite' || die "Depends lacks the Qt SQLite driver"
field Recommends | grep -q 'libsecret-1-0' || die "Recommends lacks libsecret-1-0"
dpkg-deb --ctrl-tarfile "$deb" | tar -t | grep -Eq '(postinst|postrm|preinst|prerm)$' && die "unexpected maintainer scripts"

step "Package contents"
dpkg-deb --contents "$deb" | tee "$tmp/contents.txt"
awk '{print $6}' "$tmp/contents.txt" | sed 's|^\./|/|; s|/$||' >"$tmp/paths.txt"
expect=(/usr/bin/kirotray /usr/share/man/man1/kirotray.1.gz /usr/lib/systemd/user/kirotray.service
  /usr/share/doc/kirotray/copyright)
if [[ $gui == ON ]]; then
  expect+=(/usr/share/applications/io.github.kirotray.KiroTray.desktop
    /usr/share/metainfo/io.github.kirotray.KiroTray.metainfo.xml
    /usr/share/icons/hicolor/scalable/apps/kirotray.svg)
  for n in 16 22 24 32 48 64 128 256; do expect+=("/usr/share/icons/hicolor/${n}x${n}/apps/kirotray.png"); done
fi
for p in "${expect[@]}"; do grep -qx -- "$p" "$tmp/paths.txt" || die "missing from the package: $p"; done
allowed=(/usr/bin /usr/lib/systemd/user /usr/share/applications /usr/share/metainfo /usr/share/icons/hicolor
  /usr/share/man/man1 /usr/share/doc/kirotray /usr/share/kirotray)
while read -r p; do
  ok=0
  for a in "${allowed[@]}"; do [[ -z $p || $a == "$p" || $a == "$p"/* || $p == "$a"/* ]] && ok=1; done
  [[ $ok -eq 1 ]] || die "unexpected path in the package: $p"
done <"$tmp/paths.txt"
grep -E '^-' "$tmp/contents.txt" | awk '$2 != "root/root" {bad=1} END {exit bad}' || die "files not owned by root/root"
echo "all ${#expect[@]} expected files present"

step "Validators"
mkdir -p "$tmp/deb"
dpkg-deb -x "$deb" "$tmp/deb"
file -b "$tmp/deb/usr/bin/kirotray" | grep -q ', stripped' || die "the packaged binary is not stripped"
desktop="$root/resources/io.github.kirotray.KiroTray.desktop"
metainfo="$root/resources/io.github.kirotray.KiroTray.metainfo.xml"
if [[ $gui == ON ]]; then
  desktop="$tmp/deb/usr/share/applications/io.github.kirotray.KiroTray.desktop"
  metainfo="$tmp/deb/usr/share/metainfo/io.github.kirotray.KiroTray.metainfo.xml"
fi
# Hints are advice, not defects: the one hint is that Development;Network; places KiroTray in both menus.
out=$(desktop-file-validate "$desktop" 2>&1) || die "desktop-file-validate: $out"
[[ -n $out ]] && echo "$out"
echo "$out" | grep -Eq ': (error|warning):' && die "desktop-file-validate reported problems"
appstreamcli validate --no-net "$metainfo" || die "appstreamcli validate failed"
appstreamcli validate --no-net "$metainfo" | grep -Eq '^[EWI]: ' && die "appstreamcli validate is not clean"
if [[ $gui == ON ]]; then
  appstreamcli validate-tree --no-net "$tmp/deb" || die "appstreamcli validate-tree failed"
fi
if command -v man >/dev/null; then
  warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$tmp/deb/usr/share/man/man1/kirotray.1.gz" 2>&1 >/dev/null || true)
  [[ -z $warnings ]] || die "man page warnings: $warnings"
fi

step "apt-get install"
installed_by_us=1
if ! $SUDO apt-get install -y -qq "$deb" >"$tmp/apt.log" 2>&1; then
  { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "$deb" >"$tmp/apt.log" 2>&1; } || { cat "$tmp/apt.log"; die "apt-get install"; }
fi
[[ -x /usr/bin/kirotray ]] || die "/usr/bin/kirotray is not installed"
got=$(/usr/bin/kirotray --version)
[[ $got == "kirotray $version" ]] || die "kirotray --version printed '$got'"
echo "$got"
/usr/bin/kirotray --help | grep -q -- '--headless' || die "kirotray --help does not mention --headless"
if command -v systemd-analyze >/dev/null && command -v man >/dev/null; then
  XDG_RUNTIME_DIR=$tmp systemd-analyze verify /usr/lib/systemd/user/kirotray.service || die "systemd-analyze verify"
  echo "systemd-analyze verify: clean"
fi

step "Headless smoke test against the fake upstream"
"$build/tests/fake_kiro/fake_kiro" --port 0 >"$tmp/fake.log" 2>&1 &
fake_pid=$!
wait_for_line "$tmp/fake.log" 'listening on http://127\.0\.0\.1:[0-9]+' "$fake_pid" 20 || { cat "$tmp/fake.log"; die "fake_kiro did not start"; }
fake_url=$(grep -Eo 'http://127\.0\.0\.1:[0-9]+' "$tmp/fake.log" | head -1)
key="kt-package-test-$RANDOM$RANDOM"
data="$tmp/data"
mkdir -m 0700 "$data"
cat >"$data/config.json" <<EOF
{"apiKey": "$key", "apiBaseUrl": "$fake_url", "socialAuthBaseUrl": "$fake_url", "oidcBaseUrl": "$fake_url"}
EOF
echo '{"refreshToken":"test-refresh-token-0123456789","authMethod":"social"}' >"$data/credentials.json"
chmod 0600 "$data"/*.json
port=$(free_port) || die "no free port"
env -u HOST -u PORT -u API_KEY -u ADMIN_API_KEY -u REGION -u DATA_DIR -u REFRESH_TOKEN -u AUTH_METHOD \
  -u CLIENT_ID -u CLIENT_SECRET -u PROXY_URL -u KIRO_API_BASE_URL -u KIRO_SOCIAL_AUTH_BASE_URL -u KIRO_OIDC_BASE_URL \
  HOME="$tmp" /usr/bin/kirotray --headless --data-dir "$data" --port "$port" >"$tmp/proxy.log" 2>&1 &
proxy_pid=$!
wait_for_line "$tmp/proxy.log" "listening on http://127\.0\.0\.1:$port" "$proxy_pid" 20 || { cat "$tmp/proxy.log"; die "kirotray did not start"; }
request='{"model":"claude-sonnet-4-5-20250929","max_tokens":64,"messages":[{"role":"user","content":"hi"}]}'
reply=$(curl -sS --max-time 30 "http://127.0.0.1:$port/v1/messages" -H "x-api-key: $key" \
  -H 'content-type: application/json' -d "$request") || { cat "$tmp/proxy.log"; die "curl failed"; }
echo "$reply"
{ grep -q '"type":"message"' <<<"$reply" && grep -q 'Hello, world!' <<<"$reply"; } \
  || { cat "$tmp/proxy.log" "$tmp/fake.log"; die "the reply does not contain Hello, world!"; }
status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "http://127.0.0.1:$port/v1/messages" \
  -H 'content-type: application/json' -d "$request")
[[ $status == 401 ]] || die "a request without the API key got HTTP $status, expected 401"
kill "$proxy_pid"
rc=0; wait "$proxy_pid" || rc=$?
proxy_pid=""
[[ $rc -eq 0 ]] || { cat "$tmp/proxy.log"; die "kirotray exited with $rc after SIGTERM"; }
kill "$fake_pid"; wait "$fake_pid" 2>/dev/null || true
fake_pid=""
echo "smoke test passed; kirotray stopped cleanly"

step "apt-get remove"
$SUDO apt-get remove -y -qq kirotray >/dev/null
installed_by_us=0
[[ ! -e /usr/bin/kirotray ]] || die "/usr/bin/kirotray is still there after apt-get remove"
for p in "${expect[@]}"; do [[ ! -e $p ]] || die "$p is still there after apt-get remove"; done
dpkg-query -W -f='${Status}' kirotray 2>/dev/null | grep -q 'ok installed' && die "dpkg still lists kirotray as installed"

step "PASSED: $(basename "$deb") ($(stat -c %s "$deb") bytes)"
