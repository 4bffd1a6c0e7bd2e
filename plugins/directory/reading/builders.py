"""Model objects from validated entries: one builder per kind of entry.

Each builder takes an :class:`~directory.reading.loader.Entry` whose data
has passed its schema and returns the frozen model object.  Markdown is
rendered and sanitised here, once; dates are read with :mod:`directory.dates`.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import tzinfo

from .. import model
from ..dates import to_date, to_moment
from .sanitise import MarkdownRenderer


class Tools:
    """What the builders share: one Markdown renderer and the site's time zone."""

    def __init__(self, tz: tzinfo):
        self.tz = tz
        self.markdown = MarkdownRenderer()

    def md(self, text) -> str:
        return self.markdown.render(text) if text else ""


def from_data(cls, data: dict, **converted):
    """A model object from validated data: fields the class has are copied
    (lists become tuples), missing ones keep the class's defaults, and
    ``converted`` gives the fields that need more than copying."""
    names = {f.name for f in fields(cls)}
    copied = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items() if k in names}
    return cls(**{**copied, **converted})


def _dates(d: dict, *names) -> dict:
    return {n: to_date(d[n]) for n in names if n in d}


def _phones(items) -> tuple:
    return tuple(model.Phone(**p) for p in items or ())


def service(e, tools: Tools) -> model.Service:
    d = e.data
    return from_data(
        model.Service,
        d,
        slug=e.slug,
        source=e.source,
        description_html=tools.md(d["description"]),
        eligibility_html=tools.md(d.get("eligibility")),
        **_dates(d, "assured_date", "status_until"),
        cost_options=tuple(
            from_data(model.CostOption, c, **_dates(c, "valid_from", "valid_to")) for c in d.get("cost_options", ())
        ),
        phones=_phones(d.get("phones")),
        contacts=tuple(from_data(model.Contact, c, phones=_phones(c.get("phones"))) for c in d.get("contacts", ())),
        locations=tuple(
            loc if isinstance(loc, str) else location_from(None, loc, e.source, tools) for loc in d.get("locations", ())
        ),
        schedules=tuple(
            from_data(model.Schedule, x, **_dates(x, "dtstart", "valid_from", "valid_to"))
            for x in d.get("schedules", ())
        ),
    )


def organisation(e, tools: Tools) -> model.Organisation:
    d = e.data
    return from_data(
        model.Organisation,
        d,
        slug=e.slug,
        source=e.source,
        description_html=tools.md(d["description"]),
        phones=_phones(d.get("phones")),
        maintainers=tuple(m.lstrip("@") for m in d.get("maintainers", ())),
        **_dates(d, "assured_date"),
    )


def location(e, tools: Tools) -> model.Location:
    return location_from(e.slug, e.data, e.source, tools)


def location_from(slug, d: dict, source: str, tools: Tools) -> model.Location:
    """A shared location (its own file) or one written out inside a service (slug None)."""
    return from_data(
        model.Location,
        d,
        slug=slug,
        source=source,
        address=from_data(model.Address, d["address"]),
        description_html=tools.md(d.get("description")),
        phones=_phones(d.get("phones")),
    )


def consultation(e, tools: Tools) -> model.Consultation:
    d = e.data
    respond = d["how_to_respond"]
    return from_data(
        model.Consultation,
        d,
        slug=e.slug,
        source=e.source,
        body_html=tools.md(e.body),
        opens=to_moment(d["opens"], False, tools.tz),
        closes=to_moment(d["closes"], True, tools.tz),
        how_to_respond=from_data(
            model.HowToRespond,
            respond,
            phones=_phones(respond.get("phones")),
            events=tuple(from_data(model.ResponseEvent, ev, **_dates(ev, "date")) for ev in respond.get("events", ())),
        ),
        documents=tuple(from_data(model.Document, doc) for doc in d.get("documents", ())),
        outcome_html=tools.md(d.get("outcome")),
        **_dates(d, "outcome_published"),
    )


def page(e, tools: Tools) -> model.Page:
    return from_data(
        model.Page,
        e.data,
        slug=e.slug,
        source=e.source,
        body_html=tools.md(e.body),
        **_dates(e.data, "updated"),
    )


def vocabulary(e, tools: Tools) -> dict[str, model.Term]:
    """A taxonomy file: its terms by slug, sorted."""
    return {
        slug: from_data(model.Term, fields_, vocabulary=e.slug, slug=slug) for slug, fields_ in sorted(e.data.items())
    }


def synonyms(e, tools: Tools) -> tuple[tuple[str, ...], ...]:
    """The synonyms file: its groups of words and phrases that mean the same."""
    return tuple(tuple(words) for words in e.data["groups"])
