"""``python -m directory.commands.cms [content] -o output -s pelicanconf.py -p 8000 --backend-port 8081``

Edit the working copy in the web editor (``make cms``): starts Decap's local
backend, ``decap-server`` from ``theme/node_modules`` (pinned in
``theme/package.json``), in its "fs" mode, which writes what Decap saves
straight into the content folder (no Git, no pull request), then the
devserver with ``CIVIC_HUB_CMS_LOCAL_BACKEND`` set, so that the ``/admin/``
it builds talks to that backend. Both stop together (Ctrl+C, SIGTERM).

The backend listens on 127.0.0.1 only, and lets in only pages from localhost
and 127.0.0.1 (its CORS rule), so no other site can write through it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from ..problems import DirectoryError
from .cli import arguments, pelican_settings, run, stop

ENVIRONMENT = "CIVIC_HUB_CMS_LOCAL_BACKEND"  # read by pelicanconf.py into cms_local_backend
SERVER = Path("node_modules/decap-server/dist/index.js")  # in the theme's folder


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


def start_backend(theme: Path, root: Path, port: int) -> subprocess.Popen:
    """decap-server on 127.0.0.1:``port`` editing ``root``, once it answers."""
    node, server = shutil.which("node"), theme / SERVER
    if not node or not server.is_file():
        raise EditorError(f"{server} is missing: run make setup (it needs Node.js and npm)")
    environment = {
        **os.environ,
        "MODE": "fs",
        "GIT_REPO_DIRECTORY": str(root),
        "PORT": str(port),
        "BIND_HOST": "127.0.0.1",
        "LOG_LEVEL": "warn",
    }
    process = subprocess.Popen([node, str(server)], env=environment, cwd=root, stdin=subprocess.DEVNULL)
    try:
        wait_for(backend_url(port), process)
    except BaseException:
        stop(process)
        raise
    return process


def wait_for(url: str, process: subprocess.Popen, seconds: float = 30) -> None:
    """Until the backend answers Decap's first question (what it serves)."""
    asked = json.dumps({"action": "info"}).encode()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise EditorError(f"decap-server stopped at once (exit code {process.returncode}); is the port taken?")
        request = urllib.request.Request(url, data=asked, headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    raise EditorError(f"decap-server did not answer at {url} within {seconds:.0f} seconds")


def edit(args) -> None:
    url = backend_url(args.backend_port)
    os.environ[ENVIRONMENT] = url  # for the check below, and for the devserver
    settings = pelican_settings(args.settings, {})
    if settings["DIRECTORY_SETTINGS"].cms_local_backend != url:
        raise EditorError(
            f"{args.settings} does not pass {ENVIRONMENT} on: add "
            f'"cms_local_backend": os.environ.get("{ENVIRONMENT}", "") to its DIRECTORY'
        )
    root = backend_root(Path(args.path), settings["DIRECTORY_SETTINGS"].repository_content_path)
    backend = start_backend(Path(settings["THEME"]), root, args.backend_port)
    devserver = None
    try:
        command = [sys.executable, "-m", "directory.commands.devserver", args.path, "-o", args.output]
        command += ["-s", args.settings, "-p", str(args.port), "-b", args.bind]
        print(f"Edit the directory at http://{args.bind}:{args.port}/admin/ (Ctrl+C to stop)", flush=True)
        devserver = subprocess.Popen(command, stdin=subprocess.DEVNULL)
        devserver.wait()
    finally:
        stop(devserver)
        stop(backend)


def main() -> int:
    def extra(parser):
        parser.add_argument("--backend-port", type=int, default=8081, help="the port of Decap's local backend")

    args = arguments("Edit the content folder in the web editor (/admin/).", output=True, serve=True, extra=extra)
    return run(lambda: edit(args), args.settings)


if __name__ == "__main__":
    raise SystemExit(main())
