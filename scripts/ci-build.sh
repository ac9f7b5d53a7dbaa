#!/usr/bin/env bash
# The build, test and package commands shared by scripts/test.sh (Linux, every CI run) and
# .github/workflows/release.yml (Windows and macOS), so that each command the workflow runs is also
# run here as far as Linux allows. Needs bash, cmake, ninja and a C++ compiler on PATH (on Windows:
# Git Bash inside an MSVC developer environment).
#   scripts/ci-build.sh configure BUILD_DIR [CMAKE_ARGS...]   Ninja; ccache when installed; finds
#                                                             what `dependency` installed in build/deps
#   scripts/ci-build.sh build BUILD_DIR [TARGETS...]          all targets when none are named
#   scripts/ci-build.sh test BUILD_DIR INCLUDE_REGEX [EXCLUDE_REGEX]
#   scripts/ci-build.sh package BUILD_DIR GENERATOR           cpack; prints the package paths
#   scripts/ci-build.sh dependency SOURCE_DIR [CMAKE_ARGS...]  a static Release library from source
#                                                             (QtKeychain, zlib), installed in build/deps
# KIROTRAY_CI_JOBS sets the parallelism (default: the number of processors). Written for bash 3.2 too (macOS).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
deps="$root/build/deps"

jobs=${KIROTRAY_CI_JOBS:-$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo "${NUMBER_OF_PROCESSORS:-2}")}
usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

# CMake on Windows reads C:/... paths, not Git Bash's /c/...
native_path() { if command -v cygpath >/dev/null 2>&1; then cygpath -m "$1"; else echo "$1"; fi; }

cmake_configure() {   # source build args...
  local source=$1 build=$2; shift 2
  local launcher=()
  command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  cmake -S "$source" -B "$build" -G Ninja ${launcher[@]+"${launcher[@]}"} "$@"
}

cmd=${1:-}
[[ -n $cmd ]] || usage
shift
case "$cmd" in
  configure)
    [[ $# -ge 1 ]] || usage
    build=$1; shift
    prefix=()
    [[ -d $deps ]] && prefix=(-DCMAKE_PREFIX_PATH="$(native_path "$deps")")
    cmake_configure "$root" "$build" ${prefix[@]+"${prefix[@]}"} "$@"
    ;;
  build)
    [[ $# -ge 1 ]] || usage
    build=$1; shift
    targets=()
    [[ $# -gt 0 ]] && targets=(--target "$@")
    cmake --build "$build" -j "$jobs" ${targets[@]+"${targets[@]}"}
    ;;
  test)
    [[ $# -ge 2 ]] || usage
    build=$1 include=$2 exclude=${3:-}
    args=(--test-dir "$build" --output-on-failure -j "$jobs" --timeout 600 --no-tests=error -R "$include")
    [[ -n $exclude ]] && args+=(-E "$exclude")
    ctest "${args[@]}"
    ;;
  package)
    [[ $# -eq 2 ]] || usage
    build=$1 generator=$2
    (cd "$build" && cpack -G "$generator" -C Release)
    find "$build" -maxdepth 1 -type f -name 'kirotray*' \( -name '*.exe' -o -name '*.dmg' -o -name '*.deb' -o -name '*.tar.gz' -o -name '*.zip' \) -print
    ;;
  dependency)
    [[ $# -ge 1 ]] || usage
    source=$1; shift
    cmake_configure "$source" "$source/build" -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF \
      -DCMAKE_PREFIX_PATH="$(native_path "$deps")" -DCMAKE_INSTALL_PREFIX="$(native_path "$deps")" "$@"
    cmake --build "$source/build" -j "$jobs"
    cmake --install "$source/build"
    ;;
  *) usage ;;
esac
