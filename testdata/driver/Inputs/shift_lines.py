#!/usr/bin/env python3
"""Inserts N comment lines at the top of each FILE (an unrelated change).

Usage: shift_lines.py N FILE...
"""
import sys

n = int(sys.argv[1])
for path in sys.argv[2:]:
    with open(path) as f:
        text = f.read()
    with open(path, "w") as f:
        f.write("// an unrelated line\n" * n + text)
