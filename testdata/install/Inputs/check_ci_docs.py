#!/usr/bin/env python3
"""Fails when docs/ci.md and the CI scripts disagree.

Usage: check_ci_docs.py LEAKGUARD_SOURCE_ROOT

- The packages docs/ci.md says scripts/ci/install-deps.sh installs are the
  ones in its PACKAGES array.
- Every scripts/ci/*.sh named in docs/ci.md, action.yml or
  .pre-commit-hooks.yaml exists and is executable.
- docs/ci.md installs nothing itself (no apt-get install of build packages
  in its recipes: that is install-deps.sh's job), so the two cannot drift.
"""
import os
import re
import sys


def main():
    root = sys.argv[1]
    doc = open(os.path.join(root, "docs", "ci.md")).read()
    script = open(os.path.join(root, "scripts", "ci", "install-deps.sh")).read()
    problems = []

    array = re.search(r"PACKAGES=\((.*?)\)", script, re.S)
    in_script = set(array.group(1).split()) if array else set()
    listed = re.search(r"`scripts/ci/install-deps.sh` installs what building "
                       r"and running the driver\s+needs: `([^`]*)`", doc)
    in_doc = set(listed.group(1).split()) if listed else set()
    if not in_script or not in_doc:
        problems.append("package lists not found (docs/ci.md or install-deps.sh)")
    elif in_script != in_doc:
        problems.append("packages differ: only in the script: %s; only in "
                        "docs/ci.md: %s" % (sorted(in_script - in_doc),
                                            sorted(in_doc - in_script)))

    texts = {
        "docs/ci.md": doc,
        "action.yml": open(os.path.join(root, "action.yml")).read(),
        ".pre-commit-hooks.yaml": open(
            os.path.join(root, ".pre-commit-hooks.yaml")).read(),
    }
    for name, text in texts.items():
        for path in sorted(set(re.findall(r"scripts/ci/[\w.-]+\.sh", text))):
            full = os.path.join(root, path)
            if not os.path.isfile(full) or not os.access(full, os.X_OK):
                problems.append("%s names %s, which is missing or not "
                                "executable" % (name, path))

    for block in re.findall(r"```ya?ml\n(.*?)```", doc, re.S):
        for line in block.splitlines():
            if re.search(r"apt-get install", line) and \
                    re.search(r"clang|llvm|cmake|yaml-cpp|sqlite", line):
                problems.append("docs/ci.md installs build packages itself: "
                                + line.strip())

    for p in problems:
        print("check_ci_docs: " + p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
