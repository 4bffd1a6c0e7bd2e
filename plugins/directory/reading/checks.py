"""Checks beyond the schema: within one entry, and across files.

:func:`check_entry` looks at one validated entry (impossible dates and ages,
stale checks, reserved names).  :func:`references` keeps only the slugs an
entry names, with where it names them, so that :func:`check_references` can
cross-check a directory of any size in little memory once every file is read.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import NamedTuple

from ..dates import clock_change, is_stale, to_date, to_moment
from ..kinds import CONSULTATIONS, PAGES, SERVICES, TAXONOMY, VOCABULARY, noun_and_place
from ..problems import STALE, ContentProblem, did_you_mean
from ..urls import RESERVED_PAGE_SLUGS
from .contacts import private_contacts, unreachable_service
from .placeholders import placeholders_left
from .validation import field_name


class Reference(NamedTuple):
    """One slug an entry names, and where."""

    source: str
    line: int
    col: int
    field: str  # e.g. "categories" or "locations[1].accessibility"
    target: str  # a folder or vocabulary: "organisations", "categories", ...
    slug: str


def _walk(value, steps: list[str], path: tuple):
    """(path, slug) for each slug at the dotted ``steps`` below ``value``."""
    if not steps:
        if isinstance(value, str):
            yield path, value
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str):
                    yield path + (i,), item
        return
    step, rest = steps[0], steps[1:]
    if step == "*":
        for i, item in enumerate(value if isinstance(value, list) else ()):
            yield from _walk(item, rest, path + (i,))
    elif isinstance(value, dict) and step in value:
        yield from _walk(value[step], rest, path + (step,))


def references(entry) -> list[Reference]:
    found = []
    for dotted, target in entry.kind.references:
        for path, slug in _walk(entry.data, dotted.split("."), ()):
            line, col = entry.marks.value(path)
            # name the field itself (locations[1].accessibility), not just the block
            named = path[:-1] if isinstance(path[-1], int) else path
            found.append(Reference(entry.source, line, col, field_name(named), target, slug))
    return found


# Suggestions are looked for among every slug (a fifth of a second each in a
# directory of 50,000): a file gets this many, so no file takes long to check.
SUGGESTIONS_PER_FILE = 5


def check_references(refs, known: dict) -> list[ContentProblem]:
    """Unknown references, the first few of each file with a "did you mean"
    from the slugs that exist."""
    problems, suggested, choices = [], Counter(), {}
    for r in refs:
        if r.slug in known.get(r.target, ()):
            continue
        hint = ""
        if suggested[r.source] < SUGGESTIONS_PER_FILE:
            suggested[r.source] += 1
            if r.target not in choices:
                choices[r.target] = sorted(known.get(r.target, ()))
            hint = did_you_mean(r.slug, choices[r.target])
        message = f"{r.field}: there is no {noun_and_place(r.target)} called {r.slug!r}{hint}"
        problems.append(ContentProblem(r.source, r.line, r.col, "error", message))
    return problems


# A category or area at most this many levels below the top.  Published
# vocabularies residents know are shallow (the LGA's service types have three
# levels; country › region › county › district › ward › neighbourhood is six),
# a page shows a term's chain in its breadcrumbs and the search filters indent
# each level, and an entry in a term is in every broader one too, so its work
# grows with the depth: a deeper chain is a mistake, refused here so that no
# later step ever meets one.
MAX_TERM_LEVELS = 8


def _levels(terms: dict) -> tuple[dict, set]:
    """Each term's level (1 at the top; None in or under a cycle, or under a
    missing parent) and the terms in a cycle: every term walked once, without
    recursion, so any file of terms takes time in proportion to its length."""
    level, cycles = {}, set()
    for start in terms:
        path, on_path, current = [], {}, start
        while current in terms and current not in level and current not in on_path:
            on_path[current] = len(path)
            path.append(current)
            current = terms[current].get("parent")
        if current in on_path:  # the walk came back round
            cycles.update(path[on_path[current] :])
        above = 0 if current is None else level.get(current)
        for slug in reversed(path):
            above = None if above is None else above + 1
            level[slug] = above
    return level, cycles


def _chain(slug: str, terms: dict) -> list[str]:
    """``slug`` and the terms above it, the top one first."""
    chain = [slug]
    while terms[chain[-1]].get("parent") in terms and len(chain) <= MAX_TERM_LEVELS:
        chain.append(terms[chain[-1]]["parent"])
    return chain[::-1]


def _check_parents(entry) -> list[ContentProblem]:
    """Each term's parent is a term of the same file, no term is its own ancestor,
    and none is more than MAX_TERM_LEVELS deep (only the first too deep of each
    chain is named: moving it up moves those below it too)."""
    problems, terms = [], entry.data
    vocabulary = VOCABULARY[entry.slug]
    level, cycles = _levels(terms)
    for slug, fields in terms.items():
        parent = fields.get("parent")
        if parent is None:
            continue
        line, col = entry.marks.value((slug, "parent"))

        def error(message, slug=slug, line=line, col=col):
            problems.append(ContentProblem(entry.source, line, col, "error", f"{slug}.parent: {message}"))

        if parent not in terms:
            error(f"there is no {vocabulary.noun} called {parent!r}{did_you_mean(parent, terms)}")
        elif slug in cycles:
            error(f"{vocabulary.title.lower()} cannot be their own ancestor ({slug} → {parent} → … → {slug})")
        elif level[slug] == MAX_TERM_LEVELS + 1:
            error(
                f"{vocabulary.title.lower()} can be at most {MAX_TERM_LEVELS} levels deep, and this is level "
                f"{MAX_TERM_LEVELS + 1} ({' › '.join(_chain(slug, terms))}); move it nearer the top"
            )
    return problems


def _check_consultation(entry, today: date, tz) -> list[ContentProblem]:
    """Its dates and times: real in UK time, in order, and an outcome only once it has closed."""
    d, problems = entry.data, []

    def add(path, message):
        line, col = entry.marks.value(path)
        problems.append(ContentProblem(entry.source, line, col, "error", message))

    moments = [(("opens",), "opens", d["opens"]), (("closes",), "closes", d["closes"])]  # (path, name, text)
    for i, event in enumerate(d["how_to_respond"].get("events", ())):
        for key in ("starts_at", "ends_at"):
            if key in event:
                path = ("how_to_respond", "events", i, key)
                moments.append((path, f"events[{i + 1}].{key}", f"{event['date']} {event[key]}"))
        if event.get("ends_at") and event.get("starts_at") and event["ends_at"] <= event["starts_at"]:
            add(("how_to_respond", "events", i, "ends_at"), f"events[{i + 1}].ends_at is not after starts_at")
    for path, name, text in moments:
        why = clock_change(text, tz) if tz else ""
        if why:
            add(path, f"{name} {text} in UK time {why}")
    opens, closes = to_moment(d["opens"], False, tz), to_moment(d["closes"], True, tz)
    if closes < opens:
        add(("closes",), f"closes ({d['closes']}) is before opens ({d['opens']})")
    published = to_date(d.get("outcome_published"))
    if published and published > today:
        add(
            ("outcome_published",),
            f"outcome_published {published} is in the future; add the outcome when it is published",
        )
    elif published and closes.date() > today:
        add(("outcome",), f"an outcome is given but the consultation is still open until {d['closes']}")
    elif published and published < closes.date():
        add(("outcome_published",), f"outcome_published {published} is before the consultation closes ({d['closes']})")
    return problems


def check_entry(entry, today: date, settings, tz=None) -> list[ContentProblem]:
    """Problems within one entry: impossible dates and ages, stale checks, and
    how people reach it (contacts.py)."""
    d, problems = entry.data, []
    if entry.kind is TAXONOMY:
        problems += _check_parents(entry)

    def add(path, severity, message, code=""):
        line, col = entry.marks.value(path)
        problems.append(ContentProblem(entry.source, line, col, severity, message, code))

    if entry.kind is CONSULTATIONS:
        problems += _check_consultation(entry, today, tz)
    if "minimum_age" in d and "maximum_age" in d and d["maximum_age"] < d["minimum_age"]:
        add(("maximum_age",), "error", f"maximum_age ({d['maximum_age']}) is below minimum_age ({d['minimum_age']})")
    for i, schedule in enumerate(d.get("schedules", ()) if entry.kind is SERVICES else ()):
        opens, closes = schedule.get("opens_at"), schedule.get("closes_at")
        if opens and closes and closes <= opens:
            add(
                ("schedules", i, "closes_at"),
                "error",
                f"it closes at {closes}, which is not after it opens at {opens} "
                f"(schedules[{i + 1}]: closes_at must be later than opens_at)",
            )
        if schedule.get("freq", "WEEKLY") != "MONTHLY":
            ordinal = next((d for d in schedule.get("byday", "").split(",") if len(d) > 2), None)
            if ordinal or "bymonthday" in schedule:
                what = (
                    f"byday {ordinal!r} names a day of the month" if ordinal else "bymonthday names days of the month"
                )
                add(("schedules", i, "freq"), "error", f"schedules[{i + 1}]: {what}; add freq: MONTHLY")
        if (opens is None) != (closes is None):
            add(("schedules", i), "error", f"schedules[{i + 1}] needs both opens_at and closes_at, or neither")
    if d.get("status") == "temporarily closed" and "status_until" not in d:
        add(
            ("status",),
            "warning",
            "status is 'temporarily closed': add status_until with the date it reopens, if known",
        )
    assured = to_date(d.get("assured_date"))
    if is_stale(assured, today, settings.stale_after_days):
        add(
            ("assured_date",),
            "warning",
            f"assured_date {assured} is more than {settings.stale_after_days} days old; "
            "check the entry is still right and update the date",
            STALE,
        )
    if assured and assured > today:
        add(
            ("assured_date",),
            "warning",
            f"assured_date {assured} is in the future; use the date the entry was last checked",
        )
    if entry.kind is PAGES and entry.slug in RESERVED_PAGE_SLUGS:
        add((), "error", f"the page name {entry.slug!r} is used by the site itself; rename the file")
    problems += placeholders_left(entry)
    return problems + private_contacts(entry, settings.private_contacts) + unreachable_service(entry)
