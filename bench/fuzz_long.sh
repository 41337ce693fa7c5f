#!/usr/bin/env bash
# Long runs of LeakGuard's libFuzzer targets (ctest runs each for 20 s):
#
#   bench/fuzz_long.sh BUILD_DIR [SECONDS_PER_TARGET]   (default 1800)
#
# Prints each target's executions and coverage (edges); new inputs go to a
# scratch corpus under BUILD_DIR, crashes to BUILD_DIR/fuzz-crashes/. Add a
# crash input to the target's seed corpus once fixed (a regression input).
set -euo pipefail
build=$(realpath "$1")
seconds=${2:-1800}
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$build/fuzz-crashes"
run() {
  local name=$1 binary=$2 seeds=$3
  shift 3
  local work="$build/fuzz-long-$name"
  mkdir -p "$work"
  "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$build/fuzz-crashes/$name-" "$@" \
    "$work" "$seeds" 2>&1 |
    grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|==[0-9]+== ERROR)' |
    sed "s/^/$name: /"
}
run rules "$build/leakguard-rules-fuzzer" "$here/testdata/rules/fuzz-corpus" \
  -dict="$here/testdata/rules/fuzz.dict"
run driver "$build/leakguard-driver-fuzzer" "$here/testdata/driver/fuzz-corpus"
