#!/usr/bin/env python3
"""Serves this folder (the page's dist/) on a local network: the page
as docs/deploy.md says a server should, which `python3 -m http.server`
does not quite do.

    python3 serve.py            # port 8080, every address of this machine
    python3 serve.py 9000       # another port

Every answer says `Cache-Control: no-cache` (browsers ask each visit
whether a file changed, so a new version is never mixed with an old
one), and the page's file types are set here rather than read from the
system (Windows takes them from its registry, where `.js` may be
text/plain, and a page whose scripts come as text/plain never starts).
Python 3.8 or later; nothing to install. Stop it with Ctrl+C.
"""

import functools
import http.server
import os
import sys

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".wasm": "application/wasm",
}


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}

    def end_headers(self):
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8080
    here = os.path.dirname(os.path.abspath(__file__))
    handler = functools.partial(Handler, directory=here)
    with http.server.ThreadingHTTPServer(("", port), handler) as server:
        print(f"serving {here} at http://<this machine's address>:{port}/ (Ctrl+C stops it)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
