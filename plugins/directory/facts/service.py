"""Facts about a service, one answer each for its page, search, the widgets and
the Open Referral feed: whether it is free, and the days it opens."""

from __future__ import annotations

from .. import words

FREE = "Free"  # the fact, in a word, wherever it is shown


def is_free(service) -> bool:
    """Free: its entry says ``free: true``, or it has cost options and every one is 0.

    ``free: false`` says no more than no cost options would (the web editor writes
    it for a box left unticked). A service with an option at 0 beside one that is
    not ("Children: Free", "Adults: £3") is not free: its page lists each option,
    so it says who pays nothing; search, the widgets and the feed do not call it free.
    """
    options = service.cost_options
    return bool(service.free) or bool(options) and all(option.amount == 0 for option in options)


def costs(service) -> list[str]:
    """The page's cost lines: "Free" first when the service is free (:func:`is_free`),
    then what each cost option and ``fees`` say (words.costs)."""
    lines = words.costs(service)
    return lines if not is_free(service) or lines[:1] == [FREE] else [FREE, *lines]


def week_days(service) -> list[str]:
    """The days of the week ("MO", …) any of its schedules opens on, in week order:
    search's day filter (a service open on the first Saturday of the month is
    among those open on a Saturday)."""
    named = {code[-2:] for schedule in service.schedules for code in schedule.byday.split(",") if code}
    return [day for day in words.DAYS if day in named]


def open_days(service) -> str:
    """The days it opens, in words, each schedule's rule kept: "Mondays and
    Wednesdays", "the first and third Saturday of every month"; "" when no
    schedule names a day. Weekly schedules' days are said together."""
    weekly, others = set(), []
    for schedule in service.schedules:
        if schedule.freq == "WEEKLY" and schedule.interval == 1:
            weekly |= {code[-2:] for code in schedule.byday.split(",") if code}
            continue
        said = words.schedule_days(schedule)
        if said and said not in others:
            others.append(said)
    every_week = [words.days_in_words([day for day in words.DAYS if day in weekly])] if weekly else []
    return words.join_words(every_week + others)


def open_days_fact(service) -> str:
    """The key fact a result shows: "Open Mondays", "Open the first Saturday of every
    month", "Open on day 15 of every month"; "" when no schedule names a day."""
    days = open_days(service)
    if not days:
        return ""
    return f"Open {'on ' if days.startswith('day ') else ''}{days}"
