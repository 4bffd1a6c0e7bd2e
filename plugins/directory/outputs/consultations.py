"""``/consultations/`` (open, opening soon, closed) and each consultation's page."""

from __future__ import annotations

from urllib.parse import quote

from .. import words
from ..kinds import CONSULTATIONS
from ..pagination import paginate
from ..repository import entry_links
from ..urls import calendar_url, feed_url, url
from . import jsonld
from .site import ATOM, CALENDAR


def index(site, out) -> None:
    """Open (closing first), upcoming (opening first) and closed (most recent first);
    the closed ones go on over more pages."""
    views = site.consultations(site.directory.consultations.values())

    def section(name, key, reverse=False):
        return sorted((v for v in views if v.section == name), key=key, reverse=reverse)

    open_now = section("open", lambda v: (v.consultation.closes, v.url))
    upcoming = section("upcoming", lambda v: (v.consultation.opens, v.url))
    closed = section("closed", lambda v: (v.consultation.closes, v.url), reverse=True)
    for page_url, chunk, pagination in paginate(closed, url(CONSULTATIONS.folder), site.settings.page_size):
        out.page(
            "consultations.html",
            page_url,
            title=CONSULTATIONS.title if pagination.number == 1 else pagination.title("Closed consultations"),
            crumbs=[] if pagination.number == 1 else [(CONSULTATIONS.title, url(CONSULTATIONS.folder))],
            open=open_now,
            upcoming=upcoming,
            closed=chunk,
            pagination=pagination,
            alternates=[
                (ATOM, "Consultations closing soon", feed_url("closing-soon")),
                (ATOM, "Consultation outcomes", feed_url("outcomes")),
                (CALENDAR, "Consultation closing dates", calendar_url("consultations")),
            ],
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
        description=c.summary,
        alternates=[(CALENDAR, "Consultation closing dates", calendar_url("consultations"))],
        c=v,
        organisation=org,
        audiences=site.terms("audiences", c.audiences),
        areas=site.terms("areas", c.areas),
        related_services=[d.services[s] for s in c.related_services if s in d.services],
        events=[(e, d.locations.get(e.location), words.event_when(e)) for e in c.how_to_respond.events],
        share=share_links(c.title, site.settings.site_url + v.url),
        entry_links=entry_links(site.settings, c, site.settings.site_url + v.url),
    )


def share_links(title: str, address: str) -> dict:
    """Plain links that share the page (no script of another site, no request to one)."""
    text = f"{title}: {address}"
    return {
        "url": address,
        "email": f"mailto:?subject={quote(title)}&body={quote(text)}",
        "whatsapp": f"https://wa.me/?text={quote(text)}",
    }


def write(site, out) -> None:
    index(site, out)
    for c in site.directory.consultations.values():
        consultation(site, out, c)
