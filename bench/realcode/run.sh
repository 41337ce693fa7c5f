#!/usr/bin/env bash
# Runs LeakGuard over one project of the real-code list (projects.csv) the way
# a new user would: every unit of its compilation database, only the leak-*
# checks, default options. Writes the findings as JSON.
#
#   bench/realcode/run.sh LEAKGUARD PROJECT_DIR BUILD_DIR OUT.json [PATH...]
#
# PROJECT_DIR is the checkout (paths in the report are relative to it);
# BUILD_DIR holds compile_commands.json; PATHs restrict the units (as for
# `leakguard check`). Runs with -j1 unless LEAKGUARD_JOBS is set.
set -euo pipefail
leakguard=$(realpath "$1")
project=$(realpath "$2")
build=$(realpath "$3")
out=$(realpath -m "$4")
shift 4
cd "$project"
# The summary store of the whole database first, as a full run in CI fills
# it: a run restricted by PATH alone would leave the store incomplete (the
# other units may call anything), and the callers' facts unused.
store=$(mktemp -d)/summaries.sqlite
trap 'rm -rf "$(dirname "$store")"' EXIT
if [ $# -gt 0 ]; then
  "$leakguard" summarize -p "$build" --root="$project" \
    -j "${LEAKGUARD_JOBS:-1}" --no-cache --quiet --summary-store="$store" \
    >/dev/null 2>&1
fi
# Exit code 3: some unit does not compile (a platform's file in the
# database); the others are analysed and the JSON is whole.
rc=0
"$leakguard" check -p "$build" --root="$project" -j "${LEAKGUARD_JOBS:-1}" \
  --no-cache --quiet --fail-on=none --checks='-*,leak-*' --json="$out" \
  --summary-store="$store" "$@" >/dev/null || rc=$?
[ "$rc" -eq 0 ] || [ "$rc" -eq 3 ] || exit "$rc"
python3 - "$out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
s = d["summary"]
print(f"{sys.argv[1]}: {s['findings']} findings, {s['unitsAnalysed']} units, "
      f"{s['unitsFailed']} failed")
PY
