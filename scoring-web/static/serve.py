#!/usr/bin/env python3
"""Serves this folder (the page's dist/) on a local network: the page
as docs/deploy.md says a server should, which `python3 -m http.server`
does not quite do.

    python3 serve.py            # port 8080, every address of this machine
    python3 serve.py 9000       # another port
    py serve.py                 # on Windows, where `python3` may not exist

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
import socket
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


def addresses():
    """This machine's addresses on the network, as others reach it."""
    found = set()
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.add(info[4][0])
    except OSError:
        pass
    try:
        # The address a packet to the outside would leave from (nothing is sent).
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("10.255.255.255", 1))
            found.add(s.getsockname()[0])
    except OSError:
        pass
    return sorted(a for a in found if not a.startswith("127.")) or ["127.0.0.1"]


def main():
    try:
        port = int(sys.argv[1]) if len(sys.argv) > 1 else 8080
        if not 1 <= port <= 65535:
            raise ValueError
    except ValueError:
        sys.exit(f"端口应为 1 到 65535 之间的数字，而不是 {sys.argv[1]!r}。The port must be a number from 1 to 65535.")
    here = os.path.dirname(os.path.abspath(__file__))
    handler = functools.partial(Handler, directory=here)
    try:
        server = http.server.ThreadingHTTPServer(("", port), handler)
    except OSError as e:
        sys.exit(
            f"无法使用端口 {port}（{e.strerror}）：可能已被其他程序占用，请换一个，如 python serve.py 8081。"
            f"\nPort {port} cannot be used ({e.strerror}): another program may hold it; try another, e.g. python serve.py 8081."
        )
    with server:
        print(f"serving {here}")
        for a in addresses():
            print(f"  http://{a}:{port}/")
        print("Ctrl+C stops it. 按 Ctrl+C 停止。")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
