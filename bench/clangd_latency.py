#!/usr/bin/env python3
"""Editor latency of LeakGuard's checks in leakguard-clangd.

Measures, over LSP, the time from didOpen to publishDiagnostics (and from a
small didChange to the next publishDiagnostics, the per-keystroke case) on a
real translation unit, with the leak-* checks and without any clang-tidy check,
in one run: two servers side by side, repetitions interleaved so that machine
load hits both alike. Reports medians and means of the wall time and of the
server's CPU time (all threads; less sensitive to other load on the machine)
and the with/without ratios.

  bench/clangd_latency.py --clangd build/driver/clangd/leakguard-clangd \
      [--source FILE -- COMPILER ARGS] [--checks GLOBS] [--runs 10] [--edits 3]
      [--json OUT]

The default translation unit is examples/1-thread-leaks/leaky.cpp against the
system's libstdc++ (about 78K preprocessed lines), which the checks have real
work on. The file is copied to a temporary workspace holding its own
.clang-tidy (Checks: '-*,leak-*', or --checks) and compile_commands.json, so
no project configuration interferes; the "without" server runs with
--clang-tidy=false.
Python 3 standard library only.
"""

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "testdata", "clangd"))
import lsp_roundtrip  # noqa: E402  (shared LSP client of the test suite)

DEFAULT_SOURCE = os.path.join(ROOT, "examples", "1-thread-leaks", "leaky.cpp")
DEFAULT_ARGS = ["-std=c++20", "-I" + os.path.join(ROOT, "examples", "common")]


def make_workspace(source, compiler_args, checks):
    """A temporary directory with a copy of source and its configuration."""
    work = tempfile.mkdtemp(prefix="leakguard-latency-")
    target = os.path.join(work, os.path.basename(source))
    shutil.copyfile(source, target)
    # The compile command runs in the workspace: make include paths absolute.
    compiler_args = [
        "-I" + os.path.abspath(a[2:]) if a.startswith("-I") and len(a) > 2 else a
        for a in compiler_args]
    args = ["clang++"] + compiler_args + [
        "-I" + os.path.dirname(os.path.abspath(source)), "-fsyntax-only", target]
    with open(os.path.join(work, "compile_commands.json"), "w") as f:
        json.dump([{"directory": work, "file": target, "arguments": args}], f)
    with open(os.path.join(work, ".clang-tidy"), "w") as f:
        f.write("Checks: '%s'\n" % checks)
    return work, target


TICKS = os.sysconf("SC_CLK_TCK")


def process_cpu_seconds(pid):
    """User + system CPU time of a process, ended threads included (clock-tick
    resolution, 10 ms): for didOpen, during which threads of the previous
    repetition may still be ending."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def thread_cpu_seconds(pid):
    """CPU time of a process's live threads in nanosecond resolution
    (/proc/PID/task/*/schedstat): for didChange, during which clangd's threads
    for the open file live on."""
    total = 0
    task_dir = "/proc/%d/task" % pid
    for task in os.listdir(task_dir):
        try:
            with open(os.path.join(task_dir, task, "schedstat")) as f:
                total += int(f.read().split()[0])
        except (OSError, ValueError, IndexError):
            continue  # the thread ended while we looked
    return total / 1e9


def one_repetition(session, path, text, edits, version):
    """didOpen, then `edits` didChange. Returns a dict of wall and server CPU
    seconds for the open and each change, the leak-* count and the next
    version."""
    pid = session.client.proc.pid
    cpu = process_cpu_seconds(pid)
    diags, open_seconds = session.open(path, text, version)
    result = {"open": open_seconds, "open_cpu": process_cpu_seconds(pid) - cpu,
              "change": [], "change_cpu": []}
    result["leaks"] = sum(1 for d in diags
                          if str(d.get("code", "")).startswith("leak-"))
    for i in range(edits):
        version += 1
        # A comment appended at the end: the preamble stays valid, as for a
        # keystroke in a function body.
        edited = text + "\n// edit %d\n" % i
        cpu = thread_cpu_seconds(pid)
        start = time.monotonic()
        session.change(path, edited, version)
        result["change"].append(time.monotonic() - start)
        result["change_cpu"].append(thread_cpu_seconds(pid) - cpu)
    session.close(path)
    result["version"] = version + 1
    return result


def summarize(name, values):
    values_ms = [v * 1000 for v in values]
    return {"name": name, "median_ms": statistics.median(values_ms),
            "mean_ms": statistics.mean(values_ms),
            "min_ms": min(values_ms), "max_ms": max(values_ms), "n": len(values_ms)}


def main(argv):
    if "--" in argv:
        split = argv.index("--")
        argv, compiler_args = argv[:split], argv[split + 1:]
    else:
        compiler_args = None
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clangd", required=True, help="leakguard-clangd binary")
    parser.add_argument("--source", default=DEFAULT_SOURCE)
    parser.add_argument("--checks", default="-*,leak-*",
                        help="the Checks of the 'with' configuration, e.g. "
                             "--checks='-*,leak-*,-leak-raii-gap-in-loop' to find a costly one")
    parser.add_argument("--runs", type=int, default=10, help="repetitions")
    parser.add_argument("--edits", type=int, default=3,
                        help="didChange measurements per repetition")
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--json", help="also write the results here")
    args = parser.parse_args(argv)
    if compiler_args is None:
        compiler_args = DEFAULT_ARGS if args.source == DEFAULT_SOURCE else []

    work, path = make_workspace(args.source, compiler_args, args.checks)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    configs = [("with leak-*", ["--clang-tidy=true"]),
               ("without checks", ["--clang-tidy=false"])]
    sessions = {}
    kinds = ("open", "open_cpu", "change", "change_cpu")
    results = {name: dict({k: [] for k in kinds}, leaks=set()) for name, _ in configs}
    try:
        for name, flags in configs:
            sessions[name] = lsp_roundtrip.Session(args.clangd, flags + ["-j=1"], work,
                                                   args.timeout)
        versions = {name: 1 for name, _ in configs}
        # One warm-up repetition each (page cache, lazy initialisation).
        for name, _ in configs:
            versions[name] = one_repetition(sessions[name], path, text, 1,
                                            versions[name])["version"]
        for run in range(args.runs):
            order = configs if run % 2 == 0 else list(reversed(configs))
            for name, _ in order:
                rep = one_repetition(sessions[name], path, text, args.edits,
                                     versions[name])
                versions[name] = rep["version"]
                for kind in kinds:
                    value = rep[kind]
                    results[name][kind].extend(value if isinstance(value, list)
                                               else [value])
                results[name]["leaks"].add(rep["leaks"])
        for session in sessions.values():
            session.shutdown()
    except lsp_roundtrip.LspError as err:
        print("error: %s" % err, file=sys.stderr)
        return 1
    finally:
        for session in sessions.values():
            session.kill()
        shutil.rmtree(work, ignore_errors=True)

    report = {"source": os.path.relpath(os.path.abspath(args.source), ROOT),
              "checks": args.checks,
              "runs": args.runs, "edits_per_run": args.edits, "results": []}
    labels = {"open": "didOpen -> diagnostics, wall",
              "open_cpu": "didOpen -> diagnostics, server CPU",
              "change": "didChange -> diagnostics, wall",
              "change_cpu": "didChange -> diagnostics, server CPU"}
    for name, _ in configs:
        entry = {"config": name, "leak_diagnostics": sorted(results[name]["leaks"])}
        for kind in kinds:
            entry[kind] = summarize(labels[kind], results[name][kind])
        report["results"].append(entry)
    with_r, without_r = report["results"]
    report["ratios"] = {}
    for kind in kinds:
        for stat in ("median_ms", "mean_ms"):
            if without_r[kind][stat] > 0:
                report["ratios"]["%s_%s" % (kind, stat[:-3])] = (
                    with_r[kind][stat] / without_r[kind][stat])

    print("translation unit: %s (%d runs, %d edits each); checks '%s'; "
          "leak-* diagnostics: %s" % (report["source"], args.runs, args.edits,
                                      args.checks, with_r["leak_diagnostics"]))
    print("  %-38s %17s %17s %15s" % ("ms: median / mean", "with leak-*",
                                      "without", "ratio"))
    nan = float("nan")
    for kind in kinds:
        print("  %-38s %7.0f / %7.0f %7.0f / %7.0f %6.3f / %6.3f" % (
            labels[kind], with_r[kind]["median_ms"], with_r[kind]["mean_ms"],
            without_r[kind]["median_ms"], without_r[kind]["mean_ms"],
            report["ratios"].get(kind + "_median", nan),
            report["ratios"].get(kind + "_mean", nan)))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(report, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
