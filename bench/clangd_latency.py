#!/usr/bin/env python3
"""Editor latency of LeakGuard's checks in leakguard-clangd.

Measures, over LSP, the time from didOpen to publishDiagnostics (and from a
small didChange to the next publishDiagnostics, the per-keystroke case) on a
real translation unit, with the leak-* checks and without any clang-tidy check,
in one run: two servers side by side, repetitions interleaved so that machine
load hits both alike. Reports medians and the with/without ratio.

  bench/clangd_latency.py --clangd build/driver/clangd/leakguard-clangd \
      [--source FILE -- COMPILER ARGS] [--runs 10] [--edits 3] [--json OUT]

The default translation unit is examples/1-thread-leaks/leaky.cpp against the
system's libstdc++ (about 78K preprocessed lines), which the checks have real
work on. The file is copied to a temporary workspace holding its own
.clang-tidy (Checks: '-*,leak-*') and compile_commands.json, so no project
configuration interferes; the "without" server runs with --clang-tidy=false.
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


def make_workspace(source, compiler_args):
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
        f.write("Checks: '-*,leak-*'\n")
    return work, target


def one_repetition(session, path, text, edits, version):
    """didOpen, then `edits` didChange; returns (open s, [change s], leak count,
    next version)."""
    diags, open_seconds = session.open(path, text, version)
    leaks = sum(1 for d in diags if str(d.get("code", "")).startswith("leak-"))
    change_seconds = []
    for i in range(edits):
        version += 1
        # A comment appended at the end: the preamble stays valid, as for a
        # keystroke in a function body.
        edited = text + "\n// edit %d\n" % i
        start = time.monotonic()
        session.change(path, edited, version)
        change_seconds.append(time.monotonic() - start)
    session.close(path)
    return open_seconds, change_seconds, leaks, version + 1


def summarize(name, values):
    values_ms = [v * 1000 for v in values]
    return {"name": name, "median_ms": statistics.median(values_ms),
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
    parser.add_argument("--runs", type=int, default=10, help="repetitions")
    parser.add_argument("--edits", type=int, default=3,
                        help="didChange measurements per repetition")
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--json", help="also write the results here")
    args = parser.parse_args(argv)
    if compiler_args is None:
        compiler_args = DEFAULT_ARGS if args.source == DEFAULT_SOURCE else []

    work, path = make_workspace(args.source, compiler_args)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    configs = [("with leak-*", ["--clang-tidy=true"]),
               ("without checks", ["--clang-tidy=false"])]
    sessions = {}
    results = {name: {"open": [], "change": [], "leaks": set()} for name, _ in configs}
    try:
        for name, flags in configs:
            sessions[name] = lsp_roundtrip.Session(args.clangd, flags + ["-j=1"], work,
                                                   args.timeout)
        versions = {name: 1 for name, _ in configs}
        # One warm-up repetition each (page cache, lazy initialisation).
        for name, _ in configs:
            _, _, _, versions[name] = one_repetition(sessions[name], path, text, 1,
                                                     versions[name])
        for run in range(args.runs):
            order = configs if run % 2 == 0 else list(reversed(configs))
            for name, _ in order:
                opened, changed, leaks, versions[name] = one_repetition(
                    sessions[name], path, text, args.edits, versions[name])
                results[name]["open"].append(opened)
                results[name]["change"].extend(changed)
                results[name]["leaks"].add(leaks)
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
              "runs": args.runs, "edits_per_run": args.edits, "results": []}
    for name, _ in configs:
        report["results"].append({
            "config": name,
            "leak_diagnostics": sorted(results[name]["leaks"]),
            "open": summarize("didOpen -> diagnostics", results[name]["open"]),
            "change": summarize("didChange -> diagnostics", results[name]["change"])})
    with_r, without_r = report["results"]
    for kind in ("open", "change"):
        report[kind + "_ratio"] = with_r[kind]["median_ms"] / without_r[kind]["median_ms"]

    print("translation unit: %s (%d runs, %d edits each)" % (
        report["source"], args.runs, args.edits))
    for r in report["results"]:
        print("  %-15s open %7.1f ms (min %7.1f)   change %7.1f ms (min %7.1f)   "
              "leak-* diagnostics %s" % (
                  r["config"], r["open"]["median_ms"], r["open"]["min_ms"],
                  r["change"]["median_ms"], r["change"]["min_ms"],
                  r["leak_diagnostics"]))
    print("  ratio with/without: open %.3f, change %.3f (medians)" % (
        report["open_ratio"], report["change_ratio"]))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(report, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
