#!/bin/bash
# What summaries across units cost, on a checkout with a compilation
# database, all runs in the same session and with the same parallelism:
#
#   bench/summaries_cost.sh LEAKGUARD PLUGIN_DIR CHECKOUT BUILD_DIR SOURCE [JOBS]
#
# 1. plain clang-tidy-22 with the plugin over every unit (the baseline: one
#    parse per unit, the leak-* checks, no cache);
# 2. leakguard check --no-summaries --no-cache (one parse per unit);
# 3. leakguard check, cold (summaries, then analysis: two parses per unit);
# 4. the same, warm (nothing changed);
# 5. after a change to the body of a function in SOURCE that keeps its
#    summary (a statement `(void)0;` before its first return statement):
#    how many units are analysed again.
# Prints wall-clock seconds and the ratios against run 1. SOURCE is copied
# first and restored afterwards (the checkout need not be a git one).
set -euo pipefail
lg=$(realpath "$1") plugin=$(realpath "$2")/libLeakGuard.so src=$(realpath "$3")
build=$(realpath "$4") source=$5 jobs=${6:-2}
cache=$(mktemp -d)
cd "$src"
cp "$source" "$cache/source.orig"
trap 'cp "$cache/source.orig" "$source"; rm -rf "$cache"' EXIT
now() { date +%s.%N; }
python3 -c "import json,sys; print('\n'.join(e['file'] if e['file'].startswith('/') else e['directory']+'/'+e['file'] for e in json.load(open(sys.argv[1]))))" \
  "$build/compile_commands.json" | grep -E '\.(c|cc|cpp|cxx)$' > "$cache/files"
t0=$(now)
xargs -P "$jobs" -n 1 clang-tidy-22 --quiet --load="$plugin" --checks='-*,leak-*' \
  -p "$build" < "$cache/files" >/dev/null 2>&1 || true
t1=$(now)
"$lg" check -p "$build" -j "$jobs" --no-cache --no-summaries --quiet --fail-on=none \
  >/dev/null 2>&1 || true
t2=$(now)
"$lg" check -p "$build" -j "$jobs" --cache-dir="$cache/c" --quiet --fail-on=none \
  >/dev/null 2>&1 || true
t3=$(now)
"$lg" check -p "$build" -j "$jobs" --cache-dir="$cache/c" --fail-on=none \
  >/dev/null 2>"$cache/warm.err" || true
t4=$(now)
python3 - "$source" <<'PY'
import re, sys
p = sys.argv[1]
s = open(p).read()
# Before the first return statement: inside a function body, whatever the
# file ends with (a namespace, an extern "C" block).
m = re.search(r"^([ \t]+)return\b", s, re.M)
if not m:
    sys.exit("no return statement in " + p)
open(p, "w").write(s[:m.start()] + m.group(1) + "(void)0;\n" + s[m.start():])
PY
"$lg" check -p "$build" -j "$jobs" --cache-dir="$cache/c" --fail-on=none \
  >/dev/null 2>"$cache/edit.err" || true
t5=$(now)
base=$(echo "$t1 - $t0" | bc)
ratio() { echo "scale=2; ($1) / $base" | bc; }
printf 'clang-tidy-22 + plugin, every unit    %7.2f s  1.00\n' "$base"
printf 'leakguard --no-summaries, no cache    %7.2f s  %s\n' "$(echo "$t2 - $t1" | bc)" "$(ratio "$t2 - $t1")"
printf 'leakguard with summaries, cold        %7.2f s  %s\n' "$(echo "$t3 - $t2" | bc)" "$(ratio "$t3 - $t2")"
printf 'leakguard with summaries, warm        %7.2f s  %s  %s\n' "$(echo "$t4 - $t3" | bc)" "$(ratio "$t4 - $t3")" \
  "$(grep -o '([0-9]* from cache, [0-9]* failed)' "$cache/warm.err")"
printf 'after one body edit in %s  %7.2f s  %s  %s\n' "$source" "$(echo "$t5 - $t4" | bc)" "$(ratio "$t5 - $t4")" \
  "$(grep -o '([0-9]* from cache, [0-9]* failed)' "$cache/edit.err")"
