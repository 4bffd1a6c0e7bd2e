"""A file an import writes: whole or not at all, with the mode ``open()`` would give it.

A temporary file beside it, renamed over it, means no one ever reads half a
file. ``tempfile.mkstemp`` makes that file 0o600, which would leave imported
entries unreadable to the rest of a shared checkout's group (and to a web
server serving the folder), so the mode is set as ``open()`` would set it: an
existing file keeps its own, a new one gets 0o666 less the user's umask.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def write_whole(target: Path, text: str | bytes) -> None:
    """Write ``text`` (UTF-8) to ``target`` whole, or leave ``target`` as it was."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    mode = _mode(target)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            os.fchmod(out.fileno(), mode)
            out.write(data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _mode(target: Path) -> int:
    try:
        return stat.S_IMODE(target.lstat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process's umask: setting it is the only portable way to read it."""
    mask = os.umask(0o077)
    os.umask(mask)
    return mask
