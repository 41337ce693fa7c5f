#!/usr/bin/env bash
# The whole test suite from a clean clone: set-up, build, then every test
# (unit tests, the lit suite, the examples, self-lint) through ctest.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/setup.sh"
bash "$root/scripts/build.sh"
build=${BUILD_DIR:-$root/build}
ctest --test-dir "$build" --output-on-failure -j "$(nproc)"
