"""The small pure helpers: facts in words, consultation status, public ids and
the DIRECTORY settings."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from directory import words
from directory.consultation_status import status_of
from directory.dates import is_stale
from directory.ids import public_id
from directory.model import Consultation, CostOption, HowToRespond, Schedule, Service
from directory.outputs.views import consultation_view as view
from directory.settings import DirectorySettings, SettingsError, parse_settings

LONDON = ZoneInfo("Europe/London")


def service(**fields) -> Service:
    base = dict(
        slug="s",
        name="S",
        organization="o",
        summary="s",
        description_html="",
        categories=("food",),
        assured_date=date(2026, 1, 1),
    )
    return Service(**{**base, **fields})


# --- opening times ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "schedule, expected",
    [
        (Schedule(byday="MO", opens_at="09:00", closes_at="17:00"), "Mondays, 9am to 5pm"),
        (Schedule(byday="MO,WE", opens_at="10:00", closes_at="12:30"), "Mondays and Wednesdays, 10am to 12:30pm"),
        (Schedule(byday="MO,TU,WE"), "Mondays, Tuesdays and Wednesdays"),
        (
            Schedule(freq="MONTHLY", byday="1TU", opens_at="09:30", closes_at="16:00"),
            "The first Tuesday of every month, 9:30am to 4pm",
        ),
        (Schedule(freq="MONTHLY", byday="-1FR"), "The last Friday of every month"),
        (Schedule(freq="MONTHLY", byday="2SA,4SA"), "The second Saturday and the fourth Saturday of every month"),
        (Schedule(freq="MONTHLY", byday="1MO", interval=3), "The first Monday of every 3 months"),
        (Schedule(freq="MONTHLY", bymonthday="1,15"), "Day 1 and day 15 of every month"),
        (
            Schedule(byday="TH", interval=2, opens_at="17:00", closes_at="19:00"),
            "Every other week on Thursdays, 5pm to 7pm",
        ),
        (Schedule(byday="TH", interval=3), "Every 3 weeks on Thursdays"),
        (
            Schedule(byday="MO", opens_at="10:00", closes_at="12:00", notes="Closed on bank holidays"),
            "Mondays, 10am to midday (closed on bank holidays)",
        ),
        (Schedule(description="By appointment, usually weekday mornings"), "By appointment, usually weekday mornings"),
        (
            Schedule(byday="SA", attending_type="online", valid_from=date(2026, 1, 5), valid_to=date(2026, 3, 1)),
            "Saturdays (online; from 5 January 2026; until 1 March 2026)",
        ),
        (Schedule(byday="SA", attending_type="in person"), "Saturdays"),
    ],
)
def test_opening_time(schedule, expected):
    assert words.opening_time(schedule) == expected


def test_opening_time_prefers_the_pattern_over_the_description():
    schedule = Schedule(byday="FR", description="Fridays, mostly")
    assert words.opening_time(schedule) == "Fridays"


@pytest.mark.parametrize(
    "hhmm, expected",
    [
        ("09:00", "9am"),
        ("09:30", "9:30am"),
        ("12:00", "midday"),
        ("17:00", "5pm"),
        ("00:00", "midnight"),
        ("12:15", "12:15pm"),
        ("00:30", "12:30am"),
        ("23:59", "11:59pm"),
        ("10:05", "10:05am"),
    ],
)
def test_clock(hhmm, expected):
    assert words.clock(hhmm) == expected


@pytest.mark.parametrize(
    "low, high, expected",
    [
        (None, None, ""),
        (11, 18, "Ages 11 to 18"),
        (65, None, "Ages 65 and over"),
        (0, None, "All ages"),
        (None, 5, "Ages up to 5"),
    ],
)
def test_ages(low, high, expected):
    assert words.ages(service(minimum_age=low, maximum_age=high)) == expected


def test_costs():
    assert words.costs(service()) == []
    assert words.costs(service(free=True)) == ["Free"]
    assert words.costs(service(free=False)) == []
    options = (
        CostOption(amount=3.5, amount_description="per session"),
        CostOption(amount=0, option="Children"),
        CostOption(amount=12, option="Adult"),
        CostOption(amount=1250.5),
    )
    assert words.costs(service(cost_options=options, fees="Concessions available")) == [
        "£3.50 per session",
        "Children: Free",
        "Adult: £12",
        "£1,250.50",
        "Concessions available",
    ]
    assert words.costs(service(cost_options=(CostOption(amount=0.0),))) == ["Free"]


def test_access_status_and_kind():
    assert words.access(service(how_to_access=("drop-in", "referral"))) == [
        "Drop in, no appointment needed",
        "By referral from a professional (for example a GP or social worker)",
    ]
    assert words.status(service()) == ""
    assert words.status(service(status="temporarily closed", status_until=date(2027, 1, 4))) == (
        "Temporarily closed until 4 January 2027"
    )
    # one word for each status, in lists and on the page alike
    assert words.status(service(status="defunct")) == words.status_word(service(status="defunct")) == "Closed down"
    assert words.status(service(status="inactive")) == "Not running"

    class Org:
        kind = "community group"

    assert words.kind(Org()) == "Community group"


def test_format_date():
    assert words.format_date(None) == ""
    assert words.format_date(date(2027, 1, 3)) == "3 January 2027"
    assert words.format_date(datetime(2027, 1, 31, 17, 0, tzinfo=LONDON)) == "31 January 2027 at 5pm"
    assert words.format_date(datetime(2027, 1, 31, 9, 30, tzinfo=LONDON)) == "31 January 2027 at 9:30am"
    # a date alone: start of day (opens) or end of day (closes) is shown as the date
    assert words.format_date(datetime(2027, 1, 31, 0, 0, tzinfo=LONDON)) == "31 January 2027"
    assert words.format_date(datetime(2027, 1, 31, 23, 59, 59, tzinfo=LONDON)) == "31 January 2027"


def test_is_stale():
    today = date(2026, 11, 18)
    assert not is_stale(None, today, 365)
    assert not is_stale(today - timedelta(days=365), today, 365)
    assert is_stale(today - timedelta(days=366), today, 365)


# --- consultation status ---------------------------------------------------------------


OPENS = datetime(2026, 11, 1, 0, 0, tzinfo=LONDON)
CLOSES = datetime(2026, 11, 30, 23, 59, 59, tzinfo=LONDON)


def consultation(opens=OPENS, closes=CLOSES) -> Consultation:
    return Consultation(
        slug="c",
        title="C",
        organization="o",
        summary="s",
        body_html="",
        opens=opens,
        closes=closes,
        how_to_respond=HowToRespond(email="a@example.org"),
    )


@pytest.mark.parametrize(
    "now, status, text",
    [
        (OPENS - timedelta(seconds=1), "upcoming", "Opens 1 November 2026"),
        (OPENS, "open", "Open"),
        (CLOSES - timedelta(days=7, seconds=1), "open", "Open"),
        (CLOSES - timedelta(days=7), "closing-soon", "Closing soon"),
        (CLOSES, "closing-soon", "Closing soon"),
        (CLOSES + timedelta(seconds=1), "closed", "Closed"),
    ],
)
def test_consultation_status_at_the_boundaries(now, status, text):
    assert status_of(consultation(), now, 7) == (status, text)


def test_consultation_status_across_the_clock_change():
    # 1 November is GMT; a moment given in UTC compares as the same instant
    utc_now = datetime(2026, 11, 30, 23, 59, 59, tzinfo=ZoneInfo("UTC"))
    assert status_of(consultation(), utc_now, 7)[0] == "closing-soon"
    summer_opens = datetime(2026, 6, 1, 9, 0, tzinfo=LONDON)  # 08:00 UTC
    c = consultation(opens=summer_opens)
    assert status_of(c, datetime(2026, 6, 1, 8, 30, tzinfo=ZoneInfo("UTC")), 7)[0] == "open"
    assert status_of(c, datetime(2026, 6, 1, 7, 59, tzinfo=ZoneInfo("UTC")), 7) == ("upcoming", "Opens 1 June 2026")


def test_consultation_view_carries_machine_readable_dates():
    v = view(consultation(), OPENS + timedelta(days=1), 7, "/consultations/c/")
    assert (v.status, v.status_text, v.url) == ("open", "Open", "/consultations/c/")
    assert v.opens_iso == "2026-11-01T00:00:00+00:00"
    assert v.closes_iso == "2026-11-30T23:59:59+00:00"


# --- public ids --------------------------------------------------------------------------


NAMESPACE = uuid.UUID("0b7c6a8e-2f0d-5c1e-9a43-6d2e8f1b7c35")


def test_public_id_is_a_stable_uuid5():
    first = public_id(NAMESPACE, "service", "riverside-food-bank")
    assert first == public_id(NAMESPACE, "service", "riverside-food-bank")
    assert uuid.UUID(first).version == 5
    assert first == str(uuid.uuid5(NAMESPACE, "service/riverside-food-bank"))


def test_public_id_differs_by_kind_slug_and_namespace():
    ids = {
        public_id(NAMESPACE, "service", "x"),
        public_id(NAMESPACE, "organization", "x"),
        public_id(NAMESPACE, "service", "y"),
        public_id(DirectorySettings().namespace, "service", "x"),
    }
    assert len(ids) == 4


# --- settings ----------------------------------------------------------------------------


def test_default_settings_are_valid():
    assert parse_settings(None) == DirectorySettings()
    assert parse_settings({}) == DirectorySettings()


def test_settings_are_read_into_a_frozen_dataclass():
    settings = parse_settings({"council_name": "Millbrook", "stale_after_days": 180})
    assert settings.council_name == "Millbrook"
    assert settings.stale_after_days == 180
    with pytest.raises(AttributeError):
        settings.council_name = "Other"  # type: ignore[misc]


def test_the_tests_sample_settings_file_is_valid():
    from pelican.settings import read_settings

    from .conftest import CONF

    directory = read_settings(str(CONF)).get("DIRECTORY")
    assert parse_settings(directory).site_url == "http://localhost:8000"


@pytest.mark.parametrize(
    "raw, fragment",
    [
        ({"brand_color": "#1d70b8"}, "'brand_color' is not known (did you mean 'brand_colour'?)"),
        ({"stale_after_dayz": 30}, "(did you mean 'stale_after_days'?)"),
        ({"stale_after_days": "365"}, "'stale_after_days' should be int, not str"),
        ({"stale_after_days": True}, "'stale_after_days' should be int, not bool"),
        ({"site_name": None}, "'site_name' should be str, not NoneType"),
        ({"brand_colour": "#ffdd00"}, "too light for white text"),
        ({"brand_colour": "#1d70b"}, "must be a colour like '#1d70b8'"),
        ({"brand_colour": "blue"}, "must be a colour like '#1d70b8'"),
        ({"site_url": "https://directory.example.org/"}, "without a trailing slash"),
        ({"site_url": "directory.example.org"}, "without a trailing slash"),
        ({"id_namespace": "not-a-uuid"}, "must be a UUID"),
        ({"closing_soon_days": 0}, "closing_soon_days must be from 1 to 365"),
        ({"page_size": 10**9}, "page_size must be from 1 to 1,000"),
        ({"max_file_bytes": 10**10}, "max_file_bytes must be from 1 to 2,000,000"),
        # what a hostile or careless settings change could do
        ({"logo": "https://tracker.example/logo.png"}, "logo must be a path on this site"),
        ({"logo": "//tracker.example/logo.png"}, "logo must be a path on this site"),
        ({"timezone": "Mars/Olympus_Mons"}, "timezone 'Mars/Olympus_Mons' is not a time zone"),
        ({"timezone": "../../etc/passwd"}, "is not a time zone"),
        ({"contact_email": "help?cc=spy%40evil.example@millbrook.example"}, "contact_email"),
        ({"contact_email": "not an address"}, "is not an email address like 'hello@example.org'"),
        ({"site_name": "Millbrook\u202e"}, "site_name must be one line of plain text, but has an invisible character"),
        ({"council_name": " "}, "council_name must be"),
    ],
)
def test_bad_settings_are_refused_with_a_clear_message(raw, fragment):
    with pytest.raises(SettingsError) as caught:
        parse_settings(raw)
    assert fragment in str(caught.value)


@pytest.mark.parametrize("colour", ["#1d70b8", "#0b0c0c", "#1d5b79", "#767676"])
def test_dark_enough_brand_colours_are_accepted(colour):
    assert parse_settings({"brand_colour": colour}).brand_colour == colour


def test_a_colour_just_under_the_contrast_line_is_refused():
    # #777777 on white is about 4.48:1, #767676 about 4.54:1
    with pytest.raises(SettingsError):
        parse_settings({"brand_colour": "#777777"})


def test_a_period_of_days_in_words():
    assert [words.period(n) for n in (1, 90, 365, 730, 400)] == ["a day", "90 days", "a year", "2 years", "400 days"]


def test_the_stale_warning_follows_the_staleness_setting():
    from directory.outputs.views import stale_warning

    today = date(2026, 11, 18)
    assert stale_warning(today - timedelta(days=90), today, 90) == ""
    assert stale_warning(today - timedelta(days=91), today, 90) == (
        "This information was last checked on 19 August 2026, more than 90 days ago. "
        "Contact the service to check before you go."
    )
    assert "more than a year ago" in stale_warning(date(2025, 1, 1), today, 365)


def test_phone_numbers_do_not_break_across_lines():
    assert words.nobreak("01632 960-000") == "01632\u00a0960\u2011000"


def test_page_titles_stay_within_seventy_characters():
    from directory.outputs.site import document_title

    site = "Millbrook Community Directory"
    assert document_title("", site) == site
    assert document_title(site, site) == site
    assert document_title("Baby Bank", site) == "Baby Bank – Millbrook Community Directory"
    long_name = "English for Speakers of Other Languages (ESOL) Classes"
    assert document_title(long_name, site) == long_name  # the site's name gives way first
    # an apostrophe is written &#39; in the page, and checkers count it so
    assert document_title("Northfield residents' parking scheme", site) == "Northfield residents' parking scheme"
    very_long = "A very long name " * 6
    title = document_title(very_long.strip(), site)
    assert title.endswith("…") and len(title) <= 70 and very_long.startswith(title[:-1])


def test_the_suggest_a_change_email_names_the_page():
    from directory.outputs.site import change_by_email

    assert change_by_email("", "Baby Bank") == ""
    assert (
        change_by_email("d@x.example", "Baby & Bank")
        == "mailto:d@x.example?subject=Suggest%20a%20change%3A%20Baby%20%26%20Bank"
    )


def test_days_of_the_week_in_words():
    assert words.days_in_words(["MO", "TU", "WE", "TH", "FR"]) == "Monday to Friday"
    assert words.days_in_words(["MO", "WE"]) == "Mondays and Wednesdays"
    assert words.days_in_words(["MO", "TU", "WE", "SA"]) == "Monday to Wednesday and Saturdays"
    assert words.days_in_words(["SA", "SU"]) == "Saturdays and Sundays"
    assert words.days_in_words([]) == ""
