#!/usr/bin/env python3
"""Fails unless the .deb's Depends name the package of every shared library
the package's binaries and plugin load.

Usage: check_depends.py PACKAGE.deb EXTRACTED_DIR
"""
import os
import re
import subprocess
import sys


def packages_of(path):
    """The Debian packages of the shared libraries PATH links directly (its
    NEEDED entries; what those load in turn their packages bring)."""
    dynamic = subprocess.run(["readelf", "-d", path], capture_output=True,
                             text=True).stdout
    needed = set(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]",
                            dynamic))
    out = subprocess.run(["ldd", path], capture_output=True, text=True,
                         check=True).stdout
    found = set()
    for line in out.splitlines():
        m = re.search(r"^\s*(\S+) => (/\S+)", line)
        if not m or m.group(1) not in needed:
            continue
        lib = os.path.realpath(m.group(2))
        owner = subprocess.run(["dpkg", "-S", lib], capture_output=True,
                               text=True)
        if owner.returncode != 0:
            # /lib is /usr/lib on Debian 12; dpkg may know either name.
            alt = lib.replace("/usr/lib/", "/lib/", 1)
            owner = subprocess.run(["dpkg", "-S", alt], capture_output=True,
                                   text=True)
        if owner.returncode == 0:
            found.add(owner.stdout.split(":")[0])
    return found


def main():
    deb, root = sys.argv[1:3]
    depends = subprocess.run(["dpkg-deb", "-f", deb, "Depends"],
                             capture_output=True, text=True,
                             check=True).stdout
    declared = {d.strip().split(" ")[0] for d in depends.split(",")}
    needed = set()
    for dirpath, _, files in os.walk(root):
        for name in files:
            path = os.path.join(dirpath, name)
            if name.endswith(".so") or os.access(path, os.X_OK) and \
                    "/bin/" in path:
                needed |= packages_of(path)
    missing = sorted(needed - declared)
    print("declared:", ", ".join(sorted(declared)))
    print("needed:", ", ".join(sorted(needed)))
    if missing:
        sys.exit("Depends misses: " + ", ".join(missing))


if __name__ == "__main__":
    main()
