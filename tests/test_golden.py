"""Golden snapshots: the main content of a few representative pages of the
minimal fixture, so an accidental change to a template or to the wording shows
up in review.  After an intended change: UPDATE_GOLDEN=1 make test."""

from __future__ import annotations

import os
import re

import pytest

from .conftest import CONF, ROOT

GOLDEN = ROOT / "tests/golden"
PAGES = {
    "service.html": "services/riverside-food-bank/index.html",
    "consultation.html": "consultations/parks-plan/index.html",
    "location.html": "locations/st-marys-hall/index.html",
}


def main_of(html: str) -> str:
    return re.search(r"<main\b.*?</main>", html, re.S).group(0) + "\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from directory.commands.build import build

    out = tmp_path_factory.mktemp("golden") / "out"
    build(str(ROOT / "tests/fixtures/minimal"), str(out), str(CONF))
    return out


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_matches_its_golden_snapshot(built, name):
    actual = main_of((built / PAGES[name]).read_text(encoding="utf-8"))
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8")
