#!/usr/bin/env python3
"""Draws the growth-pattern pictures of docs/growth-patterns.md.

Runs each leaky example next to its fixed twin for a few seconds, parses their
`tick=<n> elapsed_ms=<ms> threads=<n> rss_kb=<n> fds=<n>` lines and writes one
PNG per pair to docs/images/: live threads, resident memory and open file
descriptors over time, leaky against fixed.

Needs python3-matplotlib (Debian). Build the examples first:

  cmake -S examples -B build-examples -G Ninja && ninja -C build-examples
  python3 docs/tools/plot_growth.py --bin-dir build-examples

--save-logs DIR keeps the programs' output; --from-logs DIR redraws from it
without running anything.
"""

import argparse
import concurrent.futures
import os
import re
import subprocess
import sys

# (image name, title, leaky program, fixed program, extra args for both,
#  extra args for the fixed one, the metric that shows the leak)
PAIRS = [
    ("ex1-thread-leaks", "Family 1, thread leaks", "ex1-leaky", "ex1-fixed",
     [], [], "threads"),
    ("ex2-cache", "Family 2, a cache that only grows", "ex2-leaky-cache",
     "ex2-fixed-cache", [], [], "rss"),
    ("ex2-capacity", "Family 2, a buffer that keeps its peak capacity",
     "ex2-leaky-capacity", "ex2-fixed-capacity", [], [], "rss"),
    ("ex3-resource-leaks", "Family 3, descriptors lost on error paths",
     "ex3-leaky", "ex3-fixed", [], [], "fds"),
    ("ex4-raii-gaps", "Family 4, RAII gaps in loops", "ex4-leaky",
     "ex4-fixed", [], [], "fds"),
    ("ex5-unbounded-spawn", "Family 5, a thread per request (--rate 20)",
     "ex5-leaky", "ex5-fixed", ["--rate", "20"], ["--workers", "4"],
     "threads"),
]

METRICS = [
    ("threads", "live threads", lambda t: t["threads"]),
    ("rss", "resident memory (MB)", lambda t: t["rss_kb"] / 1024.0),
    ("fds", "open descriptors", lambda t: t["fds"]),
]

TICK_RE = re.compile(r"^tick=(\d+) elapsed_ms=(\d+) threads=(\d+) "
                     r"rss_kb=(\d+) fds=(\d+)$")


def parse_ticks(output):
    ticks = []
    for line in output.splitlines():
        m = TICK_RE.match(line.strip())
        if m:
            tick, ms, threads, rss, fds = map(int, m.groups())
            ticks.append({"tick": tick, "seconds": ms / 1000.0,
                          "threads": threads, "rss_kb": rss, "fds": fds})
    return ticks


def run_program(bin_dir, program, args, seconds):
    path = os.path.join(bin_dir, program)
    if not os.access(path, os.X_OK):
        sys.exit("error: %s not found: build the examples first (see --help)"
                 % path)
    # Only stdin, stdout and stderr are inherited: fds starts at 3.
    proc = subprocess.run([path, "--seconds", str(seconds)] + args,
                          stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True,
                          close_fds=True, timeout=seconds + 60)
    if proc.returncode != 0:
        sys.exit("error: %s exited with %d:\n%s" % (program, proc.returncode,
                                                     proc.stderr))
    return proc.stdout


def collect(args):
    """Returns {program: stdout} for every program of every pair."""
    outputs = {}
    for _, _, leaky, fixed, common, fixed_only, _ in PAIRS:
        if args.from_logs:
            for program in (leaky, fixed):
                with open(os.path.join(args.from_logs, program + ".log")) as f:
                    outputs[program] = f.read()
            continue
        print("running %s and %s for %d s..." % (leaky, fixed, args.seconds),
              file=sys.stderr)
        # The twins run side by side, so they see the same machine load.
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            runs = {leaky: pool.submit(run_program, args.bin_dir, leaky,
                                       common, args.seconds),
                    fixed: pool.submit(run_program, args.bin_dir, fixed,
                                       common + fixed_only, args.seconds)}
            for program, run in runs.items():
                outputs[program] = run.result()
        if args.save_logs:
            os.makedirs(args.save_logs, exist_ok=True)
            for program in (leaky, fixed):
                with open(os.path.join(args.save_logs, program + ".log"),
                          "w") as f:
                    f.write(outputs[program])
    return outputs


def plot_pair(plt, out_dir, pair, outputs):
    name, title, leaky, fixed, _, _, watch = pair
    series = {p: parse_ticks(outputs[p]) for p in (leaky, fixed)}
    for program, ticks in series.items():
        if len(ticks) < 2:
            sys.exit("error: no tick lines from %s" % program)
    from matplotlib.ticker import MaxNLocator
    fig, axes = plt.subplots(len(METRICS), 1, sharex=True, figsize=(7.0, 6.6),
                             dpi=80)
    styles = ((leaky, dict(color="#c0392b", lw=2.0)),
              (fixed, dict(color="#2471a3", lw=2.0, ls="--")))
    for ax, (key, label, value) in zip(axes, METRICS):
        top = 0
        for program, style in styles:
            ticks = series[program]
            values = [value(t) for t in ticks]
            top = max(top, max(values))
            ax.plot([t["seconds"] for t in ticks], values, label=program,
                    **style)
            if key == watch:
                # Label the last value, so the gap reads without the axis.
                ax.annotate("%g" % round(values[-1], 1),
                            (ticks[-1]["seconds"], values[-1]),
                            xytext=(4, 0), textcoords="offset points",
                            va="center", fontsize=9, color=style["color"])
        ax.set_ylabel(label)
        ax.set_ylim(0, max(4, top * 1.15))
        if key != "rss":
            ax.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
        ax.grid(True, color="#dddddd", lw=0.6)
        if key == watch:
            ax.set_title("%s: the leak shows here" % label, fontsize=10,
                         fontweight="bold", loc="left")
    axes[-1].set_xlabel("time (s)")
    end = max(series[p][-1]["seconds"] for p in (leaky, fixed))
    axes[-1].set_xlim(0, end * 1.09)  # Room for the end-value labels.
    fig.suptitle(title, fontsize=12, fontweight="bold")
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, [l + (" (leaky)" if l == leaky else " (fixed)")
                         for l in labels],
               loc="upper center", ncol=2, fontsize=9, frameon=False,
               bbox_to_anchor=(0.5, 0.95))
    fig.tight_layout(rect=(0, 0, 1, 0.93))
    path = os.path.join(out_dir, name + ".png")
    # No software/version metadata: regenerated images differ only by data.
    fig.savefig(path, metadata={"Software": None})
    plt.close(fig)
    shrink_png(path)
    print("wrote %s (%d KB)" % (path, os.path.getsize(path) // 1024),
          file=sys.stderr)


def shrink_png(path):
    """Re-encodes the PNG with a small palette when Pillow is present."""
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=64)
    small.save(path, optimize=True)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin-dir", default="build-examples",
                        help="where the ex* programs are (default: "
                        "%(default)s)")
    parser.add_argument("--seconds", type=int, default=10,
                        help="run time of each program (default: %(default)s)")
    parser.add_argument("--out-dir", default=os.path.join(
        os.path.dirname(here), "images"), help="default: docs/images")
    parser.add_argument("--save-logs", metavar="DIR",
                        help="keep each program's output in DIR/<program>.log")
    parser.add_argument("--from-logs", metavar="DIR",
                        help="plot saved outputs instead of running programs")
    args = parser.parse_args()

    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        sys.exit("error: needs matplotlib (apt-get install python3-matplotlib)")

    outputs = collect(args)
    os.makedirs(args.out_dir, exist_ok=True)
    for pair in PAIRS:
        plot_pair(plt, args.out_dir, pair, outputs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
