"""Opening times written the way people write them in a spreadsheet cell,
as schedules (docs/importing.md):

    Mon 10:00-12:00; Tue, Thu 14:00-16:00
    Mon-Fri 09:00-17:00
    Weekdays 9:30-12:30 and 13:30-16:00
    1st Mon 19:00-21:00; last Fri 10:00-12:00     (one day of each month)

Entries are separated by ``;`` or by lines; each is days, then one or more
``HH:MM-HH:MM`` times (24-hour; ``to`` or a dash between them).
"""

from __future__ import annotations

import re

from .text import clock

WEEK = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
NAMES = (
    ("mon", "monday"),
    ("tue", "tues", "tuesday"),
    ("wed", "weds", "wednesday"),
    ("thu", "thur", "thurs", "thursday"),
    ("fri", "friday"),
    ("sat", "saturday"),
    ("sun", "sunday"),
)
DAYS = {d.lower(): d for d in WEEK} | {name: WEEK[n] for n, names in enumerate(NAMES) for name in names}
GROUPS = {"weekdays": WEEK[:5], "weekends": WEEK[5:], "daily": WEEK, "everyday": WEEK}
ORDINALS = {"1st": "1", "first": "1", "2nd": "2", "second": "2", "3rd": "3", "third": "3"}
ORDINALS |= {"4th": "4", "fourth": "4", "5th": "5", "fifth": "5", "last": "-1"}
FILLER = {"and", "every", "each", "of", "the", "month", "day", "days"}
_TIMES = re.compile(r"(\d{1,2}[:.]\d{2})\s*(?:-|–|—|to)\s*(\d{1,2}[:.]\d{2})")
EXAMPLE = "for example 'Mon-Fri 09:00-17:00; Sat 10:00-12:00'"


class OpeningTimesError(ValueError):
    """A cell that is not opening times in the documented form; says why."""


def _days(text: str, entry: str) -> tuple[list[str], bool]:
    """``(byday values, monthly)`` from the days part of an entry."""
    words = [w for w in re.findall(r"[A-Za-z0-9]+|[-–]", text.lower().replace("every day", "daily")) if w not in FILLER]
    days, monthly, n = [], False, 0
    while n < len(words):
        word = words[n]
        if word in GROUPS:
            days += GROUPS[word]
        elif word in ORDINALS and n + 1 < len(words) and words[n + 1] in DAYS:
            days.append(ORDINALS[word] + DAYS[words[n + 1]])
            monthly, n = True, n + 1
        elif word in DAYS and n + 2 < len(words) and words[n + 1] in "-–" and words[n + 2] in DAYS:
            first, last = WEEK.index(DAYS[word]), WEEK.index(DAYS[words[n + 2]])
            days += [WEEK[i % 7] for i in range(first, first + (last - first) % 7 + 1)]
            n += 2
        elif word in DAYS:
            days.append(DAYS[word])
        else:
            raise OpeningTimesError(f"{entry!r}: {word!r} is not a day; write days like Mon, Tue-Fri or 1st Mon")
        n += 1
    if not days:
        raise OpeningTimesError(f"{entry!r} does not say which days; {EXAMPLE}")
    return list(dict.fromkeys(days)), monthly


def schedules(cell: str, notes: str = "") -> list[dict]:
    """The schedules a cell describes (``notes`` added to each); raises
    OpeningTimesError with a plain message."""
    found = []
    for entry in (e.strip() for e in re.split(r"[;\n]", cell)):
        if not entry:
            continue
        times = list(_TIMES.finditer(entry))
        if not times:
            raise OpeningTimesError(f"{entry!r} has no times written HH:MM-HH:MM (24-hour); {EXAMPLE}")
        between = "".join(entry[a.end() : b.start()] for a, b in zip(times, times[1:], strict=False))
        if re.sub(r"(and|&|,|\s)", "", between + entry[times[-1].end() :]):
            raise OpeningTimesError(f"{entry!r}: write the days first, then the times; {EXAMPLE}")
        days, monthly = _days(entry[: times[0].start()], entry)
        for match in times:
            opens, closes = clock(match.group(1)), clock(match.group(2))
            for raw, value in ((match.group(1), opens), (match.group(2), closes)):
                if value is None:
                    raise OpeningTimesError(f"{raw!r} is not a time of day; write 24-hour times as HH:MM, {EXAMPLE}")
            if closes <= opens:
                raise OpeningTimesError(f"{match.group(0)!r} closes before it opens (times are 24-hour)")
            schedule = {"freq": "MONTHLY" if monthly else "WEEKLY", "byday": ",".join(days)}
            found.append(schedule | {"opens_at": opens, "closes_at": closes, "notes": notes or None})
    return found
