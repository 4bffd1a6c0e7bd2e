"""Dates and times as contributors write them, read one way everywhere."""

from __future__ import annotations

from datetime import date, datetime, time, tzinfo


def to_date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def to_moment(text: str, end_of_day: bool, tz: tzinfo | None = None) -> datetime:
    """'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM' as a datetime in ``tz``; a date alone
    means the start of that day, or its last second when ``end_of_day``."""
    value = datetime.fromisoformat(text.replace(" ", "T"))
    if len(text) == 10:
        value = datetime.combine(value.date(), time(23, 59, 59) if end_of_day else time(0, 0))
    return value.replace(tzinfo=tz)


def is_stale(checked: date | None, today: date, days: int) -> bool:
    """Whether an entry last checked on ``checked`` is past the staleness period."""
    return checked is not None and (today - checked).days > days
