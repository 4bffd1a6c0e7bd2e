"""The browser's rules in one file: the consultation status rule, the postcode
pattern, the distance and its words, and the time zone dates are said in live in
``theme/static/js/rules.js`` only; the pages load it and the widget is served
with it in front, so that none of them can drift from the others."""

from __future__ import annotations

import json
import re

import pytest

from .conftest import ROOT, settings_file

RULES = ROOT / "theme/static/js/rules.js"
BROWSER_FILES = sorted((ROOT / "theme/static/js").rglob("*.js")) + sorted((ROOT / "theme/widget").rglob("*.js"))

# what only rules.js may say: a copy elsewhere is a second rule
ONE_PLACE = {
    "the Earth's radius": re.compile(r"\b(?:6371|6378|3958|3959|3963)(?:\.\d+)?\b"),
    "a mile in kilometres": re.compile(r"1\.609"),  # a second constant: rules.js measures in miles
    "the postcode pattern": re.compile(re.escape("[A-Z]{1,2}[0-9][0-9A-Z]?")),
    "a distance in words": re.compile(r"miles? away", re.IGNORECASE),
    "a time zone": re.compile(r"\b(?:Europe|America|Africa|Asia|Australia|Pacific|Atlantic)/[A-Z]"),
    "a date formatter": re.compile(r"Intl\.DateTimeFormat"),
    "a day in milliseconds": re.compile(r"24 \* 60 \* 60 \* 1000"),
}
# not even in rules.js: the zone is the council's setting, read from the page
NOWHERE = {"a mile in kilometres", "a time zone"}


def test_the_rules_are_written_in_rules_js_alone():
    rules = RULES.read_text(encoding="utf-8")
    for what, pattern in ONE_PLACE.items():
        if what not in NOWHERE:
            assert pattern.search(rules), f"rules.js lost {what}"
    copies = [
        f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, found.start()) + 1}: {what}"
        for path in BROWSER_FILES
        if path != RULES
        for text in [path.read_text(encoding="utf-8")]
        for what, pattern in ONE_PLACE.items()
        for found in pattern.finditer(text)
    ]
    assert copies == []
    assert not [what for what in NOWHERE if ONE_PLACE[what].search(rules)]


def test_the_status_words_are_the_builds():
    """rules.js's words for each status are those of consultation_status.py."""
    from directory.consultation_status import STATUSES

    rules = RULES.read_text(encoding="utf-8")
    for status, (words, _, _) in STATUSES.items():
        assert f"'{words.split(' {')[0]}" in rules, status


@pytest.fixture(scope="module")
def new_york(tmp_path_factory):
    """The minimal fixture built for a council whose time zone is New York's."""
    from directory.commands.build import build

    root = tmp_path_factory.mktemp("new-york")
    conf = settings_file(root / "conf.py", "DIRECTORY = {**DIRECTORY, 'timezone': 'America/New_York'}\n")
    build(str(ROOT / "tests/fixtures/minimal"), str(root / "output"), str(conf))
    return root / "output"


def test_every_page_tells_rules_js_the_councils_time_zone_and_loads_it_first(new_york):
    pages = [p for p in sorted(new_york.rglob("*.html")) if 'class="govuk-template"' in p.read_text(encoding="utf-8")]
    assert len(pages) > 10  # every page of base.html (the editor and the frames have their own)
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert '<html lang="en-GB" class="govuk-template" data-timezone="America/New_York">' in html, page
        scripts = re.findall(r'<script src="[^"]*/js/([^"]+)"', html)
        assert scripts.index("rules.js") < scripts.index("consultation-status.js"), page
        if "search/filters.js" in scripts:
            assert scripts.index("rules.js") < scripts.index("search/filters.js"), page


def test_the_widget_is_one_file_the_rules_then_the_script_with_the_zone_in_its_data(new_york):
    served = (new_york / "widget/v1/civic-hub.js").read_text(encoding="utf-8")
    widget = (ROOT / "theme/widget/civic-hub.js").read_text(encoding="utf-8")
    assert served == RULES.read_text(encoding="utf-8") + widget
    data = json.loads((new_york / "widget/v1/data/consultations.json").read_text(encoding="utf-8"))
    assert data["tz"] == "America/New_York"
