#!/usr/bin/env bash
# Juliet 1.3 CWE-401 + CWE-775 (the 1754 Linux cases) as one project through
# the leakguard driver: every file in one compilation database, so the
# multi-file flow variants (22, 51-54, 61-68, 72-74, 81-84) are analysed with
# the other files' summaries. Scored with the shared Juliet scripts.
#
#   CORPORA_DIR=... bench/juliet/run_juliet_driver.sh LEAKGUARD OUT_DIR [JOBS] [EXTRA...]
#
# LEAKGUARD is the driver binary (build/driver/leakguard/leakguard); EXTRA
# arguments go to `leakguard check` (e.g. --no-summaries for the comparison).
# Writes OUT_DIR/leakguard.txt and prints the scores by flow variant and
# overall, and the run's wall time.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
juliet=${JULIET_SCRIPTS:-$here/../../../shared/juliet}
leakguard=$(realpath "$1")
out=$(realpath -m "$2")
jobs=${3:-1}
shift $(( $# < 3 ? $# : 3 ))
# shellcheck source=cases.sh
source "$here/cases.sh"
python3 "$juliet/juliet_compdb.py" "$out/all.txt" "$out/db" >/dev/null
# Every Juliet program is built with testcasesupport/io.c: its globals
# (GLOBAL_CONST_TRUE, globalFive) and functions (globalReturnsTrue) decide
# flow variants 09-14. Its findings, if any, land in no case.
python3 - "$out/db/compile_commands.json" "$CORPORA_DIR/juliet/testcasesupport" <<'PY'
import json, os, sys
db, sup = sys.argv[1], sys.argv[2]
entries = json.load(open(db))
io = os.path.join(sup, "io.c")
entries.append({"directory": sup, "file": io,
                "arguments": ["clang-22", "-std=gnu11", "-w", "-I", sup, "-c", io,
                              "-o", os.devnull]})
json.dump(entries, open(db, "w"), indent=1)
PY
start=$(date +%s.%N)
# Exit 1 means findings: expected here.
"$leakguard" check -p "$out/db" --no-cache --quiet -j "$jobs" --fail-on=none \
  --checks='-*,leak-*' "$@" >"$out/leakguard.txt" 2>"$out/leakguard.err" || {
  rc=$?
  [ $rc -eq 3 ] || { tail -5 "$out/leakguard.err"; exit $rc; }
}
end=$(date +%s.%N)
python3 "$juliet/juliet_score.py" "$out/all.txt" "$out/leakguard.txt" --ids 'leak-' --by flow
echo "wall time: $(echo "$end - $start" | bc) s"
