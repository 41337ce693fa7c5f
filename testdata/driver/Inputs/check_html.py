#!/usr/bin/env python3
"""Checks a LeakGuard HTML report against the JSON report of the same run.

Usage: check_html.py INDEX.html REPORT.json
The page parses as HTML, loads nothing from elsewhere (no src/href to
another place, no @import), and holds one finding section per finding, each
with its excerpt and the acquisition marked.
"""
import html.parser
import json
import sys


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.sections = []
        self.external = []
        self.acquire = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("src", "href"):
            if key in a and not a[key].startswith("#"):
                self.external.append((tag, a[key]))
        if tag == "section" and "finding" in a.get("class", ""):
            self.sections.append(a)
        if tag == "span" and "acquire" in a.get("class", "").split():
            self.acquire += 1


def main():
    text = open(sys.argv[1], encoding="utf-8").read()
    findings = json.load(open(sys.argv[2]))["findings"]
    page = Page()
    page.feed(text)
    problems = []
    if page.external or "@import" in text or "url(" in text:
        problems.append("loads from elsewhere: %s" % page.external)
    if len(page.sections) != len(findings):
        problems.append("%d sections for %d findings" %
                        (len(page.sections), len(findings)))
    got = [(s["data-check"], s["data-file"]) for s in page.sections]
    want = [(f["check"], f["file"]) for f in findings]
    if got != want:
        problems.append("sections %s, findings %s" % (got, want))
    if page.acquire != len(findings):
        problems.append("%d acquisitions marked for %d findings" %
                        (page.acquire, len(findings)))
    for p in problems:
        print("check_html: " + p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
