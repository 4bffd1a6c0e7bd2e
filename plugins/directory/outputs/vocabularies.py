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
    """The pages of one term: its services, twenty to a page, with its narrower
    terms, organisations and consultations."""
    name, title = vocabulary.name, vocabulary.title
    rel, table = site.relations, site.directory.taxonomy[name]
    services_by, orgs_by, consultations_by = rel.tagged(name)
    parent = table.get(term.parent) if term.parent else None
    crumbs = [(title, url(name))] + ([(parent.name, url_for(parent))] if parent else [])
    shared = dict(
        term=term,
        vocabulary_title=title,
        parent=parent,
        children=site.counted(name, rel.narrower(name, term.slug)),
        organisations=orgs_by.get(term.slug, []),
        consultations=site.consultations(consultations_by.get(term.slug, ())),
    )
    services = services_by.get(term.slug, [])
    alternates = [(ATOM, f"{term.name}: services and consultations", feed_url(term))]
    if name == "areas":
        alternates.append((CALENDAR, f"Consultations in {term.name}", calendar_url(term)))
    for page_url, chunk, pagination in paginate(services, url_for(term), site.settings.page_size):
        out.page(
            "term.html",
            page_url,
            title=pagination.title(term.name),
            crumbs=crumbs,
            description=term.description or f"Services, groups and consultations: {term.name}.",
            alternates=alternates,
            services=chunk,
            pagination=pagination,
            **shared,
        )


def write(site, out) -> None:
    for v in VOCABULARIES:
        if v.has_pages:
            vocabulary(site, out, v)
