#!/usr/bin/env bash
# Installs the Debian 12 packages KiroTray needs, only those that are missing.
# Usage: scripts/deps.sh [build|fuzz|test|package]   (fuzz and package include build; test includes all)
set -euo pipefail
level=${1:-build}

build_pkgs=(cmake ninja-build g++ pkg-config zlib1g-dev
  qt6-base-dev qtkeychain-qt6-dev libsecret-1-0
  libqt6sql6-sqlite qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-charts-dev
  libqt6opengl6-dev libqt6svg6 qt6-svg-dev qt6-translations-l10n libxkbcommon-dev)
fuzz_pkgs=(clang-14 libfuzzer-14-dev libclang-rt-14-dev)
test_pkgs=(lld xvfb xauth dbus gnome-keyring libsecret-tools nodejs npm python3-yaml)
package_pkgs=(desktop-file-utils appstream dpkg-dev file curl)

pkgs=("${build_pkgs[@]}")
case "$level" in
  build) ;;
  fuzz) pkgs+=("${fuzz_pkgs[@]}") ;;
  test) pkgs+=("${fuzz_pkgs[@]}" "${test_pkgs[@]}" "${package_pkgs[@]}") ;;
  package) pkgs+=("${package_pkgs[@]}") ;;
  *) echo "usage: $0 [build|fuzz|test|package]" >&2; exit 2 ;;
esac

missing=()
for p in "${pkgs[@]}"; do
  # node may come from elsewhere than Debian's package; only ask apt when the command is absent too
  if [[ $p == nodejs || $p == npm ]] && command -v "${p/nodejs/node}" >/dev/null 2>&1; then continue; fi
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ $status == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "Installing missing packages: ${missing[*]}"
SUDO=""
[[ $(id -u) -ne 0 ]] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
