#!/usr/bin/env python3
"""Benchmarks the leakguard driver over a compilation database.

Measures, in one run:
  - the leak checks' time as a fraction of a parse-only run
    (checks measured by clang-tidy's per-check profile, summed over units),
    and the CPU time of full runs against parse-only runs, alternated
    (--rounds, median), which also counts what the profile cannot see: the
    checks' construction and their end-of-unit work;
  - the -j2 speedup over -j1 (both without the cache);
  - a warm-cache re-run as a fraction of the cold run.
Targets: checks <= 5% of parse time, -j2 >= 1.8x, warm <= 5% of cold.

Usage: run_bench.py [--leakguard PATH] [-p BUILD_DIR] [--limit N] [--root DIR]
Run it from the project's root (paths in the database are filtered there).
"""
import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(cmd, cwd, cpu=None):
    """Runs cmd; returns its wall time and stderr. With a list in cpu, appends
    the CPU time of the run (the driver and its workers)."""
    start, start_cpu = time.monotonic(), children_cpu()
    proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    elapsed = time.monotonic() - start
    if cpu is not None:
        cpu.append(children_cpu() - start_cpu)
    if proc.returncode not in (0, 1):
        sys.stderr.write(proc.stderr)
        sys.exit("bench: %s exited with %d" % (" ".join(cmd[:3]), proc.returncode))
    return elapsed, proc.stderr


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leakguard",
                        default=os.path.join(here, "..", "build", "driver",
                                             "leakguard", "leakguard"))
    parser.add_argument("-p", dest="build_dir", default="build")
    parser.add_argument("--limit", type=int, default=0,
                        help="only the first N translation units")
    parser.add_argument("--root", default=os.getcwd())
    parser.add_argument("--rounds", type=int, default=2,
                        help="alternated parse-only/full CPU-time rounds")
    args = parser.parse_args()

    db_path = os.path.join(args.root, args.build_dir, "compile_commands.json")
    with open(db_path) as f:
        db = json.load(f)
    files = sorted({os.path.normpath(os.path.join(e["directory"], e["file"]))
                    for e in db})
    if args.limit:
        files = files[:args.limit]
    base = [args.leakguard, "check", "-p", args.build_dir, "-q",
            "--fail-on=none"]
    cache_dir = tempfile.mkdtemp(prefix="leakguard-bench-cache-")
    parse_cpu, full_cpu, alone_cpu = [], [], []
    # The parse-only baseline: one parse per unit, and the cheapest check
    # (a run with no leak-* check enabled is a configuration error).
    parse_only = ["--no-cache", "-j1", "--no-summaries",
                  "--checks=-*,leak-unbounded-spawn"]
    try:
        parse, _ = run(base + parse_only + files, args.root)
        for _ in range(args.rounds):
            run(base + parse_only + files, args.root, parse_cpu)
            run(base + ["--no-cache", "-j1"] + files, args.root, full_cpu)
            run(base + ["--no-cache", "-j1", "--no-summaries"] + files,
                args.root, alone_cpu)
        j1, err = run(base + ["--no-cache", "-j1", "--profile"] + files,
                      args.root)
        m = re.search(r"checks took ([0-9.]+) s", err)
        checks = float(m.group(1)) if m else float("nan")
        per_check = re.findall(r"^  (\S+): ([0-9.]+) s$", err, re.M)
        j2, _ = run(base + ["--no-cache", "-j2"] + files, args.root)
        cold, _ = run(base + ["--cache-dir=" + cache_dir, "-j2"] + files,
                      args.root)
        warm, _ = run(base + ["--cache-dir=" + cache_dir, "-j2"] + files,
                      args.root)
    finally:
        shutil.rmtree(cache_dir, ignore_errors=True)

    print("translation units:          %d" % len(files))
    print("parse-only run (-j1):       %.2f s" % parse)
    print("full run (-j1):             %.2f s" % j1)
    print("time in the leak checks:    %.3f s = %.2f%% of parse time (target <= 5%%)"
          % (checks, 100.0 * checks / parse))
    for check, seconds in sorted(per_check, key=lambda c: -float(c[1])):
        print("  %-28s %.3f s = %.2f%%" % (check, float(seconds),
                                           100.0 * float(seconds) / parse))
    print("full run minus parse-only:  %+.2f s = %+.2f%% (wall-clock view with"
          " the profiler on, noisy)" % (j1 - parse, 100.0 * (j1 - parse) / parse))
    if parse_cpu:
        p, f = statistics.median(parse_cpu), statistics.median(full_cpu)
        a = statistics.median(alone_cpu)
        print("CPU time, full / parse-only: %.2f s / %.2f s = %.3f (median of %d"
              " alternated rounds; summaries parse each unit twice)"
              % (f, p, f / p, len(parse_cpu)))
        print("CPU time, --no-summaries / parse-only: %.2f s / %.2f s = %.3f"
              % (a, p, a / p))
    print("-j2 run:                    %.2f s, speedup %.2fx over -j1 (target >= 1.8x)"
          % (j2, j1 / j2))
    print("cold cache run (-j2):       %.2f s" % cold)
    print("warm cache re-run (-j2):    %.3f s = %.2f%% of cold (target <= 5%%)"
          % (warm, 100.0 * warm / cold))


if __name__ == "__main__":
    main()
