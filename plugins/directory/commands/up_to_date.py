"""Whether the last build's output is still exactly what a build would make now.

A build that keeps the build cache records what it was made from (every file of
the content folder, the plugin and the theme, the settings, the build moment)
and what it wrote (each file's path, size and modification time).  When all of
that is unchanged, another build would write the same bytes, so it has nothing
to do.  Anything else, an output file touched by hand included, builds again.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from ..build_options import KEY as BUILD
from ..build_time import last_commit
from ..cache import Cache, code_version, digest, folder_digest

RECORD = "last-build"
# how and where this machine builds, not what: the output is the same whatever they are
MACHINE = ("OUTPUT_PATH", BUILD, f"{BUILD}_PARSED")


def inputs_key(content: Path, settings: dict) -> str:
    """Everything a build reads, as one digest."""
    shown = repr(sorted((k, v) for k, v in settings.items() if k not in MACHINE))
    moment = os.environ.get("SOURCE_DATE_EPOCH", "").strip() or last_commit(content) or f"now {time.time()}"
    return digest(code_version(), shown, str(moment), folder_digest(Path(settings["THEME"])), folder_digest(content))


def output_files(output: Path) -> list[tuple[str, int, int]]:
    """Every file of the output: path, size and modification time (nanoseconds)."""
    found = []
    for top, folders, files in os.walk(output):
        folders.sort()
        for name in sorted(files):
            info = os.lstat(os.path.join(top, name))
            found.append((os.path.relpath(os.path.join(top, name), output), info.st_size, info.st_mtime_ns))
    return found


class LastBuild:
    """The record of the last build into one output folder, kept in its build cache."""

    def __init__(self, cache: Cache, key: str):
        self.cache, self.key = cache, key

    def is_current(self, output: Path) -> bool:
        recorded = self.cache.load(RECORD, self.key)
        return recorded is not None and output.is_dir() and recorded == output_files(output)

    def save(self, output: Path) -> None:
        self.cache.save(RECORD, self.key, output_files(output))
