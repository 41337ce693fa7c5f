#!/usr/bin/env python3
"""Cost of the leak checks on one generated function with N guarded
allocations (the shape of generated parsers and big dispatchers), against
clang-tidy running a trivial check on the same file, in the same run.

    bench/generated_function.py PLUGIN [--late | --abort] [N...]
                                          (default 1500 3000 6000)

--late releases every allocation at the end of the function instead of right
after its use; a failed allocation returns, leaking the earlier ones (every
allocation is reported, with the nearest leaking return). --abort is --late
where a failed allocation aborts: nothing leaks, and every allocation is
live across the rest of the function (the one-pass analysis clears them all
at once).

Prints, for each N, the seconds of the leak checks' run and of the baseline
run (median of 3), and their ratio; the leak checks' cost should grow
linearly with N.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time


def generate(n, late=False, abort=False):
    """N guarded allocations; each released right after its use, or (late)
    all released at the end of the function."""
    lines = ["#include <stdlib.h>", "int use(const void *);", "int f(int *flags) {"]
    for i in range(n):
        lines.append(f"  char *p{i} = malloc({i % 64 + 1});")
        lines.append(f"  if (!p{i}) abort();" if abort else f"  if (!p{i}) return -1;")
        if not late:
            lines.append(f"  if (flags[{i % 97}]) {{ free(p{i}); return {i}; }}")
        lines.append(f"  use(p{i});")
        if not late:
            lines.append(f"  free(p{i});")
    if late:
        lines += [f"  free(p{i});" for i in range(n)]
    lines += ["  return 0;", "}"]
    return "\n".join(lines) + "\n"


def run(cmd):
    start = time.monotonic()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - start


def main():
    plugin = os.path.abspath(sys.argv[1])
    args = sys.argv[2:]
    abort = "--abort" in args
    late = "--late" in args or abort
    sizes = [int(a) for a in args if not a.startswith("--")] or [1500, 3000, 6000]
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = os.path.join(tmp, f"gen{n}.c")
            with open(path, "w") as f:
                f.write(generate(n, late, abort))
            leak = ["clang-tidy-22", f"--load={plugin}", "--checks=-*,leak-*",
                    path, "--"]
            base = ["clang-tidy-22", "--checks=-*,readability-braces-around-statements",
                    path, "--"]
            t_leak = statistics.median(run(leak) for _ in range(3))
            t_base = statistics.median(run(base) for _ in range(3))
            print(f"N={n}: leak-* {t_leak:.2f} s, baseline {t_base:.2f} s, "
                  f"ratio {t_leak / t_base:.2f}")


if __name__ == "__main__":
    main()
