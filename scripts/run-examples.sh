#!/usr/bin/env bash
# The main job from a clean clone: set-up, build, then LeakGuard over the bundled
# examples/, printing its findings as a readable report.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/setup.sh"
bash "$root/scripts/build.sh"
build=${BUILD_DIR:-$root/build}
if [ -x "$build/driver/leakguard" ]; then
  cd "$root"
  exec "$build/driver/leakguard" check -p "$build" --fail-on=none examples/
fi
# Without the driver: stock clang-tidy-22 with the plugin.
mapfile -t files < <(cd "$root" && find examples -name '*.cpp' | sort)
cd "$root"
/usr/lib/llvm-22/bin/clang-tidy --load="$build/libLeakGuard.so" --checks='-*,leak-*' \
  --quiet -p "$build" "${files[@]}" 2>/dev/null || true
