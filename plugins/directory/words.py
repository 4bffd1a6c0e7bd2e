"""Facts in words: opening times, ages, costs, access routes and dates.

Pure functions of model objects, so the theme only formats and the wording is
unit-tested in one place.
"""

from __future__ import annotations

from datetime import datetime

DAYS = {
    "MO": "Monday",
    "TU": "Tuesday",
    "WE": "Wednesday",
    "TH": "Thursday",
    "FR": "Friday",
    "SA": "Saturday",
    "SU": "Sunday",
}
# English month names, fixed: strftime('%B') follows the machine's LC_TIME
# (Pelican sets the locale from its LOCALE setting), which would change the site
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last"}
ACCESS = {
    "drop-in": "Drop in, no appointment needed",
    "appointment": "By appointment",
    "referral": "By referral from a professional (for example a GP or social worker)",
    "self-referral": "Refer yourself",
    "online": "Online",
    "phone": "By phone",
}
SERVICE_STATUSES = {  # "active" needs no words
    "inactive": "Not running",
    "defunct": "Closed down",
    "temporarily closed": "Temporarily closed",
}
ORGANISATION_TYPES = {
    "council": "Council",
    "charity": "Charity",
    "community group": "Community group",
    "faith group": "Faith group",
    "social enterprise": "Social enterprise",
    "health": "Health service",
    "housing association": "Housing association",
    "school": "School",
    "business": "Business",
    "other": "Organisation",
}


def format_date(value) -> str:
    """``date`` -> '3 January 2027'; ``datetime`` -> '3 January 2027 at 5pm'."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        day = format_date(value.date())
        if (value.hour, value.minute) in ((0, 0), (23, 59)):
            return day
        return f"{day} at {clock(f'{value.hour:02d}:{value.minute:02d}')}"
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def nobreak(text: str) -> str:
    """``text`` that never breaks across lines: spaces and hyphens become their
    non-breaking twins (a phone number split over two lines is misdialled)."""
    return text.replace(" ", "\u00a0").replace("-", "\u2011")


def days_in_words(codes) -> str:
    """Days of the week ("MO", …, in week order): runs of three or more as a range.
    ("MO", "TU", "WE", "TH", "FR") -> 'Monday to Friday'; ("MO", "WE") -> 'Mondays and Wednesdays'."""
    order = list(DAYS)
    runs, run = [], []
    for code in codes:
        if run and order.index(code) != order.index(run[-1]) + 1:
            runs.append(run)
            run = []
        run.append(code)
    if run:
        runs.append(run)
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{DAYS[run[0]]} to {DAYS[run[-1]]}")
        else:
            parts += [DAYS[code] + "s" for code in run]
    return join_words(parts)


def clock(hhmm: str) -> str:
    """'09:30' -> '9:30am', '12:00' -> 'midday', '17:00' -> '5pm' (GOV.UK style)."""
    hour, minute = (int(x) for x in hhmm.split(":"))
    if (hour, minute) == (12, 0):
        return "midday"
    if (hour, minute) == (0, 0):
        return "midnight"
    suffix = "am" if hour < 12 else "pm"
    hour12 = hour % 12 or 12
    return f"{hour12}{suffix}" if minute == 0 else f"{hour12}:{minute:02d}{suffix}"


def join_words(words: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _day(code: str, monthly: bool) -> str:
    name = DAYS[code[-2:]]
    prefix = code[:-2]
    if monthly and prefix:
        return f"the {ORDINALS.get(int(prefix), prefix)} {name}"
    return f"{name}s"


def _ordinals_of_days(codes) -> list[str]:
    """Monthly days, each weekday's ordinals together, in week order:
    ("1SA", "3SA") -> ['the first and third Saturday']; ("SA",) -> ['Saturdays']."""
    parts = []
    for day, name in DAYS.items():
        ordinals = sorted((int(c[:-2]) for c in codes if c[-2:] == day and c[:-2]), key=lambda n: (n < 0, n))
        if ordinals:
            parts.append(f"the {join_words([ORDINALS.get(n, str(n)) for n in ordinals])} {name}")
        if day in codes:
            parts.append(f"{name}s")
    return parts


def schedule_days(schedule) -> str:
    """The days of one schedule, short, for a result's key facts: 'Mondays and
    Wednesdays', 'every other week on Tuesdays', 'the first and third Saturday of
    every month', 'day 15 of every month'; "" when it names no day (a description)."""
    codes = [code for code in schedule.byday.split(",") if code]
    if schedule.freq != "MONTHLY":
        if not codes:
            return ""
        days = days_in_words([d for d in DAYS if d in {code[-2:] for code in codes}])
        if schedule.interval == 1:
            return days
        return f"every {'other week' if schedule.interval == 2 else f'{schedule.interval} weeks'} on {days}"
    parts = _ordinals_of_days(codes)
    parts += ["the last day" if d == "-1" else f"day {d}" for d in schedule.bymonthday.split(",") if d]
    if not parts:
        return ""
    return f"{join_words(parts)} of {'every month' if schedule.interval == 1 else f'every {schedule.interval} months'}"


def opening_time(schedule) -> str:
    """One schedule in words, e.g. 'Mondays and Wednesdays, 10am to midday'."""
    if schedule.description and not (schedule.byday or schedule.bymonthday):
        when = schedule.description
    else:
        monthly = schedule.freq == "MONTHLY"
        days = [_day(code, monthly) for code in schedule.byday.split(",") if code]
        if schedule.bymonthday:
            days += ["the last day" if d == "-1" else f"day {d}" for d in schedule.bymonthday.split(",")]
        when = join_words(days)
        if monthly:
            every = "every month" if schedule.interval == 1 else f"every {schedule.interval} months"
            when = f"{when} of {every}" if days else every
        elif schedule.interval == 2:
            when = f"Every other week on {when}"
        elif schedule.interval > 2:
            when = f"Every {schedule.interval} weeks on {when}"
        when = when[:1].upper() + when[1:]
        if schedule.opens_at and schedule.closes_at:
            when += f", {clock(schedule.opens_at)} to {clock(schedule.closes_at)}"
    extras = []
    if schedule.attending_type and schedule.attending_type != "in person":
        extras.append(schedule.attending_type)
    if schedule.valid_from:
        extras.append(f"from {format_date(schedule.valid_from)}")
    if schedule.valid_to:
        extras.append(f"until {format_date(schedule.valid_to)}")
    if schedule.notes:
        extras.append(schedule.notes[:1].lower() + schedule.notes[1:])
    return when + (f" ({'; '.join(extras)})" if extras else "")


def period(days: int) -> str:
    """A number of days in words: 365 -> 'a year', 730 -> '2 years', 90 -> '90 days'."""
    years, rest = divmod(days, 365)
    if rest or not years:
        return "a day" if days == 1 else f"{days} days"
    return "a year" if years == 1 else f"{years} years"


def event_when(event) -> str:
    """'Saturday 21 November 2026, 10am to midday' for a response event."""
    when = f"{list(DAYS.values())[event.date.weekday()]} {format_date(event.date)}"
    if event.starts_at:
        when += f", {clock(event.starts_at)}"
        if event.ends_at:
            when += f" to {clock(event.ends_at)}"
    return when


def ages(service) -> str:
    low, high = service.minimum_age, service.maximum_age
    if low is None and high is None:
        return ""
    if low is not None and high is not None:
        return f"Ages {low} to {high}"
    if low is not None:
        return "All ages" if low == 0 else f"Ages {low} and over"
    return f"Ages up to {high}"


def money(amount) -> str:
    return f"£{amount:,.0f}" if float(amount).is_integer() else f"£{amount:,.2f}"


def costs(service) -> list[str]:
    lines = []
    if service.free:
        lines.append("Free")
    for option in service.cost_options:
        text = "Free" if option.amount == 0 else money(option.amount)
        if option.amount_description:
            text += f" {option.amount_description}"
        if option.option:
            text = f"{option.option}: {text}"
        lines.append(text)
    if service.fees:
        lines.append(service.fees)
    return lines


def access(service) -> list[str]:
    return [ACCESS[a] for a in service.how_to_access]


def status_word(service) -> str:
    """A service's status in a word or two ("" while it is running)."""
    return SERVICE_STATUSES.get(service.status, "")


def status(service) -> str:
    """A service's status in a sentence: "Temporarily closed until 3 January 2027"."""
    text = status_word(service)
    if text and service.status_until:
        text += f" until {format_date(service.status_until)}"
    return text


def kind(organisation) -> str:
    return ORGANISATION_TYPES.get(organisation.kind, organisation.kind.capitalize())
