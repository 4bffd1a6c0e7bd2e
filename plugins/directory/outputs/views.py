"""View objects: what a template gets beyond the model, prepared in one place.

Templates only format, so everything they show that is not a model field
(wording, statuses, related entries) is computed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .. import words
from ..consultation_status import section_of, status_of, tag_class
from ..dates import is_stale
from ..facts import service as service_facts
from ..model import Consultation
from ..relations import service_locations


@dataclass(frozen=True)
class ConsultationView:
    consultation: Consultation
    status: str  # one of consultation_status.STATUSES, at the build moment
    status_text: str
    url: str

    @property
    def section(self) -> str:
        """The consultations page's section for it: "open", "upcoming" or "closed"."""
        return section_of(self.status)

    @property
    def tag_class(self) -> str:
        return tag_class(self.status)

    @property
    def opens_iso(self) -> str:
        return self.consultation.opens.isoformat()

    @property
    def closes_iso(self) -> str:
        return self.consultation.closes.isoformat()

    @property
    def outcome_iso(self) -> str:
        """When its outcome was published ("" before): the browser's "outcome" status."""
        c = self.consultation
        return c.outcome_published.isoformat() if c.outcome_html and c.outcome_published else ""


def consultation_view(c: Consultation, now: datetime, closing_soon_days: int, url: str) -> ConsultationView:
    status, text = status_of(c, now, closing_soon_days)
    return ConsultationView(c, status, text, url)


@dataclass(frozen=True)
class ServiceView:
    organisation: object
    categories: list
    areas: list
    audiences: list
    accessibility: list
    status_text: str
    who: str
    cost: list
    access: list
    opening_times: list
    locations: list
    languages: list
    consultations: list
    last_checked: object
    stale_warning: str  # "" while the entry is within the staleness period


def stale_warning(checked, today, days: int) -> str:
    """The warning on an entry not checked within the staleness period."""
    if not is_stale(checked, today, days):
        return ""
    return (
        f"This information was last checked on {words.format_date(checked)}, more than "
        f"{words.period(days)} ago. Contact the service to check before you go."
    )


def service_view(site, s) -> ServiceView:
    """Everything the service page shows beyond the Service itself."""
    return ServiceView(
        organisation=site.directory.organisations.get(s.organization),
        categories=site.terms("categories", s.categories),
        areas=site.terms("areas", s.areas),
        audiences=site.terms("audiences", s.audiences),
        accessibility=site.terms("accessibility", s.accessibility),
        status_text=words.status(s),
        who=words.ages(s),
        cost=service_facts.costs(s),
        access=words.access(s),
        opening_times=[words.opening_time(x) for x in s.schedules],
        locations=service_locations(s, site.directory),
        languages=list(s.languages),
        consultations=site.consultations(site.relations.consultations_by_service.get(s.slug, ())),
        last_checked=s.assured_date,
        stale_warning=stale_warning(s.assured_date, site.today, site.settings.stale_after_days),
    )
