#!/usr/bin/env python3
"""Writes DEST/compile_commands.json for LeakGuard's example programs
(examples/*/*.cpp), compiled against the real standard library.

Usage: examples_db.py EXAMPLES_DIR DEST
"""
import glob
import json
import os
import sys

examples, dest = sys.argv[1:3]
os.makedirs(dest, exist_ok=True)
entries = []
for path in sorted(glob.glob(os.path.join(examples, "*", "*.cpp"))):
    entries.append({
        "directory": os.path.dirname(path),
        "file": path,
        "arguments": ["clang++", "-std=c++20", "-I",
                      os.path.join(examples, "common"), "-c", path],
    })
with open(os.path.join(dest, "compile_commands.json"), "w") as f:
    json.dump(entries, f, indent=1)
