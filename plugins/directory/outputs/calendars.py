"""iCalendar files (``/calendars/…``) a resident can subscribe to: the closing
date of every consultation and its response events, for the whole council area
and for each area. Stable UIDs, DTSTAMP from the build moment, VTIMEZONE for
the site's time zone where times are given (RFC 5545)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import urlsplit

from icalendar import Calendar, Event

from ..ids import public_id
from ..kinds import CONSULTATIONS
from ..urls import calendar_url, url_for
from ..words import format_date


def _events(site, c) -> list[Event]:
    """The closing date of ``c`` and each of its response events."""
    host = urlsplit(site.settings.site_url).hostname
    ident = public_id(site.settings.namespace, CONSULTATIONS.name, c.slug)
    page = site.settings.site_url + url_for(c)
    stamp = site.now.astimezone(UTC)
    closing = Event()
    closing.add("uid", f"{ident}-closes@{host}")
    closing.add("dtstamp", stamp)
    closing.add("summary", f"Consultation closes: {c.title}")
    if (c.closes.hour, c.closes.minute) == (23, 59):  # a date alone: the whole day
        closing.add("dtstart", c.closes.date())
        closing.add("dtend", c.closes.date() + timedelta(days=1))
    else:
        closing.add("dtstart", c.closes)
    closing.add("description", f"{c.summary}\n\nRespond by {format_date(c.closes)}: {page}")
    closing.add("url", page)
    found = [closing]
    for number, e in enumerate(c.how_to_respond.events, start=1):
        event = Event()
        event.add("uid", f"{ident}-event-{number}@{host}")
        event.add("dtstamp", stamp)
        event.add("summary", f"{e.title} ({c.title})")
        if e.starts_at:
            start = datetime.combine(e.date, time.fromisoformat(e.starts_at), tzinfo=site.now.tzinfo)
            event.add("dtstart", start)
            if e.ends_at:
                event.add("dtend", datetime.combine(e.date, time.fromisoformat(e.ends_at), tzinfo=site.now.tzinfo))
        else:
            event.add("dtstart", e.date)
            event.add("dtend", e.date + timedelta(days=1))
        place = site.directory.locations.get(e.location)
        where = ", ".join([place.name, *place.address.lines]) if place else e.place
        if where:
            event.add("location", where.replace("\n", ", "))
        event.add("url", site.settings.site_url + url_for(c))
        found.append(event)
    return found


def calendar(site, name: str, consultations) -> bytes:
    cal = Calendar()
    cal.add("prodid", f"-//Civic Hub//{site.settings.site_name}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{name} – {site.settings.site_name}")
    ordered = sorted(consultations, key=lambda c: (c.closes, c.slug))
    for c in ordered:
        for event in _events(site, c):
            cal.add_component(event)
    if ordered:  # the clock changes of the years the events fall in, not of every year
        days = [c.opens.date() for c in ordered] + [e.date for c in ordered for e in c.how_to_respond.events]
        days.append(ordered[-1].closes.date())
        cal.add_missing_timezones(first_date=date(min(days).year, 1, 1), last_date=date(max(days).year + 1, 1, 1))
    return cal.to_ical()


def calendars(site) -> list[tuple[str, str, list]]:
    """``(URL, name, consultations)`` of every calendar."""
    made = [(calendar_url("consultations"), "Consultations", list(site.directory.consultations.values()))]
    by_area = site.relations.tagged("areas")[2]
    for term in site.sorted_terms("areas"):
        made.append((calendar_url(term), f"Consultations in {term.name}", by_area.get(term.slug, [])))
    return made


def write(site, out) -> None:
    for address, name, consultations in calendars(site):
        out.text(address, calendar(site, name, consultations).decode("utf-8"))
