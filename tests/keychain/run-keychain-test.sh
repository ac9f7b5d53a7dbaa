#!/bin/bash
# Runs tst_keychainsecretstore against a real Secret Service, headless: a private D-Bus session
# (dbus-run-session) with gnome-keyring unlocked by a test password, HOME in a temporary folder so
# the developer's own keyring is never touched; then verifies the stored entry with secret-tool.
# Usage: run-keychain-test.sh <path to tst_keychainsecretstore>
set -euo pipefail

if [[ "${1:-}" != "--inside" ]]; then
    binary=${1:?usage: run-keychain-test.sh <test binary>}
    for tool in dbus-run-session gnome-keyring-daemon secret-tool; do
        command -v "$tool" >/dev/null || { echo "run-keychain-test: $tool is missing (packages dbus, gnome-keyring, libsecret-tools)" >&2; exit 1; }
    done
    home=$(mktemp -d "${TMPDIR:-/tmp}/kirotray-keychain.XXXXXX")
    trap 'rm -rf "$home"' EXIT
    mkdir -m 0700 "$home/run"
    # Nothing from the caller's desktop session may leak in.
    env -u DBUS_SESSION_BUS_ADDRESS -u DISPLAY -u WAYLAND_DISPLAY -u GNOME_KEYRING_CONTROL -u SSH_AUTH_SOCK \
        HOME="$home" XDG_RUNTIME_DIR="$home/run" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config" \
        XDG_CURRENT_DESKTOP= DESKTOP_SESSION= \
        dbus-run-session -- "$0" --inside "$binary"
    exit $?
fi

binary=$2
password="kirotray-test-password"
fail() { echo "run-keychain-test: FAIL: $*" >&2; exit 1; }

printf '%s' "$password" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
printf '%s' "$password" | gnome-keyring-daemon --start --components=secrets >/dev/null
echo "run-keychain-test: private session bus and unlocked gnome-keyring ready (HOME=$HOME)"

# 1. The suite proper (the --phase functions skip themselves here).
"$binary"

# 2. What the binary stores, secret-tool sees under service KiroTray ...
value="shell-visible-secret-$$-$RANDOM"
KT_KEYCHAIN_PHASE=write KT_SHELL_VALUE="$value" "$binary" writeForShell
seen=$(secret-tool lookup server KiroTray user account/4242 type plaintext) || fail "secret-tool does not find account/4242"
[[ "$seen" == "$value" ]] || fail "secret-tool reads a different value for account/4242"
echo "run-keychain-test: secret-tool sees the entry the store wrote"
# ... encrypted at rest, not in clear in the keyring file.
if grep -rqF "$value" "$HOME/.local/share/keyrings"; then fail "the secret is in clear in the keyring files"; fi

# 3. ... and no longer after remove.
KT_KEYCHAIN_PHASE=remove "$binary" removeForShell
if secret-tool lookup server KiroTray user account/4242 type plaintext >/dev/null 2>&1; then
    fail "account/4242 is still in the keychain after remove"
fi
echo "run-keychain-test: the entry is gone after remove"

# 4. The other way round: an entry secret-tool stored is read by the store.
other="stored-by-secret-tool-$RANDOM"
printf '%s' "$other" | secret-tool store --label="KiroTray test" server KiroTray user shell/1 type plaintext
KT_KEYCHAIN_PHASE=read-shell KT_SHELL_VALUE="$other" "$binary" readShellEntry
secret-tool clear server KiroTray user shell/1

echo "run-keychain-test: PASS"
