"""Whether a consultation is upcoming, open, closing soon or closed.

Computed at build time from the build moment, and again in the browser by
``theme/static/js/consultation-status.js`` from the same ISO dates, so that a
page built yesterday never claims a closed consultation is open.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from .model import Consultation
from .words import format_date


def status_of(c: Consultation, now: datetime, closing_soon_days: int) -> tuple[str, str]:
    """``(status, its words)``: status is "upcoming", "open", "closing-soon" or "closed"."""
    if now < c.opens:
        return "upcoming", f"Opens {format_date(c.opens.date())}"  # as the browser writes it
    if now > c.closes:
        return "closed", "Closed"
    if c.closes - now <= timedelta(days=closing_soon_days):
        return "closing-soon", "Closing soon"
    return "open", "Open"
