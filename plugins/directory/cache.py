"""The build cache: what one build keeps for the next, in a folder beside the output.

Everything kept is stored under a key naming all it was made from: the code
(every file of the plugin and the theme's templates), the libraries' versions,
the settings and the build date; each entry file's part also under the file's
own bytes.  A key that differs in anything throws the cache away: a wrong cache
would be a wrong site.

A cache file is written whole, to a temporary name and then renamed, with a
SHA-256 of its contents in its first line; a file cut short, changed by hand or
written by another version is reported with one warning and ignored, never
trusted.  The files are Python pickles, which can run code when loaded: the
folder must be as private as the code (the workflows never carry it between runs).
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
import sys
import tempfile
from functools import cache
from importlib import metadata
from pathlib import Path

logger = logging.getLogger(__name__)

FORMAT = b"civic-hub-cache 1"
PLUGIN = Path(__file__).parent
# the libraries whose output the cache keeps: a new version may read or write differently
LIBRARIES = ("pelican", "jinja2", "markupsafe", "pyyaml", "jsonschema", "markdown-it-py", "nh3", "jsonschema-rs")


def digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))  # so ("ab", "c") and ("a", "bc") differ
        h.update(data)
    return h.hexdigest()


def folder_digest(folder: Path, suffixes=None, skip=("__pycache__", "node_modules")) -> str:
    """One digest of every file under ``folder`` (names and bytes; a link's
    target, not what it points to), leaving out the folders named in ``skip``."""
    parts = []
    for top, folders, files in os.walk(folder):
        folders[:] = sorted(f for f in folders if f not in skip)
        links = [f for f in folders if Path(top, f).is_symlink()]  # listed, never followed
        for name in sorted(files + links):
            path = Path(top, name)
            if suffixes is None or path.suffix in suffixes:
                data = os.readlink(path) if path.is_symlink() else path.read_bytes()
                parts += [str(path.relative_to(folder)), data]
    return digest(*parts)


def _version(library: str) -> str:
    try:
        return metadata.version(library)
    except metadata.PackageNotFoundError:
        return "absent"


@cache
def code_version() -> str:
    """The plugin's code, schemas and templates, the libraries' versions and Python's."""
    versions = [f"{lib}={_version(lib)}" for lib in LIBRARIES]
    return digest(sys.version, *versions, folder_digest(PLUGIN, {".py", ".json", ".xml", ".css", ".txt", ".yml"}))


class Cache:
    """The cache folder; ``None`` as the folder keeps nothing (every read misses)."""

    def __init__(self, folder: Path | None):
        self.folder = Path(folder) if folder else None

    def load(self, name: str, key: str):
        """What was saved under ``name`` with this ``key``, or None."""
        if self.folder is None:
            return None
        path = self.folder / f"{name}.pickle"
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as err:
            return self._distrust(path, f"it cannot be read ({err.strerror})")
        header, _, payload = raw.partition(b"\n")
        fields = header.split(b" ")
        if b" ".join(fields[:2]) != FORMAT or len(fields) != 4:
            return self._distrust(path, "it was not written by this version of Civic Hub")
        if fields[2].decode() != hashlib.sha256(payload).hexdigest():
            return self._distrust(path, "it is damaged (cut short, or changed since it was written)")
        if fields[3].decode() != key:
            return None  # made from other code, settings or a different day: simply out of date
        gc.disable()  # loading makes a great many objects, all kept: collecting meanwhile finds nothing
        try:
            return pickle.loads(payload)
        except Exception as err:  # noqa: BLE001 - whatever the reason, a cache that does not load is not used
            return self._distrust(path, f"it cannot be loaded ({type(err).__name__})")
        finally:
            gc.enable()

    def save(self, name: str, key: str, value) -> None:
        if self.folder is None:
            return
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        header = b" ".join([FORMAT, hashlib.sha256(payload).hexdigest().encode(), key.encode()])
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=f".{name}.", dir=self.folder)
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(header + b"\n" + payload)
            os.replace(temporary, self.folder / f"{name}.pickle")
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def _distrust(self, path: Path, why: str):
        logger.warning("warning: the build cache %s was not used: %s; building without it", path, why)
        path.unlink(missing_ok=True)
        return None
