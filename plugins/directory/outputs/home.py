"""The home page."""

from __future__ import annotations

from ..urls import url

CONSULTATIONS_SHOWN = 8


def write(site, out) -> None:
    d = site.directory
    recent = sorted(d.services.values(), key=lambda s: (s.assured_date, s.slug), reverse=True)
    views = site.consultations(d.consultations.values())
    # open ones by closing date; then the next to open, listed for the browser to show when they do
    open_now = sorted((c for c in views if c.section == "open"), key=lambda c: c.consultation.closes)
    opening = sorted((c for c in views if c.section == "upcoming"), key=lambda c: c.consultation.opens)
    out.page(
        "home.html",
        url("home"),
        title=site.settings.site_name,
        top_categories=site.top_categories(),
        areas=site.counted("areas", site.sorted_terms("areas")),
        consultations=(open_now + opening)[:CONSULTATIONS_SHOWN],
        recent_services=recent[: site.settings.recent_count],
        service_count=len(d.services),
        organisation_count=len(d.organisations),
    )
