"""The council's postcode file: postcode → latitude and longitude, for "near me".

An extract of the ONS Postcode Directory or of Code-Point Open, saved as CSV with
a header line; the ``postcode_file`` setting names it (in the content folder).
Only three columns are read, found by their header: the postcode (``postcode``,
``pcds``, ``pcd``, ``pcd7`` or ``pcd8``), ``latitude`` (or ``lat``) and
``longitude`` (or ``long``, ``lon``). Rows the ONS marks as having no location
(latitude 99.999999) are left out. Every other problem is an error at its line
and column.

Every build reads it, a pull request's too, so it is read a line at a time
(never whole) and only the postcode and its two numbers are kept: memory grows
with the postcodes kept, about 220 bytes each, and the file's size is limited
(``max_bytes``: the postcode_file_max_bytes setting).
"""

from __future__ import annotations

import csv
import io
import os
import re
import stat
from collections.abc import Callable

# a whole county's postcodes with every ONS column (about 450 bytes a line), or
# about 1.8 million postcodes with only the three columns read; each kept
# postcode takes about 220 bytes in memory (tests/test_bounded_work.py)
MAX_BYTES = 50_000_000
MAX_PROBLEMS = 100
COLUMNS = {
    "postcode": ("postcode", "pcds", "pcd", "pcd7", "pcd8"),
    "latitude": ("latitude", "lat"),
    "longitude": ("longitude", "long", "lon"),
}
NO_LOCATION = 99.999999
POSTCODE = re.compile(r"([A-Z]{1,2}[0-9][0-9A-Z]?)([0-9][A-Z]{2})")  # without its space; whole strings only
WRITTEN = re.compile(r"[A-Z]{1,2}[0-9][0-9A-Z]? [0-9][A-Z]{2}")  # already as normalise() writes it
_NUMBER = re.compile(r"-?[0-9]{1,3}(\.[0-9]{1,10})?")


class _Refused(Exception):
    """The file cannot be read, or is over its limit; the message says which."""


def normalise(text: str) -> str | None:
    """'zz11aa' -> 'ZZ1 1AA'; None when it is not the shape of a UK postcode."""
    match = POSTCODE.fullmatch("".join(text.split()).upper())
    return f"{match.group(1)} {match.group(2)}" if match else None


def district(postcode: str) -> str:
    """The outward code: 'ZZ1 1AA' -> 'ZZ1'."""
    return postcode.split(" ")[0]


def _too_large(size, limit: int) -> str:
    return (
        f"the postcode file is {size} bytes, over the limit of {limit:,}; keep only the council's own "
        "postcodes and the postcode, latitude and longitude columns, or raise the postcode_file_max_bytes setting"
    )


class _Lines:
    """The lines of a text file, one at a time, counted against ``limit`` (so a
    file that grows while it is read stops there); the last kept for columns."""

    def __init__(self, file, limit: int):
        self.file, self.limit, self.read, self.last = file, limit, 0, ""

    def __iter__(self):
        return self

    def __next__(self) -> str:
        self.last = next(self.file)
        self.read += len(self.last)  # characters: never more than the bytes
        if self.read > self.limit:
            raise _Refused(_too_large(f"over {self.read:,}", self.limit))
        return self.last


def _open(path, limit: int) -> io.TextIOWrapper:
    """The file as UTF-8 text, opened as reading/files.py opens entries: never
    through a link, never a device, and not over ``limit`` bytes."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as err:
        raise _Refused(f"the file cannot be read ({err.strerror.lower()})") from None
    info = os.fstat(fd)
    refused = "" if stat.S_ISREG(info.st_mode) else "this is not an ordinary file; remove it"
    refused = refused or (_too_large(f"{info.st_size:,}", limit) if info.st_size > limit else "")
    if refused:
        os.close(fd)
        raise _Refused(refused)
    return io.TextIOWrapper(os.fdopen(fd, "rb"), encoding="utf-8-sig", newline="")


def read_postcodes(
    path, source: str, problem: Callable[[int, int, str], None], max_bytes: int = MAX_BYTES
) -> dict[str, tuple[float, float]]:
    """The postcodes of the file at ``path`` (at most ``max_bytes`` long);
    ``problem(line, col, message)`` for each mistake."""
    try:
        file = _open(path, max_bytes)
    except _Refused as err:
        problem(1, 1, str(err))
        return {}
    lines = _Lines(file, max_bytes)
    rows = csv.reader(lines)
    try:
        with file:
            return _read(rows, lines, problem)
    except _Refused as err:
        problem(rows.line_num, 1, str(err))
    except UnicodeDecodeError:  # found a block at a time: its line is not known
        problem(1, 1, "the postcode file is not UTF-8 text; save it as CSV (UTF-8)")
    except csv.Error as err:
        problem(rows.line_num, 1, f"this line is not CSV ({err})")
    return {}


def _read(rows, lines: _Lines, problem) -> dict[str, tuple[float, float]]:
    header = [value.strip().lower() for value in next(rows, [])]
    where = []
    for name, aliases in COLUMNS.items():
        found = [header.index(a) for a in aliases if a in header]
        if not found:
            problem(1, 1, f"the first line must name the columns, with a {name} column ({', '.join(aliases)})")
            return {}
        where.append(found[0])
    postcodes, errors = {}, 0
    for row in rows:
        message = _row(row, where, postcodes)
        if message:
            errors += 1
            if errors <= MAX_PROBLEMS:
                problem(rows.line_num, _column(lines.last, message[0]), message[1])
    return postcodes


def _column(line: str, index: int) -> int:
    """The column where field ``index`` of ``line`` starts (1 for the whole line)."""
    return 1 + sum(len(raw) + 1 for raw in line.split(",")[:index]) if index >= 0 else 1


def _row(row: list[str], where: list[int], postcodes: dict) -> tuple[int, str] | None:
    """Adds one row to ``postcodes``; (field index or -1, message) when it is wrong."""
    pc_at, lat_at, lon_at = where
    if len(row) <= max(where):
        if not "".join(row).strip():
            return None  # a blank line
        return -1, f"this line has {len(row)} columns; the header names at least {max(where) + 1}"
    text = row[pc_at].strip()
    postcode = text if WRITTEN.fullmatch(text) else normalise(text)
    if postcode is None:
        return pc_at, f"{text[:20]!r} is not a UK postcode, like 'ZZ1 1AA'"
    lat, lon = _degrees(row[lat_at], 90), _degrees(row[lon_at], 180)
    for at, number in ((lat_at, lat), (lon_at, lon)):
        if number is None:
            return at, f"{row[at].strip()[:20]!r} is not a latitude or longitude in degrees, like 52.4068 or -1.5121"
    if lat == NO_LOCATION:
        return None
    if postcode in postcodes:
        return pc_at, f"{postcode} is in the file twice; keep one line for it"
    postcodes[postcode] = (lat, lon)
    return None


def _degrees(text: str, most: int) -> float | None:
    """The number of degrees ``text`` writes, to six places; None unless it is
    one from -most to most, or the ONS's "no location"."""
    text = text.strip()
    number = round(float(text), 6) if _NUMBER.fullmatch(text) else None
    return number if number is not None and (-most <= number <= most or number == NO_LOCATION) else None
