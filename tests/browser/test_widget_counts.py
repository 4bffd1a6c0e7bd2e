"""The consultations widget counts as open only those open now: one that opens
later is said apart ("Showing 3 of 7 consultations: 5 open, 2 opening later")."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime

import pytest

from directory.consultation_status import status_of
from directory.reading.loader import load_directory

from ..conftest import SAMPLE, project_settings

pytestmark = pytest.mark.browser
MOMENT = datetime(2026, 11, 26, 12, tzinfo=UTC)  # the sample's build moment (conftest.SAMPLE_EPOCH)
HOST = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Host</title>'
    '<script src="/widget/v1/civic-hub.js" defer></script></head>'
    '<body><civic-hub-directory kind="consultation" limit="3"></civic-hub-directory></body></html>'
)


def test_the_widget_counts_as_open_only_the_consultations_open_now(sample_site, serve, open_page, tmp_path):
    settings = project_settings()
    directory = load_directory(SAMPLE, settings, MOMENT.date()).directory
    statuses = [status_of(c, MOMENT, settings.closing_soon_days)[0] for c in directory.consultations.values()]
    later = statuses.count("upcoming")
    open_now = sum(s in ("open", "closing-soon") for s in statuses)
    assert later and open_now > 3  # the sample has both, and more than the widget shows
    site = shutil.copytree(sample_site, tmp_path / "site")  # the shared site stays as it was built
    (site / "host.html").write_text(HOST, encoding="utf-8")
    base = serve(site)
    page, watch = open_page(base)
    page.clock.set_fixed_time(MOMENT)
    page.goto(f"{base}/host.html")
    page.wait_for_selector("civic-hub-directory li")
    told = page.locator("civic-hub-directory [role=status]").inner_text()
    assert told == f"Showing 3 of {open_now + later} consultations: {open_now} open, {later} opening later"
    assert watch.console_errors == []
