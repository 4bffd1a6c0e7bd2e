"""The moment a build represents: never the clock or file times.

Reproducible builds need the same output from the same commit, so the build
moment is ``SOURCE_DATE_EPOCH`` when set (the reproducible-builds.org
convention; a nightly rebuild sets it to now), otherwise the time of the last
commit of the content folder.
"""

from __future__ import annotations

import logging
import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from .problems import DirectoryError

logger = logging.getLogger(__name__)


class BuildTimeError(DirectoryError):
    """The build moment cannot be told."""


def build_moment(content_dir: Path, tz_name: str) -> datetime:
    tz = ZoneInfo(tz_name)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not epoch.isdigit():
            raise BuildTimeError(f"SOURCE_DATE_EPOCH must be a number of seconds, not {epoch!r}")
        return datetime.fromtimestamp(int(epoch), UTC).astimezone(tz)
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct", "--", "."],
            cwd=content_dir,
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        out = ""
    if not out.isdigit():
        raise BuildTimeError(
            f"cannot tell the build date: {content_dir} has no Git history; "
            "commit the content or set SOURCE_DATE_EPOCH (for example "
            "SOURCE_DATE_EPOCH=$(date +%s))"
        )
    return datetime.fromtimestamp(int(out), UTC).astimezone(tz)
