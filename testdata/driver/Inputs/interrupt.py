#!/usr/bin/env python3
"""Interrupts a leakguard run once it has started analysing and checks that
the reports it was asked for were not touched (no partial file, no
temporary file left beside them).

Usage: interrupt.py DIR COMMAND [ARGS...]   (reports named DIR/report.*)
"""
import glob
import os
import signal
import subprocess
import sys

out_dir = sys.argv[1]
for name in ("report.sarif", "report.md"):
    with open(os.path.join(out_dir, name), "w") as f:
        f.write("previous\n")
proc = subprocess.Popen(sys.argv[2:], stdout=subprocess.DEVNULL,
                        stderr=subprocess.PIPE, text=True,
                        start_new_session=True,
                        # lit runs tests with SIGINT ignored; Ctrl-C is not.
                        preexec_fn=lambda: signal.signal(signal.SIGINT,
                                                         signal.SIG_DFL))
# Wait for the first progress line, then interrupt the whole process group,
# as Ctrl-C in a terminal does.
proc.stderr.readline()
os.killpg(proc.pid, signal.SIGINT)
proc.wait()
for name in ("report.sarif", "report.md"):
    with open(os.path.join(out_dir, name)) as f:
        assert f.read() == "previous\n", name + " was modified"
left = sorted(set(glob.glob(os.path.join(out_dir, "report*"))) -
              {os.path.join(out_dir, n) for n in ("report.sarif", "report.md")})
assert not left, "temporary files left: %s" % left
print("interrupted with exit code %d; reports intact" % proc.returncode)
