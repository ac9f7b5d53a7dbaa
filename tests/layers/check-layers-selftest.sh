#!/usr/bin/env bash
# scripts/check-layers.sh on small made-up trees: it passes a tree whose includes point down and
# fails one with an include pointing up, and one with a folder it does not know.
set -u
check=$1
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
mkdir -p "$tree/proxy/util" "$tree/proxy/service"
echo '#include "util/atomicfile.h"' > "$tree/proxy/service/a.cpp"
echo '#include <QString>' > "$tree/proxy/util/atomicfile.h"
fail=0
KIROTRAY_LAYERS_ROOT=$tree "$check" >/dev/null 2>&1 || { echo "FAIL: a downward include was refused"; fail=1; }
echo '#include "service/a.h"' >> "$tree/proxy/util/atomicfile.h"
out=$(KIROTRAY_LAYERS_ROOT=$tree "$check" 2>&1) && { echo "FAIL: an upward include passed"; fail=1; }
grep -q 'util -> service points up the layers: util/atomicfile.h' <<<"$out" || { echo "FAIL: the upward include was not named: $out"; fail=1; }
sed -i '$d' "$tree/proxy/util/atomicfile.h"
mkdir "$tree/proxy/stray"
out=$(KIROTRAY_LAYERS_ROOT=$tree "$check" 2>&1) && { echo "FAIL: an unknown folder passed"; fail=1; }
grep -q 'proxy/stray: not in the layer list' <<<"$out" || { echo "FAIL: the unknown folder was not named: $out"; fail=1; }
[[ $fail == 0 ]] && echo "check-layers self-test: 3 cases passed"
exit $fail
