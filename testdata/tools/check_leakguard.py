#!/usr/bin/env python3
"""Runs LeakGuard's checks (clang-tidy-22 with the plugin) on one test file and
verifies the diagnostics against the file's own CHECK lines.

Usage (from a lit RUN line):
  %check_leakguard [--check-suffix=S] [--config=YAML] FILE CHECKS TMP [-- ARGS...]

CHECK-MESSAGES[-S]: lines must match the warnings and errors, in order; any
warning or error not matched fails the test. CHECK-NOTES[-S]: when present, the
output including notes is checked the same way and every note must be matched.
CHECK-FIXES[-S]: clang-tidy runs with -fix and the fixed file is checked.
A file with none of these asserts that no diagnostic at all is produced.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys

DIAG_RE = re.compile(r":\d+:\d+: (warning|error|note): ")


def parse_args(argv):
    if "--" in argv:
        split = argv.index("--")
        ours, extra = argv[:split], argv[split + 1:]
    else:
        ours, extra = argv, []
    parser = argparse.ArgumentParser()
    parser.add_argument("--clang-tidy", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--resource-dir", required=True)
    parser.add_argument("--mock-headers")
    parser.add_argument("--real-headers", action="store_true")
    parser.add_argument("--check-suffix", default="")
    parser.add_argument("--config", default=None,
                        help="extra clang-tidy --config (YAML); Checks are set for you")
    parser.add_argument("--fix", action="store_true")
    parser.add_argument("--fix-notes", action="store_true",
                        help="apply the fixes offered on notes (clang-tidy --fix-notes)")
    parser.add_argument("input")
    parser.add_argument("checks")
    parser.add_argument("tmp")
    args = parser.parse_args(ours)
    return args, extra


def default_compiler_args(args, extra, is_c):
    result = []
    has_std = any(a.startswith("-std=") for a in extra)
    if not has_std and not is_c:
        result.append("-std=c++20")
    if args.mock_headers and not args.real_headers:
        if not is_c:
            result.append("-nostdinc++")
        result += ["-isystem", args.mock_headers]
    result.append("-resource-dir=" + args.resource_dir)
    return result + extra


def prefixes_present(text, base, suffix):
    prefix = base + ("-" + suffix if suffix else "")
    return prefix, (prefix + ":") in text


def run_file_check(check_file, prefix, input_text, what):
    implicit = ["--implicit-check-not={{warning|error}}:"]
    if what == "notes":
        implicit = ["--implicit-check-not={{warning|error|note}}:"]
    elif what == "fixes":
        implicit = []
    proc = subprocess.run(
        ["FileCheck", "--input-file=-", check_file, "--check-prefix=" + prefix,
         "--strict-whitespace", "--dump-input=fail"] + implicit,
        input=input_text, text=True, capture_output=True)
    if proc.returncode != 0:
        sys.stderr.write("------ FileCheck of %s failed ------\n" % what)
        sys.stderr.write(proc.stdout + proc.stderr)
        return False
    return True


def main():
    args, extra = parse_args(sys.argv[1:])
    text = open(args.input, encoding="utf-8").read()
    is_c = args.input.endswith(".c")
    ext = os.path.splitext(args.input)[1]

    msg_prefix, has_msgs = prefixes_present(text, "CHECK-MESSAGES", args.check_suffix)
    note_prefix, has_notes = prefixes_present(text, "CHECK-NOTES", args.check_suffix)
    fix_prefix, has_fixes = prefixes_present(text, "CHECK-FIXES", args.check_suffix)

    # Keep line numbers; blank the CHECK lines so they cannot match themselves.
    cleaned = re.sub(r"// *CHECK-[A-Z0-9\-]*:[^\r\n]*", "//", text)
    temp_file = args.tmp + ext
    os.makedirs(os.path.dirname(os.path.abspath(temp_file)), exist_ok=True)
    with open(temp_file, "w", encoding="utf-8") as f:
        f.write(cleaned)

    config = args.config or "{}"
    cmd = [args.clang_tidy, "--load=" + args.plugin, "--checks=-*," + args.checks,
           "--config=" + config, "--header-filter=.*", "--quiet"]
    if has_fixes or args.fix or args.fix_notes:
        cmd.append("--fix-notes" if args.fix_notes else "--fix")
    cmd += [temp_file, "--"] + default_compiler_args(args, extra, is_c)
    # Relative paths in test inputs resolve against the test's directory.
    proc = subprocess.run(cmd, capture_output=True, text=True,
                          cwd=os.path.dirname(os.path.abspath(args.input)))
    output = proc.stdout
    if proc.returncode not in (0, 1) or "error: LeakGuard" in proc.stderr:
        sys.stderr.write("clang-tidy failed (%d):\n%s\n%s" % (proc.returncode,
                                                            output, proc.stderr))
        return 1
    sys.stdout.write("------ clang-tidy output ------\n" + output)

    diag_lines = [l for l in output.splitlines() if DIAG_RE.search(l)]
    messages = "\n".join(l for l in diag_lines
                         if not re.search(r": note: ", l)) + "\n"
    everything = "\n".join(diag_lines) + "\n"

    ok = True
    if has_msgs:
        ok &= run_file_check(args.input, msg_prefix, messages, "messages")
    elif not has_notes and re.search(r": (warning|error): ", messages):
        sys.stderr.write("unexpected diagnostics (the test has no CHECK-MESSAGES):\n"
                         + messages)
        ok = False
    if has_notes:
        ok &= run_file_check(args.input, note_prefix, everything, "notes")
    if has_fixes:
        ok &= run_file_check(args.input, fix_prefix,
                             open(temp_file, encoding="utf-8").read(), "fixes")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
