"""``/consultations/`` (open, opening soon, closed) and each consultation's page."""

from __future__ import annotations

from ..kinds import CONSULTATIONS
from ..urls import url
from . import jsonld


def index(site, out) -> None:
    views = site.consultations(site.directory.consultations.values())

    def having(*states):
        return [v for v in views if v.status in states]

    out.page(
        "consultations.html",
        url(CONSULTATIONS.folder),
        title=CONSULTATIONS.title,
        open=sorted(having("open", "closing-soon"), key=lambda v: v.consultation.closes),
        upcoming=sorted(having("upcoming"), key=lambda v: v.consultation.opens),
        closed=sorted(having("closed"), key=lambda v: v.consultation.closes, reverse=True),
    )


def consultation(site, out, c) -> None:
    d = site.directory
    v = site.consultations([c])[0]
    org = d.organisations.get(c.organization)
    out.page(
        CONSULTATIONS.template,
        v.url,
        title=c.title,
        crumbs=[(CONSULTATIONS.title, url(CONSULTATIONS.folder))],
        jsonld=jsonld.consultation_page(c, org, site.settings.site_url, v.url),
        c=v,
        organisation=org,
        related_services=[d.services[s] for s in c.related_services if s in d.services],
        events=[(e, d.locations.get(e.location)) for e in c.how_to_respond.events],
    )


def write(site, out) -> None:
    index(site, out)
    for c in site.directory.consultations.values():
        consultation(site, out, c)
