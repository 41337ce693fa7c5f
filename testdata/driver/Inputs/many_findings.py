#!/usr/bin/env python3
"""Writes a test-only results file with N findings in one source file.

Usage: many_findings.py N RESULTS.json SOURCE.cpp
"""
import json
import sys

n = int(sys.argv[1])
source = sys.argv[3]
with open(source, "w") as f:
    for i in range(n):
        f.write("int f%d() { int Fd = open(\"/tmp/x\", 0); return 0; }\n" % i)
findings = [{
    "check": "leak-unreleased-resource",
    "message": "file descriptor 'Fd' opened by 'open' is not closed on every path",
    "location": {"file": source, "line": i + 1, "column": 22, "offset": 0},
    "notes": [{"location": {"file": source, "line": i + 1, "column": 40, "offset": 0},
               "message": "leaks 'Fd' when returning here"}],
    "fixes": [],
} for i in range(n)]
with open(sys.argv[2], "w") as f:
    json.dump({"file": source, "findings": findings}, f)
