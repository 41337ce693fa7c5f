#!/usr/bin/env bash
# Builds the `leakguard` driver with AddressSanitizer and UndefinedBehavior-
# Sanitizer, runs it over real projects (each unit's analysis runs in the
# sanitized worker), and reports every sanitizer error with the unit it came
# from. Long: a sanitized build, then analyses about 2-3 times slower than
# usual; not part of ctest.
#
#   bench/sanitizer_hunt.sh WORK_DIR CORPORA_DIR BUILDS_DIR [NAME...]
# CORPORA_DIR/NAME is a checkout, BUILDS_DIR/NAME holds its
# compile_commands.json (as for bench/realcode/run_all.sh).
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
work=$(realpath -m "$1")
corpora=$(realpath "$2")
builds=$(realpath "$3")
shift 3
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(ninja mosquitto leveldb)
mkdir -p "$work"

flags="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
cmake -S "$src" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DLEAKGUARD_BUILD_TESTS=OFF -DLEAKGUARD_BUILD_CLANGD=OFF -DLEAKGUARD_USE_PCH=OFF \
  -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
  >"$work/configure.log"
ninja -C "$work/build" leakguard >"$work/build.log"
leakguard="$work/build/driver/leakguard/leakguard"

# The workers run without a memory limit in a sanitized build (Linux counts
# the shadow memory as data); --unit-memory=0 says so.
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=0:halt_on_error=1:allow_user_poisoning=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
total=0
for name in "${names[@]}"; do
  start=$(date +%s)
  (cd "$corpora/$name" && "$leakguard" check -p "$builds/$name" --no-cache \
     --quiet --fail-on=none -j 2 --unit-memory=0 --checks='-*,leak-*' \
     >"$work/$name.out" 2>"$work/$name.err") || true
  errors=$(grep -c -E "ERROR: AddressSanitizer: |runtime error:" "$work/$name.err" || true)
  units=$(grep -c -E "crashed|failed" "$work/$name.err" || true)
  echo "$name: $errors sanitizer errors, $units units failed or crashed ($(($(date +%s) - start)) s)"
  total=$((total + errors))
done
echo "total sanitizer errors: $total"
