"""What in a directory needs someone's attention: pure functions of the model.

* entries not checked (``assured_date``) for longer than ``stale_after_days``,
  or never, with the people who look after each (``ownership.py``);
* services nobody could reach (no phone, email, website, place or contact with
  a phone or email; not inactive or defunct): the rule of ``make validate``'s
  warning, ``reading/contacts.nobody_can_reach``;
* organisations with no ``maintainers`` (only the council looks after them);
* categories and areas with nothing in them (their pages would be empty).

``make report`` prints them (``report_text.py``); the weekly freshness workflow
keeps one issue with them up to date.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from .dates import is_stale
from .kinds import KINDS, VOCABULARIES
from .model import Directory, Organisation, Service, Term
from .ownership import Ownership
from .reading.contacts import nobody_can_reach
from .relations import by_name, relate


@dataclass(frozen=True)
class Unchecked:
    entry: object  # a Service, an Organisation, … (any kind with an assured_date)
    checked: date | None  # None: never
    owners: tuple[str, ...]  # the group's "@handles"; empty when only the council looks after it


@dataclass(frozen=True)
class Findings:
    today: date
    stale_after_days: int
    unchecked: list[Unchecked]  # the longest unchecked first
    unreachable: list[Service]  # services nobody could reach (reading/contacts.py)
    without_maintainers: list[Organisation]
    empty_terms: dict[str, list[Term]]  # "categories", "areas" -> their empty terms, by name


def _checked_kinds():
    """The kinds whose entries say when they were last checked."""
    return [k for k in KINDS if k.model is not None and "assured_date" in {f.name for f in fields(k.model)}]


def find(directory: Directory, today: date, stale_after_days: int) -> Findings:
    owners = Ownership(directory)
    unchecked = [
        Unchecked(entry, entry.assured_date, owners.of(entry))
        for kind in _checked_kinds()
        for entry in getattr(directory, kind.holder).values()
        if entry.assured_date is None or is_stale(entry.assured_date, today, stale_after_days)
    ]
    unchecked.sort(key=lambda u: (u.checked or date.min, u.entry.source))
    relations = relate(directory)
    empty = {}
    for vocabulary in (v for v in VOCABULARIES if v.has_pages):
        tagged = relations.tagged(vocabulary.name)
        terms = directory.taxonomy.get(vocabulary.name, {}).values()
        empty[vocabulary.name] = sorted((t for t in terms if not any(t.slug in table for table in tagged)), key=by_name)
    return Findings(
        today,
        stale_after_days,
        unchecked,
        sorted((s for s in directory.services.values() if nobody_can_reach(s)), key=lambda s: s.source),
        sorted((o for o in directory.organisations.values() if not o.maintainers), key=lambda o: o.source),
        empty,
    )
