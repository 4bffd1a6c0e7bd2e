"""The page of each service, organisation, place and static page."""

from __future__ import annotations

from .. import words
from ..kinds import LOCATIONS, ORGANISATIONS, PAGES, SERVICES
from ..repository import entry_links
from ..urls import url, url_for
from . import jsonld
from .views import service_view


def service(site, out, s) -> None:
    v = service_view(site, s)
    here = url_for(s)
    crumbs = [(SERVICES.title, url(SERVICES.folder))]
    if v.categories:
        crumbs = [(v.categories[0].name, url_for(v.categories[0]))]
    data = jsonld.service(s, v.organisation, v.locations, v.categories, site.settings.site_url, here)
    out.page(
        SERVICES.template,
        here,
        title=s.name,
        crumbs=crumbs,
        jsonld=data,
        description=s.summary,
        service=s,
        view=v,
        entry_links=entry_links(site.settings, s, site.settings.site_url + here),
    )


def organisation(site, out, org) -> None:
    d, rel = site.directory, site.relations
    here = url_for(org)
    out.page(
        ORGANISATIONS.template,
        here,
        title=org.name,
        crumbs=[(ORGANISATIONS.title, url(ORGANISATIONS.folder))],
        jsonld=jsonld.organisation_page(org, site.settings.site_url, here),
        description=org.summary,
        organisation=org,
        services=rel.services_by_org.get(org.slug, []),
        consultations=site.consultations(rel.consultations_by_org.get(org.slug, ())),
        locations=[d.locations[x] for x in org.locations if x in d.locations],
        categories=site.terms("categories", org.categories),
        areas=site.terms("areas", org.areas),
        kind_text=words.kind(org),
        entry_links=entry_links(site.settings, org, site.settings.site_url + here),
    )


def location(site, out, loc) -> None:
    here = url_for(loc)
    out.page(
        LOCATIONS.template,
        here,
        title=loc.name,
        crumbs=[(LOCATIONS.title, url(LOCATIONS.folder))],
        jsonld=jsonld.place_page(loc, site.settings.site_url, here),
        description=f"{loc.name}, {', '.join(loc.address.lines)}: the services that meet there.",
        location=loc,
        services=site.relations.services_by_location.get(loc.slug, []),
        accessibility=site.terms("accessibility", loc.accessibility),
        entry_links=entry_links(site.settings, loc, site.settings.site_url + here),
    )


def services(part: int, parts: int):
    """An output writing one part of ``parts`` of the services' pages: the
    largest output by far, so it is shared between the cores in parts."""

    def write(site, out) -> None:
        found = list(site.directory.services.values())
        size = -(-len(found) // parts)  # rounded up
        for s in found[part * size : (part + 1) * size]:
            service(site, out, s)

    return write


def write(site, out) -> None:
    """The pages of everything but the services (see services())."""
    d = site.directory
    for org in d.organisations.values():
        organisation(site, out, org)
    for loc in d.locations.values():
        location(site, out, loc)
    for p in d.pages.values():
        page(site, out, p)


def page(site, out, p) -> None:
    out.page(PAGES.template, url_for(p), title=p.title, description=p.summary, page=p)
