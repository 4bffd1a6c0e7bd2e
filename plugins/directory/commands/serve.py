"""``python -m directory.commands.serve [output] -p 8000 -b 127.0.0.1``

Serves a built site on loopback as the host the README recommends would: the
headers of :mod:`directory.hosting` (the Content-Security-Policy among them),
the right content types, and ``404.html`` with status 404 for an unknown
address.  ``make serve``, ``make devserver`` and the browser tests use it.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import logging
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from ..hosting import CONTENT_TYPES, HEADERS, NOT_FOUND_PAGE

logger = logging.getLogger(__name__)


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves one folder with the site's headers; GET and HEAD only."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **CONTENT_TYPES}

    def end_headers(self):
        for name, value in HEADERS.items():
            self.send_header(name, value)
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / NOT_FOUND_PAGE
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", CONTENT_TYPES[".html"])
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def list_directory(self, path):  # a folder without index.html is not a page
        self.send_error(404)

    def log_message(self, format, *args):
        logger.info("%s %s", self.address_string(), format % args)


def start(folder: Path, bind: str = "127.0.0.1", port: int = 0) -> ThreadingHTTPServer:
    """A server for ``folder``, answering in a thread of its own; port 0 picks a free one."""
    handler = functools.partial(SiteHandler, directory=str(folder))
    server = ThreadingHTTPServer((bind, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> int:
    parser = argparse.ArgumentParser(description="Serve a built site on loopback, as its host would.")
    parser.add_argument("output", nargs="?", default="output", help="the built site")
    parser.add_argument("-p", "--port", type=int, default=8000)
    parser.add_argument("-b", "--bind", default="127.0.0.1")
    args = parser.parse_args()
    handler = functools.partial(SiteHandler, directory=args.output)
    with ThreadingHTTPServer((args.bind, args.port), handler) as server:
        print(f"Serving {args.output} on http://{args.bind}:{args.port} (Ctrl+C to stop)")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
