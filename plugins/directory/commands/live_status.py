"""What the devserver tells the pages it serves, and the pages it serves with it.

The devserver (and only it: nothing here is ever written into a site) answers
two addresses of its own under ``/_devserver/``:

* ``status.json``: ``{"build": n, "ok": true|false, "problems": [...]}``.
  ``build`` changes each time a preview or a whole build ends, well or not;
  ``ok`` is false while an entry is broken, and ``problems`` then lists its
  errors (``path``, ``line``, ``col``, ``severity``, ``message``), each path
  from the folder that holds the content folder (``content/services/x.yaml``,
  as the web editor names its entries).
* ``reload.js`` (``live_reload.js`` beside this module): added to every page
  but the editor's, it asks for the status every second, loads the page again
  once a change is shown, and shows a broken entry's problems at the top of
  the page (as text) while the last good page stays.

The editor's page (``/admin/``) gets no reload (it would lose what is being
typed); its own script (theme/static/js/admin.js) asks for the same status
after a save.
"""

from __future__ import annotations

import functools
import io
import json
import os
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit

from ..hosting import CONTENT_TYPES
from ..problems import printable
from ..urls import SECTIONS
from .serve import SiteHandler, SiteServer

STATUS_URL = "/_devserver/status.json"
SCRIPT_URL = "/_devserver/reload.js"
SCRIPT = Path(__file__).with_name("live_reload.js")
TAG = f'<script src="{SCRIPT_URL}" defer></script>'.encode()
HEAD_END = re.compile(rb"</head\s*>", re.IGNORECASE)


class LiveStatus:
    """The last preview's or build's outcome, read by the server's threads."""

    def __init__(self, content: Path):
        self.top = Path(os.path.abspath(content)).parent  # problems' paths are shown from here
        self.build = 0
        self._lock = threading.Lock()
        self._body = self._json(True, [])

    def shown(self) -> None:
        """A change is shown (a preview written, a whole build swapped in)."""
        self._set(True, [])

    def refused(self, problems) -> None:
        """The content has errors: the last good site stays up."""
        self._set(False, [self._record(p) for p in problems if p.is_error])

    def body(self) -> bytes:
        with self._lock:
            return self._body

    def _set(self, ok: bool, problems: list[dict]) -> None:
        with self._lock:
            self.build += 1
            self._body = self._json(ok, problems)

    def _json(self, ok: bool, problems: list[dict]) -> bytes:
        return json.dumps({"build": self.build, "ok": ok, "problems": problems}).encode("utf-8")

    def _record(self, problem) -> dict:
        path = Path(os.path.abspath(problem.path))
        shown = path.relative_to(self.top).as_posix() if path.is_relative_to(self.top) else problem.path
        return {
            "path": printable(shown),
            "line": problem.line,
            "col": problem.col,
            "severity": problem.severity,
            "message": printable(problem.message),
        }


def with_script(page: bytes) -> bytes:
    """``page`` with the reload script in its head (unchanged if it has none)."""
    return HEAD_END.sub(lambda m: TAG + m.group(0), page, count=1)


class LiveHandler(SiteHandler):
    """The site as ``serve`` serves it, plus the status, the script, and the
    script's tag in each page outside the editor."""

    def __init__(self, *args, status: LiveStatus, **kwargs):
        self.status = status
        super().__init__(*args, **kwargs)

    def send_head(self):
        address = urlsplit(self.path)
        self.asked = address.path
        if address.path == STATUS_URL:
            return self._send(self.status.body(), CONTENT_TYPES[".json"])
        if address.path == SCRIPT_URL:
            return self._send(SCRIPT.read_bytes(), CONTENT_TYPES[".js"])
        page = self._page(address.path)
        if page is not None:
            return self._send(with_script(page.read_bytes()), CONTENT_TYPES[".html"])
        return super().send_head()

    def _page(self, path: str) -> Path | None:
        """The HTML file ``path`` asks for, if it is a page that reloads."""
        if path.startswith(SECTIONS["admin"]):
            return None
        local = Path(self.translate_path(path))
        if local.is_dir() and path.endswith("/"):
            local = local / "index.html"
        return local if local.suffix == ".html" and local.is_file() else None

    def _send(self, body: bytes, content_type: str):
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")  # always the last build's
        self.end_headers()
        return io.BytesIO(body)


def start_live(folder: Path, status: LiveStatus, bind: str = "127.0.0.1", port: int = 0) -> SiteServer:
    """A live server for ``folder``, answering in a thread of its own; port 0 picks a free one."""
    handler = functools.partial(LiveHandler, directory=str(folder), status=status)
    server = SiteServer((bind, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
