#!/usr/bin/env bash
# Lints LeakGuard's own C++ sources: clang-format (LLVM style) must have nothing to
# change, and clang-tidy-22 with the project's .clang-tidy (including LeakGuard's own
# leak-* checks, loaded from the plugin) must report nothing.
# Usage: scripts/self-lint.sh BUILD_DIR [format|tidy|all]
set -euo pipefail
build=${1:?usage: self-lint.sh BUILD_DIR [format|tidy|all]}
what=${2:-all}
root=$(cd "$(dirname "$0")/.." && pwd)
bin=/usr/lib/llvm-22/bin
cd "$root"
mapfile -t sources < <(git ls-files 'checks/*.cpp' 'checks/*.h' 'driver/*.cpp' 'driver/*.h' \
                       'unittests/*.cpp' 2>/dev/null || true)
if [ ${#sources[@]} -eq 0 ]; then
  mapfile -t sources < <(find checks driver unittests -name '*.cpp' -o -name '*.h' | sort)
fi

status=0
if [ "$what" = format ] || [ "$what" = all ]; then
  if ! "$bin/clang-format" --dry-run -Werror "${sources[@]}"; then
    echo "self-lint: clang-format wants changes (run: $bin/clang-format -i <files>)"
    status=1
  fi
fi
if [ "$what" = tidy ] || [ "$what" = all ]; then
  mapfile -t units < <(printf '%s\n' "${sources[@]}" | grep -E '^(checks|driver)/.*\.cpp$' \
                       | grep -v '/fuzz/')
  if ! printf '%s\n' "${units[@]}" | xargs -P "$(nproc)" -n 2 \
      "$bin/clang-tidy" --quiet --load="$build/libLeakGuard.so" -p "$build" \
      --extra-arg=-Wno-unknown-warning-option >"$build/self-tidy.log" 2>&1; then
    grep -E 'warning:|error:' "$build/self-tidy.log" | sort -u | head -50
    echo "self-lint: clang-tidy-22 reported problems (full log: $build/self-tidy.log)"
    status=1
  fi
fi
[ $status -eq 0 ] && echo "self-lint: $what clean (${#sources[@]} files)"
exit $status
