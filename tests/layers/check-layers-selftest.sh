#!/usr/bin/env bash
# scripts/check-layers.sh on small made-up trees: it passes a tree whose includes point down and
# fails one with an include pointing up, one with a folder it does not know, and in ui/ one with an
# include pointing up, a source outside the folders and a folder named like one of proxy/; --graph
# prints each pair of folders once with its count, lowest layer first.
set -u
check=$1
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
fail=0
passes() {   # label
  KIROTRAY_LAYERS_ROOT=$tree "$check" >/dev/null 2>&1 || { echo "FAIL: $1 was refused"; fail=1; }
}
refuses() {   # label expected-message
  local out
  out=$(KIROTRAY_LAYERS_ROOT=$tree "$check" 2>&1) && { echo "FAIL: $1 passed"; fail=1; }
  grep -qF "$2" <<<"$out" || { echo "FAIL: $1 was not named: $out"; fail=1; }
}
mkdir -p "$tree/proxy/util" "$tree/proxy/service" "$tree/proxy/models" "$tree/ui/monitor" "$tree/ui/pages"
echo '#include "util/atomicfile.h"' > "$tree/proxy/service/a.cpp"
echo '#include <QString>' > "$tree/proxy/util/atomicfile.h"
printf '#include "monitor/servicemonitor.h"\n#include "service/proxyservice.h"\n' > "$tree/ui/pages/page.cpp"
echo '#include "service/proxyservice.h"' > "$tree/ui/monitor/servicemonitor.h"
passes "a tree whose includes point down"
echo '#include "util/other.h"' >> "$tree/proxy/service/a.cpp"
expected=$'# proxy: folder -> folder it includes, #include lines (lowest layer first)
util         (includes no other folder)
models       (includes no other folder)
service      -> util            2
# ui: folder -> folder it includes, #include lines (lowest layer first)
monitor      -> proxy/          1
pages        -> proxy/          1
pages        -> monitor         1'
graph=$(KIROTRAY_LAYERS_ROOT=$tree "$check" --graph 2>&1)
[[ $graph == "$expected" ]] || { echo "FAIL: --graph printed:"; echo "$graph"; fail=1; }
sed -i '$d' "$tree/proxy/service/a.cpp"
echo '#include "service/a.h"' >> "$tree/proxy/util/atomicfile.h"
refuses "an upward include" 'util -> service points up the layers: util/atomicfile.h'
sed -i '$d' "$tree/proxy/util/atomicfile.h"
mkdir "$tree/proxy/stray"
refuses "an unknown folder" 'proxy/stray: not in the layer list'
rmdir "$tree/proxy/stray"
echo '#include "pages/page.h"' >> "$tree/ui/monitor/servicemonitor.h"
refuses "an upward include in ui/" 'ui: monitor -> pages points up the layers: monitor/servicemonitor.h'
sed -i '$d' "$tree/ui/monitor/servicemonitor.h"
touch "$tree/ui/loose.cpp"
refuses "a ui/ source outside the folders" 'ui/loose.cpp: outside the ui/ folders'
rm "$tree/ui/loose.cpp"
mkdir "$tree/ui/models"
refuses "a ui/ folder named like a proxy/ folder" 'ui/models: proxy/models has the same name'
rmdir "$tree/ui/models"
passes "the tree put back"
[[ $fail == 0 ]] && echo "check-layers self-test: 8 cases passed"
exit $fail
