"""``python -m directory.commands.serve [output] -p 8000 -b 127.0.0.1``

Serves a built site on loopback as its host would: it reads the ``_headers``
and ``_redirects`` files the build writes for Netlify and Cloudflare Pages and
applies them (the Content-Security-Policy, CORS for the open data and widgets,
content types, the Open Referral API's addresses), and answers an unknown
address with ``404.html`` and status 404. ``make serve``, ``make devserver``
and the browser tests use it.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import logging
import re
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from ..hosting import CONTENT_TYPES, HEADERS, NOT_FOUND_PAGE

logger = logging.getLogger(__name__)


class HostRules:
    """The ``_headers`` and ``_redirects`` of a folder, read as Netlify reads them
    (the part of their formats the build writes)."""

    def __init__(self, folder: Path):
        self.headers = self._headers(folder / "_headers")
        self.rewrites = self._rewrites(folder / "_redirects")

    @staticmethod
    def _headers(path: Path) -> list[tuple[str, list[tuple[str, str]]]]:
        if not path.is_file():  # a folder the build did not make: the site's own headers
            return [("/*", list(HEADERS.items()))]
        rules = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith(" "):
                rules.append((line.strip(), []))
            elif line.strip() and rules:
                name, value = line.strip().split(":", 1)
                rules[-1][1].append((name.strip(), value.strip()))
        return rules

    @staticmethod
    def _rewrites(path: Path) -> list[tuple[re.Pattern, str, str]]:
        rules = []
        for line in path.read_text(encoding="utf-8").splitlines() if path.is_file() else ():
            parts = line.split()
            source, target = parts[0], parts[-2]
            query = parts[1] if len(parts) == 4 else ""
            pattern = re.compile("^" + re.sub(r":(\w+)", r"(?P<\1>[^/]+)", re.escape(source)) + "$")
            rules.append((pattern, query, target))
        return rules

    def headers_for(self, path: str) -> dict[str, str]:
        """Every header the rules give ``path``, a header matched twice joined by commas."""
        found: dict[str, str] = {}
        for pattern, headers in self.headers:
            wanted = path.startswith(pattern[:-1]) if pattern.endswith("*") else path == pattern
            for name, value in headers if wanted else ():
                found[name] = f"{found[name]}, {value}" if name in found else value
        return found

    def rewrite(self, path: str, query: str) -> str | None:
        """The file a rewrite serves for ``path`` (``/openreferral/services`` →
        ``…/page/1.json``), or None."""
        params = parse_qs(query)
        for pattern, wanted, target in self.rewrites:
            match = pattern.match(path)
            if not match:
                continue
            values = match.groupdict()
            if wanted:
                key, name = wanted.split("=:")
                if key not in params:
                    continue
                values[name] = params[key][0]
            return re.sub(r":(\w+)", lambda m, values=values: values.get(m.group(1), ""), target)
        return None


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves one folder as its host would; GET and HEAD only."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **CONTENT_TYPES}

    def __init__(self, *args, directory: str, **kwargs):
        self.rules = HostRules(Path(directory))  # read again for every request: a rebuild may change them
        super().__init__(*args, directory=directory, **kwargs)

    def send_head(self):
        address = urlsplit(self.path)
        self.asked = address.path
        local = Path(self.directory) / address.path.lstrip("/")
        if not (local.is_file() or (local / "index.html").is_file()):
            target = self.rules.rewrite(address.path, address.query)
            if target:  # a rewrite, as a host does it: the address stays, the file changes
                self.path = target
        return super().send_head()

    def guess_type(self, path):
        return self.rules.headers_for(getattr(self, "asked", "")).get("Content-Type") or super().guess_type(path)

    def end_headers(self):
        for name, value in self.rules.headers_for(getattr(self, "asked", self.path)).items():
            if name != "Content-Type":  # sent already, from guess_type
                self.send_header(name, value)
        if getattr(self, "cors", None):
            self.send_header("Access-Control-Allow-Origin", self.cors)
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / NOT_FOUND_PAGE
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        # the 404 page's headers; open data stays readable by other sites' scripts when missing
        shared = self.rules.headers_for(getattr(self, "asked", "")).get("Access-Control-Allow-Origin")
        self.asked = "/" + NOT_FOUND_PAGE
        self.cors = shared
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


class SiteServer(ThreadingHTTPServer):
    """A browser that gives up on a request (a closed tab, a cancelled fetch) is not an
    error worth a traceback on the console; anything else still gets one."""

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # reset, aborted, broken pipe
            super().handle_error(request, client_address)


def handler_for(folder: Path):
    return functools.partial(SiteHandler, directory=str(folder))


def start(folder: Path, bind: str = "127.0.0.1", port: int = 0) -> SiteServer:
    """A server for ``folder``, answering in a thread of its own; port 0 picks a free one."""
    server = SiteServer((bind, port), handler_for(folder))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> int:
    parser = argparse.ArgumentParser(description="Serve a built site on loopback, as its host would.")
    parser.add_argument("output", nargs="?", default="output", help="the built site")
    parser.add_argument("-p", "--port", type=int, default=8000)
    parser.add_argument("-b", "--bind", default="127.0.0.1")
    args = parser.parse_args()
    with SiteServer((args.bind, args.port), handler_for(Path(args.output))) as server:
        print(f"Serving {args.output} on http://{args.bind}:{args.port} (Ctrl+C to stop)")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
