#!/usr/bin/env bash
# Runs LeakGuard over every project of projects.csv, then scores the results.
#
#   bench/realcode/run_all.sh LEAKGUARD CORPORA_DIR BUILDS_DIR OUT_DIR [NAME...]
#
# CORPORA_DIR/<name> is the checkout of the commit projects.csv pins,
# BUILDS_DIR/<name> holds its compile_commands.json (see README.md for how
# each was made); the paths column restricts the units. Writes
# OUT_DIR/<name>.json and prints score.py's tables.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
leakguard=$(realpath "$1")
corpora=$(realpath "$2")
builds=$(realpath "$3")
out=$(realpath -m "$4")
shift 4
mkdir -p "$out"
python3 - "$here/projects.csv" "$@" <<'PY' | while IFS='|' read -r name paths; do
import csv, sys
only = set(sys.argv[2:])
for row in csv.DictReader(open(sys.argv[1])):
    if not only or row["name"] in only:
        print(f"{row['name']}|{row['paths']}")
PY
  # shellcheck disable=SC2086 # paths is a space-separated list
  bash "$here/run.sh" "$leakguard" "$corpora/$name" "$builds/$name" \
    "$out/$name.json" $paths || echo "$name: run failed" >&2
done
python3 "$here/score.py" "$out"
