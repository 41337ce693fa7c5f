#!/usr/bin/env bash
# The lit and unit suites with LeakGuard's own code built under
# AddressSanitizer and UndefinedBehaviorSanitizer: configures and builds a
# second tree (LEAKGUARD_SANITIZE=ON; default build/sanitized), then runs the
# lit suite (clang-tidy-22 with the sanitizer runtime preloaded, the driver
# and leakguard-clangd instrumented) and both gtest suites there. Any
# sanitizer report fails its test; LeakSanitizer runs at every exit, with
# testdata/sanitizer/lsan.supp for LLVM's own leaks.
#
#   scripts/sanitized-tests.sh [BUILD_DIR]
#
# `ctest -L sanitized` in the main build runs this script.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(realpath -m "${1:-$root/build/sanitized}")
jobs=${LEAKGUARD_SANITIZED_JOBS:-$(nproc)}
cc=/usr/lib/llvm-22/bin/clang

# LeakSanitizer stops the process's threads to scan them, which some
# containers forbid (no ptrace). Where it cannot run, say so and check the
# rest.
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
printf 'int main(void) { return 0; }\n' >"$probe/p.c"
"$cc" -fsanitize=address "$probe/p.c" -o "$probe/p"
if ! ASAN_OPTIONS=detect_leaks=1 "$probe/p" >/dev/null 2>&1; then
  echo "sanitized-tests: LeakSanitizer cannot run on this machine; leak" \
       "checking is off, AddressSanitizer and UBSan still check" >&2
  export LEAKGUARD_DETECT_LEAKS=0
fi
detect_leaks=${LEAKGUARD_DETECT_LEAKS:-1}
# The gtest executables read these; the lit suite sets its own (lit.cfg.py).
export ASAN_OPTIONS="detect_leaks=$detect_leaks:halt_on_error=1:allow_user_poisoning=0"
export LSAN_OPTIONS="suppressions=$root/testdata/sanitizer/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DLEAKGUARD_SANITIZE=ON -DLEAKGUARD_BUILD_FUZZER=OFF >/dev/null
cmake --build "$build" -j "$jobs"
ctest --test-dir "$build" --output-on-failure -j "$jobs" \
  -R '^(lit|unittests|driver-unittests)$'
