"""Consultation statuses that the browser re-computes from machine-readable dates."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

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
    assert texts == {"Closed"}


def test_without_javascript_the_build_time_status_is_shown(open_page, sample_url):
    page, _ = open_page(sample_url, java_script_enabled=False)
    page.goto(sample_url + "/consultations/")
    texts = {t.strip() for t in page.locator("[data-consultation-status]").all_text_contents()}
    assert "Open" in texts and "Closed" in texts
