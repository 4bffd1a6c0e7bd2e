"""The entry emitter (plugins/directory/entry_yaml.py): whatever it writes, the
strict reader reads back exactly, in block style, with no anchors, aliases or
tags; strings a YAML 1.1 or 1.2 reader would misread are quoted."""

from __future__ import annotations

import os
from datetime import date
from decimal import Decimal

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directory.entry_yaml import dump, entry_text, front_matter
from directory.reading.strict_yaml import hidden_character, load

settings.register_profile(
    "entry_yaml",
    max_examples=300 if os.environ.get("HYPOTHESIS_PROFILE") != "long" else 5000,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

TRICKY = [
    *["yes", "Yes", "YES", "no", "No", "NO", "on", "On", "off", "OFF", "y", "Y", "n", "N", "true", "False"],
    *["TRUE", "null", "Null", "~", "=", "<<", ".inf", "-.inf", ".nan", "NaN"],
    *["10:30", "09:30", "190:20:30", "0123", "0o17", "0x1F", "1e3", "1_000", ".5", "-1", "+1", "3.50", "1.0e-5"],
    *["2026-04-29", "2026-04-29 10:30", "2026-04-29T10:30:00Z", "", " ", " lead", "trail ", "a: b", "a:b", "a #b"],
    *["#x", "- x", "-x", "[x]", "{x}", "x]", "'", '"', "|", ">", "&a", "*a", "!tag", "!!str x", "%x", "@x", "`x"],
    *["? x", ",x", "x,", "x:", ": x", "---", "...", "a\nb", "\n", "x\n", "x\n\n", "\nx", "  x\n  y", "tab\there"],
    *["Café … ł ß 日本", "\u00a0nbsp", "line one\nline two\n", "trailing \nspaces", "crlf\r\nline", "<script>"],
    *["javascript:alert(1)", "x\u2028y", "x\x85y", "\\", "\\n", "0", "00", "012 345", "01632 960 123", "£3.50"],
]
# what content may hold: the strict reader refuses hidden control characters, and CR is
# written as a line break by editors (the importers turn CRLF into LF before writing)
text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60).filter(
    lambda t: hidden_character(t) is None and "\r" not in t
) | st.sampled_from([t for t in TRICKY if hidden_character(t) is None and "\r" not in t])


def events(written: str) -> list:
    return list(yaml.parse(written, Loader=yaml.SafeLoader))


def assert_plain_block_style(written: str) -> None:
    for event in events(written):
        assert getattr(event, "anchor", None) is None, event
        assert getattr(event, "tag", None) in (None, "!"), event
        assert not isinstance(event, yaml.AliasEvent)
        if isinstance(event, yaml.CollectionStartEvent):
            assert event.flow_style is False, written


@pytest.mark.parametrize("value", TRICKY)
def test_a_tricky_string_reads_back_exactly(value):
    if hidden_character(value) is not None or "\r" in value:
        with pytest.raises(Exception, match="hidden control character"):
            load(dump({"name": value}))  # written escaped, refused by the reader: never silently changed
        return
    written = dump({"name": value, "list": [value], value or "k": "v"})
    data, _ = load(written)
    assert data == {"name": value, "list": [value], value or "k": "v"}
    assert_plain_block_style(written)
    # and a YAML 1.1 reader (PyYAML's own) reads a string too, not a number, date or boolean
    assert yaml.safe_load(written)["name"] == value


@settings(settings.get_profile("entry_yaml"))
@given(st.dictionaries(text.filter(bool), text | st.lists(text, min_size=1, max_size=4), min_size=1, max_size=6))
def test_any_text_reads_back_exactly(data):
    written = dump(data)
    assert load(written)[0] == data
    assert_plain_block_style(written)


@settings(settings.get_profile("entry_yaml"))
@given(st.lists(text.filter(lambda t: t.strip()), min_size=1, max_size=5), text)
def test_markdown_reads_back_exactly(paragraphs, tail):
    markdown = "\n\n".join(p.strip() for p in paragraphs if p.strip()) + "\n" + tail.strip()
    written = dump({"description": markdown})
    assert load(written)[0] == {"description": markdown}


def test_multi_line_text_is_written_as_a_literal_block():
    written = dump({"name": "Club", "description": "First line.\n\nSecond *paragraph*.\n"})
    assert written == "name: Club\ndescription: |\n  First line.\n\n  Second *paragraph*.\n"


def test_values_of_each_type_are_written_as_people_write_them():
    written = dump(
        {
            "amount": Decimal("3.50"),
            "whole": Decimal("3"),
            "ratio": 0.00001,
            "age": 7,
            "free": True,
            "day": date(2026, 4, 29),
            "opens_at": "10:30",
            "items": [{"number": "01632 960 123", "type": "voice"}],
        }
    )
    assert written == (
        'amount: 3.50\nwhole: 3\nratio: 0.00001\nage: 7\nfree: true\nday: "2026-04-29"\n'
        'opens_at: "10:30"\nitems:\n  - number: "01632 960 123"\n    type: voice\n'
    )


@pytest.mark.parametrize("bad", [{"x": None}, {"x": []}, {"x": {}}, {}, {"x": float("nan")}, {"x": float("inf")}])
def test_nothing_is_written_empty_or_not_a_number(bad):
    with pytest.raises(ValueError):
        dump(bad)


def test_a_service_is_written_in_the_order_of_the_sample_files():
    written = entry_text(
        "service",
        {
            "assured_date": "2026-11-01",
            "categories": ["food"],
            "description": "Hot meals.",
            "organization": "riverside-pantry",
            "summary": "Meals.",
            "name": "Lunch",
            "schedules": [{"closes_at": "14:00", "opens_at": "12:00", "byday": "MO"}],
        },
    )
    keys = [line.split(":")[0] for line in written.splitlines() if not line.startswith(" ")]
    assert keys == ["name", "organization", "summary", "description", "categories", "schedules", "assured_date"]
    assert '  - byday: MO\n    opens_at: "12:00"\n    closes_at: "14:00"\n' in written


def test_front_matter_reads_back():
    written = front_matter({"title": "yes", "summary": "no"}, "Body *text*.\n\n")
    assert written == '---\ntitle: "yes"\nsummary: "no"\n---\n\nBody *text*.\n'
    fields = written.split("---\n")[1]
    assert load(fields)[0] == {"title": "yes", "summary": "no"}
