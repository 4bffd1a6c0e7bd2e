"""What the build cache trusts: its folder, and the key that signs its files.

The cache's files are Python pickles, which run code when loaded, so a build
reads only files a build of the same user on the same machine wrote.  Each one
is signed (cache.py) with this user's key, made on first use and kept outside
every repository: ``$XDG_CACHE_HOME/civic-hub/cache.key`` (``~/.cache/civic-hub/``
when XDG_CACHE_HOME is not set), 32 random bytes that only this user can read.
Nobody who can only commit to the repository can sign a file with it.

The folder itself is not used at all if Git tracks any file in it (a pull
request can commit one with ``git add -f``) or if another user could have put
or changed a file in it.  Whatever is doubtful raises Untrusted, which cache.py
reports as one warning before building without the cache.
"""

from __future__ import annotations

import os
import secrets
import stat
import subprocess
import tempfile
from contextlib import suppress
from pathlib import Path

from .problems import DirectoryError

KEY_BYTES = 32
OTHERS_WRITE = stat.S_IWGRP | stat.S_IWOTH
OTHERS_ANY = stat.S_IRWXG | stat.S_IRWXO
NEW_FOLDER = "; delete the folder and the next build makes a private one"
NEW_KEY = "; delete it and the next build makes a new one"


class Untrusted(DirectoryError):
    """Why a cache folder, or the key that signs its files, is not used."""


def key_path() -> Path:
    """Where this user's key is kept, outside every repository."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    try:
        root = Path(base) if os.path.isabs(base) else Path.home() / ".cache"  # the XDG rule: relative is ignored
    except RuntimeError:  # no HOME, and this user is in no list of users
        root = Path()
    if not root.is_absolute():  # else the key would be made wherever the build runs: in the repository, maybe
        raise Untrusted("there is no home folder to keep its key in; set HOME or XDG_CACHE_HOME")
    return root / "civic-hub" / "cache.key"


def machine_key() -> bytes:
    """This user's key, made the first time; Untrusted if it cannot be trusted."""
    path = key_path()
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        _private(os.stat(path.parent), f"the folder of its key, {path.parent},", OTHERS_WRITE)
        if tracked := tracked_file(path.parent):  # XDG_CACHE_HOME inside a checkout: a pull request could commit it
            raise Untrusted(f"Git tracks files in the folder of its key ({tracked}), so anyone may know the key")
        fd = _open_key(path)
    except OSError as err:
        raise Untrusted(f"its key {path} cannot be made or read ({err.strerror or err})") from None
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(file.fileno())  # of the file opened, not of whatever the name leads to now
        if not stat.S_ISREG(info.st_mode):
            raise Untrusted(f"its key {path} is not a file")
        _private(info, f"its key {path}", OTHERS_ANY, NEW_KEY)  # read by another, it is known: a new one is needed
        key = file.read(KEY_BYTES + 1)
    if len(key) != KEY_BYTES:
        raise Untrusted(f"its key {path} is damaged (not {KEY_BYTES} bytes){NEW_KEY}")
    return key


def _open_key(path: Path) -> int:
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC  # a link put in the key's place is not followed
    try:
        return os.open(path, flags)
    except FileNotFoundError:
        _make_key(path)
        return os.open(path, flags)


def _make_key(path: Path) -> None:
    """Random bytes written whole under a temporary name (mode 0600), then linked
    to the key's name: of two builds making a key at once, the first link wins,
    and both read that one key."""
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(secrets.token_bytes(KEY_BYTES))
            file.flush()
            os.fsync(file.fileno())
        with suppress(FileExistsError):  # another build made it first: its key is the one
            os.link(temporary, path)
    finally:
        os.unlink(temporary)


def check_folder(folder: Path) -> None:
    """Untrusted if Git tracks a file in ``folder``, or another user could have
    written in it; a folder not there yet is fine (the cache makes it private)."""
    if tracked := tracked_file(folder):
        raise Untrusted(
            f"Git tracks files in it ({tracked}), so it came from a repository, not from a build on this machine; "
            "a build cache is never committed"
        )
    try:
        info = os.stat(folder)
    except FileNotFoundError:
        return
    except OSError as err:
        raise Untrusted(f"it cannot be read ({err.strerror})") from None
    if not stat.S_ISDIR(info.st_mode):
        raise Untrusted("it is not a folder")
    _private(info, "it", OTHERS_WRITE, NEW_FOLDER)
    with os.scandir(folder) as entries:
        for entry in entries:
            try:
                info = entry.stat(follow_symlinks=False)
            except FileNotFoundError:
                continue  # another build's temporary file, renamed meanwhile
            if stat.S_ISLNK(info.st_mode):
                raise Untrusted(f"it holds a link, {entry.name}{NEW_FOLDER}")
            _private(info, f"{entry.name} in it", OTHERS_WRITE, NEW_FOLDER)


def _private(info: os.stat_result, what: str, others: int, fix: str = "") -> None:
    """Untrusted unless ``info`` is this user's and gives other users none of ``others``."""
    if info.st_uid != os.getuid():
        raise Untrusted(f"{what} belongs to another user (uid {info.st_uid}){fix}")
    if info.st_mode & others:
        can = "read or changed" if others & (stat.S_IRGRP | stat.S_IROTH) else "changed"
        raise Untrusted(f"{what} can be {can} by other users (mode {stat.S_IMODE(info.st_mode):04o}){fix}")


def tracked_file(folder: Path) -> str | None:
    """A file in ``folder`` that the Git repository holding it tracks, if any
    (None too without Git, or outside a repository)."""
    if not folder.parent.is_dir():
        return None
    command = ["git", "--literal-pathspecs", "-C", str(folder.parent), "ls-files", "-z", "--", folder.name]
    try:
        done = subprocess.run(command, capture_output=True, timeout=60, env={**os.environ, "LC_ALL": "C"})
    except FileNotFoundError:
        return None  # no Git: nothing tracked
    except (OSError, subprocess.SubprocessError) as err:
        raise Untrusted(f"Git could not say whether it tracks files in {folder} ({err})") from None
    if done.returncode == 0:
        names = done.stdout.split(b"\0")
        return os.fsdecode(names[0]) if names[0] else None
    said = done.stderr.decode("utf-8", "replace").strip()
    if "not a git repository" in said:
        return None
    # a repository Git will not look into (another user's, say): doubtful, so not used
    last = said.splitlines()[-1] if said else "no message"
    raise Untrusted(f"Git could not say whether it tracks files in {folder} ({last})")
