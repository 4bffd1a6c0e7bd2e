"""docs/content-format.md is generated from the schemas and must be current."""

from __future__ import annotations

from directory.commands.format_docs import render
from directory.reading.schemas import inlined

from .conftest import ROOT


def test_committed_format_docs_match_the_schemas():
    committed = (ROOT / "docs/content-format.md").read_text(encoding="utf-8")
    assert committed == render(), (
        "run: PYTHONPATH=plugins python -m directory.commands.format_docs > docs/content-format.md"
    )


def test_every_service_field_is_documented():
    text = render()
    for name in inlined("service")["properties"]:
        assert f"| `{name}` |" in text
