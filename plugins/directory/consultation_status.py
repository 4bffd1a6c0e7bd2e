"""Whether a consultation is upcoming, open, closing soon or closed.

Computed at build time from the build moment, and again in the browser by
``theme/static/js/consultation-status.js`` from the same ISO dates, so that a
page built yesterday never claims a closed consultation is open.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from .model import Consultation
from .words import format_date


@dataclass(frozen=True)
class ConsultationView:
    consultation: Consultation
    status: str  # "upcoming", "open", "closing-soon" or "closed"
    status_text: str
    url: str

    @property
    def opens_iso(self) -> str:
        return self.consultation.opens.isoformat()

    @property
    def closes_iso(self) -> str:
        return self.consultation.closes.isoformat()


def status_of(c: Consultation, now: datetime, closing_soon_days: int) -> tuple[str, str]:
    if now < c.opens:
        return "upcoming", f"Opens {format_date(c.opens.date())}"  # as the browser writes it
    if now > c.closes:
        return "closed", "Closed"
    if c.closes - now <= timedelta(days=closing_soon_days):
        return "closing-soon", "Closing soon"
    return "open", "Open"


def view(c: Consultation, now: datetime, closing_soon_days: int, url: str) -> ConsultationView:
    status, text = status_of(c, now, closing_soon_days)
    return ConsultationView(c, status, text, url)
