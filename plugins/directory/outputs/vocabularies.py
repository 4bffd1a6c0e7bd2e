"""``/categories/`` and ``/areas/``, and a paged page for each of their terms."""

from __future__ import annotations

from ..kinds import VOCABULARIES
from ..pagination import paginate
from ..urls import calendar_url, feed_url, url, url_for
from .site import ATOM, CALENDAR


def vocabulary(site, out, vocabulary) -> None:
    name, title = vocabulary.name, vocabulary.title
    rel = site.relations
    top = [t for t in site.sorted_terms(name) if not t.parent]
    listing = [(t, count, site.counted(name, rel.narrower(name, t.slug))) for t, count in site.counted(name, top)]
    out.page("terms.html", url(name), title=title, vocabulary_title=title, terms=listing)
    for term in site.directory.taxonomy[name].values():
        term_pages(site, out, vocabulary, term)


def term_pages(site, out, vocabulary, term) -> None:
    """The pages of one term: its services, page_size to a page, with its narrower
    terms, organisations and consultations."""
    for page_url, values in term_page_values(site, vocabulary, term):
        term_page(out, page_url, values)


def term_page(out, page_url: str, values: dict) -> None:
    out.page("term.html", page_url, **values)


def term_page_values(site, vocabulary, term) -> list[tuple[str, dict]]:
    """``(url, what the page shows)`` for each page of a term: all a page is made
    of (its cards use only their arguments), so pages with equal values are equal."""
    name, title = vocabulary.name, vocabulary.title
    rel, table = site.relations, site.directory.taxonomy[name]
    services_by, orgs_by, consultations_by = rel.tagged(name)
    parent = table.get(term.parent) if term.parent else None
    shared = dict(
        crumbs=[(title, url(name))] + ([(parent.name, url_for(parent))] if parent else []),
        description=term.description or f"Services, groups and consultations: {term.name}.",
        alternates=[(ATOM, f"{term.name}: services and consultations", feed_url(term))],
        term=term,
        vocabulary_title=title,
        parent=parent,
        children=site.counted(name, rel.narrower(name, term.slug)),
        organisations=orgs_by.get(term.slug, []),
        consultations=site.consultations(consultations_by.get(term.slug, ())),
    )
    if name == "areas":
        shared["alternates"].append((CALENDAR, f"Consultations in {term.name}", calendar_url(term)))
    pages = paginate(services_by.get(term.slug, []), url_for(term), site.settings.page_size)
    return [
        (page_url, dict(shared, title=pagination.title(term.name), services=chunk, pagination=pagination))
        for page_url, chunk, pagination in pages
    ]


def write(site, out) -> None:
    for v in VOCABULARIES:
        if v.has_pages:
            vocabulary(site, out, v)
