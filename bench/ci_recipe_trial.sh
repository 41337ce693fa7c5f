#!/usr/bin/env bash
# Tries the CI recipes' steps on a truly fresh Debian 12 system: builds a
# root with debootstrap, then inside it (chroot), from a clean clone of this
# repository's committed HEAD, runs what docs/ci.md's recipes run —
# scripts/ci/install-deps.sh, scripts/ci/build.sh, and scripts/ci/check.sh
# over LeakGuard's examples — and reports each step with its time. The
# result goes into the issue note, not into ctest (it downloads packages and
# builds LeakGuard: 15 to 30 minutes).
#
#   bench/ci_recipe_trial.sh WORK_DIR        (as root)
set -euo pipefail
work=$(realpath -m "$1")
root="$work/root"
src=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$work"

# step, debian_root
# shellcheck source=bench/debian_root.sh
source "$src/bench/debian_root.sh"

debian_root "$root"

# A clean clone of what is committed (the root has no git yet).
rm -rf "$root/src"
git clone -q "$src" "$root/src"
echo "commit $(git -C "$root/src" rev-parse --short HEAD)"

step install-deps chroot "$root" bash /src/scripts/ci/install-deps.sh
# Without clangd-22's libraries the default configuration leaves
# leakguard-clangd out with one message (and needs no GTest with tests off).
step configure-default chroot "$root" bash -c 'rm -rf /tmp/cfg && cmake -S /src -B /tmp/cfg \
  -G Ninja -DLEAKGUARD_BUILD_TESTS=OFF 2>&1 | grep "leakguard-clangd: not built"'
step build chroot "$root" bash /src/scripts/ci/build.sh /opt/lg-build
step examples-db chroot "$root" python3 /src/testdata/driver/Inputs/examples_db.py \
  /src/examples /opt/exdb
step check chroot "$root" bash -c 'cd /src && LEAKGUARD_FAIL_ON=none \
  bash scripts/ci/check.sh /opt/lg-build/driver/leakguard/leakguard /opt/exdb \
  --root=/src/examples && test -s leakguard.sarif && test -s leakguard.md &&
  grep -c "<!-- leakguard-report -->" leakguard.md'
echo "reports: $root/src/leakguard.sarif $root/src/leakguard.md"
