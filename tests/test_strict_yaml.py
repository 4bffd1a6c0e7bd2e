"""The strict YAML reader: every scalar stays the text that was written,
anything YAML could turn into a surprise is refused, and marks are 1-based."""

from __future__ import annotations

import pytest

from directory.reading.strict_yaml import Marks, StrictYAMLError, load


def error_of(text: str, line_offset: int = 0) -> StrictYAMLError:
    with pytest.raises(StrictYAMLError) as caught:
        load(text, line_offset)
    return caught.value


# --- scalars stay strings ------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    ["10:30", "0123", "no", "yes", "on", "off", "null", "~", "true", "1e3", "0x1F", "2026-03-31", "1_000"],
)
def test_scalars_stay_the_text_that_was_written(written):
    data, _ = load(f"value: {written}\n")
    assert data == {"value": written}


def test_quoted_and_nested_scalars_are_strings_too():
    data, _ = load("a: \"10:30\"\nb: '0123'\nc:\n  - no\n  - 7\nd: {e: null}\n")
    assert data == {"a": "10:30", "b": "0123", "c": ["no", "7"], "d": {"e": "null"}}


def test_empty_value_is_an_empty_string_not_none():
    data, _ = load("a:\nb: 1\n")
    assert data == {"a": "", "b": "1"}


@pytest.mark.parametrize("text", ["", "# only a comment\n", "\n\n"])
def test_an_empty_document_gives_none(text):
    data, marks = load(text)
    assert data is None
    assert isinstance(marks, Marks)


# --- refused structures ----------------------------------------------------------


def test_duplicate_keys_are_rejected_naming_both_lines():
    err = error_of("name: First\nsummary: S\nname: Second\n")
    assert (err.line, err.col) == (3, 1)
    assert "'name' appears twice" in err.message
    assert "first on line 1" in err.message


def test_duplicate_keys_inside_a_nested_block_are_rejected():
    err = error_of("address:\n  city: A\n  postal_code: ZZ1 1AA\n  city: B\n")
    assert (err.line, err.col) == (4, 3)
    assert "'city' appears twice (first on line 2)" in err.message


def test_the_same_key_in_two_different_blocks_is_fine():
    data, _ = load("a:\n  name: x\nb:\n  name: y\n")
    assert data == {"a": {"name": "x"}, "b": {"name": "y"}}


def test_anchors_are_rejected():
    err = error_of("name: &n Hall\nother: x\n")
    assert (err.line, err.col) == (1, 7)
    assert "anchors" in err.message


def test_aliases_are_rejected():
    err = error_of("a: 1\nb: *x\n")
    assert (err.line, err.col) == (2, 4)
    assert "aliases" in err.message
    err = error_of("a:\n  - one\n  - *x\n")
    assert (err.line, err.col) == (3, 5)
    assert "aliases" in err.message


def test_an_anchor_is_refused_before_its_alias_is_used():
    err = error_of("a: &x 1\nb: *x\n")
    assert (err.line, err.col) == (1, 4)
    assert "anchors" in err.message


def test_merge_keys_cannot_smuggle_an_alias():
    err = error_of("base: &b {a: 1}\nother:\n  <<: *b\n")
    assert "anchors" in err.message
    err = error_of("other:\n  <<: *b\n")
    assert (err.line, "aliases" in err.message) == (2, True)


@pytest.mark.parametrize(
    "value",
    [
        "!!python/object:os.system x",
        '!!python/object/apply:os.system ["true"]',
        "!!int 3",
        "!!str 3",
        "!custom 3",
        "!!binary aGVsbG8=",
    ],
)
def test_tags_are_rejected(value):
    err = error_of(f"name: Hall\nvalue: {value}\n")
    assert (err.line, err.col) == (2, 8)
    assert "tags" in err.message and "not allowed" in err.message


def test_a_tag_on_a_whole_block_is_rejected():
    err = error_of("!!map {a: 1}\n")
    assert "tags" in err.message


def test_a_non_scalar_key_is_rejected():
    err = error_of("? [a, b]\n: 1\n")
    assert "field name" in err.message
    assert err.line == 1


def test_multiple_documents_are_rejected():
    err = error_of("a: 1\n---\nb: 2\n")
    assert err.line == 2
    assert "only one YAML document" in err.message


@pytest.mark.parametrize(
    "text, line",
    [("a:\n\t- x\n", 2), ("\tname: Hall\n", 1), ("a:\n  b: 1\n\tc: 2\n", 3)],
)
def test_tabs_give_a_plain_message(text, line):
    err = error_of(text)
    assert err.line == line
    assert err.message == "tabs cannot be used for indentation in YAML; use spaces"


@pytest.mark.parametrize(
    "text, line, col",
    [
        ("a: [1, 2\n", 1, 4),  # a list never closed: where it opens
        ("a: b: c\n", 1, 5),
        ("a: 1\n  b: 2\n", 2, 4),
    ],
)
def test_invalid_yaml_raises_with_line_and_col(text, line, col):
    err = error_of(text)
    assert isinstance(err, ValueError)
    assert (err.line, err.col) == (line, col)
    assert err.message
    assert "Traceback" not in err.message


def test_a_colon_in_a_value_gets_a_plain_hint():
    err = error_of("summary: Open: Mondays\n")
    assert "colon" in err.message and "quotes" in err.message


def test_an_unclosed_quote_points_at_the_opening_quote_not_the_end_of_the_file():
    err = error_of('name: "unclosed\nsummary: x\nkind: charity\n')
    assert (err.line, err.col) == (1, 7)
    assert "never closed" in err.message


def test_invalid_yaml_in_front_matter_counts_the_opening_dashes():
    err = error_of("title: x\nsummary: 'oops\n", line_offset=1)
    assert (err.line, err.col) == (3, 10)  # line 2 of the YAML + the --- line
    err = error_of("title: x\nsummary: a: b\n", line_offset=1)
    assert (err.line, err.col) == (3, 11)


# --- marks ------------------------------------------------------------------------


def test_marks_of_values_and_keys_are_one_based():
    _, marks = load("name: Hall\nsummary:   Spaced\n")
    assert marks.value(("name",)) == (1, 7)
    assert marks.key(("name",)) == (1, 1)
    assert marks.value(("summary",)) == (2, 12)
    assert marks.key(("summary",)) == (2, 1)
    assert marks.value(()) == (1, 1)


def test_marks_in_nested_lists_and_blocks():
    text = (
        "name: X\n"  # 1
        "schedules:\n"  # 2
        "  - byday: MO\n"  # 3
        "    opens_at: '10:00'\n"  # 4
        "  - byday: TU\n"  # 5
        "    notes: [a, b]\n"  # 6
    )
    data, marks = load(text)
    assert data["schedules"][1] == {"byday": "TU", "notes": ["a", "b"]}
    assert marks.value(("schedules",)) == (3, 3)
    assert marks.value(("schedules", 0)) == (3, 5)
    assert marks.key(("schedules", 0, "opens_at")) == (4, 5)
    assert marks.value(("schedules", 0, "opens_at")) == (4, 15)
    assert marks.value(("schedules", 1, "byday")) == (5, 12)
    assert marks.value(("schedules", 1, "notes", 1)) == (6, 16)


def test_a_missing_path_falls_back_to_its_nearest_ancestor():
    _, marks = load("name: X\naddress:\n  city: Y\n")
    assert marks.value(("address", "postal_code")) == (3, 3)
    assert marks.key(("address", "postal_code")) == (3, 3)
    assert marks.value(("nothing", "here")) == (1, 1)


def test_line_offset_shifts_every_mark_for_front_matter():
    _, marks = load("title: T\nopens: 2026-01-01\n", line_offset=1)
    assert marks.offset == 1
    assert marks.key(("title",)) == (2, 1)
    assert marks.value(("opens",)) == (3, 8)


def test_errors_after_parsing_count_the_front_matter_offset_too():
    err = error_of("title: T\ntitle: U\n", line_offset=1)
    assert err.line == 3
    assert "first on line 2" in err.message
