"""A new council's directory, as the README's Adopting section starts one:
``make new-council`` with a few answers, then its own ``make check`` and
``make publish``, which carry its address, images and settings and none of
Millbrook's.

The new repository's Makefile includes the software from its ``civic-hub/``
submodule; the tests point it at this working copy (CIVIC_HUB=ROOT), whose
virtual environment and theme assets ``make setup`` has made, so the software
under test is this one, not its last commit.
"""

from __future__ import annotations

import os
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from .conftest import ROOT

ANSWERS = {
    "NAME": "Testshire County Council",
    "SITE_NAME": "Testshire Directory",
    "URL": "https://directory.testshire.gov.uk",
    "EMAIL": "directory@testshire.gov.uk",
    "COLOUR": "#0b4a6f",
    "REPOSITORY": "https://github.com/testshire/directory",
    "MAINTAINERS": "@testshire/directory-team @testshire-jo",
}
LOGO = b'<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40"/></svg>\n'


def png(width: int, height: int) -> bytes:
    """A plain grey PNG (no imaging library needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\0" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def make(where: Path, *args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "CIVIC_HUB"))}
    return subprocess.run(
        ["make", "--no-print-directory", *args], cwd=where, capture_output=True, text=True, timeout=timeout, env=env
    )


def council_files(repository: Path) -> list[Path]:
    """The council's own files: everything but Git's and the software's."""
    return [
        p
        for p in repository.rglob("*")
        if p.is_file() and not {".git", "civic-hub", "output"} & set(p.relative_to(repository).parts)
    ]


@pytest.fixture(scope="module")
def council(tmp_path_factory) -> Path:
    """A new council's repository, made and committed as the README says."""
    where = tmp_path_factory.mktemp("adopting")
    (where / "logo.svg").write_bytes(LOGO)
    (where / "share.png").write_bytes(png(1200, 630))
    target = where / "testshire-directory"
    answers = [f"{name}={value}" for name, value in ANSWERS.items()]
    images = [f"LOGO={where / 'logo.svg'}", f"SHARE_IMAGE={where / 'share.png'}"]
    done = make(ROOT, "new-council", f"DIR={target}", f"SOFTWARE_URL={ROOT}", *answers, *images)
    assert done.returncode == 0, done.stderr
    assert "Testshire Directory is ready" in done.stdout
    git = ["git", "-c", "user.name=Testshire", "-c", "user.email=directory@testshire.gov.uk"]
    subprocess.run([*git, "commit", "--quiet", "-m", "Start the directory"], cwd=target, check=True)
    return target


def test_the_new_repository_holds_the_councils_files_and_the_software_pinned(council):
    names = {p.relative_to(council).as_posix() for p in council_files(council)}
    assert {
        "Makefile",
        "pelicanconf.py",
        "publishconf.py",
        "README.md",
        ".github/CODEOWNERS",
        ".github/dependabot.yml",
        ".github/workflows/checks.yml",
        ".github/workflows/publish.yml",
        "content/taxonomy/categories.yaml",
        "content/taxonomy/areas.yaml",
        "content/pages/accessibility.md",
        "content/images/logo.svg",
        "content/images/share.png",
    } <= names
    assert not any(name.startswith(("plugins/", "theme/", "tests/")) for name in names)
    pinned = subprocess.run(["git", "-C", "civic-hub", "rev-parse", "HEAD"], cwd=council, capture_output=True)
    ours = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True)
    assert pinned.stdout == ours.stdout
    assert "path = civic-hub" in (council / ".gitmodules").read_text()
    assert "@testshire/directory-team @testshire-jo" in (council / ".github/CODEOWNERS").read_text()


def test_nothing_of_millbrook_is_left_in_the_councils_files(council):
    for path in council_files(council):
        assert b"millbrook" not in path.read_bytes().lower(), path
    conf = (council / "pelicanconf.py").read_text()
    assert "0b7c6a8e-2f0d-5c1e-9a43-6d2e8f1b7c35" not in conf  # the sample's id namespace


def test_its_content_passes_the_content_checks(council):
    done = make(council, "check", f"CIVIC_HUB={ROOT}", timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr


def test_publish_builds_for_the_councils_address_with_its_images(council):
    done = make(council, "publish", f"CIVIC_HUB={ROOT}")
    assert done.returncode == 0, done.stderr
    assert "for https://directory.testshire.gov.uk:" in done.stderr  # the build's last line
    output = council / "output"
    home = (output / "index.html").read_text()
    assert '<link rel="canonical" href="https://directory.testshire.gov.uk/">' in home
    assert 'src="/images/logo.svg"' in home
    assert 'content="https://directory.testshire.gov.uk/images/share.png"' in home
    assert (output / "images/logo.svg").read_bytes() == LOGO
    for path in output.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".xml", ".ics", ".yml", ".txt", ""}:
            assert b"millbrook" not in path.read_bytes().lower(), path


def test_a_volunteers_first_entry_goes_in_with_make_new(council):
    done = make(council, "new", f"CIVIC_HUB={ROOT}", "KIND=organisation", "NAME=Testshire Food Bank")
    assert done.returncode == 0, done.stderr
    assert (council / "content/organisations/testshire-food-bank.yaml").is_file()
    (council / "content/organisations/testshire-food-bank.yaml").unlink()


def test_bad_answers_are_all_reported_and_nothing_is_written(tmp_path):
    target = tmp_path / "bad"
    answers = {**ANSWERS, "COLOUR": "#ffdd00", "URL": "directory.testshire.gov.uk/"}
    done = make(ROOT, "new-council", f"DIR={target}", *(f"{k}={v}" for k, v in answers.items()))
    assert done.returncode != 0
    assert "brand_colour" in done.stderr and "site_url" in done.stderr
    assert "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_folder_already_in_use_is_refused(tmp_path):
    (tmp_path / "in-use").mkdir()
    (tmp_path / "in-use/notes.txt").write_text("mine")
    done = make(ROOT, "new-council", f"DIR={tmp_path / 'in-use'}", *(f"{k}={v}" for k, v in ANSWERS.items()))
    assert done.returncode != 0 and "not empty" in done.stderr
    assert [p.name for p in (tmp_path / "in-use").iterdir()] == ["notes.txt"]
