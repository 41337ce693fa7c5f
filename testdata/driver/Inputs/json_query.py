#!/usr/bin/env python3
"""Prints values from a leakguard JSON report, one per line, for FileCheck.

Usage: json_query.py REPORT (summary|locations|fingerprints)
"""
import json
import sys

with open(sys.argv[1]) as f:
    doc = json.load(f)
what = sys.argv[2]
if what == "summary":
    for key, value in sorted(doc["summary"].items()):
        print("%s=%s" % (key, value))
elif what == "locations":
    for f in doc["findings"]:
        print("%s:%d:%d %s" % (f["file"], f["line"], f["column"], f["check"]))
elif what == "fingerprints":
    for f in doc["findings"]:
        print("%s %s" % (f["check"], f["fingerprint"]))
