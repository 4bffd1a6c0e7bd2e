"""``python -m directory.commands.cms [content] -o output -s pelicanconf.py -p 8000 --backend-port 8081``

Edit the working copy in the web editor (``make cms``). Three parts, started
in this order and stopped together (Ctrl+C, SIGTERM):

* Decap's local backend, ``decap-server`` from ``theme/node_modules`` (pinned
  in ``theme/package.json``), in its "fs" mode, which writes what Decap saves
  straight into the working copy (no Git, no pull request). It edits the
  folder that holds the content folder as the repository does (the editor's
  collections name their paths from there), and would write anything in it
  for anyone who asks, so it listens on a Unix socket in a folder only this
  user can open, which no browser can reach.
* The guard (``editor_guard``) on 127.0.0.1:``--backend-port``, the address
  the editor's configuration names: it answers only requests addressed to
  itself (``Host``) from the devserver's pages (``Origin``), and passes on
  only reads and writes of entry files of the kinds the editor edits, and of
  pictures in its media folder, never through a link (``editor_rules``).
* The devserver, with ``CIVIC_HUB_CMS_LOCAL_BACKEND`` set, so that the
  ``/admin/`` it builds talks to the guard.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ..problems import DirectoryError
from .cli import arguments, pelican_settings, run, stop
from .editor_guard import ask, site_origins, start_guard
from .editor_rules import Rules

ENVIRONMENT = "CIVIC_HUB_CMS_LOCAL_BACKEND"  # read by pelicanconf.py into cms_local_backend
SERVER = Path("node_modules/decap-server/dist/index.js")  # in the theme's folder
SOCKET = "CIVIC_HUB_DECAP_SOCKET"
# decap-server as it is, but listening on the socket SOCKET names instead of a port
ON_SOCKET = """
const net = require("net"), listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  return listen.call(this, process.env.CIVIC_HUB_DECAP_SOCKET, args.find((a) => typeof a === "function"));
};
require(process.argv[1]);
"""


class EditorError(DirectoryError):
    """The local editor cannot start."""

    exitcode = 2


def backend_url(port: int) -> str:
    return f"http://127.0.0.1:{port}/api/v1"


def backend_root(content: Path, content_path: str) -> Path:
    """The folder the backend edits: the one that holds the content folder where the
    repository holds it (``repository_content_path``), as the collections name it."""
    parts = Path(content_path).parts
    content = content.resolve()
    if content.parts[-len(parts) :] != parts:
        raise EditorError(
            f"the content folder {content} is not at {content_path!r} inside a folder, as "
            "repository_content_path says, so the editor's collections would miss it"
        )
    return Path(*content.parts[: -len(parts)])


def start_backend(theme: Path, root: Path, socket_path: Path) -> subprocess.Popen:
    """decap-server editing ``root``, on the Unix socket ``socket_path``, once it answers."""
    node, server = shutil.which("node"), theme / SERVER
    if not node or not server.is_file():
        raise EditorError(f"{server} is missing: run make setup (it needs Node.js and npm)")
    environment = {**os.environ, "MODE": "fs", "GIT_REPO_DIRECTORY": str(root), "LOG_LEVEL": "warn"}
    environment[SOCKET] = str(socket_path)
    # run from the socket's folder: decap-server reads a .env file where it runs, and the repository's is not ours
    command = [node, "-e", ON_SOCKET, str(server.resolve())]
    process = subprocess.Popen(command, env=environment, cwd=socket_path.parent, stdin=subprocess.DEVNULL)
    try:
        wait_for(socket_path, process)
    except BaseException:
        stop(process)
        raise
    return process


def wait_for(socket_path: Path, process: subprocess.Popen, seconds: float = 30) -> None:
    """Until the backend answers Decap's first question (what it serves)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise EditorError(f"decap-server stopped at once (exit code {process.returncode})")
        try:
            if ask(socket_path, json.dumps({"action": "info"}).encode(), timeout=2)[0] == 200:
                return
        except OSError:  # not listening yet
            pass
        time.sleep(0.2)
    raise EditorError(f"decap-server did not answer within {seconds:.0f} seconds")


@contextlib.contextmanager
def editor_backend(theme: Path, root: Path, content_path: str, port: int, origins: frozenset[str]):
    """decap-server editing ``root`` behind the guard on 127.0.0.1:``port``, which
    answers pages of ``origins``; yields the guard; both stop on leaving."""
    with tempfile.TemporaryDirectory(prefix="civic-hub-cms-") as private:  # made for this user alone
        socket_path = Path(private) / "decap-server.sock"
        backend = start_backend(theme, root, socket_path)
        try:
            try:
                guard = start_guard(port, Rules.of(root, content_path), socket_path, origins)
            except OSError as err:
                raise EditorError(f"the editor's backend cannot listen on 127.0.0.1:{port} ({err.strerror})") from None
            try:
                yield guard
            finally:
                guard.shutdown()
                guard.server_close()
        finally:
            stop(backend)


def edit(args) -> None:
    url = backend_url(args.backend_port)
    os.environ[ENVIRONMENT] = url  # for the check below, and for the devserver
    settings = pelican_settings(args.settings, {})
    directory = settings["DIRECTORY_SETTINGS"]
    if directory.cms_local_backend != url:
        raise EditorError(
            f"{args.settings} does not pass {ENVIRONMENT} on: add "
            f'"cms_local_backend": os.environ.get("{ENVIRONMENT}", "") to its DIRECTORY'
        )
    root = backend_root(Path(args.path), directory.repository_content_path)
    origins = site_origins(args.bind, args.port)
    devserver = None
    with editor_backend(Path(settings["THEME"]), root, directory.repository_content_path, args.backend_port, origins):
        try:
            command = [sys.executable, "-m", "directory.commands.devserver", args.path, "-o", args.output]
            command += ["-s", args.settings, "-p", str(args.port), "-b", args.bind]
            print(f"Edit the directory at http://{args.bind}:{args.port}/admin/ (Ctrl+C to stop)", flush=True)
            devserver = subprocess.Popen(command, stdin=subprocess.DEVNULL)
            devserver.wait()
        finally:
            stop(devserver)


def main() -> int:
    def extra(parser):
        parser.add_argument("--backend-port", type=int, default=8081, help="the port of Decap's local backend")

    args = arguments("Edit the content folder in the web editor (/admin/).", output=True, serve=True, extra=extra)
    return run(lambda: edit(args), args.settings)


if __name__ == "__main__":
    raise SystemExit(main())
