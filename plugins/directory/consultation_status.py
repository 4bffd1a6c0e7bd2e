"""Where a consultation is in its life: upcoming, open, closing soon, closed,
or closed with its outcome published.

Computed at build time from the build moment, and again in the browser by
``theme/static/js/consultation-status.js`` from the same ISO dates, so that a
page built yesterday never claims a closed consultation is open.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from .model import Consultation
from .words import format_date

# status -> (its words, the section of the consultations page that lists it, the
# GOV.UK tag colour); consultation-status.js has the same table
STATUSES = {
    "upcoming": ("Opens {opens}", "upcoming", ""),
    "open": ("Open", "open", "govuk-tag--green"),
    "closing-soon": ("Closing soon", "open", "govuk-tag--orange"),
    "closed": ("Closed", "closed", "govuk-tag--grey"),
    "outcome": ("Outcome published", "closed", "govuk-tag--purple"),
}


def status_of(c: Consultation, now: datetime, closing_soon_days: int) -> tuple[str, str]:
    """``(status, its words)``, status one of :data:`STATUSES`."""
    if now < c.opens:
        status = "upcoming"
    elif now > c.closes:
        status = "outcome" if c.outcome_html and c.outcome_published and c.outcome_published <= now.date() else "closed"
    elif c.closes - now <= timedelta(days=closing_soon_days):
        status = "closing-soon"
    else:
        status = "open"
    # "Opens 3 January 2027", as the browser writes it
    return status, STATUSES[status][0].format(opens=format_date(c.opens.date()))


def section_of(status: str) -> str:
    return STATUSES[status][1]


def tag_class(status: str) -> str:
    return STATUSES[status][2]
