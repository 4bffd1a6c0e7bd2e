"""The local editor's guard: the one way to decap-server, for ``make cms``.

decap-server answers whoever asks: any ``Host`` (so a site that rebinds its
name to 127.0.0.1 can write through it) and any page of localhost or
127.0.0.1 at any port (its CORS rule). So it listens on a Unix socket in a
folder only this user can open, which no browser can reach (``commands/cms.py``),
and this server takes its place on 127.0.0.1:<backend port>, the address the
editor's configuration names. It passes on only

* a request whose ``Host`` is its own address (``127.0.0.1:<port>`` or
  ``localhost:<port>``) and whose ``Origin``, when there is one (browsers send
  it with every POST of a page), is the devserver's: the one site whose pages
  may use the backend; the CORS headers name that origin, nothing else;
* ``POST /api/v1`` of a JSON object of at most MAX_BODY bytes, sent as
  ``application/json`` (which no other site can send without asking first),
  whose action and paths ``editor_rules.check`` allows. What is passed on is
  the object as parsed here, written out again, so decap-server reads exactly
  what was checked.

Anything else is answered with an error status and ``{"error": "why"}``
(403 for what the rules refuse) and never reaches decap-server.
"""

from __future__ import annotations

import http.client
import json
import logging
import socket
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from .editor_rules import Refused, Rules, check
from .serve import SiteServer

logger = logging.getLogger(__name__)

API = "/api/v1"  # the backend's one address (cms.backend_url)
MAX_BODY = 5_000_000  # an entry file is at most 2 MB (max_file_bytes' ceiling), as JSON text
WILDCARDS = ("", "0.0.0.0", "::")  # bind addresses that are no page's origin


def site_origins(bind: str, port: int) -> frozenset[str]:
    """The origins of the devserver's pages, bound to ``bind``:``port``: its loopback names,
    and the address it is bound to when that is a particular one."""
    names = {"127.0.0.1", "localhost"}
    if bind not in WILDCARDS:
        names.add(f"[{bind}]" if ":" in bind else bind)
    return frozenset(f"http://{name}:{port}" for name in names)


class UnixConnection(http.client.HTTPConnection):
    """HTTP to a server listening on a Unix socket (decap-server, here)."""

    def __init__(self, socket_path: Path, timeout: float):
        super().__init__("localhost", timeout=timeout)
        self.socket_path = str(socket_path)

    def connect(self) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self.socket_path)


def ask(socket_path: Path, body: bytes, timeout: float = 60) -> tuple[int, bytes]:
    """decap-server's status and answer to ``body`` (JSON) posted to its API."""
    connection = UnixConnection(socket_path, timeout)
    try:
        connection.request("POST", API, body, {"Content-Type": "application/json"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


class GuardServer(SiteServer):
    """The guard on 127.0.0.1:``port``, passing what ``rules`` allow from pages of
    ``origins`` on to decap-server at ``socket_path``."""

    def __init__(self, port: int, rules: Rules, socket_path: Path, origins: frozenset[str]):
        super().__init__(("127.0.0.1", port), GuardHandler)
        self.rules, self.socket_path, self.origins = rules, socket_path, origins
        port = self.server_address[1]  # port 0 picks a free one
        self.hosts = frozenset({f"127.0.0.1:{port}", f"localhost:{port}"})


def start_guard(port: int, rules: Rules, socket_path: Path, origins: frozenset[str]) -> GuardServer:
    """The guard, answering in a thread of its own."""
    server = GuardServer(port, rules, socket_path, origins)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class GuardHandler(BaseHTTPRequestHandler):
    server: GuardServer
    timeout = 30  # a connection that sends nothing for this long is closed
    cors: str | None = None  # the origin of a request let in, named in the answer's CORS headers

    def do_OPTIONS(self) -> None:  # the browser's question before a JSON POST
        if self._from_the_site():
            self._answer(HTTPStatus.NO_CONTENT, b"")

    def do_POST(self) -> None:
        if not self._from_the_site():
            return
        if self.path != API:
            return self._error(HTTPStatus.NOT_FOUND, f"the editor's backend is at {API} only")
        if self.headers.get_content_type() != "application/json":
            return self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "send the request as application/json")
        body = self._body()
        if body is None:
            return
        try:
            check(self.server.rules, body)
        except Refused as refused:
            logger.warning("the editor's backend refused a request: %s", refused)
            return self._error(HTTPStatus.FORBIDDEN, str(refused))
        try:
            status, answer = ask(self.server.socket_path, json.dumps(body).encode())
        except OSError as err:  # refused, reset, timed out
            return self._error(HTTPStatus.BAD_GATEWAY, f"decap-server did not answer ({err})")
        self._answer(status, answer)

    def _not_allowed(self) -> None:
        if self._from_the_site():
            self._error(HTTPStatus.METHOD_NOT_ALLOWED, "the editor's backend takes POST only")

    do_GET = do_HEAD = do_PUT = do_DELETE = do_PATCH = _not_allowed

    def _from_the_site(self) -> bool:
        """Whether the request names this server and comes from the devserver's pages
        (or from no page at all); answered with 403 when not."""
        hosts, origins = self.headers.get_all("Host", []), self.headers.get_all("Origin", [])
        if len(hosts) != 1 or hosts[0].lower() not in self.server.hosts:
            why = f"the editor's backend answers only as {' or '.join(sorted(self.server.hosts))}"
        elif len(origins) > 1 or (origins and origins[0] not in self.server.origins):
            why = f"the editor's backend answers only pages of {' or '.join(sorted(self.server.origins))}"
        else:
            self.cors = origins[0] if origins else None
            return True
        shown = ", ".join(hosts) or "none", ", ".join(origins) or "none"
        logger.warning("the editor's backend refused %s %s (Host %s, Origin %s)", self.command, self.path, *shown)
        self._error(HTTPStatus.FORBIDDEN, why)
        return False

    def _body(self):
        """The request's JSON, parsed; None once answered with an error."""
        if "Transfer-Encoding" in self.headers or "Content-Length" not in self.headers:
            return self._error(HTTPStatus.LENGTH_REQUIRED, "send the request with its Content-Length")
        length = self.headers["Content-Length"]
        if not (length.isascii() and length.isdigit()) or int(length) > MAX_BODY:
            return self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"a request is at most {MAX_BODY:,} bytes")
        try:
            return json.loads(self.rfile.read(int(length)).decode("utf-8"), parse_constant=_no_constant)
        except (ValueError, RecursionError):  # not UTF-8, not JSON, NaN, nested past all reason
            return self._error(HTTPStatus.BAD_REQUEST, "the request is not JSON")

    def _error(self, status: int, message: str) -> None:
        self._answer(status, json.dumps({"error": message}).encode())

    def send_error(self, code, message=None, explain=None) -> None:  # a request line http.server refused
        self.close_connection = True
        self._error(code, message or HTTPStatus(code).phrase)

    def _answer(self, status: int, body: bytes) -> None:
        self.send_response(status)
        if self.cors:  # that origin only, never "*"
            self.send_header("Access-Control-Allow-Origin", self.cors)
            self.send_header("Access-Control-Allow-Methods", "POST")
            self.send_header("Access-Control-Allow-Headers", "Content-Type")
            self.send_header("Access-Control-Max-Age", "600")
        self.send_header("Vary", "Origin")
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        if body:
            self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args) -> None:
        logger.info("%s %s", self.address_string(), format % args)


def _no_constant(name: str):
    raise ValueError(f"{name} is not JSON")  # Python reads NaN and Infinity; decap-server would not
