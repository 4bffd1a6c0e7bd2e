"""Every URL field refuses script and data URLs, in any case or encoding."""

from __future__ import annotations

import json
from datetime import date

import pytest

from directory.reading.loader import load_directory

from .conftest import project_settings
from .hostile import HOSTILE_URLS

# field -> (file in the minimal fixture, text to find, text to put in its place);
# {} marks where the hostile address goes
URL_FIELDS = {
    "service url": (
        "services/riverside-food-bank.yaml",
        "name: Riverside Food Bank\n",
        "name: Riverside Food Bank\nurl: {}\n",
    ),
    "organisation url": ("organisations/riverside-pantry.yaml", "url: https://example.org/pantry\n", "url: {}\n"),
    "organisation logo": ("organisations/millbrook-council.yaml", "kind: council\n", "kind: council\nlogo: {}\n"),
    "location url": ("locations/st-marys-hall.yaml", "name: St Mary's Hall\n", "name: St Mary's Hall\nurl: {}\n"),
    "how to respond url": (
        "consultations/parks-plan.md",
        "  email: parks@millbrook.example\n",
        "  email: parks@millbrook.example\n  url: {}\n",
    ),
    "response event url": (
        "consultations/library-hours.md",
        "      location: st-marys-hall\n",
        "      location: st-marys-hall\n      url: {}\n",
    ),
    "document url": (
        "consultations/parks-plan.md",
        "outcome_published: 2026-05-01\n",
        "outcome_published: 2026-05-01\ndocuments:\n  - title: Plan\n    url: {}\n",
    ),
    "taxonomy mapping url": (
        "taxonomy/categories.yaml",
        "advice:\n  name: Advice and support\n",
        "advice:\n  name: Advice and support\n  mappings:\n    - vocabulary: LGA\n      code: '1'\n      url: {}\n",
    ),
}


@pytest.mark.parametrize("url", HOSTILE_URLS, ids=range(len(HOSTILE_URLS)))
@pytest.mark.parametrize("field", sorted(URL_FIELDS))
def test_hostile_url_is_refused_at_its_line(copy_fixture, field, url):
    folder = copy_fixture()
    relative, old, new = URL_FIELDS[field]
    path = folder / relative
    text = path.read_text()
    assert old in text
    value = json.dumps(url)
    path.write_text(text.replace(old, new.replace("{}", value), 1))
    url_line = next(n for n, line in enumerate(path.read_text().splitlines(), 1) if value in line)
    result = load_directory(folder, project_settings(), date(2026, 11, 18))
    errors = [p for p in result.errors if p.path.endswith(relative)]
    assert errors, f"{url!r} was accepted in {field}"
    assert any(p.line == url_line and "web address" in p.message for p in errors), errors
