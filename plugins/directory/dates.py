"""Dates and times as contributors write them, read one way everywhere."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, tzinfo


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


def clock_change(text: str, tz: tzinfo) -> str:
    """Why a local 'YYYY-MM-DD HH:MM' cannot be used in ``tz`` ("" when it can):
    on the night the clocks go forward an hour does not exist, and on the night
    they go back an hour happens twice."""
    if len(text) == 10:
        return ""
    naive = datetime.fromisoformat(text.replace(" ", "T"))
    first, second = naive.replace(tzinfo=tz, fold=0), naive.replace(tzinfo=tz, fold=1)
    if first.utcoffset() == second.utcoffset():
        return ""
    if first.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != naive:
        return "does not exist: the clocks go forward that night; choose a time before or after the change"
    return "happens twice: the clocks go back that night; choose a time before or after the repeated hour"
