"""The council's postcode file: postcode → latitude and longitude, for "near me".

An extract of the ONS Postcode Directory or of Code-Point Open, saved as CSV with
a header line; the ``postcode_file`` setting names it (in the content folder).
Only three columns are read, found by their header: the postcode (``postcode``,
``pcds``, ``pcd``, ``pcd7`` or ``pcd8``), ``latitude`` (or ``lat``) and
``longitude`` (or ``long``, ``lon``). Rows the ONS marks as having no location
(latitude 99.999999) are left out. Every other problem is an error at its line
and column.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .files import FileProblem, read_bytes

MAX_BYTES = 50_000_000  # a whole county's postcodes, with every ONS column
MAX_PROBLEMS = 100
COLUMNS = {
    "postcode": ("postcode", "pcds", "pcd", "pcd7", "pcd8"),
    "latitude": ("latitude", "lat"),
    "longitude": ("longitude", "long", "lon"),
}
NO_LOCATION = 99.999999
POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][0-9A-Z]?)([0-9][A-Z]{2})$")  # without its space
_NUMBER = re.compile(r"^-?\d{1,3}(\.\d{1,10})?$")


def normalise(text: str) -> str | None:
    """'zz11aa' -> 'ZZ1 1AA'; None when it is not the shape of a UK postcode."""
    match = POSTCODE.match(re.sub(r"\s+", "", text.upper()))
    return f"{match.group(1)} {match.group(2)}" if match else None


def district(postcode: str) -> str:
    """The outward code: 'ZZ1 1AA' -> 'ZZ1'."""
    return postcode.split(" ")[0]


def _fields(line: str) -> list[tuple[int, str]]:
    """(column, value) of each comma-separated field; quotes around a value are dropped."""
    found, col = [], 1
    for raw in line.split(","):
        found.append((col, raw.strip().strip('"').strip()))
        col += len(raw) + 1
    return found


def read_postcodes(path, source: str, problem: Callable[[int, int, str], None]) -> dict[str, tuple[float, float]]:
    """The postcodes of the file at ``path``; ``problem(line, col, message)`` for each mistake."""
    try:
        text = read_bytes(path, MAX_BYTES).decode("utf-8-sig")
    except FileProblem as err:
        problem(1, 1, str(err))
        return {}
    except UnicodeDecodeError:
        problem(1, 1, "the postcode file is not UTF-8 text; save it as CSV (UTF-8)")
        return {}
    lines = text.replace("\r\n", "\n").split("\n")
    header = [value.lower() for _, value in _fields(lines[0])]
    where = {}
    for name, aliases in COLUMNS.items():
        found = [header.index(a) for a in aliases if a in header]
        if not found:
            problem(1, 1, f"the first line must name the columns, with a {name} column ({', '.join(aliases)})")
            return {}
        where[name] = found[0]
    postcodes, errors = {}, 0
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        message = _row(_fields(line), where, postcodes)
        if message:
            errors += 1
            if errors <= MAX_PROBLEMS:
                problem(number, message[0], message[1])
    return postcodes


def _row(fields, where: dict, postcodes: dict) -> tuple[int, str] | None:
    """Adds one row to ``postcodes``; (column, message) when it is wrong."""
    if len(fields) <= max(where.values()):
        return 1, f"this line has {len(fields)} columns; the header names at least {max(where.values()) + 1}"
    (pc_col, pc_text), (lat_col, lat_text), (lon_col, lon_text) = (fields[where[k]] for k in COLUMNS)
    postcode = normalise(pc_text)
    if postcode is None:
        return pc_col, f"{pc_text[:20]!r} is not a UK postcode, like 'ZZ1 1AA'"
    for col, value, low, high in ((lat_col, lat_text, -90, 90), (lon_col, lon_text, -180, 180)):
        if not _NUMBER.match(value) or not low <= float(value) <= high and float(value) != NO_LOCATION:
            return col, f"{value[:20]!r} is not a latitude or longitude in degrees, like 52.4068 or -1.5121"
    if float(lat_text) == NO_LOCATION:
        return None
    if postcode in postcodes:
        return pc_col, f"{postcode} is in the file twice; keep one line for it"
    postcodes[postcode] = (round(float(lat_text), 6), round(float(lon_text), 6))
    return None
