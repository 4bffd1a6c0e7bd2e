"""``/updates/``: how to follow the directory, with every feed and calendar."""

from __future__ import annotations

from ..urls import calendar_url, feed_url, url


def write(site, out) -> None:
    out.page(
        "updates.html",
        url("updates"),
        title="Get updates",
        description="Follow new services and consultations, and consultation closing dates, "
        "in a feed reader or your calendar.",
        feeds=[
            ("New and updated services", feed_url("services")),
            ("New consultations", feed_url("consultations")),
            ("Consultations closing soon", feed_url("closing-soon")),
            ("Consultation outcomes: you said, we did", feed_url("outcomes")),
        ],
        calendar=calendar_url("consultations"),
        areas=[(term, feed_url(term), calendar_url(term)) for term in site.sorted_terms("areas")],
        categories=[(term, feed_url(term)) for term in site.sorted_terms("categories") if not term.parent],
        site_url=site.settings.site_url,
    )
