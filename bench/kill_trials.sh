#!/bin/bash
# Fault trials: the driver killed with SIGKILL at random moments, then run
# again on the same cache; each re-run must print exactly what an
# uninterrupted run prints, and the summary store must stay readable.
#
#   bench/kill_trials.sh LEAKGUARD CHECKOUT BUILD_DIR [TRIALS] [JOBS]
#
# Prints one line per trial (when the kill came, whether the re-run matched)
# and the count of recovered trials.
set -uo pipefail
lg=$(realpath "$1") src=$(realpath "$2") build=$(realpath "$3")
trials=${4:-20} jobs=${5:-2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$src"
run() { "$lg" check -p "$build" -j "$jobs" --fail-on=none "$@"; }
start=$(date +%s.%N)
run --cache-dir="$work/reference-cache" >"$work/reference.txt" 2>/dev/null
cold=$(echo "$(date +%s.%N) - $start" | bc)
echo "uninterrupted cold run: $cold s, $(grep -c 'warning:' "$work/reference.txt") warnings"
recovered=0
for i in $(seq 1 "$trials"); do
  cache="$work/cache-$i"
  # Kill somewhere in the cold run: during the summaries, the analysis or
  # the writing of the store and the cache.
  delay=$(python3 -c "import random; print(round(random.uniform(0.05, $cold), 2))")
  run --cache-dir="$cache" >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null
  pkill -9 -P "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  pkill -9 -f -- "--worker.*$src" 2>/dev/null
  run --cache-dir="$cache" >"$work/after.txt" 2>"$work/after.err"
  store_ok=yes
  if [ -f "$cache/summaries.sqlite" ] &&
     ! "$lg" summaries "$cache/summaries.sqlite" >/dev/null 2>&1; then
    store_ok=no
  fi
  if cmp -s "$work/reference.txt" "$work/after.txt" && [ "$store_ok" = yes ]; then
    recovered=$((recovered + 1))
    echo "trial $i: killed after $delay s: recovered"
  else
    echo "trial $i: killed after $delay s: DIFFERENT (store readable: $store_ok)"
    diff "$work/reference.txt" "$work/after.txt" | head -5
  fi
  rm -rf "$cache"
done
echo "recovered $recovered of $trials"
