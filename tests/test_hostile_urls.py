"""Every URL field refuses script and data URLs, in any case or encoding."""

from __future__ import annotations

import json
from datetime import date

import pytest

from directory.loader import load_directory
from directory.settings import parse_settings

from .hostile import HOSTILE_URLS

# (file in the minimal fixture, YAML line to append that sets a URL field)
URL_FIELDS = {
    "service url": ("services/riverside-food-bank.yaml", "url: {}"),
    "organisation url": ("organisations/millbrook-council.yaml", "logo: {}"),
    "location url": ("locations/st-marys-hall.yaml", "url: {}"),
    "document url": ("consultations/parks-plan.md", "documents:\n  - title: Plan\n    url: {}"),
}


def set_field(folder, relative: str, line: str) -> None:
    path = folder / relative
    text = path.read_text()
    if relative.endswith(".md"):
        head, rest = text.split("\n---\n", 1)
        path.write_text(f"{head}\n{line}\n---\n{rest}")
    else:
        path.write_text(text.rstrip("\n") + "\n" + line + "\n")


@pytest.mark.parametrize("url", HOSTILE_URLS, ids=range(len(HOSTILE_URLS)))
@pytest.mark.parametrize("field", sorted(URL_FIELDS))
def test_hostile_url_is_refused_at_its_line(copy_fixture, field, url):
    folder = copy_fixture()
    relative, template = URL_FIELDS[field]
    set_field(folder, relative, template.format(json.dumps(url)))
    result = load_directory(folder, parse_settings({}), date(2026, 11, 18))
    errors = [p for p in result.errors if p.path.endswith(relative)]
    assert errors, f"{url!r} was accepted in {field}"
    last_line = len((folder / relative).read_text().split("\n---\n")[0].splitlines())
    assert any(p.line == last_line and "web address" in p.message for p in errors), errors
