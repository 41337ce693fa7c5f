#!/usr/bin/env python3
"""Scores LeakGuard runs on the real-code list against the triage.

    score.py RESULTS_DIR [--triage DIR] [--projects projects.csv] [--markdown]

RESULTS_DIR holds one `<project>.json` per project (written by run.sh).
triage/<project>.csv has one row per finding ever triaged:
    file,line,check,verdict,reason
with verdict TP, FP or debatable. A finding matches a row by file, line and
check (the list pins each project's commit, so lines do not move). Findings
with no row are listed as untriaged: triage them before quoting figures.
Precision counts debatable findings as false.
"""
import argparse
import collections
import csv
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def load_triage(path):
    rows = {}
    if not os.path.exists(path):
        return rows
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            key = (row["file"], int(row["line"]), row["check"])
            rows[key] = (row["verdict"].strip(), row["reason"].strip())
    return rows


def load_projects(path):
    with open(path, newline="") as f:
        return {r["name"]: r for r in csv.DictReader(f)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("results")
    ap.add_argument("--triage", default=os.path.join(HERE, "triage"))
    ap.add_argument("--projects", default=os.path.join(HERE, "projects.csv"))
    ap.add_argument("--markdown", action="store_true",
                    help="print the per-finding table too")
    args = ap.parse_args()
    projects = load_projects(args.projects)
    per_check = collections.defaultdict(collections.Counter)
    per_project = {}
    untriaged = []
    listing = []
    total_kloc = 0.0
    for name, meta in projects.items():
        path = os.path.join(args.results, name + ".json")
        if not os.path.exists(path):
            print(f"{name}: no results ({path})", file=sys.stderr)
            continue
        total_kloc += float(meta.get("kloc") or 0)
        triage = load_triage(os.path.join(args.triage, name + ".csv"))
        counts = collections.Counter()
        for f in json.load(open(path))["findings"]:
            key = (f["file"], f["line"], f["check"])
            verdict, reason = triage.get(key, ("untriaged", ""))
            counts[verdict] += 1
            per_check[f["check"]][verdict] += 1
            listing.append((name, f["file"], f["line"], f["check"], verdict,
                            reason or f["message"]))
            if verdict == "untriaged":
                untriaged.append((name, f))
        per_project[name] = (counts, float(meta.get("kloc") or 0))

    def prec(c):
        decided = c["TP"] + c["FP"] + c["debatable"]
        return c["TP"] / decided if decided else float("nan")

    print("| project | KLOC | findings | TP | FP | debatable | untriaged | precision |")
    print("|---|---|---|---|---|---|---|---|")
    total = collections.Counter()
    for name, (c, kloc) in per_project.items():
        total += c
        print(f"| {name} | {kloc:g} | {sum(c.values())} | {c['TP']} | {c['FP']} "
              f"| {c['debatable']} | {c['untriaged']} | {prec(c):.2f} |")
    false = total["FP"] + total["debatable"]
    print(f"| **all** | {total_kloc:g} | {sum(total.values())} | {total['TP']} "
          f"| {total['FP']} | {total['debatable']} | {total['untriaged']} "
          f"| {prec(total):.2f} |")
    if total_kloc:
        print(f"\nfalse (FP + debatable) per 10 KLOC: {10 * false / total_kloc:.2f}")
    print("\n| check | TP | FP | debatable | untriaged | precision |")
    print("|---|---|---|---|---|---|")
    for check in sorted(per_check):
        c = per_check[check]
        print(f"| {check} | {c['TP']} | {c['FP']} | {c['debatable']} "
              f"| {c['untriaged']} | {prec(c):.2f} |")
    if args.markdown:
        print("\n| project | file:line | check | verdict | reason |")
        print("|---|---|---|---|---|")
        for name, file, line, check, verdict, reason in listing:
            print(f"| {name} | {file}:{line} | {check} | {verdict} | {reason} |")
    if untriaged:
        print(f"\n{len(untriaged)} untriaged findings:", file=sys.stderr)
        for name, f in untriaged:
            print(f"  {name} {f['file']}:{f['line']}: [{f['check']}] "
                  f"{f['message']}", file=sys.stderr)


if __name__ == "__main__":
    main()
