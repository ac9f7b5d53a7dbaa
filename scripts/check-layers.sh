#!/usr/bin/env bash
# The folders inside proxy/ and inside ui/ depend in one direction: a file may include headers of its
# own folder and of folders listed before it, never of one listed after it.
#   scripts/check-layers.sh           checks; exits 1 and names every include that points up
#   scripts/check-layers.sh --graph   prints the folder include graph, lowest layer first
#                                     ("from -> to  count", one line per pair of folders)
# A folder missing from the lists is an error too: place a new folder where it belongs. ui/ keeps
# every source in a folder, and no ui/ folder shares a proxy/ folder's name: both trees are include
# roots, so "models/x.h" must say which one it means.
set -euo pipefail
root=${KIROTRAY_LAYERS_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}   # the override is for its own test

# Lowest first.
proxy_layers=(util codec eventloop config models anthropic openai secrets accounts storage upstream
  pool signin websearch server management api service)
# style: colours readable in any palette; platform: the desktop around the app (start at login, one
# instance, language, preferences, resources); files: the files it reads or writes for the user
# (coding tools' settings, CSV, imports); monitor: the GUI thread's view of ProxyService;
# itemmodels: the tables' Qt models; widgets: reusable widgets and delegates; dialogs; pages: the
# window's tabs; tray: the application shell (tray icon, window, notifications).
ui_layers=(style platform files monitor itemmodels widgets dialogs pages tray)

graph() {   # dir: prints "from to file" for every cross-folder include
  local dir=$1
  (cd "$root/$dir" && grep -rHoE '^#include "[a-z_]+/[^"]+"' --include='*.h' --include='*.cpp' . || true) |
    sed -nE 's|^\./([a-z_]+)/[^:]*:#include "([a-z_]+)/.*|\1 \2 &|p' | awk '$1 != $2'
}

folders() {   # dir: its sub-folders
  [[ -d $root/$1 ]] || return 0
  (cd "$root/$1" && find . -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort)
}

check() {   # dir layer...
  local dir=$1; shift
  local -A rank=()
  local i=0 failed=0
  for l in "$@"; do rank[$l]=$((i++)); done
  for folder in $(folders "$dir"); do
    [[ -n ${rank[$folder]+x} ]] || { echo "$dir/$folder: not in the layer list of scripts/check-layers.sh" >&2; failed=1; }
  done
  while read -r from to where; do
    [[ -n ${rank[$from]+x} && -n ${rank[$to]+x} ]] || continue
    if (( rank[$to] > rank[$from] )); then
      echo "$dir: $from -> $to points up the layers: ${where#./}" >&2
      failed=1
    fi
  done < <(graph "$dir")
  return $failed
}

check_ui_tree() {   # every ui/ source in a folder, no folder named like one of proxy/
  local failed=0 f
  for f in $(cd "$root/ui" && find . -maxdepth 1 -type f \( -name '*.h' -o -name '*.cpp' \) -printf '%f\n' | sort); do
    echo "ui/$f: outside the ui/ folders" >&2; failed=1
  done
  for f in $(folders ui); do
    [[ -d $root/proxy/$f ]] && { echo "ui/$f: proxy/$f has the same name" >&2; failed=1; }
  done
  return $failed
}

print_graph() {   # dir below layer...: each folder lowest first, then the folders it includes, lowest
  # first; includes of folders outside the list count as `below` (ui/'s includes of the core: proxy/)
  local dir=$1 below=$2 l present=(); shift 2
  for l in "$@"; do [[ -d $root/$dir/$l ]] && present+=("$l"); done
  echo "# $dir: folder -> folder it includes, #include lines (lowest layer first)"
  graph "$dir" | awk -v layers="$below ${present[*]}" '
    BEGIN { n = split(layers, order, " "); for (i = 1; i <= n; i++) rank[order[i]] = i }
    { count[$1 " " (($2 in rank) ? $2 : order[1])]++ }
    END {
      for (i = 1; i <= n; i++) {
        edges = 0
        for (j = 1; j <= n; j++) {
          key = order[i] " " order[j]
          if (!(key in count)) continue
          printf "%-12s -> %-12s %4d%s\n", order[i], order[j], count[key], (j > i ? "  (points up)" : "")
          edges++
        }
        if (!edges && i > 1) printf "%-12s (includes no other folder)\n", order[i]
      }
    }'
}

if [[ ${1:-} == --graph ]]; then
  print_graph proxy "-" "${proxy_layers[@]}"
  [[ -d $root/ui ]] && print_graph ui "proxy/" "${ui_layers[@]}"
  exit 0
fi

status=0
check proxy "${proxy_layers[@]}" || status=1
if [[ -d $root/ui ]]; then
  check ui "${ui_layers[@]}" || status=1
  check_ui_tree || status=1
fi
(( status == 0 )) && echo "layers: every include points down (proxy: ${proxy_layers[*]}; ui: ${ui_layers[*]})"
exit $status
