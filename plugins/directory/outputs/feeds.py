"""Atom feeds (``/feeds/…``): new and updated services, new consultations, those
closing soon, outcomes published, and one feed for each area and category.

Each entry's id is its stable public id (``urn:uuid:``) and its date is the
entry's own (when it was last checked, when it opened, when its outcome was
published), never the build's, so a rebuild does not mark everything updated.

Titles and summaries are contributors' plain text and go out as Atom text
(``type="text"``, the default for a title): a reader shows ``<img …>`` in a
summary as those characters, never as an image or a link.
"""

from __future__ import annotations

import io
from datetime import datetime, time

from feedgenerator import Atom1Feed

from ..ids import public_id
from ..kinds import CONSULTATIONS, SERVICES
from ..urls import feed_url, url, url_for
from ..words import format_date

MOST = 50  # entries in one feed: the newest


class Feed(Atom1Feed):
    """An Atom feed whose own date is its newest entry's (or, empty, the build's)."""

    def __init__(self, *args, fallback: datetime, **kwargs):
        super().__init__(*args, **kwargs)
        self.fallback = fallback

    def latest_post_date(self):
        dates = [item["updateddate"] for item in self.items if item["updateddate"]]
        return max(dates) if dates else self.fallback

    def add_item_elements(self, handler, item):
        # feedgenerator writes a summary as type="html", which a reader renders
        # as markup; the summary is written here, as text, instead
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


# --- what goes in each feed: (title, summary, URL, id, date) --------------------------


def _on(day, site) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=site.now.tzinfo)


def service_item(site, s):
    return (
        s.name,
        s.summary,
        url_for(s),
        public_id(site.settings.namespace, SERVICES.name, s.slug),
        _on(s.assured_date, site),
    )


def consultation_item(site, c, *, outcome=False):
    when = _on(c.outcome_published, site) if outcome else c.opens
    summary = c.summary + ("" if outcome else f" It closes on {format_date(c.closes)}.")
    title = f"Outcome: {c.title}" if outcome else c.title
    return (title, summary, url_for(c), public_id(site.settings.namespace, CONSULTATIONS.name, c.slug), when)


def feeds(site) -> list[tuple[str, str, list]]:
    """``(URL, title, items)`` of every feed."""
    d, rel = site.directory, site.relations
    views = site.consultations(d.consultations.values())
    made = [
        (feed_url("services"), "New and updated services", [service_item(site, s) for s in d.services.values()]),
        (feed_url("consultations"), "Consultations", [consultation_item(site, c) for c in d.consultations.values()]),
        (
            feed_url("closing-soon"),
            "Consultations closing soon",
            [consultation_item(site, v.consultation) for v in views if v.status == "closing-soon"],
        ),
        (
            feed_url("outcomes"),
            "Consultation outcomes: you said, we did",
            [consultation_item(site, c, outcome=True) for c in d.consultations.values() if c.outcome_html],
        ),
    ]
    for vocabulary in ("areas", "categories"):
        services_by, _, consultations_by = rel.tagged(vocabulary)
        for term in site.sorted_terms(vocabulary):
            items = [service_item(site, s) for s in services_by.get(term.slug, ())]
            items += [consultation_item(site, c) for c in consultations_by.get(term.slug, ())]
            made.append((feed_url(term), f"{term.name}: services and consultations", items))
    return made


def atom(site, address: str, title: str, items: list) -> str:
    base = site.settings.site_url
    feed = Feed(
        title=f"{title} – {site.settings.site_name}",
        link=base + url("home"),
        description="",
        language="en-GB",
        author_name=site.settings.council_name,
        feed_url=base + address,
        feed_guid=f"urn:uuid:{public_id(site.settings.namespace, 'feed', address)}",
        fallback=site.now,
    )
    newest = sorted(items, key=lambda item: (item[4], item[3]), reverse=True)[:MOST]
    for name, summary, page, ident, when in newest:
        feed.add_item(
            title=name, link=base + page, description=summary, unique_id=f"urn:uuid:{ident}", updateddate=when
        )
    text = io.StringIO()
    feed.write(text, "utf-8")
    return text.getvalue()


def write(site, out) -> None:
    for address, title, items in feeds(site):
        out.text(address, atom(site, address, title, items))
