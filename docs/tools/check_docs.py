#!/usr/bin/env python3
"""Checks LeakGuard's Markdown documentation.

  check_docs.py --snippets [FILE.md ...]   compile every ```cpp block
  check_docs.py --links    [FILE.md ...]   check every relative link

Without files, both modes check README.md and docs/**/*.md of the repository
(found from this script's location, or --root).

Snippets
  Every fenced block whose info string starts with `cpp`, `c++` or `cxx` is
  compiled on its own with `clang++-22 -fsyntax-only -std=c++20` against the
  system's libstdc++ (the compiler and flags can be changed with --cxx and
  --cxxflags). Blocks fenced as ```cpp-fragment, ```text or anything else are
  skipped. A ```cpp block preceded by the line `<!-- snippet-prelude -->` (blank
  lines in between are allowed) is not compiled on its own: it is prepended to
  every later ```cpp block of the same file, so a page can declare its includes
  and helper types once. Errors point at the Markdown file and line.

Links
  Inline links and images ([text](target), ![alt](target)), reference
  definitions ([id]: target) and HTML href/src attributes outside code are
  checked: a relative target must exist (relative to the file; a leading `/`
  means the repository root) and stay inside the repository, and a `#anchor`
  into a Markdown file must name one of its headings (GitHub's slugs) or an
  explicit <a id/name>. Targets with a scheme (https:, mailto:) are not fetched.
"""

import argparse
import concurrent.futures
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

COMPILED_LANGS = {"cpp", "c++", "cxx"}
PRELUDE_MARK = "<!-- snippet-prelude -->"
FENCE_RE = re.compile(r"^( {0,3})(`{3,}|~{3,})\s*([^`\s]*)[^`]*$")


def repo_root_from_script():
    return os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))))


def default_files(root):
    files = []
    readme = os.path.join(root, "README.md")
    if os.path.exists(readme):
        files.append(readme)
    for dirpath, dirnames, filenames in os.walk(os.path.join(root, "docs")):
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith(".md"):
                files.append(os.path.join(dirpath, name))
    return files


class Block:
    def __init__(self, lang, start_line, lines, prelude):
        self.lang = lang  # info string's first word, lower-cased
        self.start_line = start_line  # 1-based line of the first code line
        self.lines = lines
        self.prelude = prelude


def parse_markdown(text):
    """Returns (blocks, prose_lines); prose_lines has code lines blanked."""
    lines = text.split("\n")
    blocks = []
    prose = list(lines)
    i = 0
    while i < len(lines):
        m = FENCE_RE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, fence, lang = len(m.group(1)), m.group(2), m.group(3).lower()
        # Is the block marked as a prelude? Look back over blank lines.
        j = i - 1
        while j >= 0 and not lines[j].strip():
            j -= 1
        prelude = j >= 0 and lines[j].strip() == PRELUDE_MARK
        body = []
        k = i + 1
        close_re = re.compile(r"^ {0,3}" + re.escape(fence[0]) + "{" +
                              str(len(fence)) + r",}\s*$")
        while k < len(lines) and not close_re.match(lines[k]):
            line = lines[k]
            # Remove up to the fence's indentation, as CommonMark does.
            strip = min(indent, len(line) - len(line.lstrip(" ")))
            body.append(line[strip:])
            k += 1
        blocks.append(Block(lang, i + 2, body, prelude))
        for n in range(i, min(k + 1, len(lines))):
            prose[n] = ""
        i = k + 1
    return blocks, prose


# ---------------------------------------------------------------- snippets


def find_cxx(requested):
    if requested:
        return requested
    for candidate in ("clang++-22", "/usr/lib/llvm-22/bin/clang++"):
        path = shutil.which(candidate)
        if path:
            return path
    return None


def snippet_units(path, root):
    """Yields (label, source) for each compiled block of one file."""
    with open(path, encoding="utf-8") as f:
        blocks, _ = parse_markdown(f.read())
    rel = os.path.relpath(path, root)
    prelude = []
    for block in blocks:
        if block.lang not in COMPILED_LANGS:
            continue
        text = ['#line %d "%s"' % (block.start_line, rel)] + block.lines
        if block.prelude:
            prelude.extend(text)
            continue
        yield ("%s:%d" % (rel, block.start_line - 1),
               "\n".join(prelude + text) + "\n")


def compile_unit(cxx, flags, source, tmpdir, index):
    src = os.path.join(tmpdir, "snippet%d.cpp" % index)
    with open(src, "w", encoding="utf-8") as f:
        f.write(source)
    proc = subprocess.run([cxx, "-fsyntax-only", "-x", "c++"] + flags + [src],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True)
    return proc.returncode, proc.stdout


def check_snippets(files, root, cxx, flags, jobs):
    cxx = find_cxx(cxx)
    if not cxx:
        print("error: clang++-22 not found (use --cxx)", file=sys.stderr)
        return 2
    units = []
    for path in files:
        units.extend(snippet_units(path, root))
    failures = 0
    with tempfile.TemporaryDirectory(prefix="leakguard-snippets-") as tmp:
        with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
            futures = [pool.submit(compile_unit, cxx, flags, source, tmp, n)
                       for n, (_, source) in enumerate(units)]
            for (label, _), future in zip(units, futures):
                rc, output = future.result()
                if rc != 0:
                    failures += 1
                    print("FAIL %s: snippet does not compile" % label)
                    print(output.rstrip())
    print("snippets: %d compiled, %d failed, in %d files" %
          (len(units), failures, len(files)))
    return 1 if failures else 0


# ------------------------------------------------------------------- links

INLINE_LINK_RE = re.compile(r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*(<[^>]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
REF_DEF_RE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)")
HTML_ATTR_RE = re.compile(r"""<(?:a|img|source)\b[^>]*?\b(?:href|src)\s*=\s*["']([^"']+)["']""",
                          re.IGNORECASE)
INLINE_CODE_RE = re.compile(r"(`+)(?:(?!\1).)+?\1")
HEADING_RE = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
EXPLICIT_ANCHOR_RE = re.compile(r"""<a\b[^>]*\b(?:id|name)\s*=\s*["']([^"']+)["']""",
                                re.IGNORECASE)


def github_slug(heading):
    """GitHub's anchor for a heading text."""
    text = re.sub(r"<[^>]+>", "", heading)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links -> text
    text = text.replace("`", "").lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


_anchor_cache = {}


def anchors_of(path):
    if path not in _anchor_cache:
        with open(path, encoding="utf-8") as f:
            _, prose = parse_markdown(f.read())
        anchors, seen = set(), {}
        for line in prose:
            m = HEADING_RE.match(line)
            if m:
                slug = github_slug(m.group(2))
                n = seen.get(slug, 0)
                seen[slug] = n + 1
                anchors.add(slug if n == 0 else "%s-%d" % (slug, n))
            for anchor in EXPLICIT_ANCHOR_RE.findall(line):
                anchors.add(anchor)
        _anchor_cache[path] = anchors
    return _anchor_cache[path]


def link_targets(path):
    """Yields (line_number, target) for every link outside code."""
    with open(path, encoding="utf-8") as f:
        _, prose = parse_markdown(f.read())
    in_indented_code = False
    previous_blank = True
    for number, line in enumerate(prose, 1):
        # An indented code block starts after a blank line (approximation:
        # a list item's indented paragraph looks the same and is skipped).
        blank = not line.strip()
        if line.startswith("    ") and (previous_blank or in_indented_code):
            in_indented_code = True
            previous_blank = False
            continue
        if not blank:
            in_indented_code = False
        previous_blank = blank
        line = INLINE_CODE_RE.sub("", line)
        targets = [m.group(1) for m in INLINE_LINK_RE.finditer(line)]
        m = REF_DEF_RE.match(line)
        if m:
            targets.append(m.group(1))
        targets.extend(HTML_ATTR_RE.findall(line))
        for target in targets:
            if target.startswith("<") and target.endswith(">"):
                target = target[1:-1]
            yield number, target


def check_link(path, target, root):
    """Returns an error message, or None if the link resolves."""
    if not target:
        return "empty link target"
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", target) or target.startswith("//"):
        return None  # Absolute URL: not checked.
    file_part, _, anchor = target.partition("#")
    file_part = urllib.parse.unquote(file_part.split("?")[0])
    if not file_part:
        resolved = path
    elif file_part.startswith("/"):
        resolved = os.path.normpath(os.path.join(root, file_part.lstrip("/")))
    else:
        resolved = os.path.normpath(
            os.path.join(os.path.dirname(path), file_part))
    if os.path.commonpath([resolved, os.path.abspath(root)]) != \
            os.path.abspath(root):
        return "points outside the repository"
    if not os.path.exists(resolved):
        return "no such file or directory: %s" % os.path.relpath(resolved, root)
    if anchor and resolved.endswith(".md") and os.path.isfile(resolved):
        if urllib.parse.unquote(anchor) not in anchors_of(resolved):
            return "no heading or anchor '#%s' in %s" % (
                anchor, os.path.relpath(resolved, root))
    return None


def check_links(files, root):
    checked = failures = 0
    for path in files:
        rel = os.path.relpath(path, root)
        for number, target in link_targets(path):
            checked += 1
            error = check_link(os.path.abspath(path), target, root)
            if error:
                failures += 1
                print("FAIL %s:%d: link '%s': %s" % (rel, number, target,
                                                     error))
    print("links: %d checked, %d broken, in %d files" %
          (checked, failures, len(files)))
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--snippets", action="store_true",
                      help="compile every ```cpp block")
    mode.add_argument("--links", action="store_true",
                      help="check every relative link and anchor")
    parser.add_argument("--root", default=repo_root_from_script(),
                        help="repository root (default: from this script)")
    parser.add_argument("--cxx", help="compiler (default: clang++-22)")
    parser.add_argument("--cxxflags", default="-std=c++20",
                        help="flags for every snippet (default: %(default)s)")
    parser.add_argument("-j", "--jobs", type=int, default=2,
                        help="parallel compiles (default: %(default)s)")
    parser.add_argument("files", nargs="*", help="Markdown files to check")
    args = parser.parse_args()

    root = os.path.abspath(args.root)
    files = [os.path.abspath(f) for f in args.files] or default_files(root)
    missing = [f for f in files if not os.path.isfile(f)]
    if missing:
        print("error: no such file: %s" % ", ".join(missing), file=sys.stderr)
        return 2
    if args.snippets:
        return check_snippets(files, root, args.cxx,
                              shlex.split(args.cxxflags), max(1, args.jobs))
    return check_links(files, root)


if __name__ == "__main__":
    sys.exit(main())
