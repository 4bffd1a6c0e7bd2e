"""Every page of the build is valid HTML as an outside checker sees it (``make check``):
html-validate, pinned in the theme's package.json, with the theme's configuration
(its recommended preset, the checker GOV.UK Frontend runs on its own markup).

All pages, not a sample: a page's HTML depends on its entry's content, and
html-validate reads about 50 pages a second (the sample's 398 in 8 s on one core).
It runs in a process of its own while the browser check runs, on the other core.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from ..problems import DirectoryError
from .check_findings import Finding, in_site
from .cli import stop

SEVERITIES = {2: "error", 1: "warning"}


def html_validate(theme: Path) -> Path:
    program = theme / "node_modules" / ".bin" / "html-validate"
    if not program.is_file():
        raise DirectoryError(f"html-validate is not installed in {theme}/node_modules: run `make setup` first")
    return program


class Running:
    """html-validate at work on a site; ``seconds`` is how long it took, once it has ended."""

    def __init__(self, site: Path, process: subprocess.Popen, out, err):
        self.site, self.process, self.out, self.err = site, process, out, err
        self.began, self.ended = time.monotonic(), None
        # when it ends, not when it is asked: it runs while the browser check does
        self.waiter = threading.Thread(target=self._wait, daemon=True)
        self.waiter.start()

    def _wait(self) -> None:
        self.process.wait()
        self.ended = time.monotonic()

    @property
    def seconds(self) -> float:
        return (self.ended or time.monotonic()) - self.began

    def findings(self) -> list[Finding]:
        self.waiter.join()
        return _findings(self.site, self.process.returncode, self.out, self.err)


@contextmanager
def html_validate_running(site: Path, theme: Path):
    """Start html-validate on every HTML page of ``site``, in the background; give the
    Running whose ``findings()`` waits for its errors and warnings. Leaving the block
    early stops it."""
    command = [str(html_validate(theme)), "--config", str(theme / ".htmlvalidate.json")]
    command += ["--formatter", "json", "--ext", "html", str(site)]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        try:
            yield Running(site, process, out, err)
        finally:
            stop(process)


def _findings(site: Path, code: int, out, err) -> list[Finding]:
    out.seek(0)
    err.seek(0)
    try:
        results = json.loads(out.read() or b"[]")
    except ValueError:
        results = None
    if code not in (0, 1) or not isinstance(results, list):
        said = err.read().decode("utf-8", "replace").strip()[:500]
        raise DirectoryError(f"html-validate could not run (exit {code}): {said}")
    return [
        Finding(
            in_site(site, result["filePath"], m.get("line", 0), m.get("column", 0)),
            f"{m.get('message', '')} (html-validate {m.get('ruleId', '')})",
            SEVERITIES.get(m.get("severity"), "error"),
        )
        for result in results
        for m in result.get("messages", [])
    ]


def check_html(site: Path, theme: Path) -> list[Finding]:
    """html-validate's errors and warnings on every HTML page of ``site``."""
    with html_validate_running(site, theme) as running:
        return running.findings()
