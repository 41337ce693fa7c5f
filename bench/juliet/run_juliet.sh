#!/usr/bin/env bash
# Juliet 1.3 CWE-401 + CWE-775 (the 1754 Linux cases), each file alone, through
# the clang-tidy-22 plugin, scored with the shared Juliet scripts.
#
#   CORPORA_DIR=... bench/juliet/run_juliet.sh PLUGIN_DIR OUT_DIR [JOBS]
#
# CORPORA_DIR holds juliet/ (see ../shared/juliet/README.md to extract it);
# PLUGIN_DIR holds libLeakGuard.so and libLeakGuardChecks.so (build/).
# Writes OUT_DIR/leakguard.txt (the diagnostics) and prints the scores by
# flow variant and overall.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
juliet=${JULIET_SCRIPTS:-$here/../../../shared/juliet}
plugin=$(realpath "$1")/libLeakGuard.so
out=$(realpath -m "$2")
jobs=${3:-1}
# shellcheck source=cases.sh
source "$here/cases.sh"
python3 "$juliet/juliet_run_tool.py" "$out/all.txt" "$out/leakguard.txt" \
  "custom:clang-tidy-22 --quiet --load=$plugin --checks=-*,leak-* {file} -- -x {lang} -I {support} -w" \
  -j "$jobs"
python3 "$juliet/juliet_score.py" "$out/all.txt" "$out/leakguard.txt" --ids 'leak-' --by flow
