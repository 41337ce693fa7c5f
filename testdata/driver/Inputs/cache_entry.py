"""cache_entry.py PATH SIZE AGE_HOURS: writes a SIZE-byte file at PATH (making
its directory) whose modification time is AGE_HOURS in the past."""
import os
import sys
import time

path, size, age_hours = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
os.makedirs(os.path.dirname(path), exist_ok=True)
with open(path, "wb") as f:
    f.write(b"{}" + b" " * max(0, size - 2))
stamp = time.time() - age_hours * 3600
os.utime(path, (stamp, stamp))
