"""The directory's model: plain, picklable data objects with no Pelican imports.

Every object is built by the loader from a validated entry.  Text fields hold
plain strings (templates escape them); fields ending in ``_html`` hold the
sanitiser's output and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class Term:
    """A taxonomy term: a category, an area, an audience or an accessibility term."""

    vocabulary: str  # "categories", "areas", "audiences" or "accessibility"
    slug: str
    name: str
    description: str = ""
    parent: str | None = None
    postcode_districts: tuple[str, ...] = ()
    mappings: tuple[dict, ...] = ()


@dataclass(frozen=True)
class Phone:
    number: str
    extension: str = ""
    type: str = ""
    description: str = ""

    @property
    def tel_url(self) -> str:
        digits = "".join(c for c in self.number if c.isdigit() or c == "+")
        return f"tel:{digits}" + (f";ext={self.extension}" if self.extension else "")


@dataclass(frozen=True)
class Address:
    address_1: str
    city: str
    postal_code: str
    address_2: str = ""
    region: str = ""
    state_province: str = ""
    country: str = "GB"

    @property
    def lines(self) -> tuple[str, ...]:
        parts = (self.address_1, self.address_2, self.city, self.region, self.postal_code)
        return tuple(p for p in parts if p)


@dataclass(frozen=True)
class Location:
    slug: str | None  # None for a place written out inside one service
    name: str
    address: Address
    description_html: str = ""
    latitude: float | None = None
    longitude: float | None = None
    accessibility: tuple[str, ...] = ()
    uprn: str = ""
    transportation: str = ""
    phones: tuple[Phone, ...] = ()
    email: str = ""
    url: str = ""
    source: str = ""
    description: str = ""  # the Markdown as written (for open data)


@dataclass(frozen=True)
class Schedule:
    freq: str = "WEEKLY"
    interval: int = 1
    byday: str = ""
    bymonthday: str = ""
    opens_at: str = ""
    closes_at: str = ""
    dtstart: date | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    description: str = ""
    notes: str = ""
    attending_type: str = ""


@dataclass(frozen=True)
class CostOption:
    amount: float
    option: str = ""
    amount_description: str = ""
    valid_from: date | None = None
    valid_to: date | None = None


@dataclass(frozen=True)
class Contact:
    name: str
    title: str = ""
    department: str = ""
    email: str = ""
    phones: tuple[Phone, ...] = ()


@dataclass(frozen=True)
class Service:
    slug: str
    name: str
    organization: str
    summary: str
    description_html: str
    categories: tuple[str, ...]
    assured_date: date
    status: str = "active"
    status_until: date | None = None
    alert: str = ""
    areas: tuple[str, ...] = ()
    audiences: tuple[str, ...] = ()
    minimum_age: int | None = None
    maximum_age: int | None = None
    eligibility_html: str = ""
    free: bool | None = None
    fees: str = ""
    cost_options: tuple[CostOption, ...] = ()
    how_to_access: tuple[str, ...] = ()
    url: str = ""
    email: str = ""
    phones: tuple[Phone, ...] = ()
    contacts: tuple[Contact, ...] = ()
    locations: tuple[str | Location, ...] = ()  # slugs of shared locations, or inline places
    schedules: tuple[Schedule, ...] = ()
    languages: tuple[str, ...] = ()
    accessibility: tuple[str, ...] = ()
    assurer: str = ""
    source: str = ""
    description: str = ""  # the Markdown as written (for open data)
    eligibility: str = ""


@dataclass(frozen=True)
class Organisation:
    slug: str
    name: str
    kind: str
    description_html: str
    summary: str = ""
    url: str = ""
    email: str = ""
    phones: tuple[Phone, ...] = ()
    logo: str = ""
    identifiers: tuple[dict, ...] = ()
    areas: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    maintainers: tuple[str, ...] = ()
    assured_date: date | None = None
    assurer: str = ""
    source: str = ""
    description: str = ""  # the Markdown as written (for open data)


@dataclass(frozen=True)
class ResponseEvent:
    title: str
    date: date
    starts_at: str = ""
    ends_at: str = ""
    location: str = ""
    place: str = ""
    url: str = ""


@dataclass(frozen=True)
class HowToRespond:
    url: str = ""
    email: str = ""
    postal: str = ""
    phones: tuple[Phone, ...] = ()
    events: tuple[ResponseEvent, ...] = ()


@dataclass(frozen=True)
class Document:
    title: str
    url: str
    format: str = ""
    size: str = ""


@dataclass(frozen=True)
class Consultation:
    slug: str
    title: str
    organization: str
    summary: str
    body_html: str
    opens: datetime  # aware, Europe/London
    closes: datetime
    how_to_respond: HowToRespond
    audiences: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    related_services: tuple[str, ...] = ()
    documents: tuple[Document, ...] = ()
    outcome_html: str = ""
    outcome_published: date | None = None
    source: str = ""


@dataclass(frozen=True)
class Page:
    slug: str
    title: str
    body_html: str
    summary: str = ""
    updated: date | None = None
    in_footer: bool = False
    source: str = ""


@dataclass
class Directory:
    """Everything loaded from one content folder, keyed by slug."""

    services: dict[str, Service] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    locations: dict[str, Location] = field(default_factory=dict)
    consultations: dict[str, Consultation] = field(default_factory=dict)
    pages: dict[str, Page] = field(default_factory=dict)
    # vocabulary name ("categories", …) -> {slug: Term}; the loader adds every vocabulary
    taxonomy: dict[str, dict[str, Term]] = field(default_factory=dict)
    # "synonyms" -> groups of words and phrases that mean the same, for search
    synonyms: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    # postcode ("ZZ1 1AA") -> (latitude, longitude), from the postcode_file setting
    postcodes: dict[str, tuple[float, float]] = field(default_factory=dict)
