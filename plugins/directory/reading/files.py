"""Which files of a content folder are entries, and reading them safely.

Contributors are untrusted and Git checks out symbolic links as links, so only
ordinary files inside the kinds' folders are read; a link, a device or a pipe
is an error naming its path, and is never opened (so nothing outside the
content folder can be published or echoed into a log).  Nothing is ignored
without a word: every other file is an error, except the few in
:data:`IGNORED`, which docs/content-format.md lists, and the council's pictures
in ``images/`` (copied to the site as they are, never read as entries).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from ..hosting import CONTENT_TYPES
from ..kinds import FOLDERS, kinds_in
from .characters import unprintable_character, without_unprintable

# files a content folder may hold that are not entries: Git's placeholders,
# a README, and what file managers leave behind
IGNORED = (".gitkeep", ".gitignore", "README.md", ".DS_Store", "Thumbs.db", "desktop.ini")
FOLDER_LIST = ", ".join(f"{folder}/" for folder in FOLDERS)
# the council's logo and share image: <content>/images/ is the site's /images/
# (pelican_defaults.STATIC_PATHS); pictures of the types the site is served with
IMAGES = "images"
IMAGE_SUFFIXES = tuple(suffix for suffix, kind in CONTENT_TYPES.items() if kind.startswith("image/"))
SETTLED_NS = 1_000_000_000  # a file's status is trusted once it has not changed for this long
# names Windows keeps for devices, whatever ending follows them ("nul.yaml" is
# "nul"): a repository holding one cannot be checked out there
WINDOWS_DEVICES = frozenset(
    ["con", "prn", "aux", "nul", "conin$", "conout$"]
    + [f"{port}{n}" for port in ("com", "lpt") for n in (*"0123456789", "\u00b9", "\u00b2", "\u00b3")]
)


class FileProblem(Exception):
    """A file that cannot be read as an entry; the message says why."""


def _listing(folder: Path, problem) -> Iterator[os.DirEntry]:
    """The folders and ordinary files in ``folder``, by name, less those in
    IGNORED; ``problem`` is told of links, devices, pipes and sockets."""
    # the types the folder listing gives (no stat per file: ten thousand files are read on every save)
    with os.scandir(folder) as found:
        entries = sorted(found, key=lambda e: e.name)
    for entry in entries:
        if entry.is_symlink():
            problem(entry.path, "this is a link (a symbolic link), which is never followed; put the file itself here")
        elif not (entry.is_dir(follow_symlinks=False) or entry.is_file(follow_symlinks=False)):
            problem(entry.path, "this is not an ordinary file (a device, pipe or socket); remove it")
        elif entry.name not in IGNORED:
            yield entry


def stem_and_suffix(name: str) -> tuple[str, str]:
    """A file name's stem and suffix, as pathlib splits them ("a.b.yaml": "a.b", ".yaml")."""
    dot = name.rfind(".")
    return (name[:dot], name[dot:]) if 0 < dot < len(name) - 1 else (name, "")


def windows_device(name: str) -> str | None:
    """The device ``name`` means on Windows ("con" for "CON.backup.yaml"), or None."""
    device = name.split(".", 1)[0].rstrip(" ").lower()
    return device if device in WINDOWS_DEVICES else None


def name_problem(name: str) -> str | None:
    """Why no entry's file may be called ``name`` on any contributor's machine, or None."""
    unprintable = unprintable_character(name)
    if unprintable:
        suggestion = without_unprintable(name)
        rename = f"; rename it to {suggestion!r}" if suggestion else ""
        return f"the file name has {unprintable}{rename}"
    device = windows_device(name)
    if device:
        return (
            f"Windows cannot have a file called {name}: choose another name "
            f"({device} is a device's name there, whatever follows it)"
        )
    return None


def find_entries(root: Path, problem: Callable[[str, str], None], data_files=()) -> Iterator[tuple[object, str]]:
    """``(kind, path)`` for every file that should be an entry, kind by kind;
    ``problem(path, message)`` for everything else that is not in IGNORED or
    ``data_files`` (files at the top that settings name, such as the postcodes)."""
    for entry in _listing(root, problem):
        if entry.name in data_files:
            continue
        if not entry.is_dir(follow_symlinks=False):
            problem(entry.path, f"this file is not read here; entries go in one of {FOLDER_LIST}")
        elif entry.name == IMAGES:
            _check_images(Path(entry.path), problem)
        elif entry.name not in FOLDERS:
            problem(entry.path, f"the folder {entry.name}/ is not read; entries go in one of {FOLDER_LIST}")
    for name in FOLDERS:
        folder = root / name
        if folder.is_dir() and not folder.is_symlink():
            yield from _entries_of(name, folder, problem)


def _check_images(folder: Path, problem) -> None:
    """``problem`` for anything in ``folder`` (images/, and folders in it) that
    is not a picture the build may copy to the site as it is."""
    for entry in _listing(folder, problem):
        stem, suffix = stem_and_suffix(entry.name)
        if why := name_problem(entry.name):
            problem(entry.path, why)
        elif entry.name.startswith("."):
            name = entry.name.lstrip(".")
            problem(entry.path, f"hidden files are not published; rename it to '{name}', or delete it")
        elif entry.is_dir(follow_symlinks=False):
            _check_images(Path(entry.path), problem)
        elif suffix not in IMAGE_SUFFIXES:
            lower = f": rename it to '{stem}{suffix.lower()}'" if suffix.lower() in IMAGE_SUFFIXES else ""
            problem(entry.path, f"{IMAGES}/ holds pictures ending in {', '.join(IMAGE_SUFFIXES)}{lower}")


def _kind_of(folder: str, stem: str):
    """The kind a file of ``folder`` named ``stem`` is, or None when no kind takes it."""
    kinds = kinds_in(folder)
    named = [k for k in kinds if stem in k.file_stems]
    return (named or [k for k in kinds if not k.file_stems] or [None])[0]


def _entries_of(folder_name: str, folder: Path, problem) -> Iterator[tuple[object, str]]:
    for entry in _listing(folder, problem):
        path, name = entry.path, entry.name
        stem, suffix = stem_and_suffix(name)
        kind = _kind_of(folder_name, stem)
        if entry.is_dir(follow_symlinks=False):
            problem(path, f"folders inside {folder_name}/ are not read; put its files in {folder_name}/ itself")
        elif why := name_problem(name):
            problem(path, why)
        elif name.startswith("."):
            problem(path, f"hidden files are not read; rename it to '{name.lstrip('.')}', or delete it")
        elif kind is None:
            names = ", ".join(stem + k.suffixes[0] for k in kinds_in(folder_name) for stem in k.file_stems)
            problem(path, f"unknown file in {folder_name}/; use one of: {names}")
        elif suffix.lower() in kind.suffixes and suffix not in kind.suffixes:
            problem(path, f"the file name must end in lower case: rename it to '{stem}{suffix.lower()}'")
        elif suffix not in kind.suffixes:
            problem(path, f"files in {folder_name}/ must end in {' or '.join(kind.suffixes)}; rename it or move it")
        else:
            yield kind, path


def read_bytes(path: str | Path, limit: int) -> bytes:
    """The bytes of the ordinary file at ``path``, at most ``limit``; never
    through a link, never from a device (opened without following links, then
    checked, so a file swapped for a link in between is refused too)."""
    return read_file(path, limit)[0]


def read_file(path: str | Path, limit: int) -> tuple[bytes, os.stat_result]:
    """:func:`read_bytes`, and the file's status as it was opened."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as err:
        raise FileProblem(f"the file cannot be read ({err.strerror.lower()})") from None
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem("this is not an ordinary file; remove it")
        if info.st_size > limit:
            raise FileProblem(
                f"the file is too large ({info.st_size:,} bytes; at most {limit:,}); one entry per file is plenty"
            )
        raw = file.read(limit + 1)
    if len(raw) > limit:  # it grew while being read
        raise FileProblem(f"the file is too large (over {limit:,} bytes)")
    return raw, info


def signature(info: os.stat_result) -> tuple:
    """What changes whenever a file's bytes do: any write sets its change time
    (which, unlike the modification time, no program can set back)."""
    return info.st_mode, info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns


def settled(info: os.stat_result, now_ns: int) -> bool:
    """Whether the file last changed over a second ago.  A signature is trusted only
    then: a file written twice within one tick of the clock keeps the same times."""
    return now_ns - info.st_ctime_ns > SETTLED_NS
