"""The relations between entries, built from the model only.

Who links to whom (organisation ⇄ services ⇄ locations ⇄ consultations,
taxonomy): pure functions of a :class:`~directory.model.Directory`, so they are
unit-tested without building a site.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .model import Directory, Location


def name_order(name: str) -> str:
    """The one rule for "in name order", in every list the directory writes or
    shows: names compared without regard to case (casefold: "ß" as "ss")."""
    return name.casefold()


def by_name(item) -> tuple[str, str]:
    """An entry's or term's place in name order (a page by its title); the slug
    settles a tie, so the order never depends on the order files were read in."""
    return name_order(getattr(item, "name", None) or getattr(item, "title", "")), item.slug


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
    children: dict = field(default_factory=lambda: defaultdict(list))  # (vocabulary, slug) -> narrower terms

    def narrower(self, vocabulary: str, slug: str) -> list:
        """The terms of ``vocabulary`` whose parent is ``slug``, by name."""
        return self.children.get((vocabulary, slug), [])

    def tagged(self, vocabulary: str) -> tuple[dict, dict, dict]:
        """Services, organisations and consultations by term, for "categories" or "areas"."""
        if vocabulary == "categories":
            return self.services_by_category, self.orgs_by_category, self.consultations_by_category
        return self.services_by_area, self.orgs_by_area, self.consultations_by_area


def ancestors(slug: str, categories: dict) -> list[str]:
    """``slug`` and every broader category above it: a loop, not recursion, that
    stops at a cycle and takes time in proportion to the chain (validation keeps
    chains short: reading/checks.py MAX_TERM_LEVELS)."""
    chain = {}  # a dict for its order and its quick "in"
    while slug in categories and slug not in chain:
        chain[slug] = None
        slug = categories[slug].parent
    return list(chain)


def broader(slugs, table: dict) -> list[str]:
    """``slugs`` and every term above any of them, once each, sorted."""
    return sorted({a for s in slugs for a in ancestors(s, table)})


def relate(directory: Directory) -> Relations:
    """The relations of a directory. An entry in a narrower category or area is
    also in every broader one (a category page lists its subcategories' entries)."""
    rel = Relations()
    categories, areas = directory.taxonomy["categories"], directory.taxonomy["areas"]
    for table in (categories, areas):
        for term in sorted(table.values(), key=by_name):
            if term.parent:
                rel.children[term.vocabulary, term.parent].append(term)

    for service in sorted(directory.services.values(), key=by_name):
        rel.services_by_org[service.organization].append(service)
        for loc in service.locations:
            if isinstance(loc, str):
                rel.services_by_location[loc].append(service)
        for slug in broader(service.categories, categories):
            rel.services_by_category[slug].append(service)
        for slug in broader(service.areas, areas):
            rel.services_by_area[slug].append(service)
    for org in sorted(directory.organisations.values(), key=by_name):
        for slug in broader(org.categories, categories):
            rel.orgs_by_category[slug].append(org)
        for slug in broader(org.areas, areas):
            rel.orgs_by_area[slug].append(org)
    for c in sorted(directory.consultations.values(), key=lambda c: (c.closes, c.slug)):
        rel.consultations_by_org[c.organization].append(c)
        for slug in c.related_services:
            rel.consultations_by_service[slug].append(c)
        for slug in broader(c.categories, categories):
            rel.consultations_by_category[slug].append(c)
        for slug in broader(c.areas, areas):
            rel.consultations_by_area[slug].append(c)
    return rel


def service_locations(service, directory: Directory) -> list[Location]:
    return [
        directory.locations[loc] if isinstance(loc, str) else loc
        for loc in service.locations
        if not isinstance(loc, str) or loc in directory.locations
    ]
