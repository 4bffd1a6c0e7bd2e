"""Feeds and calendars carry contributors' text as text: a reader shows markup
in a name or a summary as the characters written, never as an image or a link.

Read as subscribers' software reads them: Atom with feedparser, iCalendar with
the icalendar library's own parser."""

from __future__ import annotations

import feedparser
from icalendar import Calendar

MARKUP = '<img src="https://t.example/p.gif"> <a href="https://x">x</a> & more'
SERVICE = "services/riverside-food-bank.yaml"
LIBRARY = "consultations/library-hours.md"


def replace(site, name: str, old: str, new: str) -> None:
    text = (site / name).read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    (site / name).write_text(text.replace(old, new, 1), encoding="utf-8")


def built_with_markup(copy_fixture, build):
    site = copy_fixture()
    replace(site, SERVICE, "summary: Emergency food parcels for people in crisis.", f"summary: '{MARKUP}'")
    replace(site, SERVICE, "name: Riverside Food Bank", "name: '<b>Riverside</b> Food Bank'")
    replace(site, LIBRARY, "summary: Tell us when you would like the library to open.", f"summary: '{MARKUP}'")
    code, output = build(site)
    assert code == 0
    return output


def test_an_atom_readers_view_of_a_summary_with_markup(copy_fixture, build):
    output = built_with_markup(copy_fixture, build)
    raw = (output / "feeds/services.atom").read_text(encoding="utf-8")
    assert '<summary type="text">' in raw and 'type="html"' not in raw
    feed = feedparser.parse(raw)
    assert not feed.bozo, feed.get("bozo_exception")
    (entry,) = [e for e in feed.entries if e.link.endswith("/services/riverside-food-bank/")]
    assert entry.summary_detail.type == "text/plain"
    assert entry.summary == MARKUP  # the literal text: no image, no link made of it
    assert entry.title_detail.type == "text/plain" and entry.title == "<b>Riverside</b> Food Bank"
    assert [link.href for link in entry.links] == [entry.link]  # its page, nothing from the summary
    assert "<img" not in entry.summary_detail.get("value", "").replace(MARKUP, "")


def test_a_consultations_summary_in_the_feeds_and_the_calendar(copy_fixture, build):
    output = built_with_markup(copy_fixture, build)
    feed = feedparser.parse((output / "feeds/consultations.atom").read_bytes())
    (entry,) = [e for e in feed.entries if e.link.endswith("/consultations/library-hours/")]
    assert entry.summary_detail.type == "text/plain" and entry.summary.startswith(f"{MARKUP} It closes on ")
    calendar = Calendar.from_ical((output / "calendars/consultations.ics").read_bytes())
    closing = [e for e in calendar.walk("VEVENT") if str(e["summary"]) == "Consultation closes: Library opening hours"]
    (event,) = closing
    assert str(event["description"]).startswith(f"{MARKUP}\n\nRespond by ")  # text, escaped as RFC 5545 says
    assert "X-ALT-DESC" not in event  # no HTML version of it
