"""The home page."""

from __future__ import annotations

from ..urls import url


def write(site, out) -> None:
    d = site.directory
    recent = sorted(d.services.values(), key=lambda s: (s.assured_date, s.slug), reverse=True)
    open_now = [c for c in site.consultations(d.consultations.values()) if c.status in ("open", "closing-soon")]
    out.page(
        "home.html",
        url("home"),
        title=site.settings.site_name,
        top_categories=site.top_categories(),
        areas=site.counted("areas", site.sorted_terms("areas")),
        open_consultations=sorted(open_now, key=lambda c: c.consultation.closes),
        recent_services=recent[: site.settings.recent_count],
        service_count=len(d.services),
        organisation_count=len(d.organisations),
    )
