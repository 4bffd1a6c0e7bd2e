"""Consultation statuses that the browser re-computes from machine-readable dates."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from ..conftest import SAMPLE, settings_file
from .conftest import build_site

pytestmark = pytest.mark.browser


def test_statuses_match_the_build_when_the_clock_agrees(open_page, sample_url):
    page, _ = open_page(sample_url)
    page.clock.set_fixed_time(datetime(2026, 11, 26, 12, 0, tzinfo=UTC))
    page.goto(sample_url + "/consultations/")
    page.wait_for_load_state("load")
    texts = {t.strip() for t in page.locator("[data-consultation-status]").all_text_contents()}
    assert {"Open", "Closing soon", "Closed"} <= texts
    assert any(t.startswith("Opens ") for t in texts)


def test_the_browser_corrects_a_stale_open_status(open_page, sample_url):
    page, _ = open_page(sample_url)
    page.clock.set_fixed_time(datetime(2030, 1, 1, tzinfo=UTC))
    page.goto(sample_url + "/consultations/")
    page.wait_for_load_state("load")
    texts = {t.strip() for t in page.locator("[data-consultation-status]").all_text_contents()}
    assert texts == {"Closed", "Outcome published"}  # nothing open any more


def test_without_javascript_the_build_time_status_is_shown(open_page, sample_url):
    page, _ = open_page(sample_url, java_script_enabled=False)
    page.goto(sample_url + "/consultations/")
    texts = {t.strip() for t in page.locator("[data-consultation-status]").all_text_contents()}
    assert "Open" in texts and "Closed" in texts


def section_of(page, href: str) -> str | None:
    """The data-section of the list that shows the link, or None when it is hidden or absent."""
    return page.evaluate(
        """href => {
          const a = [...document.querySelectorAll(`li[data-consultation] a[href="${href}"]`)][0];
          const li = a && a.closest('li');
          return li && !li.hidden && !li.closest('[hidden]') ? li.closest('[data-section]').dataset.section : null;
        }""",
        href,
    )


OPEN = "/consultations/library-opening-hours-review/"  # open when built; closes 4 January 2027
UPCOMING = "/consultations/council-tax-support-scheme-2028/"  # opens 11 January 2027


@pytest.mark.parametrize("width", [1280, 320])
def test_a_consultation_closing_after_the_build_moves_everywhere(open_page, sample_url, width):
    from .test_accessibility import axe_violations

    page, _ = open_page(sample_url, width=width)
    page.clock.set_fixed_time(datetime(2026, 11, 27, 12, tzinfo=UTC))  # the day after the build
    page.goto(sample_url + "/consultations/")
    assert section_of(page, OPEN) == "open"
    before = page.inner_text("[data-section-count='closed']")
    assert axe_violations(page) == []

    page.clock.set_fixed_time(datetime(2027, 1, 5, 9, tzinfo=UTC))  # the morning after it closed
    page.goto(sample_url + "/consultations/")
    assert section_of(page, OPEN) == "closed"
    assert page.inner_text("[data-section-count='closed']") != before
    item = page.locator(f"li[data-consultation]:has(a[href='{OPEN}'])")
    assert item.locator("[data-consultation-status]").inner_text() == "Closed"
    assert axe_violations(page) == []

    page.goto(sample_url + "/")
    assert section_of(page, OPEN) is None  # no longer in "Have your say"
    page.goto(sample_url + OPEN)
    assert page.locator("[data-page-status]").inner_text() == "Closed"
    assert page.is_hidden("[data-when='open closing-soon']")
    assert page.is_visible("[data-when='closed outcome']")
    assert "This consultation closed on 4 January 2027" in page.inner_text("main")
    assert page.locator("main a.govuk-button", has_text="Respond online").is_hidden()
    assert axe_violations(page) == []


def test_a_consultation_opening_after_the_build_appears_where_open_ones_are(open_page, sample_url):
    page, _ = open_page(sample_url)
    page.clock.set_fixed_time(datetime(2026, 11, 27, 12, tzinfo=UTC))
    page.goto(sample_url + "/")
    assert section_of(page, UPCOMING) is None  # listed, but hidden until it opens
    page.clock.set_fixed_time(datetime(2027, 1, 12, 12, tzinfo=UTC))
    page.goto(sample_url + "/")
    assert section_of(page, UPCOMING) == "open"
    page.goto(sample_url + "/consultations/")
    assert section_of(page, UPCOMING) == "open"
    page.goto(sample_url + UPCOMING)
    assert page.is_visible("[data-when='open closing-soon']") and page.is_hidden("[data-when='upcoming']")


def test_without_javascript_the_dates_are_said_in_words(open_page, sample_url):
    page, _ = open_page(sample_url, java_script_enabled=False)
    page.goto(sample_url + OPEN)
    text = page.inner_text("main")
    assert "You can respond until 4 January 2027" in text  # right, or at least not wrong, on any day
    assert page.is_hidden("[data-when='closed outcome']")


@pytest.fixture(scope="module")
def new_york_url(tmp_path_factory, serve) -> str:
    """The sample built for a council whose time zone is New York's."""
    root = tmp_path_factory.mktemp("new-york")
    conf = settings_file(root / "conf.py", "DIRECTORY = {**DIRECTORY, 'timezone': 'America/New_York'}\n")
    return serve(build_site(SAMPLE, root / "output", conf=conf))


def test_dates_are_said_in_the_councils_time_zone_not_londons(open_page, new_york_url):
    page, watch = open_page(new_york_url)  # the reader's clock is in London
    page.clock.set_fixed_time(datetime(2026, 11, 26, 12, 0, tzinfo=UTC))
    page.goto(new_york_url + "/consultations/")
    page.wait_for_load_state("load")
    # 02:00 on 3 January in London is still 2 January in New York
    assert page.evaluate("CivicHubRules.formatDate(new Date('2027-01-03T02:00:00Z'))") == "2 January 2027"
    upcoming = page.locator("[data-consultation-status][data-status=upcoming]")
    assert upcoming.count()
    for tag in upcoming.all():
        opens = datetime.fromisoformat(tag.get_attribute("data-opens")).astimezone(ZoneInfo("America/New_York"))
        assert tag.text_content().strip() == f"Opens {opens.day} {opens:%B %Y}"
    assert watch.console_errors == []
