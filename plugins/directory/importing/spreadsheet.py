"""The spreadsheet layout (CSV, one row per service) and its rows as drafts.

docs/importing.md documents :data:`COLUMNS` for people; ``docs/import-template.csv``
has every column. Every problem in a row is an error for that row (a person
can fix it): nothing is written for it, and the other rows go ahead.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..kinds import VOCABULARY
from ..problems import did_you_mean
from .drafts import Draft, Notice, Terms
from .opening import OpeningTimesError, schedules
from .text import day, lines, tidy_postcode

MAX_BYTES = 50_000_000


@dataclass(frozen=True)
class Column:
    name: str
    required: str  # "yes", "for a new organisation", or ""
    meaning: str


COLUMNS = (
    Column("name", "yes", "The service's name."),
    Column("organisation", "yes", "Who runs it, by name: one in the directory (case and spacing aside), or a new one."),
    Column(
        "organisation_kind",
        "for a new organisation",
        "council, charity, community group, faith group, social enterprise, health, housing association, school, "
        "business or other.",
    ),
    Column("organisation_description", "for a new organisation", "What the organisation is and does (Markdown)."),
    Column("organisation_url", "", "The organisation's web address (https://…)."),
    Column("organisation_email", "", "The organisation's email address."),
    Column("organisation_phone", "", "The organisation's phone number."),
    Column("summary", "yes", "One or two sentences for lists and search results."),
    Column("description", "yes", "What the service does (Markdown; the cell may hold several lines)."),
    Column("status", "", "active (if empty), inactive, defunct or temporarily closed."),
    Column("alert", "", "A short notice shown at the top of its page."),
    Column("categories", "yes", "Categories by name or slug, separated by ; (from taxonomy/categories.yaml)."),
    Column("areas", "", "Areas it serves, separated by ; (from taxonomy/areas.yaml). Empty: the whole council area."),
    Column("audiences", "", "Who it is for, separated by ; (from taxonomy/audiences.yaml)."),
    Column("accessibility", "", "Accessibility terms, separated by ; (from taxonomy/accessibility.yaml)."),
    Column("minimum_age", "", "A whole number of years."),
    Column("maximum_age", "", "A whole number of years."),
    Column("eligibility", "", "Who can use it, in plain words."),
    Column("free", "", "yes or no."),
    Column("cost", "", "A price in pounds, such as 3.50 (a £ sign is fine)."),
    Column("cost_description", "", "What the price is for, such as 'per session'."),
    Column("fees", "", "What it costs, in words."),
    Column("how_to_access", "", "drop-in, appointment, referral, self-referral, online or phone; separated by ;"),
    Column("email", "", "The service's email address."),
    Column("phone", "", "The service's phone number, as people dial it."),
    Column("url", "", "The service's web address (https://…)."),
    Column("place", "", "Where it happens: the venue's name (the first address line if empty)."),
    Column("address_1", "with a place", "The first line of the address."),
    Column("address_2", "", "The second line of the address."),
    Column("city", "with a place", "The town or city."),
    Column("postcode", "with a place", "The postcode, such as ZZ1 4AB."),
    Column("opening_times", "", "Days and times, such as Mon-Fri 09:00-17:00; Sat 10:00-12:00 (see below)."),
    Column("opening_notes", "", "A note on the times, such as 'Closed on bank holidays'."),
    Column("languages", "", "Languages spoken, by name, separated by ;"),
    Column("assured_date", "yes", "When someone last checked the row is right: YYYY-MM-DD or DD/MM/YYYY."),
    Column("assurer", "", "Who checked it (a name or a role)."),
)
NAMES = tuple(c.name for c in COLUMNS)
REQUIRED = tuple(c.name for c in COLUMNS if c.required == "yes")
# our fields (dotted, without list indexes) -> the column they come from, by kind
SOURCES = {
    "service": {n: n for n in NAMES}
    | {"phones": "phone", "cost_options": "cost", "schedules": "opening_times"}
    | {"organization": "organisation", "locations": "place", "cost_options.amount_description": "cost_description"},
    "organisation": {
        "name": "organisation",
        "kind": "organisation_kind",
        "description": "organisation_description",
        "url": "organisation_url",
        "email": "organisation_email",
        "phones": "organisation_phone",
    },
    "location": {"name": "place", "address": "address_1", "address.address_1": "address_1"}
    | {"address.address_2": "address_2", "address.city": "city", "address.postal_code": "postcode"},
}
_BOOLEANS = {"yes": True, "y": True, "true": True, "no": False, "n": False, "false": False}


def read(path: Path, source: str, notices: list) -> list[tuple[int, dict]]:
    """``(line, {column: cell})`` of each row that is not empty; a problem with
    the file itself (its encoding, its header) is an error in ``notices``, with no rows."""

    def error(line, message):
        notices.append(Notice(source, line, "error", message))
        return []

    if not path.is_file():
        return error(1, "this is not a file (a folder, a device or a pipe?)")
    try:
        raw = path.read_bytes() if path.stat().st_size <= MAX_BYTES else None
    except OSError as err:
        return error(1, f"the file cannot be read ({err.strerror or err})")
    if raw is None:
        return error(1, f"the file is too large (at most {MAX_BYTES:,} bytes)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return error(raw[: err.start].count(b"\n") + 1, "the file is not UTF-8 text; save it as 'CSV UTF-8'")
    # csv stops at a cell over its field limit (131,072 characters), losing every
    # row after it: with the file's own limit every cell is read, and one too
    # long for its field is refused by the schema, at its row's line
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, MAX_BYTES + 1))
    try:
        return _rows(csv.reader(io.StringIO(text, newline="")), error)
    finally:
        csv.field_size_limit(limit)


def _rows(reader, error) -> list[tuple[int, dict]]:
    """The rows after the header; a row csv cannot read is reported at its
    line, and the rows after it are still read."""
    try:
        header = [re.sub(r"\s+", "_", cell.strip().lower()) for cell in next(reader, [])]
    except csv.Error as err:
        return error(1, f"the first row is not a CSV row the importer can read ({err})")
    for at, name in enumerate(header):
        if name not in NAMES:
            hint = did_you_mean(name, list(NAMES))
            return error(1, f"unknown column {name!r}{hint}; docs/importing.md lists the columns")
        if name in header[:at]:
            return error(1, f"the column {name!r} is there twice")
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        return error(1, f"the file has no column {', '.join(map(repr, missing))}; docs/importing.md lists them")
    rows, line = [], reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return rows
        except csv.Error as err:
            error(line, f"this is not a CSV row the importer can read ({err})")
        else:
            if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
                error(line, f"this row has {len(cells)} cells but there are {len(header)} columns")
            elif any(c.strip() for c in cells):
                rows.append((line, dict(zip(header, cells, strict=False))))
        line = reader.line_num + 1


class Row:
    """One row's cells as our fields."""

    def __init__(self, draft: Draft, cells: dict, terms: Terms):
        self.draft, self.cells, self.terms = draft, cells, terms

    def text(self, column: str) -> str | None:
        """A one-line value: a line break typed in the cell (Alt+Enter) is a space."""
        return " ".join((self.cells.get(column) or "").split()) or None

    def long_text(self, column: str) -> str | None:
        value = lines(self.cells.get(column) or "")
        return (value if "\n" in value.strip() else value.strip()) or None

    def words(self, column: str) -> list[str]:
        return [w.strip() for w in re.split(r"[;\n]", self.cells.get(column) or "") if w.strip()]

    def terms_of(self, vocabulary: str) -> list[str]:
        found = []
        for word in self.words(vocabulary):
            slug = self.terms.find(vocabulary, word)
            if slug is None:
                choices = sorted(self.terms.by_code[vocabulary]) + sorted(self.terms.by_name[vocabulary])
                noun, where = VOCABULARY[vocabulary].noun, VOCABULARY[vocabulary].where
                self.draft.error(
                    f"there is no {noun} called {word!r} in {where}{did_you_mean(word.lower(), choices)}"
                    f" (column {vocabulary})",
                    vocabulary,
                )
            elif slug not in found:
                found.append(slug)
        return found

    def number(self, column: str, whole: bool = False):
        value = (self.text(column) or "").removeprefix("£").strip()
        if not value:
            return None
        try:
            number = Decimal(value)
        except InvalidOperation:
            return value  # the schema's message says what is wanted
        if not number.is_finite():
            return value
        return int(number) if whole and number == number.to_integral_value() else number

    def boolean(self, column: str):
        value = self.text(column)
        return _BOOLEANS.get(value.lower(), value) if value else None


def draft(source: str, line: int, cells: dict, terms: Terms) -> Draft:
    """The draft of one row (its own errors noted on it)."""
    d = Draft(source, line, service=None, organisation=None, strict=True, columns=SOURCES)
    row = Row(d, cells, terms)
    try:
        times = schedules(row.text("opening_times") or "", row.text("opening_notes") or "")
    except OpeningTimesError as err:
        d.error(f"{err} (column opening_times)", "schedules")
        times = []
    if not times and row.text("opening_notes"):
        times = [{"description": row.text("opening_notes")}]
    cost = row.number("cost")
    d.organisation = {
        "name": row.text("organisation"),
        "kind": (row.text("organisation_kind") or "").lower() or None,
        "description": row.long_text("organisation_description"),
        "url": row.text("organisation_url"),
        "email": row.text("organisation_email"),
        "phones": [{"number": row.text("organisation_phone")}] if row.text("organisation_phone") else None,
    }
    d.service = {
        "name": row.text("name"),
        "summary": row.text("summary"),
        "description": row.long_text("description"),
        "status": (row.text("status") or "").lower() or None,
        "alert": row.text("alert"),
        "categories": row.terms_of("categories"),
        "areas": row.terms_of("areas"),
        "audiences": row.terms_of("audiences"),
        "minimum_age": row.number("minimum_age", whole=True),
        "maximum_age": row.number("maximum_age", whole=True),
        "eligibility": row.long_text("eligibility"),
        "free": row.boolean("free"),
        "fees": row.text("fees"),
        "cost_options": [{"amount": cost, "amount_description": row.text("cost_description")}]
        if cost is not None
        else None,
        "how_to_access": [w.lower() for w in row.words("how_to_access")],
        "url": row.text("url"),
        "email": row.text("email"),
        "phones": [{"number": row.text("phone")}] if row.text("phone") else None,
        "schedules": times,
        "languages": list(dict.fromkeys(row.words("languages"))),
        "accessibility": row.terms_of("accessibility"),
        "assured_date": day(row.text("assured_date") or "") or row.text("assured_date"),
        "assurer": row.text("assurer"),
    }
    address = [row.text(c) for c in ("address_1", "address_2", "city", "postcode")]
    if row.text("place") or any(address):
        d.places = [
            {
                "name": row.text("place") or address[0],
                "address": {
                    "address_1": address[0],
                    "address_2": address[1],
                    "city": address[2],
                    "postal_code": tidy_postcode(address[3]) if address[3] else None,
                },
            }
        ]
    return d
