#!/usr/bin/env python3
"""Runs leak-unreleased-resource with CrossCheckPaths over every C and C++
test input under the given directories: each acquisition that the one-pass
analysis clears is searched path by path as well, and a disagreement is
reported by the check. Fails on any disagreement or crash.

    cross_check_paths.py --clang-tidy=BIN --plugin=SO --mock-headers=DIR
                         --resource-dir=DIR DIR...
"""
import argparse
import os
import subprocess
import sys

DISAGREEMENT = "internal error: the one-pass analysis cleared"
CONFIG = ("{CheckOptions: {leak-unreleased-resource.CrossCheckPaths: true, "
          "leak-unreleased-resource.ReportExceptionPaths: true}}")


def inputs(roots):
    for root in roots:
        for dirpath, dirnames, files in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if d != "Inputs")
            for name in sorted(files):
                if name.endswith((".c", ".cpp", ".cc")):
                    yield os.path.join(dirpath, name)


def compiler_args(path, args):
    is_c = path.endswith(".c")
    result = [] if is_c else ["-std=c++20", "-nostdinc++"]
    result += ["-isystem", args.mock_headers,
               "-resource-dir=" + args.resource_dir]
    if not is_c:
        result.append("-fexceptions")
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--mock-headers", required=True)
    parser.add_argument("--resource-dir", required=True)
    parser.add_argument("roots", nargs="+")
    args = parser.parse_args()
    checked = 0
    warnings = 0
    failures = []
    for path in inputs(args.roots):
        cmd = [args.clang_tidy, "--load=" + args.plugin,
               "--checks=-*,leak-unreleased-resource", "--config=" + CONFIG,
               "--quiet", path, "--"] + compiler_args(path, args)
        run = subprocess.run(cmd, capture_output=True, text=True)
        checked += 1
        if run.returncode < 0:
            failures.append(f"{path}: clang-tidy crashed ({run.returncode})")
        failures += [line for line in run.stdout.splitlines()
                     if DISAGREEMENT in line]
        warnings += run.stdout.count("[leak-unreleased-resource]")
    print(f"{checked} inputs cross-checked, {warnings} warnings")
    if checked == 0:
        failures.append("no inputs found")
    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
