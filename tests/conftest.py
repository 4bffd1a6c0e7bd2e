"""Shared fixtures: fixed time zone, clean Pelican signals, site builds into tmp_path."""

from __future__ import annotations

import os
import re
import shutil
import time
import weakref
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# the tests' own sample and settings, pinned: no test reads the council's content/
# or pelicanconf.py, so they pass whatever a council keeps there
SAMPLE = FIXTURES / "sample"
CONF = FIXTURES / "sampleconf.py"
# one problem as the commands print it: path:line:col: error|warning: message
PROBLEM = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning): (?P<message>.+)$")
# 2026-11-18 12:53 UTC: the moment fixture sites are built "at"
FIXED_EPOCH = 1795000000


@pytest.fixture(autouse=True)
def fixed_environment(monkeypatch, tmp_path):
    # the build cache's key (cache_trust.py) made per test, never in the user's own folder
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("TZ", "Europe/London")
    time.tzset()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(FIXED_EPOCH))
    monkeypatch.chdir(ROOT)
    yield
    time.tzset()


@pytest.fixture(autouse=True)
def restore_pelican_signals():
    """Pelican's signals are module globals: disconnect what a test connected."""
    from pelican import signals

    def all_signals():
        return {name: sig for name, sig in vars(signals).items() if hasattr(sig, "receivers")}

    before = {name: set(sig.receivers) for name, sig in all_signals().items()}
    yield
    for name, sig in all_signals().items():
        for key, receiver in list(sig.receivers.items()):
            if key not in before.get(name, set()):
                sig.disconnect(receiver() if isinstance(receiver, weakref.ref) else receiver)


@pytest.fixture
def copy_fixture(tmp_path):
    """Copy a fixture content folder into tmp_path (tests may change the copy)."""

    def copy(name: str = "minimal") -> Path:
        target = tmp_path / name
        shutil.copytree(FIXTURES / name, target)
        return target

    return copy


@pytest.fixture
def build(tmp_path):
    """Build a content folder into tmp_path/output with the real build command code."""
    from directory.commands.build import build as run_build
    from directory.commands.cli import run

    def _build(content: Path, output: Path | None = None, conf: Path = CONF, jobs=1, cache=True) -> tuple[int, Path]:
        """The exit code the build command would give, and the output folder."""
        output = output or tmp_path / "output"
        code = run(lambda: run_build(str(content), str(output), str(conf), jobs, cache), str(conf))
        return code, output

    return _build


def pytest_configure(config):
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(FIXED_EPOCH))
    # under `make test`, a make the tests start would be a sub-make ("make[1]: …" lines,
    # the outer make's flags); the tests check what a person typing `make …` sees
    for name in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS"):
        os.environ.pop(name, None)


def settings_file(path: Path, extra: str = "") -> Path:
    """A settings file at ``path``: the tests' sample settings, then ``extra``
    (Python, such as ``DIRECTORY = {**DIRECTORY, 'page_size': 1}``)."""
    path.write_text(f"import sys\nsys.path.insert(0, {str(FIXTURES)!r})\nfrom sampleconf import *\n{extra}", "utf-8")
    return path


def project_settings():
    """The DIRECTORY settings of the tests' sample settings, as the commands read them."""
    from pelican.settings import read_settings

    from directory.settings import parse_settings

    return parse_settings(read_settings(str(CONF)).get("DIRECTORY"))


def lunr_index(entries):
    """lunr.py's own index of search entries: the reference the published,
    term-split index must equal (an entry's ref is its number)."""
    from lunr import lunr

    from directory.search.documents import FIELDS

    documents = [{"id": str(n), "also": "", **entry.text} for n, entry in enumerate(entries)]
    return lunr(ref="id", fields=[{"field_name": f, "boost": b} for f, b in FIELDS], documents=documents)
