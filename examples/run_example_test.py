#!/usr/bin/env python3
"""Runs a LeakGuard example family's leaky and fixed programs and checks that
the leak shows (threads, RSS or fds grow) in the leaky one and not in the
fixed one.

Usage: run_example_test.py --family N --bin-dir DIR [--seconds S]
Exit status 0 when every check holds; the measured numbers are printed.
"""

import argparse
import os
import re
import subprocess
import sys

TICK_RE = re.compile(r"tick=(\d+) elapsed_ms=(\d+) threads=(\d+) "
                     r"rss_kb=(\d+) fds=(\d+)")
SUMMARY_RE = re.compile(r"summary peak_threads=(\d+) final_rss_kb=(\d+) "
                        r"final_fds=(\d+)")

MB = 1024  # rss_kb per MB


class Run:
    """The parsed output of one program run."""

    def __init__(self, name, ticks, summary):
        self.name = name
        self.ticks = ticks  # list of dicts, index == tick number
        self.summary = summary

    def first(self, key):
        return self.ticks[0][key]

    def last(self, key):
        return self.ticks[-1][key]

    def at(self, tick, key):
        return self.ticks[tick][key]


def run(bin_dir, name, seconds, extra=()):
    exe = os.path.join(bin_dir, name)
    cmd = [exe, "--seconds", str(seconds), *extra]
    if not os.access(exe, os.X_OK):
        sys.exit(f"FAIL: {exe} is not built")
    proc = subprocess.run(cmd, capture_output=True, text=True,
                          timeout=seconds + 15, check=False)
    if proc.returncode != 0:
        sys.exit(f"FAIL: {' '.join(cmd)} exited with {proc.returncode}\n"
                 f"{proc.stderr}")
    lines = proc.stdout.splitlines()
    ticks = []
    for line in lines[:-1]:
        m = TICK_RE.fullmatch(line)
        if not m:
            sys.exit(f"FAIL: {name}: malformed tick line: {line!r}")
        values = [int(v) for v in m.groups()]
        if values[0] != len(ticks):
            sys.exit(f"FAIL: {name}: expected tick={len(ticks)}: {line!r}")
        ticks.append(dict(zip(("tick", "elapsed_ms", "threads", "rss_kb",
                               "fds"), values)))
    if len(ticks) != 4 * seconds + 1:
        sys.exit(f"FAIL: {name}: {len(ticks)} tick lines, expected "
                 f"{4 * seconds + 1}")
    m = SUMMARY_RE.fullmatch(lines[-1]) if lines else None
    if not m:
        sys.exit(f"FAIL: {name}: missing or malformed summary line")
    summary = dict(zip(("peak_threads", "final_rss_kb", "final_fds"),
                       (int(v) for v in m.groups())))
    if summary["peak_threads"] < max(t["threads"] for t in ticks):
        sys.exit(f"FAIL: {name}: peak_threads below a tick's threads")
    return Run(name, ticks, summary)


class Checker:
    def __init__(self):
        self.failures = 0

    def expect(self, ok, what):
        print(("ok:   " if ok else "FAIL: ") + what)
        if not ok:
            self.failures += 1


def family1(c, bin_dir, seconds):
    leaky = run(bin_dir, "ex1-leaky", seconds)
    fixed = run(bin_dir, "ex1-fixed", seconds)
    # The leaky service leaves 2 threads per tick behind.
    growth = leaky.last("threads") - leaky.first("threads")
    c.expect(growth >= 4 * seconds,
             f"ex1-leaky threads grow: {leaky.first('threads')} -> "
             f"{leaky.last('threads')} (+{growth}, need >= {4 * seconds})")
    # The fixed one joins each batch's 2 threads before the next tick.
    c.expect(fixed.summary["peak_threads"] <= fixed.first("threads") + 2,
             f"ex1-fixed threads flat: start {fixed.first('threads')}, "
             f"peak {fixed.summary['peak_threads']} (need <= start + 2)")
    c.expect(fixed.last("threads") <= fixed.first("threads"),
             f"ex1-fixed threads end at start: {fixed.last('threads')}")


def family2(c, bin_dir, seconds):
    leaky = run(bin_dir, "ex2-leaky-cache", seconds)
    fixed = run(bin_dir, "ex2-fixed-cache", seconds)
    # ~4.6 MB per tick in the leaky cache; the fixed one caps at ~5 MB.
    growth = (leaky.last("rss_kb") - leaky.first("rss_kb")) / MB
    need = 2.5 * 4 * seconds
    c.expect(growth > need, f"ex2-leaky-cache RSS grows by {growth:.1f} MB "
             f"(need > {need:.0f} MB)")
    growth = (fixed.last("rss_kb") - fixed.first("rss_kb")) / MB
    c.expect(growth < 12, f"ex2-fixed-cache RSS grows by {growth:.1f} MB "
             "(need < 12 MB)")
    late = (fixed.last("rss_kb") - fixed.at(2, "rss_kb")) / MB
    c.expect(late < 4, f"ex2-fixed-cache RSS after the cache is full grows "
             f"by {late:.1f} MB (need < 4 MB)")

    # A 64 MB burst arrives after tick 2 and is processed after tick 3.
    for name, stays_high in (("ex2-leaky-capacity", True),
                             ("ex2-fixed-capacity", False)):
        r = run(bin_dir, name, seconds)
        before = r.at(2, "rss_kb") / MB
        during = r.at(3, "rss_kb") / MB
        after = r.last("rss_kb") / MB
        c.expect(during - before > 48, f"{name} RSS during the burst "
                 f"{before:.1f} -> {during:.1f} MB (need +48 MB)")
        if stays_high:
            c.expect(after - before > 48, f"{name} RSS after the burst stays "
                     f"high: {after:.1f} MB (need > before + 48 MB)")
        else:
            c.expect(after - before < 8, f"{name} RSS after the burst drops "
                     f"back: {after:.1f} MB (need < before + 8 MB)")


def fd_family(c, bin_dir, seconds, family):
    leaky = run(bin_dir, f"ex{family}-leaky", seconds)
    fixed = run(bin_dir, f"ex{family}-fixed", seconds)
    growth = leaky.last("fds") - leaky.first("fds")
    need = 2 * 4 * seconds
    c.expect(growth >= need, f"ex{family}-leaky fds grow: "
             f"{leaky.first('fds')} -> {leaky.last('fds')} "
             f"(+{growth}, need >= {need})")
    peak = max(t["fds"] for t in fixed.ticks)
    c.expect(peak <= fixed.first("fds") + 2,
             f"ex{family}-fixed fds flat: start {fixed.first('fds')}, "
             f"max {peak} (need <= start + 2)")
    c.expect(fixed.summary["final_fds"] <= fixed.first("fds"),
             f"ex{family}-fixed final fds {fixed.summary['final_fds']} "
             f"(need <= start {fixed.first('fds')})")


def family5(c, bin_dir, seconds):
    low = run(bin_dir, "ex5-leaky", seconds, ("--rate", "5"))
    high = run(bin_dir, "ex5-leaky", seconds, ("--rate", "30"))
    # Each request holds a thread for ~1 s: ~4*rate live threads.
    lp, hp = low.summary["peak_threads"], high.summary["peak_threads"]
    c.expect(lp >= 10, f"ex5-leaky --rate 5 peak threads {lp} (need >= 10)")
    c.expect(hp >= lp + 50, f"ex5-leaky --rate 30 peak threads {hp} "
             f"(need >= rate-5 peak {lp} + 50)")
    workers = 4
    fixed = run(bin_dir, "ex5-fixed", seconds,
                ("--rate", "30", "--workers", str(workers)))
    fp = fixed.summary["peak_threads"]
    c.expect(fp <= workers + 1 + 1, f"ex5-fixed --rate 30 --workers "
             f"{workers} peak threads {fp} (need <= {workers + 2})")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--family", type=int, required=True,
                        choices=range(1, 6))
    parser.add_argument("--bin-dir", required=True)
    parser.add_argument("--seconds", type=int, default=2)
    args = parser.parse_args()
    c = Checker()
    if args.family == 1:
        family1(c, args.bin_dir, args.seconds)
    elif args.family == 2:
        family2(c, args.bin_dir, args.seconds)
    elif args.family in (3, 4):
        fd_family(c, args.bin_dir, args.seconds, args.family)
    else:
        family5(c, args.bin_dir, args.seconds)
    if c.failures:
        sys.exit(f"{c.failures} check(s) failed")
    print("all checks passed")


if __name__ == "__main__":
    main()
