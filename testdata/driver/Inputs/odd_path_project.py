"""Writes a one-unit project under a directory whose name holds a newline
and a byte that is not UTF-8 (Latin-1 'e acute'), with its compilation
database, under the directory given.

    odd_path_project.py ROOT
"""
import os
import sys

root = os.fsencode(sys.argv[1])
project = os.path.join(root, b"new\nline\xe9dir")
os.makedirs(project, exist_ok=True)
source = os.path.join(project, b"a.c")
with open(source, "wb") as f:
    f.write(b"#include <stdlib.h>\n"
            b"void f(void) { char *p = malloc(4); p[0] = 1; }\n")


def quoted(path):
    return b'"' + path.replace(b"\\", b"\\\\").replace(b"\n", b"\\n") + b'"'


with open(os.path.join(root, b"compile_commands.json"), "wb") as f:
    f.write(b'[{"directory": ' + quoted(project) + b', "file": ' +
            quoted(source) + b', "arguments": ["clang", "-c", ' +
            quoted(source) + b"]}]\n")
