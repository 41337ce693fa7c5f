#!/usr/bin/env bash
# The main job from a clean clone: set-up, build, then LeakGuard over the bundled
# examples/, printing its findings as a readable report (text on stdout, and a
# Markdown reviewer report in build/leakguard-examples.md).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/setup.sh"
bash "$root/scripts/build.sh"
build=${BUILD_DIR:-$root/build}
cd "$root"
# The examples are demonstrations of leaks: findings are the expected result,
# so they do not fail this job (--fail-on=none).
exec "$build/driver/leakguard/leakguard" check -p "$build" --fail-on=none \
  --markdown="$build/leakguard-examples.md" examples/
