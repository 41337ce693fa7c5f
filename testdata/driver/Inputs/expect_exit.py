#!/usr/bin/env python3
"""Runs a command and fails unless it exits with the given code.

Usage: expect_exit.py CODE COMMAND [ARGS...]
The command's stdout and stderr pass through.
"""
import subprocess
import sys

code = int(sys.argv[1])
rc = subprocess.run(sys.argv[2:]).returncode
if rc != code:
    sys.stderr.write("expected exit code %d, got %d: %s\n" % (code, rc, " ".join(sys.argv[2:])))
    sys.exit(1)
