"""The two clocks: the moment a build represents, and today where a person works.

What a build WRITES uses the build moment (``build_moment``), never file times:
reproducible builds need the same output from the same commit, so it is
``SOURCE_DATE_EPOCH`` when set (the reproducible-builds.org convention; a
nightly rebuild sets it to now), otherwise the time of the last commit of the
content folder.  A copy without Git history (a "Download ZIP") is built as of
now, with one warning saying how to make it reproducible.

What a person is TOLD while working (a date "in the future", a stale entry, a
report's date, a new entry's ``assured_date``) compares with the real date
(``today``): the last commit may be days old, and a volunteer who checked an
entry this morning must not be told the date is in the future.
"""

from __future__ import annotations

import logging
import os
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from .problems import DirectoryError

logger = logging.getLogger(__name__)
MAX_EPOCH = 253402300799  # 9999-12-31 23:59:59 UTC: the last moment a date can hold


class BuildTimeError(DirectoryError):
    """The build moment cannot be told."""


def last_commit(content_dir: Path) -> int | None:
    """Seconds since the epoch of the last commit touching ``content_dir``, if any."""
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
        return None
    return int(out) if out.isdigit() else None


def build_moment(content_dir: Path, tz_name: str) -> datetime:
    tz = ZoneInfo(tz_name)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not epoch.isdigit() or int(epoch) > MAX_EPOCH:
            raise BuildTimeError(f"SOURCE_DATE_EPOCH must be a number of seconds, like $(date +%s), not {epoch[:20]!r}")
        return datetime.fromtimestamp(int(epoch), UTC).astimezone(tz)
    committed = last_commit(content_dir)
    if committed is None:
        logger.warning(
            "warning: %s has no Git history and SOURCE_DATE_EPOCH is not set, so the site is built as of now "
            "and two builds will differ; commit the content, or set SOURCE_DATE_EPOCH=$(date +%%s)",
            content_dir,
        )
        return datetime.now(UTC).astimezone(tz)
    return datetime.fromtimestamp(committed, UTC).astimezone(tz)


def today(tz_name: str) -> date:
    """The real date in the council's time zone: for what a person is told
    (warnings, reports, a new entry's date), never for what a build writes."""
    return datetime.now(ZoneInfo(tz_name)).date()
