"""The build cache: what one build keeps for the next, in a folder beside the output.

Everything kept is stored under a key naming all it was made from: the code
(every file of the plugin), the libraries' versions, the settings and the build
date; each entry file's part also under the file's own bytes, and the record of
the last build (commands/up_to_date.py) also under the theme and the content.
A key that differs in anything throws the cache away: a wrong cache would be a
wrong site.

The files are Python pickles, which run code when loaded, so the cache trusts
only what a build of this user on this machine wrote (cache_trust.py says how):
each file is written whole, to a temporary name and then renamed, with an
HMAC-SHA256 in its first line, made with a key kept outside the repository
(``~/.cache/civic-hub/cache.key``) over the file's name, key and contents, and
checked in full before anything is unpickled.  Anyone can compute a checksum,
and a pull request can commit a file beside the output (``git add -f``), so a
file that is not signed with this machine's key, cut short, changed by hand or
written by another version is reported with one warning and ignored, never
loaded.  A folder Git tracks, or one another user could write in, is not used
at all (one warning; the build runs without it).
"""

from __future__ import annotations

import gc
import hashlib
import hmac
import logging
import os
import pickle
import sys
import tempfile
from contextlib import suppress
from functools import cache
from pathlib import Path

from .cache_trust import Untrusted, check_folder, machine_key

logger = logging.getLogger(__name__)

FORMAT = b"civic-hub-cache 2"  # 2: signed with the key of cache_trust.py (1 had a bare SHA-256)
HEADER_BYTES = 1024  # the first line is far shorter: a longer one is not a cache file
PLUGIN = Path(__file__).parent


def digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))  # so ("ab", "c") and ("a", "bc") differ
        h.update(data)
    return h.hexdigest()


def folder_digest(folder: Path, skip=("__pycache__", "node_modules")) -> str:
    """One digest of every file under ``folder`` (names and bytes; a link's
    target, not what it points to), leaving out the folders named in ``skip``."""
    parts = []
    for top, folders, files in os.walk(folder):
        folders[:] = sorted(f for f in folders if f not in skip)
        links = [f for f in folders if Path(top, f).is_symlink()]  # listed, never followed
        for name in sorted(files + links):
            path = Path(top, name)
            data = os.readlink(path) if path.is_symlink() else path.read_bytes()
            parts += [str(path.relative_to(folder)), data]
    return digest(*parts)


@cache
def code_version() -> str:
    """Every file of the plugin (code, schemas, templates), every installed
    library's version (any of them may read or write differently) and Python's."""
    return digest(sys.version, *installed(), folder_digest(PLUGIN))


def installed() -> list[str]:
    """The installed libraries with their versions, as their metadata folders are
    named ("Jinja2-3.1.6.dist-info"): reading each one's metadata would take longer."""
    found = []
    for folder in sys.path:
        with suppress(OSError):
            found += [name for name in os.listdir(folder or ".") if name.endswith((".dist-info", ".egg-info"))]
    return sorted(found)


class Cache:
    """The cache folder; ``None`` as the folder keeps nothing (every read misses),
    and so does a folder that cannot be trusted (cache_trust.py), after one warning."""

    def __init__(self, folder: Path | str | None):
        self.folder: Path | None = None
        self.secret = b""
        # path -> (signature, key) of files read before, for a process that reads
        # again; None here: between two processes the times alone are not trusted
        self.files: dict | None = None
        if folder:
            try:
                check_folder(Path(folder))
                self.secret = machine_key()
            except Untrusted as why:
                logger.warning("warning: the build cache %s was not used: %s; building without it", folder, why)
            else:
                self.folder = Path(folder)

    def load(self, name: str, key: str):
        """What was saved under ``name`` with this ``key``, or None."""
        if self.folder is None:
            return None
        path = self.folder / f"{name}.pickle"
        try:
            with open(path, "rb") as file:
                return self._read(file, path, name, key)
        except FileNotFoundError:
            return None
        except OSError as err:
            return self._distrust(path, f"it cannot be read ({err.strerror})")

    def _read(self, file, path: Path, name: str, key: str):
        fields = file.readline(HEADER_BYTES).rstrip(b"\n").split(b" ")
        if b" ".join(fields[:2]) != FORMAT or len(fields) != 4:
            return self._distrust(path, "it was not written by this version of Civic Hub")
        if fields[3] != key.encode():
            return None  # made from other code, settings or a different day: simply out of date
        start, signature = file.tell(), _signature(self.secret, name, key)
        while chunk := file.read(1 << 20):  # checked whole before anything is loaded from it
            signature.update(chunk)
        if not hmac.compare_digest(fields[2], signature.hexdigest().encode()):
            return self._distrust(
                path, "it was not written by a build on this machine, or was changed since (its signature is wrong)"
            )
        file.seek(start)
        gc.disable()  # loading makes a great many objects, all kept: collecting meanwhile finds nothing
        try:
            return pickle.load(file)
        except Exception as err:  # noqa: BLE001 - whatever the reason, a cache that does not load is not used
            return self._distrust(path, f"it cannot be loaded ({type(err).__name__})")
        finally:
            gc.enable()

    def save(self, name: str, key: str, value) -> None:
        """Written to a temporary file, then renamed: a build stopped half-way leaves the old one."""
        if self.folder is None:
            return
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)  # private: cache_trust.py refuses it otherwise
        fd, temporary = tempfile.mkstemp(prefix=f".{name}.", dir=self.folder)
        try:
            with os.fdopen(fd, "w+b") as file:
                file.write(b" ".join([FORMAT, b"0" * 64, key.encode()]) + b"\n")
                payload = _Signing(file, _signature(self.secret, name, key))
                pickle.dump(value, payload, protocol=pickle.HIGHEST_PROTOCOL)  # streamed: no copy in memory
                file.seek(len(FORMAT) + 1)
                file.write(payload.signature.hexdigest().encode())
            os.replace(temporary, self.folder / f"{name}.pickle")
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def _distrust(self, path: Path, why: str):
        logger.warning("warning: the build cache %s was not used: %s; building without it", path, why)
        path.unlink(missing_ok=True)
        return None


def _signature(secret: bytes, name: str, key: str) -> hmac.HMAC:
    """The HMAC-SHA256 a file's contents go into, begun with what the file is
    (so a file signed as one name, key or format is not taken for another)."""
    signature = hmac.new(secret, digestmod=hashlib.sha256)
    for part in (FORMAT, name.encode(), key.encode()):
        signature.update(len(part).to_bytes(8, "big") + part)
    return signature


class MemoryCache:
    """A cache kept in this process's memory, for a process that builds again and
    again (the devserver's preview): nothing is pickled, and what a build kept is
    the very objects the next one gets (an unchanged file's model object stays the
    same object, so a changed entry is one that is not).  What it does not hold
    yet it looks for in ``first`` (the cache folder a build has just written)."""

    def __init__(self, first: Cache | None = None):
        self.kept: dict[str, tuple[str, object]] = {}
        self.first = first or Cache(None)
        self.files: dict = {}  # reading/loader.py: a file whose status is the same is not read again

    def load(self, name: str, key: str):
        if name not in self.kept:
            self.kept[name] = (key, self.first.load(name, key))  # held from now on: the same objects each time
        kept_key, value = self.kept[name]
        return value if kept_key == key else None

    def save(self, name: str, key: str, value) -> None:
        self.kept[name] = (key, value)


class _Signing:
    """A file that keeps the signature of what is written to it."""

    def __init__(self, file, signature: hmac.HMAC):
        self.file, self.signature = file, signature

    def write(self, data) -> int:
        self.signature.update(data)
        return self.file.write(data)
