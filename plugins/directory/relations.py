"""Cross-file checks and the relations between entries.

Everything here is a pure function of the loaded entries and the model, so it
is unit-tested without building a site.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from .dates import to_moment
from .model import Directory, Location
from .problems import ContentProblem, did_you_mean
from .validation import field_name

# (field, vocabulary or folder) checked in each folder's entries
_REFERENCES = {
    "services": [
        ("organization", "organisations"),
        ("locations", "locations"),
        ("categories", "categories"),
        ("areas", "areas"),
        ("audiences", "audiences"),
        ("accessibility", "accessibility"),
    ],
    "organisations": [
        ("areas", "areas"),
        ("categories", "categories"),
        ("locations", "locations"),
    ],
    "locations": [("accessibility", "accessibility")],
    "consultations": [
        ("organization", "organisations"),
        ("related_services", "services"),
        ("areas", "areas"),
        ("audiences", "audiences"),
        ("categories", "categories"),
    ],
}
_WHAT = {
    "organisations": "organisation (content/organisations/)",
    "locations": "location (content/locations/)",
    "services": "service (content/services/)",
    "categories": "category (content/taxonomy/categories.yaml)",
    "areas": "area (content/taxonomy/areas.yaml)",
    "audiences": "audience (content/taxonomy/audiences.yaml)",
    "accessibility": "accessibility term (content/taxonomy/accessibility.yaml)",
}
RESERVED_PAGE_SLUGS = frozenset(
    "services organisations locations consultations categories areas a-z search "
    "theme index 404 sitemap brand".split()
)


class Reference(NamedTuple):
    """One slug an entry names, and where: kept instead of the whole file so a
    directory of 50,000 entries is cross-checked in little memory."""

    source: str
    line: int
    col: int
    field: str  # e.g. "categories" or "locations[1].accessibility"
    target: str  # a folder or vocabulary: "organisations", "categories", ...
    slug: str


def _values(data: dict, name: str):
    """(path, slug) for each slug-valued reference in ``data[name]``."""
    value = data.get(name)
    if isinstance(value, str):
        yield (name,), value
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, str):
                yield (name, i), item


def _paths(entry):
    """(path, target, slug) for every reference in one validated entry."""
    for name, target in _REFERENCES.get(entry.folder, ()):
        for path, slug in _values(entry.data, name):
            yield path, target, slug
    if entry.folder == "services":
        for i, loc in enumerate(entry.data.get("locations", ())):
            if isinstance(loc, dict):
                for path, slug in _values(loc, "accessibility"):
                    yield ("locations", i) + path, "accessibility", slug
    if entry.folder == "consultations":
        for i, event in enumerate(entry.data["how_to_respond"].get("events", ())):
            if event.get("location"):
                yield ("how_to_respond", "events", i, "location"), "locations", event["location"]


def references(entry) -> list[Reference]:
    found = []
    for path, target, slug in _paths(entry):
        line, col = entry.marks.value(path)
        # name the field itself (locations[1].accessibility), not just the block
        named = path[:-1] if isinstance(path[-1], int) else path
        found.append(Reference(entry.source, line, col, field_name(named), target, slug))
    return found


def check_references(refs, known: dict) -> list[ContentProblem]:
    """Unknown references, each with a "did you mean" from the slugs that exist."""
    return [
        ContentProblem(
            r.source, r.line, r.col, "error",
            f"{r.field}: there is no {_WHAT[r.target]} called {r.slug!r}"
            f"{did_you_mean(r.slug, known.get(r.target, ()))}",
        )
        for r in refs
        if r.slug not in known.get(r.target, ())
    ]


def _check_parents(entry) -> list[ContentProblem]:
    problems = []
    terms = entry.data
    for slug, fields in terms.items():
        parent = fields.get("parent")
        if parent is None:
            continue
        line, col = entry.marks.value((slug, "parent"))
        if parent not in terms:
            problems.append(ContentProblem(entry.source, line, col, "error", f"{slug}.parent: there is no category called {parent!r}{did_you_mean(parent, terms)}"))
            continue
        seen, current = {slug}, parent
        while current is not None and current in terms:
            if current in seen:
                problems.append(ContentProblem(entry.source, line, col, "error", f"{slug}.parent: categories cannot be their own ancestor ({slug} → {parent} → … → {slug})"))
                break
            seen.add(current)
            current = terms[current].get("parent")
    return problems


def check_entry(entry, today: date, settings) -> list[ContentProblem]:
    """Problems within one entry: impossible dates and ages, stale checks."""
    d, problems = entry.data, []
    if entry.folder == "taxonomy" and entry.slug == "categories":
        problems += _check_parents(entry)

    def add(path, severity, message):
        line, col = entry.marks.value(path)
        problems.append(ContentProblem(entry.source, line, col, severity, message))

    if "opens" in d and "closes" in d and entry.folder == "consultations":
        if to_moment(d["closes"], end_of_day=True) < to_moment(d["opens"], end_of_day=False):
            add(("closes",), "error", f"closes ({d['closes']}) is before opens ({d['opens']})")
    if "minimum_age" in d and "maximum_age" in d and d["maximum_age"] < d["minimum_age"]:
        add(("maximum_age",), "error", f"maximum_age ({d['maximum_age']}) is below minimum_age ({d['minimum_age']})")
    for i, schedule in enumerate(d.get("schedules", ()) if entry.folder == "services" else ()):
        opens, closes = schedule.get("opens_at"), schedule.get("closes_at")
        if opens and closes and closes <= opens:
            add(("schedules", i, "closes_at"), "error", f"schedules[{i + 1}].closes_at ({closes}) is not after opens_at ({opens})")
        if (opens is None) != (closes is None):
            add(("schedules", i), "error", f"schedules[{i + 1}] needs both opens_at and closes_at, or neither")
    if d.get("status") == "temporarily closed" and "status_until" not in d:
        add(("status",), "warning", "status is 'temporarily closed': add status_until with the date it reopens, if known")
    assured = d.get("assured_date")
    if assured and date.fromisoformat(assured) < today - timedelta(days=settings.stale_after_days):
        add(("assured_date",), "warning", f"assured_date {assured} is more than {settings.stale_after_days} days old; check the entry is still right and update the date")
    if assured and date.fromisoformat(assured) > today:
        add(("assured_date",), "warning", f"assured_date {assured} is in the future; use the date the entry was last checked")
    if entry.folder == "pages" and entry.slug in RESERVED_PAGE_SLUGS:
        add((), "error", f"the page name {entry.slug!r} is used by the site itself; rename the file")
    return problems


# --- relations ---------------------------------------------------------------


@dataclass
class Relations:
    """Who links to whom, every list sorted by name."""

    services_by_org: dict = field(default_factory=lambda: defaultdict(list))
    services_by_location: dict = field(default_factory=lambda: defaultdict(list))
    services_by_category: dict = field(default_factory=lambda: defaultdict(list))
    services_by_area: dict = field(default_factory=lambda: defaultdict(list))
    orgs_by_category: dict = field(default_factory=lambda: defaultdict(list))
    orgs_by_area: dict = field(default_factory=lambda: defaultdict(list))
    consultations_by_org: dict = field(default_factory=lambda: defaultdict(list))
    consultations_by_service: dict = field(default_factory=lambda: defaultdict(list))
    consultations_by_category: dict = field(default_factory=lambda: defaultdict(list))
    consultations_by_area: dict = field(default_factory=lambda: defaultdict(list))
    children: dict = field(default_factory=lambda: defaultdict(list))

    def tagged(self, vocabulary: str) -> tuple[dict, dict, dict]:
        """Services, organisations and consultations by term, for "categories" or "areas"."""
        if vocabulary == "categories":
            return self.services_by_category, self.orgs_by_category, self.consultations_by_category
        return self.services_by_area, self.orgs_by_area, self.consultations_by_area


def ancestors(slug: str, categories: dict) -> list[str]:
    """``slug`` and every broader category above it."""
    chain = []
    while slug in categories and slug not in chain:
        chain.append(slug)
        slug = categories[slug].parent
    return chain


def relate(directory: Directory) -> Relations:
    rel = Relations()
    categories = directory.taxonomy["categories"]
    for term in sorted(categories.values(), key=lambda t: t.name.lower()):
        if term.parent:
            rel.children[term.parent].append(term)

    def by_name(item):
        return (getattr(item, "name", getattr(item, "title", "")).lower(), item.slug)

    for service in sorted(directory.services.values(), key=by_name):
        rel.services_by_org[service.organization].append(service)
        for loc in service.locations:
            if isinstance(loc, str):
                rel.services_by_location[loc].append(service)
        in_categories = {a for c in service.categories for a in ancestors(c, categories)}
        for slug in sorted(in_categories):
            rel.services_by_category[slug].append(service)
        for area in service.areas:
            rel.services_by_area[area].append(service)
    for org in sorted(directory.organisations.values(), key=by_name):
        for slug in org.categories:
            rel.orgs_by_category[slug].append(org)
        for area in org.areas:
            rel.orgs_by_area[area].append(org)
    for c in sorted(directory.consultations.values(), key=lambda c: (c.closes, c.slug)):
        rel.consultations_by_org[c.organization].append(c)
        for slug in c.related_services:
            rel.consultations_by_service[slug].append(c)
        for slug in c.categories:
            rel.consultations_by_category[slug].append(c)
        for area in c.areas:
            rel.consultations_by_area[area].append(c)
    return rel


def service_locations(service, directory: Directory) -> list[Location]:
    return [
        directory.locations[loc] if isinstance(loc, str) else loc
        for loc in service.locations
        if not isinstance(loc, str) or loc in directory.locations
    ]
