"""Each kind's fields in words, for telling what a change does to an entry.

A :class:`Field` gives an entry's value as pairs of (key, words): keys are
compared, words are shown. Most keys are the words themselves; a reference's
key is the slug it names (after any file renamed in the same change), so that
renaming an organisation does not also "change" each of its services. The
words come from :mod:`directory.words`, as the site shows them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import model, words


@dataclass(frozen=True)
class Field:
    label: str  # "phone number": "changes the phone number of …"
    values: Callable  # (object, side) -> tuple of (key, words)
    style: str = "value"  # "value": from … to …; "set": adds …, removes …; "text": long text, not quoted
    covers: tuple[str, ...] = ()  # the model's attributes it describes
    plural: str = ""  # "phone numbers", when there are several


def _pairs(texts) -> tuple:
    return tuple((t, t) for t in texts if t)


def text(attr: str, label: str, style: str = "value", covers: tuple = ()) -> Field:
    return Field(label, lambda o, side: _pairs([getattr(o, attr)]), style, covers or (attr,))


def each(attr: str, label: str, say: Callable, plural: str = "", style: str = "value") -> Field:
    """A list attribute, each item in words by ``say``."""
    return Field(label, lambda o, side: _pairs(say(x) for x in getattr(o, attr)), style, (attr,), plural)


def said(label: str, say: Callable, covers: tuple, style: str = "value", plural: str = "") -> Field:
    """The whole object in words by ``say`` (a text, or a list of texts)."""

    def values(o, side):
        found = say(o)
        return _pairs([found] if isinstance(found, str) else found)

    return Field(label, values, style, covers, plural)


def refs(attr: str, target: str, label: str, plural: str = "") -> Field:
    """Slugs of other entries or terms (one or several), shown by their names."""

    def values(o, side):
        slugs = getattr(o, attr)
        slugs = (slugs,) if isinstance(slugs, str) else slugs or ()
        return tuple((side.key(target, s), side.name(target, s)) for s in slugs)

    return Field(label, values, "set", (attr,), plural)


def date_text(value) -> str:
    return words.format_date(value)


def phone_text(p: model.Phone) -> str:
    number = p.number + (f" extension {p.extension}" if p.extension else "")
    what = ", ".join(x for x in (p.type if p.type not in ("", "voice") else "", p.description) if x)
    return f"{number} ({what})" if what else number


def contact_text(c: model.Contact) -> str:
    parts = [c.name + (f" ({c.title})" if c.title else ""), c.department, c.email, *map(phone_text, c.phones)]
    return ", ".join(p for p in parts if p)


def address_text(a: model.Address) -> str:
    return ", ".join(a.lines)


def place_values(o, side) -> tuple:
    """A service's places: shared ones by slug, written-out ones by their words."""
    found = []
    for place in o.locations:
        if isinstance(place, str):
            found.append((side.key("locations", place), side.name("locations", place)))
        else:
            shown = f"{place.name}, {address_text(place.address)}"
            found.append((shown, shown))
    return tuple(found)


def last_check(o) -> str:
    return date_text(o.assured_date) + (f" by {o.assurer}" if o.assurer else "") if o.assured_date else ""


def position(o) -> str:
    return f"{o.latitude}, {o.longitude}" if o.latitude is not None else ""


def event_text(e: model.ResponseEvent) -> str:
    where = e.place or e.location
    return f"{e.title}, {words.event_when(e)}" + (f", {where}" if where else "")


CHECKED = said("last check", last_check, ("assured_date", "assurer"))
CONTACT_DETAILS = (
    text("url", "website"),
    text("email", "email address"),
    each("phones", "phone number", phone_text, "phone numbers"),
)

SERVICE = (
    refs("organization", "organisations", "organisation"),
    text("summary", "summary"),
    text("description", "description", "text", ("description", "description_html")),
    said("status", lambda s: words.status(s) or "Running", ("status", "status_until")),
    text("alert", "notice"),
    refs("categories", "categories", "category", "categories"),
    refs("areas", "areas", "area", "areas"),
    refs("audiences", "audiences", "audience", "audiences"),
    said("ages", words.ages, ("minimum_age", "maximum_age")),
    text("eligibility", "eligibility", "text", ("eligibility", "eligibility_html")),
    said("cost", words.costs, ("free", "fees", "cost_options"), plural="costs"),
    said("way to use it", words.access, ("how_to_access",), "set", "ways to use it"),
    *CONTACT_DETAILS,
    each("contacts", "contact", contact_text, "contacts"),
    Field("place", place_values, "set", ("locations",), "places"),
    each("schedules", "opening times", words.opening_time),
    each("languages", "language", str, "languages", "set"),
    refs("accessibility", "accessibility", "accessibility"),
    CHECKED,
)
ORGANISATION = (
    said("type", words.kind, ("kind",)),
    text("summary", "summary"),
    text("description", "description", "text", ("description", "description_html")),
    *CONTACT_DETAILS,
    text("logo", "logo"),
    each("identifiers", "identifier", lambda i: f"{i['identifier_type']} {i['identifier']}", "identifiers", "set"),
    refs("areas", "areas", "area", "areas"),
    refs("categories", "categories", "category", "categories"),
    refs("locations", "locations", "place", "places"),
    each("maintainers", "maintainer", lambda m: f"@{m}", "maintainers", "set"),
    CHECKED,
)
LOCATION = (
    said("address", lambda p: address_text(p.address), ("address",)),
    text("description", "description", "text", ("description", "description_html")),
    said("map position", position, ("latitude", "longitude")),
    refs("accessibility", "accessibility", "accessibility"),
    text("uprn", "UPRN"),
    text("transportation", "travel directions"),
    *CONTACT_DETAILS,
)
_RESPOND = (
    said("response website", lambda c: c.how_to_respond.url, ()),
    said("response email address", lambda c: c.how_to_respond.email, ()),
    said("postal address for responses", lambda c: c.how_to_respond.postal, ()),
    said(
        "response phone number",
        lambda c: [phone_text(p) for p in c.how_to_respond.phones],
        (),
        plural="response phone numbers",
    ),
    said("event", lambda c: [event_text(e) for e in c.how_to_respond.events], ("how_to_respond",), "set", "events"),
)
CONSULTATION = (
    refs("organization", "organisations", "organisation"),
    text("summary", "summary"),
    text("body_html", "text", "text"),
    said("opening date", lambda c: date_text(c.opens), ("opens",)),
    said("closing date", lambda c: date_text(c.closes), ("closes",)),
    *_RESPOND,
    refs("audiences", "audiences", "audience", "audiences"),
    refs("areas", "areas", "area", "areas"),
    refs("categories", "categories", "category", "categories"),
    refs("related_services", "services", "related service", "related services"),
    each("documents", "document", lambda d: d.title + (f" ({d.url})" if d.url else ""), "documents", "set"),
    text("outcome_html", "outcome", "text"),
    said("outcome date", lambda c: date_text(c.outcome_published), ("outcome_published",)),
)
PAGE = (
    text("summary", "summary"),
    text("body_html", "text", "text"),
    said("last updated date", lambda p: date_text(p.updated), ("updated",)),
    said("footer link", lambda p: "in the footer" if p.in_footer else "", ("in_footer",), "set"),
)
TERM = (
    text("description", "description"),
    Field("broader term", lambda t, side: _term_parent(t, side), "set", ("parent",)),
    each("postcode_districts", "postcode district", str, "postcode districts", "set"),
    each("mappings", "mapping", lambda m: ", ".join(f"{k}: {v}" for k, v in sorted(m.items())), "mappings", "set"),
)
# attributes that are not facts of the entry: where it is, or its identity
NOT_FACTS = {"slug", "source", "vocabulary", "name", "title"}
FIELDS = {
    model.Service: SERVICE,
    model.Organisation: ORGANISATION,
    model.Location: LOCATION,
    model.Consultation: CONSULTATION,
    model.Page: PAGE,
    model.Term: TERM,
}


def _term_parent(t: model.Term, side) -> tuple:
    return ((side.key(t.vocabulary, t.parent), side.name(t.vocabulary, t.parent)),) if t.parent else ()


def name_of(obj) -> str:
    return getattr(obj, "name", None) or getattr(obj, "title", "")
