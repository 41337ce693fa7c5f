#!/bin/bash
# Which units `--diff-base` analyses, and how long it takes, against a cold
# run, on a git checkout with a compilation database:
#
#   bench/diff_selection.sh LEAKGUARD CHECKOUT BUILD_DIR SOURCE HEADER
#
# SOURCE is a .cc/.cpp of the checkout and HEADER a header some units
# include (paths relative to CHECKOUT). The script appends a comment line
# to each in turn and restores it with `git checkout` afterwards; the
# checkout must be clean. It prints, for each run, the summary line of
# leakguard (how many units came from the cache or were not analysed) and
# the wall-clock seconds.
set -euo pipefail
lg=$1 src=$2 build=$3 source=$4 header=$5
cache=$(mktemp -d)
trap 'rm -rf "$cache"; git -C "$src" checkout -q -- "$source" "$header"' EXIT
cd "$src"
run() {
  local label=$1; shift
  local start end
  start=$(date +%s.%N)
  "$lg" check -p "$build" -j1 --cache-dir="$cache" "$@" >/dev/null 2>"$cache/err" || true
  end=$(date +%s.%N)
  printf '%-34s %6.2f s  %s\n' "$label" "$(echo "$end - $start" | bc)" \
    "$(grep '^leakguard: [0-9]* finding' "$cache/err" | sed 's/ in [0-9.]* s$//')"
}
run "cold run (fills the cache)"
run "warm re-run, nothing changed"
echo "// leakguard bench" >> "$source"
run "warm, --diff-base, one source" --diff-base=HEAD
run "no cache, --diff-base, one source" --diff-base=HEAD --no-cache
git checkout -q -- "$source"
echo "// leakguard bench" >> "$header"
run "warm, --diff-base, one header" --diff-base=HEAD
