"""Slices of the directory that other sites embed: the entries of one kind with
one filter value ("services in the category food-banks"), from the relations.

Pure functions of the model and its relations. The widgets' data files and the
embed pages (``outputs/widgets.py``, ``outputs/embeds.py``) are written one per
slice, so a widget reads only the slices its attributes name.
"""

from __future__ import annotations

from dataclasses import dataclass

from .kinds import CONSULTATIONS, ORGANISATIONS, SERVICES, Kind
from .relations import by_name
from .urls import SECTIONS, url_for

# the filters a widget takes, as its attributes are called, and the vocabulary of each
VOCABULARY_FILTERS = {"category": "categories", "area": "areas"}
ORGANISATION_FILTER = "organisation"
# what can be embedded, and by what it can be filtered (an organisation is not
# filtered by organisation)
EMBEDDABLE = {
    SERVICES: ("category", "area", ORGANISATION_FILTER),
    ORGANISATIONS: ("category", "area"),
    CONSULTATIONS: ("category", "area", ORGANISATION_FILTER),
}


@dataclass(frozen=True)
class Slice:
    kind: Kind
    filter: str  # "category", "area", "organisation", or "" for every entry of the kind
    value: str  # the slug of the term or organisation; "" with no filter
    name: str  # what it is called: the term's or organisation's name, or the kind's title
    page: str  # the directory's own page of it: the term's, the organisation's, the kind's list
    items: tuple  # model objects, in the order the directory lists them


def _tagged(relations, vocabulary: str, kind: Kind) -> dict:
    services, organisations, consultations = relations.tagged(vocabulary)
    return {SERVICES: services, ORGANISATIONS: organisations, CONSULTATIONS: consultations}[kind]


def _everything(directory, kind: Kind) -> tuple:
    items = getattr(directory, kind.folder).values()
    if kind is CONSULTATIONS:
        return tuple(sorted(items, key=lambda c: (c.closes, c.slug)))
    return tuple(sorted(items, key=by_name))


def slices(directory, relations) -> list[Slice]:
    """Every slice: each kind whole, and with each value of each of its filters
    (empty ones too, so that a widget can tell "none" from "no such value")."""
    found = []
    for kind, filters in EMBEDDABLE.items():
        found.append(Slice(kind, "", "", kind.title, SECTIONS[kind.folder], _everything(directory, kind)))
        for name in filters:
            if name == ORGANISATION_FILTER:
                by_org = relations.services_by_org if kind is SERVICES else relations.consultations_by_org
                for slug, org in sorted(directory.organisations.items()):
                    found.append(Slice(kind, name, slug, org.name, url_for(org), tuple(by_org.get(slug, ()))))
                continue
            vocabulary = VOCABULARY_FILTERS[name]
            tagged = _tagged(relations, vocabulary, kind)
            for slug, term in sorted(directory.taxonomy[vocabulary].items()):
                found.append(Slice(kind, name, slug, term.name, url_for(term), tuple(tagged.get(slug, ()))))
    return found
