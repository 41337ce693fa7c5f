#!/usr/bin/env python3
"""Thousands of non-blank lines analysed in one project of the real-code list.

    kloc.py PROJECT_DIR BUILD_DIR [PATH...]

Counts the main files of the compilation database's units (those under one of
the PATHs, relative to PROJECT_DIR, when given) plus every header (.h, .hh,
.hpp, .hxx, .inl, .ipp) under the same PATHs (or the whole project), leaving out
BUILD_DIR. Headers are counted once, as the driver reports a header's
findings once.
"""
import json
import os
import sys

HEADERS = (".h", ".hh", ".hpp", ".hxx", ".inl", ".ipp")


def nonblank(path):
    try:
        with open(path, "rb") as f:
            return sum(1 for line in f if line.strip())
    except OSError:
        return 0


def main():
    project = os.path.realpath(sys.argv[1])
    build = os.path.realpath(sys.argv[2])
    paths = [os.path.realpath(os.path.join(project, p)) for p in sys.argv[3:]] or [project]

    def selected(path):
        return any(path == p or path.startswith(p + os.sep) for p in paths) and \
            not path.startswith(build + os.sep)

    files = set()
    for entry in json.load(open(os.path.join(build, "compile_commands.json"))):
        f = os.path.realpath(os.path.join(entry["directory"], entry["file"]))
        if selected(f):
            files.add(f)
    units = len(files)
    for root in paths:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = [d for d in dirnames
                           if os.path.realpath(os.path.join(dirpath, d)) != build
                           and not d.startswith(".")]
            for name in filenames:
                if name.endswith(HEADERS):
                    files.add(os.path.realpath(os.path.join(dirpath, name)))
    lines = sum(nonblank(f) for f in files)
    print(f"units={units} kloc={lines / 1000:.1f}")


if __name__ == "__main__":
    main()
