#!/usr/bin/env bash
# Tries the Debian package on a truly fresh Debian 12 system: builds the .deb
# from BUILD_DIR (cpack), a fresh root with debootstrap, then inside it
# `apt-get install ./leakguard_*.deb` (apt brings the Depends) and
# `leakguard check` on a small C project, and stock clang-tidy-22 with the
# installed plugin. Reports each step with its time; the result goes into the
# issue note (not ctest: it downloads packages).
#
#   bench/deb_trial.sh BUILD_DIR WORK_DIR        (as root)
set -euo pipefail
build=$(realpath "$1")
work=$(realpath -m "$2")
root="$work/root"
src=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$work"

# step, debian_root
# shellcheck source=bench/debian_root.sh
source "$src/bench/debian_root.sh"

step package cpack --config "$build/CPackConfig.cmake" -G DEB -B "$work/pkg"
deb=$(ls "$work"/pkg/leakguard_*.deb)
echo "package $(basename "$deb") ($(du -h "$deb" | cut -f1))"

rm -rf "$root"
debian_root "$root"

cp "$deb" "$root/tmp/"
# libc6-dev: the C library's headers, which any machine that builds the
# project has; the package brings everything LeakGuard itself needs.
step apt-install chroot "$root" bash -c 'apt-get update -qq &&
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    /tmp/leakguard_*.deb libc6-dev'
step version chroot "$root" leakguard --version

mkdir -p "$root/proj"
cp "$src"/testdata/install/Inputs/make-project/*.c "$root/proj/"
printf '[{"directory": "/proj", "file": "reader.c", "arguments": ["cc", "-c", "reader.c"]},
 {"directory": "/proj", "file": "main.c", "arguments": ["cc", "-c", "main.c"]}]\n' \
  >"$root/proj/compile_commands.json"
step check chroot "$root" bash -c 'cd /proj &&
  leakguard check --no-cache --fail-on=none --sarif=out.sarif >check.txt 2>&1 &&
  grep -q "reader.c:5:13: warning: FILE stream" check.txt && test -s out.sarif'
plugin=$(cd "$root" && ls -d usr/lib/leakguard/*/libLeakGuard.so)
step plugin chroot "$root" bash -c "clang-tidy-22 --load=/$plugin \
  --checks='-*,leak-*' /proj/reader.c -- 2>&1 | grep -q 'FILE stream'"
