#!/usr/bin/env bash
# Runs LeakGuard over a project in CI and writes the reports; the exit code
# is leakguard's (docs/driver.md: 0 clean, 1 findings, 2 usage or
# configuration error, 3 a unit failed).
#
#   scripts/ci/check.sh LEAKGUARD COMPILE_COMMANDS_DIR [leakguard options...]
#
# Environment (all optional):
#   LEAKGUARD_SARIF      SARIF file for code scanning (default leakguard.sarif)
#   LEAKGUARD_MARKDOWN   reviewer report (default leakguard.md)
#   LEAKGUARD_HTML       directory of the HTML report (default leakguard-html;
#                        the Markdown report links it once kept as an artifact)
#   LEAKGUARD_DIFF_BASE  report only lines changed since this git ref
#   LEAKGUARD_FAIL_ON    error|warning|none (default warning)
# In GitHub Actions it also prints annotations and the job summary.
set -uo pipefail
leakguard=$1
db=$2
shift 2
args=(check -p "$db" --quiet
      --sarif="${LEAKGUARD_SARIF:-leakguard.sarif}"
      --markdown="${LEAKGUARD_MARKDOWN:-leakguard.md}"
      --html="${LEAKGUARD_HTML:-leakguard-html}"
      --fail-on="${LEAKGUARD_FAIL_ON:-warning}")
if [ -n "${LEAKGUARD_DIFF_BASE:-}" ]; then
  args+=(--diff-base="$LEAKGUARD_DIFF_BASE")
fi
if [ "${GITHUB_ACTIONS:-}" = true ]; then
  args+=(--github)
fi
"$leakguard" "${args[@]}" "$@"
