"""What each entry gives search: the text lunr indexes, what a result shows,
and its facet values. Pure functions of the model (docs/search-index.md)."""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass, field

from .. import words
from ..consultation_status import status_of
from ..facts.service import FREE, is_free, open_days_fact, week_days
from ..kinds import CONSULTATIONS, ORGANISATIONS, SERVICES
from ..relations import broader, name_order, service_locations
from ..urls import url_for

# lunr fields, with their boosts
FIELDS = (
    ("title", 10),
    ("summary", 2),
    ("categories", 5),
    ("organisation", 3),
    ("areas", 1),
    ("also", 1),  # the synonyms of what the entry says
)
KIND_ORDER = (SERVICES, ORGANISATIONS, CONSULTATIONS)
_WORD = re.compile(r"[a-z0-9']+")


@dataclass
class SearchEntry:
    """One entry, as search sees it."""

    kind: str  # "service", "organisation", "consultation"
    name: str
    text: dict  # lunr field -> text
    record: dict  # what a result shows
    facets: dict = field(default_factory=dict)  # facet group -> values
    ages: tuple = ()  # (minimum or None, maximum or None), when the entry has an age limit
    points: tuple = ()  # (latitude, longitude) of each of its places
    sort_key: tuple = ()
    item: object = None  # the model object


def _names(directory, vocabulary: str, slugs) -> list[str]:
    table = directory.taxonomy[vocabulary]
    return [table[s].name for s in slugs if s in table]


def _with_ancestors(directory, vocabulary: str, slugs) -> list[str]:
    return broader(slugs, directory.taxonomy[vocabulary])


def _facts(service) -> list[str]:
    """The key facts a result shows: free, ages, drop in, opening days."""
    facts = []
    if is_free(service):
        facts.append(FREE)
    if words.ages(service):
        facts.append(words.ages(service))
    if "drop-in" in service.how_to_access:
        facts.append("Drop in")
    if open_days_fact(service):
        facts.append(open_days_fact(service))
    return facts


def language_slug(language: str) -> str:
    """'British Sign Language' -> 'british-sign-language': the language's value in a URL."""
    return re.sub(r"[^a-z0-9]+", "-", language.casefold()).strip("-") or "language"


def _points(locations) -> tuple:
    return tuple((loc.latitude, loc.longitude) for loc in locations if loc.latitude is not None)


def service_entry(directory, s) -> SearchEntry:
    org = directory.organisations.get(s.organization)
    locations = service_locations(s, directory)
    accessibility = set(s.accessibility) | {a for loc in locations for a in loc.accessibility}
    return SearchEntry(
        item=s,
        kind=SERVICES.name,
        name=s.name,
        text={
            "title": s.name,
            "summary": s.summary,
            "categories": " ".join(_names(directory, "categories", s.categories)),
            "organisation": org.name if org else "",
            "areas": " ".join(_names(directory, "areas", s.areas)),
        },
        record={
            "t": s.name,
            "u": url_for(s),
            "k": SERVICES.label,
            "o": org.name if org else "",
            "s": s.summary,
            "a": ", ".join(_names(directory, "areas", s.areas)),
            "f": _facts(s),
        },
        facets={
            "category": _with_ancestors(directory, "categories", s.categories),
            "area": _with_ancestors(directory, "areas", s.areas),
            "audience": sorted(s.audiences),
            "cost": ["free"] if is_free(s) else [],
            "access": sorted(s.how_to_access),
            "day": week_days(s),
            "language": sorted({language_slug(lang) for lang in s.languages}),
            "accessibility": sorted(accessibility),
        },
        ages=(s.minimum_age, s.maximum_age) if (s.minimum_age, s.maximum_age) != (None, None) else (),
        points=_points(locations),
    )


def organisation_entry(directory, o) -> SearchEntry:
    located = [directory.locations[x] for x in o.locations if x in directory.locations]
    return SearchEntry(
        item=o,
        kind=ORGANISATIONS.name,
        name=o.name,
        text={
            "title": o.name,
            "summary": o.summary,
            "categories": " ".join(_names(directory, "categories", o.categories)),
            "organisation": "",
            "areas": " ".join(_names(directory, "areas", o.areas)),
        },
        record={
            "t": o.name,
            "u": url_for(o),
            "k": words.kind(o),
            "o": "",
            "s": o.summary,
            "a": ", ".join(_names(directory, "areas", o.areas)),
            "f": [],
        },
        facets={
            "category": _with_ancestors(directory, "categories", o.categories),
            "area": _with_ancestors(directory, "areas", o.areas),
        },
        points=_points(located),
    )


def consultation_entry(directory, c, now, closing_soon_days: int) -> SearchEntry:
    org = directory.organisations.get(c.organization)
    status = status_of(c, now, closing_soon_days)[1]
    return SearchEntry(
        item=c,
        kind=CONSULTATIONS.name,
        name=c.title,
        text={
            "title": c.title,
            "summary": c.summary,
            "categories": " ".join(_names(directory, "categories", c.categories)),
            "organisation": org.name if org else "",
            "areas": " ".join(_names(directory, "areas", c.areas)),
        },
        record={
            "t": c.title,
            "u": url_for(c),
            "k": CONSULTATIONS.label,
            "o": org.name if org else "",
            "s": c.summary,
            "a": ", ".join(_names(directory, "areas", c.areas)),
            "f": [status, f"Closes {words.format_date(c.closes)}"],
        },
        facets={
            "category": _with_ancestors(directory, "categories", c.categories),
            "area": _with_ancestors(directory, "areas", c.areas),
            "audience": sorted(c.audiences),
        },
    )


class Kept:
    """The search entries one call of :func:`entries` made, for the next call on
    a new read of the same folder (the devserver's preview): an entry is made
    again only when what it is made from is not the very same objects."""

    def __init__(self):
        self.taxonomy, self.synonyms, self.made, self.given = None, None, {}, {}

    def start(self, directory, synonyms) -> None:
        """Forget every entry if the taxonomy or the synonyms changed: every entry names terms."""
        if (directory.taxonomy, synonyms) != (self.taxonomy, self.synonyms):
            self.taxonomy, self.synonyms, self.made = directory.taxonomy, synonyms, {}
        self.given = {}

    def finish(self) -> None:
        """Keep only the entries given since start(): those of deleted files are let go."""
        self.made, self.given = self.given, {}

    def entry(self, make, made_from: tuple, said: tuple = ()) -> SearchEntry:
        """The entry ``make()`` gives, made again only if the model objects it is
        ``made_from`` (the first its own) are not the same, or the values it
        ``said`` are not equal."""
        key = (type(made_from[0]), made_from[0].slug)
        held = self.made.get(key)
        same = held and held[1] == said and len(held[0]) == len(made_from)
        if not same or any(map(operator.is_not, held[0], made_from)):
            held = (made_from, said, make())
        self.given[key] = held
        return held[2]


def entries(directory, now, closing_soon_days: int, kept: Kept | None = None) -> list[SearchEntry]:
    """Every searchable entry, in the order of their numbers: by kind, then by first
    category and name, so that the results of a query sit in few record chunks.
    With ``kept``, the entries of its last call are given back where nothing they
    are made from changed, the very same objects."""
    kept = kept or Kept()
    synonyms = [group for groups in directory.synonyms.values() for group in groups]
    kept.start(directory, synonyms)
    phrases = _phrases(synonyms)
    order = {k.name: i for i, k in enumerate(KIND_ORDER)}

    def made(entry: SearchEntry) -> SearchEntry:
        entry.text["also"] = _also(entry, phrases, synonyms) if synonyms else ""
        first = (entry.facets.get("category") or [""])[0]
        entry.sort_key = (order[entry.kind], first, name_order(entry.name), entry.record["u"])
        return entry

    found = []
    for s in directory.services.values():
        org, places = directory.organisations.get(s.organization), service_locations(s, directory)
        found.append(kept.entry(lambda s=s: made(service_entry(directory, s)), (s, org, *places)))
    for o in directory.organisations.values():
        places = tuple(directory.locations.get(x) for x in o.locations)
        found.append(kept.entry(lambda o=o: made(organisation_entry(directory, o)), (o, *places)))
    for c in directory.consultations.values():
        status = status_of(c, now, closing_soon_days)[1]  # made again when it changes, as time passes
        make = lambda c=c: made(consultation_entry(directory, c, now, closing_soon_days))  # noqa: E731
        found.append(kept.entry(make, (c, directory.organisations.get(c.organization)), (status,)))
    kept.finish()
    return sorted(found, key=lambda e: e.sort_key)


def _tokens(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _phrases(groups) -> dict:
    """First token -> ``[(tokens, group number)]`` of every word and phrase of the synonym groups."""
    phrases = {}
    for number, group in enumerate(groups):
        for phrase in group:
            tokens = _tokens(phrase)
            if tokens:
                phrases.setdefault(tokens[0], []).append((tokens, number))
    return phrases


def _also(entry: SearchEntry, phrases: dict, groups) -> str:
    """The other words and phrases of each group the entry says a word or phrase of."""
    said = _tokens(" ".join(text for field, text in entry.text.items() if field != "also"))
    matched = set()
    for i, token in enumerate(said):
        for tokens, number in phrases.get(token, ()):
            if said[i : i + len(tokens)] == tokens:
                matched.add(number)
    return " ".join(phrase for n in sorted(matched) for phrase in groups[n])
