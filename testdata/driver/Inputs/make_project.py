#!/usr/bin/env python3
"""Copies the test project to DEST and writes DEST/build/compile_commands.json.

Usage: make_project.py SRC_PROJECT DEST MOCK_HEADERS [--extra FILE.cpp...]
Every src/*.cpp of DEST gets an entry compiled against LeakGuard's mock std
and POSIX headers; every src/*.c one compiled as C with the system headers.
"""
import glob
import json
import os
import shutil
import sys


def main():
    src, dest, headers = sys.argv[1:4]
    if os.path.exists(dest):
        shutil.rmtree(dest)
    shutil.copytree(src, dest)
    write_db(dest, headers)


def write_db(dest, headers):
    build = os.path.join(dest, "build")
    os.makedirs(build, exist_ok=True)
    entries = []
    for path in sorted(glob.glob(os.path.join(dest, "src", "*.cpp"))):
        rel = os.path.relpath(path, dest)
        entries.append({
            "directory": dest,
            "file": rel,
            "arguments": ["clang++", "-std=c++20", "-nostdinc++", "-isystem",
                          headers, "-c", rel, "-o", rel + ".o"],
        })
    for path in sorted(glob.glob(os.path.join(dest, "src", "*.c"))):
        rel = os.path.relpath(path, dest)
        entries.append({
            "directory": dest,
            "file": rel,
            "arguments": ["clang", "-c", rel, "-o", rel + ".o"],
        })
    with open(os.path.join(build, "compile_commands.json"), "w") as f:
        json.dump(entries, f, indent=1)


if __name__ == "__main__":
    main()
