"""``/categories/`` and ``/areas/``, and a paged page for each of their terms."""

from __future__ import annotations

from ..kinds import VOCABULARIES
from ..pagination import paginate
from ..urls import calendar_url, feed_url, url, url_for
from .site import ATOM, CALENDAR


def vocabulary(site, out, vocabulary) -> None:
    name, title = vocabulary.name, vocabulary.title
    rel, size = site.relations, site.settings.page_size
    top = [t for t in site.sorted_terms(name) if not t.parent]
    listing = [(t, count, site.counted(name, rel.narrower(name, t.slug))) for t, count in site.counted(name, top)]
    out.page("terms.html", url(name), title=title, vocabulary_title=title, terms=listing)
    services_by, orgs_by, consultations_by = rel.tagged(name)
    table = site.directory.taxonomy[name]
    for term in table.values():
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
        if vocabulary.name == "areas":
            alternates.append((CALENDAR, f"Consultations in {term.name}", calendar_url(term)))
        for page_url, chunk, pagination in paginate(services, url_for(term), size):
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
