"""The JSON Schemas: conversion by the schema, the URL rule, and the messages a
volunteer sees for each kind of mistake (with the line and column)."""

from __future__ import annotations

import json

import pytest

from directory.kinds import KINDS
from directory.reading.schemas import SCHEMA_DIR, coerce, is_safe_url, validator
from directory.reading.strict_yaml import load
from directory.reading.validation import field_name, validate_entry

SERVICE = """\
name: Lunch Club
organization: riverside-pantry
summary: A hot lunch and a chat.
description: Come along.
categories: [food]
assured_date: 2026-09-01
"""  # 6 lines; extra fields start on line 7


def check(text: str, kind: str = "service"):
    """Read, convert and validate like the loader does; return (data, problems)."""
    data, marks = load(text)
    data = coerce(data, kind)
    return data, validate_entry(kind, data, marks, "entry.yaml")


def problems_of(text: str, kind: str = "service") -> list[tuple[int, int, str]]:
    _, problems = check(text, kind)
    assert all(p.path == "entry.yaml" and p.severity == "error" for p in problems)
    return [(p.line, p.col, p.message) for p in problems]


def only_problem(text: str, kind: str = "service") -> tuple[int, int, str]:
    found = problems_of(text, kind)
    assert len(found) == 1, found
    return found[0]


# --- the schemas themselves ---------------------------------------------------------


def test_every_schema_file_is_valid_json_schema():
    import jsonschema

    for path in sorted(SCHEMA_DIR.glob("*.json")):
        jsonschema.Draft202012Validator.check_schema(json.loads(path.read_text(encoding="utf-8")))
    assert sorted(p.stem for p in SCHEMA_DIR.glob("*.json")) == sorted([k.name for k in KINDS] + ["common"])
    for kind in KINDS:
        assert validator(kind.name) is not None


def test_a_good_service_has_no_problems():
    data, problems = check(SERVICE)
    assert problems == []
    assert data["assured_date"] == "2026-09-01"


# --- conversion by the schema ------------------------------------------------------------


def test_coercion_converts_only_where_the_schema_wants_it():
    data, problems = check(
        SERVICE + "minimum_age: '7'\n"
        "maximum_age: 18\n"
        "free: yes\n"
        "cost_options:\n"
        "  - amount: '3.50'\n"
        "    option: '0123'\n"
        "  - amount: 3\n"
        "phones:\n"
        "  - number: 01632 960000\n"
        "schedules:\n"
        "  - byday: MO\n"
        "    interval: '2'\n"
        "    opens_at: '09:00'\n"
        "    closes_at: '10:30'\n"
    )
    assert problems == []
    assert data["minimum_age"] == 7 and type(data["minimum_age"]) is int
    assert data["maximum_age"] == 18
    assert data["free"] is True
    assert data["cost_options"][0]["amount"] == 3.5
    assert data["cost_options"][1]["amount"] == 3 and type(data["cost_options"][1]["amount"]) is int
    assert data["cost_options"][0]["option"] == "0123"
    assert data["phones"][0]["number"] == "01632 960000"
    assert data["schedules"][0]["interval"] == 2
    assert data["schedules"][0]["opens_at"] == "09:00"
    assert data["schedules"][0]["closes_at"] == "10:30"
    assert data["assured_date"] == "2026-09-01"


def test_a_name_that_looks_like_a_number_stays_text():
    data, problems = check(SERVICE.replace("name: Lunch Club", "name: '0123'"))
    assert problems == []
    assert data["name"] == "0123"


@pytest.mark.parametrize("written, value", [("yes", True), ("no", False), ("True", True), ("FALSE", False)])
def test_booleans_in_words(written, value):
    data, problems = check(SERVICE + f"free: {written}\n")
    assert problems == []
    assert data["free"] is value


def test_inline_location_numbers_convert_inside_a_oneof():
    data, problems = check(
        SERVICE + "locations:\n"
        "  - st-marys-hall\n"
        "  - name: '0123'\n"
        "    address: {address_1: '1', city: Millbrook, postal_code: ZZ1 1AA}\n"
        "    latitude: '52.41'\n"
        "    uprn: '0012345'\n"
    )
    assert problems == []
    assert data["locations"][0] == "st-marys-hall"
    place = data["locations"][1]
    assert place["latitude"] == 52.41
    assert place["name"] == "0123" and place["uprn"] == "0012345"
    assert place["address"]["address_1"] == "1"


def test_values_that_do_not_convert_are_left_for_validation():
    data, _ = check(SERVICE + "minimum_age: ten\nfree: maybe\n")
    assert data["minimum_age"] == "ten"
    assert data["free"] == "maybe"


def test_taxonomy_terms_are_converted_through_additional_properties():
    data = coerce({"food": {"name": "0123", "postcode_districts": ["ZZ1"]}}, "taxonomy")
    assert data == {"food": {"name": "0123", "postcode_districts": ["ZZ1"]}}


# --- URLs ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org",
        "http://example.org/x?y=1#z",
        "HTTPS://EXAMPLE.ORG/",
        "http://localhost:8000/services/",
        "mailto:hello@example.org",
        "tel:+441632960000",
        "/about/",
        "#main",
        "?q=food",
        "./a",
        "../b",
    ],
)
def test_safe_urls_are_accepted(url):
    assert is_safe_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "javascript\x00:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "DATA:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "ftp://example.org/",
        "//evil.example",
        "/\\evil.example",
        "&#106;avascript:alert(1)",
        "javascript&colon;alert(1)",
        "%6Aavascript:alert(1)",
        "https:/x",
        "https:example.org",
        "https://",
        "https://user@evil.example",
        "https://exa mple.org",
        "mailto:",
        "tel:",
        "example.org",
        "",
    ],
)
def test_unsafe_or_unclear_urls_are_refused(url):
    assert not is_safe_url(url)


# --- messages ---------------------------------------------------------------------------


def test_field_names_count_list_items_from_one():
    assert field_name(("schedules", 1, "opens_at")) == "schedules[2].opens_at"
    assert field_name(()) == "the file"


def test_unknown_field_suggests_the_right_one_at_the_key():
    text = SERVICE.replace("categories: [food]\n", "") + "  \ncatgories: [food]\n"
    found = problems_of(text)
    assert (7, 1, "unknown field 'catgories' (did you mean 'categories'?)") in found
    assert any("required field 'categories' is missing" in m for _, _, m in found)


def test_unknown_nested_field_names_its_block():
    line, col, message = only_problem(SERVICE + "phones:\n  - number: 01632 960000\n    nmuber: x\n")
    assert (line, col) == (9, 5)
    assert message.startswith("unknown field 'nmuber' in phones[1]")
    assert "did you mean 'number'?" in message


def test_an_unknown_field_with_no_near_match_gets_no_suggestion():
    _, _, message = only_problem(SERVICE + "zzzzzz: 1\n")
    assert message == "unknown field 'zzzzzz'"


def test_missing_required_field():
    line, col, message = only_problem(SERVICE.replace("summary: A hot lunch and a chat.\n", ""))
    assert (line, col) == (1, 1)
    assert message == "the required field 'summary' is missing"


def test_wrong_type_says_what_is_wanted_in_words():
    assert only_problem(SERVICE + "minimum_age: ten\n") == (
        7,
        14,
        "minimum_age should be a whole number, not 'ten'",
    )
    _, _, message = only_problem(SERVICE + "free: maybe\n")
    assert message == "free should be true or false, not 'maybe'"
    _, _, message = only_problem(SERVICE + "phones: 01632 960000\n")
    assert message.startswith("phones should be a list")


def test_out_of_range_number():
    assert only_problem(SERVICE + "maximum_age: 200\n") == (7, 14, "maximum_age must be at most 120, not 200")


def test_bad_enum_lists_the_options_and_suggests_one():
    line, col, message = only_problem(SERVICE + "status: activ\n")
    assert (line, col) == (7, 9)
    assert "status is 'activ', which is not one of: active, inactive" in message
    assert message.endswith("(did you mean 'active'?)")


def test_bad_enum_in_a_list_names_the_item():
    _, _, message = only_problem(SERVICE + "how_to_access: [drop-in, dropin]\n")
    assert message.startswith("how_to_access[2] is 'dropin'")
    assert "(did you mean 'drop-in'?)" in message


def test_bad_time_pattern():
    text = SERVICE + "schedules:\n  - byday: MO\n    opens_at: '25:00'\n    closes_at: '26:00'\n"
    found = problems_of(text)
    assert found == [
        (
            9,
            15,
            "schedules[1].opens_at is '25:00', which is not valid: A 24-hour time written HH:MM, for example 09:30.",
        ),
        (
            10,
            16,
            "schedules[1].closes_at is '26:00', which is not valid: A 24-hour time written HH:MM, for example 09:30.",
        ),
    ]


@pytest.mark.parametrize("bad", ["2026-02-30", "2026-13-45", "31/03/2026", "2026-3-1"])
def test_bad_date(bad):
    text = SERVICE.replace("assured_date: 2026-09-01", f"assured_date: {bad}")
    line, col, message = only_problem(text)
    assert (line, col) == (6, 15)
    assert (
        message
        == f"assured_date is '{bad}', which is not valid: write a real date as YYYY-MM-DD, for example 2026-03-31"
    )


def test_bad_url():
    line, col, message = only_problem(SERVICE + "url: javascript:alert(1)\n")
    assert (line, col) == (7, 6)
    assert message.startswith(
        "url is 'javascript:alert(1)', which is not valid: a web address must start with https://"
    )


def test_bad_email():
    _, _, message = only_problem(SERVICE + "email: hello at example.org\n")
    assert message == "email is 'hello at example.org', which is not valid: An email address such as hello@example.org."


def test_empty_list():
    assert only_problem(SERVICE + "areas: []\n") == (7, 8, "areas is empty; fill it in or remove the field")


def test_repeated_list_item():
    _, _, message = only_problem(SERVICE + "areas: [north-ward, north-ward]\n")
    assert message == "areas lists the same value more than once"


def test_too_long_summary():
    text = SERVICE.replace("summary: A hot lunch and a chat.", "summary: " + "a" * 301)
    assert only_problem(text) == (3, 10, "summary is too long (301 characters; at most 300)")


def test_blank_text_is_empty():
    text = SERVICE.replace("summary: A hot lunch and a chat.", "summary: ''")
    assert (3, 10, "summary is empty; fill it in or remove the field") in problems_of(text)


def test_inline_location_without_address_names_the_address():
    text = SERVICE + "locations:\n  - name: Village Hall\n"
    line, col, message = only_problem(text)
    assert (line, col) == (8, 5)
    assert message == "the required field 'address' is missing in locations[1]"
    assert "oneOf" not in message and "is not valid under" not in message


def test_inline_location_with_a_partial_address_names_each_missing_line():
    text = SERVICE + "locations:\n  - name: Village Hall\n    address:\n      city: Millbrook\n"
    found = problems_of(text)
    assert [m for _, _, m in found] == [
        "the required field 'address_1' is missing in locations[1].address",
        "the required field 'postal_code' is missing in locations[1].address",
    ]
    assert {(line, col) for line, col, _ in found} == {(10, 7)}


def test_a_bad_location_slug_is_explained_as_a_slug():
    _, _, message = only_problem(SERVICE + "locations: [St Marys Hall]\n")
    assert message.startswith("locations[1] is 'St Marys Hall', which is not valid")
    assert "lower-case" in message


def test_schedule_without_days_or_description():
    text = SERVICE + "schedules:\n  - opens_at: '10:00'\n    closes_at: '11:00'\n"
    assert only_problem(text) == (8, 5, "schedules[1] needs byday, bymonthday or a description of the times")


def test_outcome_needs_its_published_date():
    consultation = (
        "title: T\norganization: o\nsummary: S\nopens: 2026-01-01\ncloses: 2026-02-01 17:00\n"
        "how_to_respond:\n  email: a@example.org\noutcome: We did it.\n"
    )
    _, _, message = only_problem(consultation, "consultation")
    assert message == "'outcome' also needs 'outcome_published'"


@pytest.mark.parametrize("bad", ["2026-01-01 25:00", "2026-02-30", "2026-01-01 9:00", "tomorrow"])
def test_consultation_dates(bad):
    consultation = (
        f"title: T\norganization: o\nsummary: S\nopens: {bad}\ncloses: 2026-02-01 17:00\n"
        "how_to_respond:\n  email: a@example.org\n"
    )
    line, col, message = only_problem(consultation, "consultation")
    assert (line, col) == (4, 8)
    assert message.startswith(f"opens is '{bad}', which is not valid: A date (YYYY-MM-DD)")


def test_organisation_kind_suggestion():
    _, _, message = only_problem("name: X\nkind: charty\ndescription: d\n", "organisation")
    assert message.endswith("(did you mean 'charity'?)")


def test_many_problems_are_all_reported_sorted():
    text = SERVICE + "minimum_age: ten\nstatus: activ\nurl: ftp://x\n"
    assert [line for line, _, _ in problems_of(text)] == [7, 8, 9]


def test_a_bad_taxonomy_term_name_points_at_the_name():
    text = "food:\n  name: Food\nFood Banks:\n  name: Food banks\n"
    assert only_problem(text, "taxonomy") == (
        3,
        1,
        "'Food Banks' is not a valid name; use lower-case words joined by hyphens, like 'food-banks'",
    )


@pytest.mark.parametrize("good", ["2026-01-01", "2026-01-01 09:00", "2026-01-01T09:00"])
def test_consultation_date_forms_that_are_accepted(good):
    consultation = (
        f"title: T\norganization: o\nsummary: S\nopens: {good}\ncloses: 2026-02-01 17:00\n"
        "how_to_respond:\n  email: a@example.org\n"
    )
    assert problems_of(consultation, "consultation") == []


# --- one line where one line is meant ------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "written", "says"),
    [
        ("email", '"hello@example.org\\n"', "a line break (U+000A) at its end"),
        (
            "email",
            '"hello@example.org\\t"',
            "a tab (U+0009) at its end; delete it (retype the text if you cannot see it)",
        ),
        ("assurer", '"Jo\\u00a0Bloggs"', "a no-break space (U+00A0) after 'Jo'; replace it with an ordinary space"),
        ("assurer", '"\\tJo"', "a tab (U+0009) at its start; replace it with an ordinary space"),
        ("status", '"active\\u2028"', "a line separator (U+2028) at its end; delete it: this is a line break"),
    ],
)
def test_a_one_line_field_names_the_character_it_may_not_hold(field, written, says):
    """Words take an ordinary space for an odd one; an address, a time or a code takes none."""
    line, col, message = only_problem(SERVICE + f"{field}: {written}\n")
    assert (line, col) == (7, len(field) + 3)
    assert message.startswith(f"{field} must be one line of plain text, but has {says}")


def test_a_web_address_with_a_hidden_character_is_named_a_web_address():
    line, col, message = only_problem(SERVICE + 'url: "https://example.org/\\u200b"\n')
    assert (line, col) == (7, 6)
    assert message == (
        "url must be a web address on one line, but has a zero-width space (U+200B) at its end; "
        "delete it (retype the text if you cannot see it)"
    )


def test_text_of_several_lines_keeps_its_line_breaks():
    assert problems_of(SERVICE + "fees: |\n  £2 a session.\n  Free for children.\n") == []
    assert problems_of(SERVICE + "alert: >\n  Closed on\n  Monday.\n") == []
    _, _, message = only_problem(SERVICE + 'alert: "\\t\\n"\n')  # blank, but not for being on two lines
    assert message == "alert is '\\t\\n', which is not valid: Plain text on one or more lines."


def test_numbers_and_dates_are_written_in_ascii_digits():
    # Python's \d takes any script's digits, and int() converts them
    assert problems_of(SERVICE + "minimum_age: \u0667\n") == [
        (7, 14, "minimum_age should be a whole number, not '\u0667'")
    ]
    text = SERVICE.replace("assured_date: 2026-09-01", "assured_date: \uff12026-09-01")
    assert [(line, col) for line, col, _ in problems_of(text)] == [(6, 15)]
