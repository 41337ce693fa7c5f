#!/usr/bin/env python3
"""A minimal LSP client that drives leakguard-clangd through one editing session.

  initialize -> didOpen(OPEN) -> publishDiagnostics
             -> codeAction for each leak-* diagnostic
             -> didChange(CHANGE) -> publishDiagnostics
             -> shutdown -> exit

Prints one line per diagnostic and per quick fix, for FileCheck:
  OPEN-DIAG <line>:<col> [<code>] <message>      (1-based line and column)
  OPEN-DOC [<code>] <href or none>              (a leak-* diagnostic's doc link)
  OPEN-FIX [<code>] <title>                     (a quick fix for a leak-* diagnostic)
  OPEN-ACTION <kind> <title>                    (with --actions-at)
  CHANGE-DIAG <line>:<col> [<code>] <message>
  TIMING open_to_diagnostics_ms=<ms>
  DONE exit=<code>

Python 3 standard library only. Every wait has a deadline, so a hung or crashed
server fails the test instead of hanging it.

Usage:
  lsp_roundtrip.py --clangd PATH --file PATH --open SRC [--change SRC]
                   [--actions-at L:C-L:C] [--timeout S] [-- extra clangd arguments]
--file is where the document lives (its directory holds compile_flags.txt,
.clang-tidy, ...); OPEN and CHANGE are the texts sent for it.
"""

import argparse
import json
import os
import queue
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request


class LspError(Exception):
    pass


class LspClient:
    """JSON-RPC over a child process's stdin/stdout, with deadlines."""

    def __init__(self, argv, stderr=None):
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE,
                                     stderr=stderr or subprocess.DEVNULL)
        self.inbox = queue.Queue()
        self.next_id = 1
        self.reader = threading.Thread(target=self._read_loop, daemon=True)
        self.reader.start()

    def _read_loop(self):
        stream = self.proc.stdout
        try:
            while True:
                length = None
                while True:
                    line = stream.readline()
                    if not line:
                        self.inbox.put(None)
                        return
                    line = line.strip()
                    if not line:
                        break
                    name, _, value = line.decode("ascii").partition(":")
                    if name.lower() == "content-length":
                        length = int(value.strip())
                if length is None:
                    continue
                body = stream.read(length)
                if len(body) < length:
                    self.inbox.put(None)
                    return
                self.inbox.put(json.loads(body.decode("utf-8")))
        except (OSError, ValueError):
            self.inbox.put(None)

    def send(self, message):
        message["jsonrpc"] = "2.0"
        body = json.dumps(message).encode("utf-8")
        header = b"Content-Length: %d\r\n\r\n" % len(body)
        try:
            self.proc.stdin.write(header + body)
            self.proc.stdin.flush()
        except OSError as err:
            raise LspError("cannot write to the server: %s" % err)

    def notify(self, method, params):
        self.send({"method": method, "params": params})

    def request(self, method, params):
        ident = self.next_id
        self.next_id += 1
        self.send({"id": ident, "method": method, "params": params})
        return ident

    def wait_for(self, predicate, deadline, what):
        """Returns the first message satisfying predicate; answers server
        requests (workDoneProgress/create, ...) with null results meanwhile."""
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise LspError("timed out waiting for %s" % what)
            try:
                message = self.inbox.get(timeout=remaining)
            except queue.Empty:
                raise LspError("timed out waiting for %s" % what)
            if message is None:
                raise LspError("server closed the connection while waiting for %s"
                               % what)
            if "method" in message and "id" in message:
                self.send({"id": message["id"], "result": None})
                continue
            if predicate(message):
                return message

    def response(self, ident, deadline, what):
        message = self.wait_for(lambda m: m.get("id") == ident and "method" not in m,
                                deadline, what)
        if "error" in message:
            raise LspError("%s failed: %s" % (what, message["error"]))
        return message.get("result")

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def file_uri(path):
    return urllib.parse.urljoin("file:", urllib.request.pathname2url(
        os.path.abspath(path)))


def published(uri, version):
    def match(message):
        if message.get("method") != "textDocument/publishDiagnostics":
            return False
        params = message.get("params", {})
        return params.get("uri") == uri and params.get("version") == version
    return match


def format_diag(diag):
    start = diag["range"]["start"]
    message = diag["message"].splitlines()[0] if diag.get("message") else ""
    return "%d:%d [%s] %s" % (start["line"] + 1, start["character"] + 1,
                              diag.get("code", ""), message)


FIX_AVAILABLE = "(fix available)"

CAPABILITIES = {
    "textDocument": {
        "publishDiagnostics": {"relatedInformation": True,
                               "versionSupport": True},
        "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {
            "valueSet": ["", "quickfix", "refactor", "source"]}}},
        "synchronization": {"didSave": True},
    },
    "window": {"workDoneProgress": False},
}


class Session:
    """One initialized server and one open document."""

    def __init__(self, clangd, extra_args, root, timeout, stderr=None):
        self.timeout = timeout
        self.client = LspClient([clangd, "--background-index=false"] + extra_args,
                                stderr=stderr)
        self.deadline = lambda: time.monotonic() + self.timeout
        ident = self.client.request("initialize", {
            "processId": os.getpid(), "rootUri": file_uri(root),
            "capabilities": CAPABILITIES})
        self.client.response(ident, self.deadline(), "the initialize response")
        self.client.notify("initialized", {})

    def open(self, path, text, version=1):
        """Opens path with text; returns (diagnostics, seconds to publish)."""
        uri = file_uri(path)
        start = time.monotonic()
        self.client.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "cpp", "version": version, "text": text}})
        message = self.client.wait_for(published(uri, version), self.deadline(),
                                       "diagnostics after didOpen")
        return message["params"]["diagnostics"], time.monotonic() - start

    def change(self, path, text, version):
        uri = file_uri(path)
        self.client.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"text": text}]})
        message = self.client.wait_for(published(uri, version), self.deadline(),
                                       "diagnostics after didChange")
        return message["params"]["diagnostics"]

    def close(self, path):
        self.client.notify("textDocument/didClose",
                           {"textDocument": {"uri": file_uri(path)}})

    def quick_fixes(self, path, diag):
        ident = self.client.request("textDocument/codeAction", {
            "textDocument": {"uri": file_uri(path)}, "range": diag["range"],
            "context": {"diagnostics": [diag], "only": ["quickfix"]}})
        return self.client.response(ident, self.deadline(),
                                    "the codeAction response") or []

    def code_actions(self, path, lsp_range):
        """Every code action clangd offers on a range (tweaks included)."""
        ident = self.client.request("textDocument/codeAction", {
            "textDocument": {"uri": file_uri(path)}, "range": lsp_range,
            "context": {"diagnostics": []}})
        return self.client.response(ident, self.deadline(),
                                    "the codeAction response") or []

    def shutdown(self):
        """shutdown + exit; returns the server's exit code."""
        ident = self.client.request("shutdown", None)
        self.client.response(ident, self.deadline(), "the shutdown response")
        self.client.notify("exit", None)
        try:
            return self.client.proc.wait(timeout=self.timeout)
        except subprocess.TimeoutExpired:
            raise LspError("server did not exit after the exit notification")

    def kill(self):
        self.client.kill()


def parse_range(text):
    """"L:C-L:C" (1-based, end exclusive) to an LSP range."""
    start, _, end = text.partition("-")
    def position(item):
        line, _, column = item.partition(":")
        return {"line": int(line) - 1, "character": int(column) - 1}
    return {"start": position(start), "end": position(end)}


def read_text(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def main(argv):
    if "--" in argv:
        split = argv.index("--")
        argv, extra = argv[:split], argv[split + 1:]
    else:
        extra = []
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clangd", required=True)
    parser.add_argument("--file", required=True,
                        help="path of the document (its directory holds the configs)")
    parser.add_argument("--open", required=True, help="text sent with didOpen")
    parser.add_argument("--change", help="text sent with didChange")
    parser.add_argument("--actions-at", metavar="L:C-L:C",
                        help="also list the code actions offered on this range")
    parser.add_argument("--timeout", type=float, default=60.0,
                        help="seconds allowed for each step")
    parser.add_argument("--server-log", help="write the server's stderr here")
    args = parser.parse_args(argv)

    stderr = open(args.server_log, "wb") if args.server_log else None
    session = None
    try:
        session = Session(args.clangd, extra, os.path.dirname(os.path.abspath(args.file)),
                          args.timeout, stderr=stderr)
        diags, seconds = session.open(args.file, read_text(args.open))
        for diag in diags:
            print("OPEN-DIAG " + format_diag(diag))
            if str(diag.get("code", "")).startswith("leak-"):
                print("OPEN-DOC [%s] %s" % (diag["code"], diag.get(
                    "codeDescription", {}).get("href", "none")))
        missing_fixes = []
        for diag in diags:
            if not str(diag.get("code", "")).startswith("leak-"):
                continue
            actions = session.quick_fixes(args.file, diag)
            for action in actions:
                print("OPEN-FIX [%s] %s" % (diag["code"], action.get("title", "")))
            # clangd marks diagnostics that carry a fix-it; each must be offered
            # as a code action.
            if FIX_AVAILABLE in diag.get("message", "") and not actions:
                missing_fixes.append(format_diag(diag))
        if missing_fixes:
            raise LspError("fix-it without a code action: " + "; ".join(missing_fixes))
        if args.actions_at:
            for action in session.code_actions(args.file, parse_range(args.actions_at)):
                print("OPEN-ACTION %s %s" % (action.get("kind", ""),
                                             action.get("title", "")))
        print("TIMING open_to_diagnostics_ms=%d" % round(seconds * 1000))
        if args.change:
            for diag in session.change(args.file, read_text(args.change), 2):
                print("CHANGE-DIAG " + format_diag(diag))
        session.close(args.file)
        code = session.shutdown()
        print("DONE exit=%d" % code)
        sys.stdout.flush()
        return 0 if code == 0 else 1
    except LspError as err:
        print("ERROR " + str(err))
        sys.stdout.flush()
        return 1
    finally:
        if session:
            session.kill()
        if stderr:
            stderr.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
