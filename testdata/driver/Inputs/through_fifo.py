"""Runs a command that writes into a FIFO while copying what comes out of it.

    through_fifo.py FIFO COPY EXPECTED_EXIT COMMAND...

Creates FIFO, reads it into COPY on a thread, runs COMMAND and fails unless
it exits with EXPECTED_EXIT.
"""
import os
import subprocess
import sys
import threading

fifo, copy, expected = sys.argv[1], sys.argv[2], int(sys.argv[3])
os.mkfifo(fifo)


def drain():
    with open(fifo, "rb") as src, open(copy, "wb") as dst:
        dst.write(src.read())


reader = threading.Thread(target=drain)
reader.start()
code = subprocess.call(sys.argv[4:], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
reader.join(timeout=60)
if code != expected:
    sys.exit(f"exit code {code}, expected {expected}")
