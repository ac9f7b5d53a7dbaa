#!/usr/bin/env bash
# installer/sign.cmake, as CPack runs it before packing, with stand-ins for signtool and codesign that
# record their arguments: nothing without a certificate in the environment; with one, exactly the
# program (kirotray.exe) or the bundle (kirotray.app) in the staging folder.
# usage: sign-script-test.sh SIGN_CMAKE
set -euo pipefail
script=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/stage/bin" "$tmp/stage/kirotray.app/Contents/MacOS" "$tmp/tools"
touch "$tmp/stage/bin/kirotray.exe" "$tmp/stage/kirotray.app/Contents/MacOS/kirotray"
for tool in signtool codesign; do
  printf '#!/bin/sh\necho "%s $*" >> "%s/calls"\n' "$tool" "$tmp" > "$tmp/tools/$tool"
  chmod +x "$tmp/tools/$tool"
done
run() { env -u KIROTRAY_WINDOWS_PFX -u KIROTRAY_MACOS_SIGN_IDENTITY PATH="$tmp/tools:$PATH" "$@" \
  cmake -DCPACK_TEMPORARY_INSTALL_DIRECTORY="$tmp/stage" -P "$script"; }
fail() { echo "FAIL: $*" >&2; cat "$tmp/calls" 2>/dev/null >&2; exit 1; }

run
[[ ! -e $tmp/calls ]] || fail "signed without a certificate"

run KIROTRAY_WINDOWS_PFX=C:/cert.pfx KIROTRAY_WINDOWS_PFX_PASSWORD=pw
expected="signtool sign /f C:/cert.pfx /p pw /fd sha256 /tr http://timestamp.digicert.com /td sha256 $tmp/stage/bin/kirotray.exe"
[[ $(cat "$tmp/calls") == "$expected" ]] || fail "Windows: expected: $expected"
rm "$tmp/calls"

run KIROTRAY_MACOS_SIGN_IDENTITY="Developer ID Application: Jane Doe (TEAMID1234)"
expected="codesign --force --deep --timestamp --options runtime --sign Developer ID Application: Jane Doe (TEAMID1234) $tmp/stage/kirotray.app
codesign --verify --strict --verbose=2 $tmp/stage/kirotray.app"
[[ $(cat "$tmp/calls") == "$expected" ]] || fail "macOS: expected: $expected"
echo "sign.cmake: no signing without a certificate; signtool and codesign called as expected"
