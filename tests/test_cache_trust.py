"""The build cache never runs code a contributor committed (cache.py, cache_trust.py).

The cache's files are pickles, and a pull request can commit a file into
``.output.cache/`` with ``git add -f``.  Each test forges the record of the last
build (the first cache file a build loads) with a pickle that makes a marker
folder when it is loaded, under the key the build will look for, and builds
with the real build command: the marker must never appear, one warning must
name the folder or the file, and the site must still be built.  The control
shows that each forgery is sound: signed with this machine's own key and left
in the build's own private folder, the same file is loaded.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from directory.cache import Cache
from directory.cache_trust import key_path, machine_key, tracked_file
from directory.commands.build import cache_folder
from directory.commands.cli import pelican_settings
from directory.commands.up_to_date import RECORD, inputs_key
from directory.logs import plain_output

from .conftest import CONF, ROOT

NOBODY = 65534


class Payload:
    """What a contributor's pickle would do when loaded: here, make a folder."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return os.mkdir, (str(self.marker),)


@pytest.fixture(autouse=True)
def own_key(tmp_path, monkeypatch) -> Path:
    """This machine's key folder, for these tests: in tmp_path, never in ~/.cache."""
    home = tmp_path / "this-machine"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def plain_messages():
    """Messages on stderr as the commands print them (cli.setup_logging does this
    first; the build fixture runs the build without it)."""
    plain_output()


def record_key(content: Path, output: Path) -> str:
    """The key the build looks for the record of the last build under, computed
    as the build computes it (anyone can: it holds no secret)."""
    machine = {"DIRECTORY_BUILD": {"jobs": 1, "cache": str(cache_folder(output)), "memory_mb": 1000}}
    return inputs_key(content, pelican_settings(str(CONF), {"PATH": str(content), **machine}))


def forge_old_format(folder: Path, key: str, marker: Path) -> None:
    """Exactly as the cache wrote its files before it signed them: a SHA-256 anyone can compute."""
    payload = pickle.dumps(Payload(marker), protocol=pickle.HIGHEST_PROTOCOL)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)  # as private as the build's own
    header = b" ".join([b"civic-hub-cache 1", hashlib.sha256(payload).hexdigest().encode(), key.encode()])
    (folder / f"{RECORD}.pickle").write_bytes(header + b"\n" + payload)
    (folder / f"{RECORD}.pickle").chmod(0o600)


def forge_signed(folder: Path, key: str, marker: Path, home: Path, monkeypatch) -> None:
    """In the current format, signed by the cache's own code with the key kept in ``home``."""
    mine = os.environ["XDG_CACHE_HOME"]
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    try:
        Cache(folder).save(RECORD, key, Payload(marker))
    finally:
        monkeypatch.setenv("XDG_CACHE_HOME", mine)


def zero_key_home(tmp_path: Path) -> Path:
    """A key folder holding a guessed key (all zeros), private as a real one."""
    home = tmp_path / "guessed"
    (home / "civic-hub").mkdir(mode=0o700, parents=True)
    (home / "civic-hub/cache.key").write_bytes(bytes(32))
    (home / "civic-hub/cache.key").chmod(0o600)
    return home


def forge(how: str, folder: Path, key: str, marker: Path, tmp_path: Path, monkeypatch) -> None:
    if how == "old format":
        forge_old_format(folder, key, marker)
    elif how == "all-zero key":
        forge_signed(folder, key, marker, zero_key_home(tmp_path), monkeypatch)
    elif how == "another home's key":
        forge_signed(folder, key, marker, tmp_path / "another-home", monkeypatch)
    else:
        forge_signed(folder, key, marker, tmp_path / "this-machine", monkeypatch)


def site_folder(copy_fixture, where: Path) -> Path:
    """A site folder holding the minimal fixture as content/; its content folder."""
    where.mkdir(parents=True, exist_ok=True)
    return copy_fixture().rename(where / "content")


def git(where: Path, *args: str) -> None:
    identity = ["-c", "user.name=Contributor", "-c", "user.email=contributor@example.org"]
    subprocess.run(["git", *identity, "-C", str(where), *args], check=True, capture_output=True)


def snapshot(folder: Path) -> dict:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


FORGERIES = ["old format", "all-zero key", "another home's key"]


# --- a cache committed to the repository ---


@pytest.mark.parametrize("how", [*FORGERIES, "this machine's key"])
def test_a_cache_committed_to_a_branch_is_not_used_in_a_fresh_clone(copy_fixture, tmp_path, monkeypatch, how):
    repository, clone = tmp_path / "repository", tmp_path / "clone"
    site_folder(copy_fixture, repository)
    (repository / ".gitignore").write_text("/output/\n/.output.*\n")  # as the project's own
    marker = tmp_path / "the contributor's code ran"
    # the key a reviewer's clone will look for (Pelican wants the content where it says)
    shutil.copytree(repository / "content", clone / "content")
    key = record_key(clone / "content", clone / "output")
    shutil.rmtree(clone)
    # even this machine's own signature does not make a committed file trusted
    forge(how, cache_folder(repository / "output"), key, marker, tmp_path, monkeypatch)
    git(repository, "init", "-q")
    git(repository, "add", "-f", ".")
    git(repository, "commit", "-q", "-m", "Add a service")
    subprocess.run(["git", "clone", "-q", str(repository), str(clone)], check=True, capture_output=True)
    kept = cache_folder(clone / "output")
    assert record_key(clone / "content", clone / "output") == key, "the forged file is current in the clone"
    before = snapshot(kept)

    command = ["directory.commands.build", str(clone / "content"), "-o", str(clone / "output"), "-s", str(CONF)]
    built = subprocess.run(  # as `make html` runs it
        [sys.executable, "-m", *command],
        cwd=clone,
        env={**os.environ, "PYTHONPATH": str(ROOT / "plugins")},
        capture_output=True,
        text=True,
    )

    assert not marker.exists(), "a committed pickle was loaded"
    assert built.stderr.count(f"the build cache {kept} was not used: Git tracks files in it") == 1, built.stderr
    assert built.returncode == 0 and (clone / "output/index.html").is_file()
    assert snapshot(kept) == before, "nothing was written into the committed folder"


# --- a forged file in the build's own folder ---


@pytest.mark.parametrize("how", FORGERIES)
def test_a_file_not_signed_with_this_machine_s_key_is_not_loaded(
    build, copy_fixture, tmp_path, capsys, monkeypatch, how
):
    content = site_folder(copy_fixture, tmp_path / "site")
    output = tmp_path / "site/output"
    marker = tmp_path / "the contributor's code ran"
    forge(how, cache_folder(output), record_key(content, output), marker, tmp_path, monkeypatch)
    forged = cache_folder(output) / f"{RECORD}.pickle"
    capsys.readouterr()

    code, _ = build(content, output)

    assert not marker.exists(), "a forged pickle was loaded"
    assert f"the build cache {forged} was not used" in capsys.readouterr().err
    assert code == 0 and (output / "index.html").is_file()


def test_control_a_file_signed_with_this_machine_s_key_is_loaded(build, copy_fixture, tmp_path, monkeypatch):
    """The forgeries above are sound: the same file, signed with the key only this
    machine's builds have, is loaded; so the key computed is the one the build uses."""
    content = site_folder(copy_fixture, tmp_path / "site")
    output = tmp_path / "site/output"
    marker = tmp_path / "the contributor's code ran"
    forge("this machine's key", cache_folder(output), record_key(content, output), marker, tmp_path, monkeypatch)
    assert build(content, output)[0] == 0
    assert marker.is_dir()


# --- a folder another user could write in ---


def writable_by_others(folder: Path) -> None:
    folder.chmod(folder.stat().st_mode | stat.S_IWOTH)


def writable_by_the_group(folder: Path) -> None:
    folder.chmod(folder.stat().st_mode | stat.S_IWGRP)


def folder_of_another_user(folder: Path) -> None:
    os.chown(folder, NOBODY, -1)


def file_of_another_user(folder: Path) -> None:
    os.chown(folder / f"{RECORD}.pickle", NOBODY, -1)


def file_writable_by_others(folder: Path) -> None:
    path = folder / f"{RECORD}.pickle"
    path.chmod(path.stat().st_mode | stat.S_IWOTH)


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (writable_by_others, "it can be changed by other users (mode 0702)"),
        (writable_by_the_group, "it can be changed by other users (mode 0720)"),
        (folder_of_another_user, f"it belongs to another user (uid {NOBODY})"),
        (file_of_another_user, f"{RECORD}.pickle in it belongs to another user (uid {NOBODY})"),
        (file_writable_by_others, f"{RECORD}.pickle in it can be changed by other users (mode 0602)"),
    ],
    ids=lambda v: v.__name__.replace("_", " ") if callable(v) else "",
)
def test_a_cache_folder_another_user_could_write_in_is_refused(
    build, copy_fixture, tmp_path, capsys, monkeypatch, change, why
):
    content, output, kept, marker = signed_here(copy_fixture, tmp_path, monkeypatch)
    change(kept)
    refused_and_built(build, capsys, content, output, marker, f"the build cache {kept} was not used: {why}")


def signed_here(copy_fixture, tmp_path, monkeypatch) -> tuple[Path, Path, Path, Path]:
    """A site whose cache holds a file signed with this machine's key, so only a
    refusal (of the folder, of the key) keeps it from being loaded: ``(content,
    output, cache folder, the file its pickle would make)``."""
    content = site_folder(copy_fixture, tmp_path / "site")
    output = tmp_path / "site/output"
    kept = cache_folder(output)
    marker = tmp_path / "the contributor's code ran"
    forge("this machine's key", kept, record_key(content, output), marker, tmp_path, monkeypatch)
    return content, output, kept, marker


def refused_and_built(build, capsys, content: Path, output: Path, marker: Path, warning: str) -> None:
    """The build warns once, loads nothing, writes nothing into the cache, and builds."""
    before = snapshot(cache_folder(output))
    capsys.readouterr()
    code, _ = build(content, output)
    said = capsys.readouterr().err
    assert said.count(warning) == 1, said
    assert not marker.exists()
    assert code == 0 and (output / "index.html").is_file()
    assert snapshot(cache_folder(output)) == before, "nothing was written into the refused folder"


# --- the key ---


def test_the_key_is_made_once_private_and_the_same_for_builds_started_together(tmp_path, own_key):
    code = "from directory.cache_trust import machine_key; print(machine_key().hex())"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
    started = [
        subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=env) for _ in range(6)
    ]
    keys = {process.communicate(timeout=60)[0].strip() for process in started}
    assert all(process.returncode == 0 for process in started)
    assert len(keys) == 1 and len(bytes.fromhex(keys.pop())) == 32
    path = own_key / "civic-hub/cache.key"
    assert key_path() == path
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert [p.name for p in path.parent.iterdir()] == ["cache.key"], "no temporary file is left"


def key_readable_by_others(key: Path) -> None:
    key.chmod(0o644)


def key_of_another_user(key: Path) -> None:
    os.chown(key, NOBODY, -1)


def key_folder_writable_by_others(key: Path) -> None:
    key.parent.chmod(0o702)


def key_cut_short(key: Path) -> None:
    key.write_bytes(key.read_bytes()[:16])


def key_committed(key: Path) -> None:
    """XDG_CACHE_HOME inside a checkout, and the key committed: anyone may know it."""
    git(key.parent.parent, "init", "-q")
    git(key.parent.parent, "add", "-f", ".")


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (key_committed, "Git tracks files in the folder of its key (civic-hub/cache.key), so anyone may know the key"),
        (key_readable_by_others, "its key {key} can be read or changed by other users (mode 0644)"),
        (key_of_another_user, f"its key {{key}} belongs to another user (uid {NOBODY})"),
        (key_folder_writable_by_others, "the folder of its key, {folder}, can be changed by other users (mode 0702)"),
        (key_cut_short, "its key {key} is damaged (not 32 bytes)"),
    ],
    ids=lambda v: v.__name__.replace("_", " ") if callable(v) else "",
)
def test_a_key_others_could_read_or_change_is_not_trusted(
    build, copy_fixture, tmp_path, capsys, monkeypatch, change, why
):
    content, output, kept, marker = signed_here(copy_fixture, tmp_path, monkeypatch)
    key = key_path()
    change(key)
    warning = f"the build cache {kept} was not used: {why.format(key=key, folder=key.parent)}"
    refused_and_built(build, capsys, content, output, marker, warning)


# --- the cache still works ---


def test_the_cache_is_private_signed_and_read_by_the_next_build(build, copy_fixture, tmp_path, capsys, own_key):
    content = site_folder(copy_fixture, tmp_path / "site")
    output = tmp_path / "site/output"
    assert build(content, output)[0] == 0
    kept = cache_folder(output)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o700
    assert {p.name for p in kept.iterdir()} == {"reading.pickle", f"{RECORD}.pickle"}
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in kept.iterdir())
    assert machine_key() == (own_key / "civic-hub/cache.key").read_bytes()
    capsys.readouterr()
    assert build(content, output)[0] == 0
    said = capsys.readouterr().err
    assert "Nothing has changed since the last build" in said and "warning" not in said


def test_a_cache_moved_to_another_name_is_not_loaded(tmp_path, capsys):
    """The signature covers what the file is: the record of one build is not read as another file."""
    cache = Cache(tmp_path / "kept")
    cache.save(RECORD, "key", ["a record"])
    shutil.copy(tmp_path / f"kept/{RECORD}.pickle", tmp_path / "kept/reading.pickle")
    capsys.readouterr()
    assert cache.load(RECORD, "key") == ["a record"]
    assert cache.load("reading", "key") is None
    assert "its signature is wrong" in capsys.readouterr().err


def test_without_git_or_outside_a_repository_nothing_is_tracked(tmp_path, monkeypatch):
    (tmp_path / "kept").mkdir()
    (tmp_path / "kept/reading.pickle").write_bytes(b"")
    assert tracked_file(tmp_path / "kept") is None  # tmp_path is in no repository
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "kept")
    assert tracked_file(tmp_path / "kept") == "kept/reading.pickle"
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    assert tracked_file(tmp_path / "kept") is None  # no Git: nothing can be tracked
