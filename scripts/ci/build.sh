#!/usr/bin/env bash
# Builds the `leakguard` driver from this checkout into BUILD_DIR (default:
# ./leakguard-build) and prints the binary's path on the last line. Tests and
# leakguard-clangd are left out: a CI job needs neither GTest nor clangd's
# libraries.
#
#   scripts/ci/build.sh [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(realpath -m "${1:-leakguard-build}")
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DLEAKGUARD_BUILD_TESTS=OFF -DLEAKGUARD_BUILD_CLANGD=OFF >&2
ninja -C "$build" leakguard >&2
echo "$build/driver/leakguard/leakguard"
