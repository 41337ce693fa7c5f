#!/usr/bin/env bash
# The pre-commit hook: refuses a commit that adds a leak on a changed line
# (staged and unstaged changes against HEAD). The result cache keeps it fast.
#
#   scripts/ci/pre-commit.sh [COMPILE_COMMANDS_DIR]   (default: build)
set -uo pipefail
leakguard=${LEAKGUARD:-leakguard}
exec "$leakguard" check -p "${1:-build}" --quiet --diff-base=HEAD
