"""One way to match a whole value, and nothing but one line where one line is meant.

Python's ``$`` also matches before a final line break, so ``re.match(r"^…$")``
and jsonschema's stock ``pattern`` took ``"09:30\\n"`` for a time: file names,
times, handles and web addresses ending in a line break were let through, and
then split the lines of ``_headers`` and CODEOWNERS, crashed a calendar or put a
break in a published address.  These tests walk every pattern and format of
every schema through both validation passes, put a line break (and the other
characters the log printer escapes) into every one-line field and file name,
and run the real commands on the symptoms that were seen.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import replace
from datetime import date

import jsonschema
import pytest

from directory.cms.fields import ONE_LINE, Targets, kind_fields
from directory.kinds import KINDS, LOCATIONS, SERVICES, VOCABULARIES
from directory.outputs.hosting import headers_file
from directory.ownership import codeowners
from directory.reading.characters import character_words, is_one_line
from directory.reading.files import WINDOWS_DEVICES, windows_device
from directory.reading.loader import load_directory
from directory.reading.schemas import (
    SCHEMA_DIR,
    ECMAValidator,
    coerce,
    inlined,
    quick_validator,
    quick_validator_for,
    validator,
    validator_for,
)
from directory.reading.strict_yaml import StrictYAMLError, load
from directory.reading.validation import explained, field_name, validate_entry
from directory.settings import DirectorySettings, SettingsError, _check_values, parse_settings

from .conftest import ROOT, project_settings
from .test_bad_input import CONF, assert_no_crash, command, finish, problems, start

TODAY = date(2026, 11, 18)

# A value each pattern and format of the schemas takes. A new pattern or format
# without an example here fails test_every_pattern_and_format_has_an_example.
PATTERN_EXAMPLES = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": "food-banks",
    "^([01][0-9]|2[0-3]):[0-5][0-9]$": "09:30",
    "^\\+?[0-9][0-9 ()-]{4,24}$": "01632 960 123",
    "^[0-9]{1,8}$": "123",
    "^[A-Za-z]{1,2}[0-9][0-9A-Za-z]? ?[0-9][A-Za-z]{2}$": "ZZ1 4AB",
    "^[A-Z]{2}$": "GB",
    "^[0-9]{1,12}$": "100023336956",
    "^[A-Za-z0-9]{2,8}$": "PDF",
    "^[0-9]+(\\.[0-9]+)? ?(KB|MB)$": "1.5 MB",
    "^[A-Za-z0-9-]{1,20}$": "1234567",
    "^@?[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:/[A-Za-z0-9][A-Za-z0-9_.-]{0,99})?$": "@millbrook/directory-team",
    "^(([1-5]|-1)?(MO|TU|WE|TH|FR|SA|SU))(,(([1-5]|-1)?(MO|TU|WE|TH|FR|SA|SU)))*$": "1MO,-1FR",
    "^([1-9]|[12][0-9]|3[01]|-1)(,([1-9]|[12][0-9]|3[01]|-1))*$": "1,15,-1",
    "^[A-Z]{1,2}[0-9][0-9A-Z]?$": "ZZ1",
}
FORMAT_EXAMPLES = {
    "safe-url": "https://example.org/a?b=c#d",
    "email": "hello@example.org",
    "date": "2026-03-31",
    "london-datetime": "2026-03-31 09:30",
    "line": "St Mary's Hall",
}
# patterns that look for something in text of several lines (text, markdown):
# not anchored, on purpose, and a final line break is part of such text
SEARCHED = {"\\S": "Some words"}
# what the log printer escapes: a value of one line may hold none of them
UNPRINTABLE = ["\n", "\r", "\t", "\u2028", "\x85", "\u00a0", "\u200b", "\u00ad"]


# --- the walk -------------------------------------------------------------------------------


def checked_nodes(schema, path=""):
    """``(path, node)`` of every (sub)schema of ``schema`` with a ``pattern`` or a ``format``."""
    if not isinstance(schema, dict):
        return
    if isinstance(schema.get("pattern"), str) or isinstance(schema.get("format"), str):
        yield path, schema
    for name, prop in schema.get("properties", {}).items():
        yield from checked_nodes(prop, f"{path}/{name}")
    for key in ("items", "additionalProperties", "propertyNames"):
        yield from checked_nodes(schema.get(key), f"{path}/{key}")
    for key in ("oneOf", "anyOf", "allOf"):
        for n, branch in enumerate(schema.get(key, ())):
            yield from checked_nodes(branch, f"{path}/{key}/{n}")


def written_checks(value) -> set[str]:
    """Every pattern and format written anywhere in a schema file, walked blindly."""
    if isinstance(value, list):
        return set().union(*(written_checks(v) for v in value))
    if not isinstance(value, dict):
        return set()
    found = {v for k, v in value.items() if k in ("pattern", "format") and isinstance(v, str)}
    return found.union(*(written_checks(v) for v in value.values()))


def every_checked_node():
    return [(f"{kind.name}{path}", node) for kind in KINDS for path, node in checked_nodes(inlined(kind.name))]


def example_of(node: dict) -> str | None:
    if "format" in node:
        return FORMAT_EXAMPLES.get(node["format"])
    return PATTERN_EXAMPLES.get(node["pattern"]) or SEARCHED.get(node["pattern"])


def one_line(node: dict) -> bool:
    """Whether a node's value is one line: it has a format, or a pattern anchored at both ends."""
    return "format" in node or node.get("pattern") not in SEARCHED


def accepted(node: dict, value: str) -> tuple[bool, bool]:
    """What each pass says of ``value``: (the quick pass, the pass that explains)."""
    return quick_validator_for(node).is_valid(value), validator_for(node).is_valid(value)


def test_every_pattern_and_format_has_an_example():
    nodes = every_checked_node()
    assert len(nodes) > 50  # the walk reaches into lists, blocks and choices
    missing = sorted(
        {f"{where}: {node.get('format') or node['pattern']}" for where, node in nodes if not example_of(node)}
    )
    assert missing == [], "add an example of each to PATTERN_EXAMPLES or FORMAT_EXAMPLES"
    used = {n["pattern"] for _, n in nodes if "pattern" in n} | {n["format"] for _, n in nodes if "format" in n}
    assert set(PATTERN_EXAMPLES) | set(FORMAT_EXAMPLES) | set(SEARCHED) == used, "an example of nothing"
    files = [json.loads(path.read_text(encoding="utf-8")) for path in SCHEMA_DIR.glob("*.json")]
    assert set().union(*map(written_checks, files)) <= used, "the walk missed a pattern or format"
    for where, node in nodes:  # anchored at both ends: ECMA-262's ^ and $ are the whole text's
        pattern = node.get("pattern", "^$")
        assert pattern in SEARCHED or (pattern.startswith("^") and pattern.endswith("$")), where


@pytest.mark.parametrize(("where", "node"), every_checked_node(), ids=lambda v: v if isinstance(v, str) else "")
def test_a_value_that_matches_with_a_line_break_after_it_is_refused_by_both_passes(where, node):
    value = example_of(node)
    assert accepted(node, value) == (True, True), f"the example {value!r} does not fit {where}"
    if one_line(node):
        for char in UNPRINTABLE:
            assert accepted(node, value + char) == (False, False), f"{where}: {value + char!r}"
            assert accepted(node, char + value) == (False, False), f"{where}: {char + value!r}"
    else:  # text of several lines: a folded or literal block ends with a line break
        assert accepted(node, value + "\n") == (True, True), where
        assert accepted(node, f"{value}\nand more\n") == (True, True), where


def test_the_passes_of_each_kind_are_the_ones_walked():
    for kind in KINDS:
        assert isinstance(validator(kind.name), ECMAValidator)
        assert type(quick_validator(kind.name)) is type(quick_validator_for({}))


def test_the_explaining_pass_reads_a_pattern_as_ecma_262_does():
    schema = {"type": "string", "pattern": "^[0-9]$"}
    # jsonschema's own pattern keyword is Python's re.search: "$" before a final
    # line break, "\d" of any script; that is what let "09:30\n" through
    assert jsonschema.Draft202012Validator(schema).is_valid("1\n")
    for value in ("1\n", "\u0661", "1\r"):
        assert not validator_for(schema).is_valid(value), repr(value)
        assert not quick_validator_for(schema).is_valid(value), repr(value)


def test_a_file_the_quick_pass_refuses_is_refused_even_when_the_other_finds_nothing():
    """The two passes disagreeing (here the stock jsonschema, whose "$" is Python's)
    never lets a file through: the quick pass's own words are given, at the value."""
    schema = {"type": "object", "properties": {"time": {"type": "string", "pattern": "^[0-9]{2}:[0-9]{2}$"}}}
    data, marks = load('name: x\ntime: "09:30\\n"\n')
    stock = jsonschema.Draft202012Validator(schema)
    assert stock.is_valid(data) and not quick_validator_for(schema).is_valid(data)
    found = explained(stock, quick_validator_for(schema), data, marks, "entry.yaml")
    assert [(path, p.line, p.col) for path, p in found] == [(("time",), 2, 7)]
    assert found[0][1].message.startswith("time: ")


# --- every one-line field of every kind, through the reader ------------------------------------


def example_document(schema: dict, path=()):
    """A value of ``schema`` with every optional field filled in (numbers as the
    text a volunteer writes, which the reader converts)."""
    if "enum" in schema:
        return schema["enum"][0]
    if "oneOf" in schema:  # a list of choices is written one item per choice (below)
        return example_document(schema["oneOf"][-1], path)
    kind = schema.get("type")
    if kind == "object":
        found = {name: example_document(prop, path + (name,)) for name, prop in schema.get("properties", {}).items()}
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict) and not found:  # taxonomy: terms by name
            found = {"food-banks": example_document(extra, path + ("food-banks",))}
        return found
    if kind == "array":
        items = schema["items"]
        if "oneOf" in items:
            return [example_document(branch, path + (n,)) for n, branch in enumerate(items["oneOf"])]
        count = max(1, schema.get("minItems", 1))
        made = [example_document(items, path + (n,)) for n in range(count)]
        return [f"{v} {n}" if n and isinstance(v, str) else v for n, v in enumerate(made)]  # each different
    if kind in ("integer", "number"):
        return "1"
    if kind == "boolean":
        return "true"
    return example_of(schema)


def leaves(value, schema, path=()):
    """``(path, schema)`` of every text value of ``value`` (written by ``example_document``)."""
    if "oneOf" in schema:
        shape = "object" if isinstance(value, dict) else ("array" if isinstance(value, list) else "string")
        schema = next((b for b in schema["oneOf"] if b.get("type") == shape), schema["oneOf"][0])
    if isinstance(value, dict):
        props, extra = schema.get("properties", {}), schema.get("additionalProperties")
        for name, item in value.items():
            yield from leaves(item, props.get(name, extra if isinstance(extra, dict) else {}), path + (name,))
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from leaves(item, schema.get("items", {}), path + (n,))
    elif schema.get("type") == "string" or "enum" in schema:
        yield path, schema


def flow(value, path=()):
    """``value`` as YAML flow text (JSON, which YAML reads), and the offset of each scalar."""
    if isinstance(value, dict | list):
        pairs = value.items() if isinstance(value, dict) else enumerate(value)
        text, where = "{" if isinstance(value, dict) else "[", {}
        for n, (key, item) in enumerate(pairs):
            text += (", " if n else "") + (f"{json.dumps(key)}: " if isinstance(value, dict) else "")
            inner, inner_where = flow(item, path + (key,))
            where.update({p: len(text) + offset for p, offset in inner_where.items()})
            text += inner
        return text + ("}" if isinstance(value, dict) else "]"), where
    return json.dumps(value), {path: 0}


def yaml_of(document: dict) -> tuple[str, dict]:
    """One field a line (its value in flow style), and the line and column of every scalar."""
    lines, marks = [], {}
    for number, (name, value) in enumerate(document.items(), start=1):
        text, where = flow(value, (name,))
        lines.append(f"{name}: {text}")
        marks.update({path: (number, len(name) + 3 + offset) for path, offset in where.items()})
    return "\n".join(lines) + "\n", marks


def with_value(document, path, value):
    if not path:
        return value
    copy = dict(document) if isinstance(document, dict) else list(document)
    copy[path[0]] = with_value(document[path[0]], path[1:], value)
    return copy


def read_problems(kind: str, text: str) -> list[tuple[int, int, str]]:
    """What the reader says of ``text`` as a file of ``kind``: strict YAML, then the schema."""
    try:
        data, marks = load(text)
    except StrictYAMLError as err:
        return [(err.line, err.col, err.message)]
    return [(p.line, p.col, p.message) for p in validate_entry(kind, coerce(data, kind), marks, "entry.yaml")]


def one_line_fields():
    cases = []
    for kind in KINDS:
        schema = inlined(kind.name)
        document = example_document(schema)
        for path, node in leaves(document, schema):
            cases.append((kind.name, document, path, node))
    return cases


def test_the_example_documents_are_valid_and_reach_every_field():
    for kind in KINDS:
        text, _ = yaml_of(example_document(inlined(kind.name)))
        assert read_problems(kind.name, text) == [], kind.name
    paths = {(kind, path) for kind, _, path, _ in one_line_fields()}
    assert ("service", ("locations", 1, "address", "postal_code")) in paths
    assert ("consultation", ("how_to_respond", "events", 0, "starts_at")) in paths
    assert ("taxonomy", ("food-banks", "mappings", 0, "code")) in paths


@pytest.mark.parametrize(
    ("kind", "document", "path", "node"),
    one_line_fields(),
    ids=[f"{kind}:{field_name(path)}" for kind, _, path, _ in one_line_fields()],
)
def test_a_break_or_an_invisible_character_in_a_one_line_field_is_refused_at_its_value(kind, document, path, node):
    original = example_document(node)
    if not (one_line(node) or "enum" in node):  # several lines: a final line break is the text's own
        text, _ = yaml_of(with_value(document, path, original + "\n"))
        assert read_problems(kind, text) == []
        return
    for char in ("\n", "\r", "\t", "\u2028", "\u00a0"):
        value = original + char
        text, marks = yaml_of(with_value(document, path, value))
        found = read_problems(kind, text)
        assert found, f"{field_name(path)} took {value!r}"
        assert {(line, col) for line, col, _ in found} == {marks[path]}, found
        message = " / ".join(m for _, _, m in found)
        if char == "\r":  # the reader refuses it before the schema, in every field
            assert "U+000D" in message
        else:
            what = "a web address on one line" if node.get("format") == "safe-url" else "one line of plain text"
            assert f"{field_name(path)} must be {what}, but has {character_words(char)}" in message
            assert "at its end" in message


def test_a_folded_summary_keeps_its_line_break_and_a_folded_name_is_told_how_to_write_it():
    service = (ROOT / "tests/fixtures/minimal/services/riverside-food-bank.yaml").read_text(encoding="utf-8")
    summary = "summary: Emergency food parcels for people in crisis.\n"
    folded_summary = service.replace(summary, "summary: >\n  Emergency food parcels\n  for people in crisis.\n")
    assert read_problems("service", folded_summary) == []
    data, _ = load(folded_summary)
    assert data["summary"] == "Emergency food parcels for people in crisis.\n"  # what > gives
    folded_name = service.replace("name: Riverside Food Bank\n", "name: >\n  Riverside Food Bank\n")
    (line, col, message), *others = read_problems("service", folded_name)
    assert others == [] and (line, col) == (1, 7)
    assert "name must be one line of plain text, but has a line break (U+000A) at its end" in message
    assert "write |- or >- instead" in message
    assert read_problems("service", folded_name.replace("name: >", "name: >-")) == []


def test_a_taxonomy_term_name_with_a_line_break_is_refused_at_the_name():
    found = read_problems("taxonomy", '"food-banks\\n":\n  name: Food banks\n')
    assert found == [
        (
            1,
            1,
            "the name 'food-banks\\n' must be one line of plain text, but has a line break (U+000A) at its end; "
            "delete it (a value written on the lines after | or > ends with a line break: write |- or >- instead)",
        )
    ]


# --- file names ---------------------------------------------------------------------------------


@pytest.mark.parametrize("char", ["\n", "\r", "\t", "\u2028", "\u00a0"])
@pytest.mark.parametrize(
    ("folder", "stem", "suffix"), [("services", "money-advice", ".yaml"), ("pages", "about", ".md")]
)
def test_a_file_name_with_a_break_or_an_invisible_character_is_refused(copy_fixture, folder, stem, suffix, char):
    site = copy_fixture()
    for name in (f"{stem}{char}{suffix}", f"{stem}{suffix}{char}"):
        (site / folder / f"{stem}{suffix}").rename(site / folder / name)
        result = load_directory(site, project_settings(), TODAY)
        errors = [p for p in result.errors if p.path.endswith(f"{folder}/{name}")]
        assert [(p.line, p.col) for p in errors] == [(1, 1)], result.errors
        assert errors[0].message.startswith(f"the file name has {character_words(char)}")
        assert errors[0].message.endswith(f"rename it to '{stem}{suffix}'")
        assert stem not in getattr(result.directory, folder) and f"{stem}{char}" not in getattr(
            result.directory, folder
        )
        (site / folder / name).rename(site / folder / f"{stem}{suffix}")


@pytest.mark.parametrize(
    ("folder", "name"),
    [
        ("services", "con.yaml"),
        ("services", "NUL.yaml"),
        ("services", "Aux.yml"),
        ("services", "com1.yaml"),
        ("services", "LPT9.yaml"),
        ("services", "prn.backup.yaml"),
        ("pages", "con.md"),
        ("pages", "Nul.md"),
        ("organisations", "aux.yaml"),
    ],
)
def test_windows_device_names_are_refused(copy_fixture, folder, name):
    site = copy_fixture()
    source = next((site / folder).iterdir())
    (site / folder / name).write_bytes(source.read_bytes())
    result = load_directory(site, project_settings(), TODAY)
    errors = [p for p in result.errors if p.path.endswith(f"{folder}/{name}")]
    assert len(errors) == 1 and (errors[0].line, errors[0].col) == (1, 1), result.errors
    assert errors[0].message.startswith(f"Windows cannot have a file called {name}: choose another name")
    assert name.split(".")[0].lower() in errors[0].message


def test_only_device_names_are_windows_device_names():
    assert {"con", "prn", "aux", "nul", "com1", "com9", "lpt1", "lpt9"} <= WINDOWS_DEVICES
    for name in ("CON.yaml", "con", "Com3.md", "lpt1.tar.gz", "nul .yaml", "com\u00b9.yaml"):
        assert windows_device(name), name
    for name in ("console.yaml", "com10.yaml", "connect.md", "auxiliary.yaml", "con-club.yaml", "a.con.yaml"):
        assert windows_device(name) is None, name


# --- settings -------------------------------------------------------------------------------------

# a good value of every text setting; the test fails when a new one has none
GOOD_SETTINGS = {
    "council_name": "Millbrook Council",
    "site_name": "Millbrook Directory",
    "site_url": "https://directory.millbrook.example",
    "logo": "/theme/images/logo.svg",
    "logo_alt": "Millbrook Council",
    "share_image": "/images/share.png",
    "brand_colour": "#1d70b8",
    "contact_email": "hello@millbrook.example",
    "repository_url": "https://github.com/millbrook/directory",
    "repository_branch": "main",
    "repository_content_path": "site/content",
    "maintainers": "@millbrook/directory-team",
    "cms_auth_url": "https://auth.millbrook.example",
    "cms_local_backend": "http://127.0.0.1:8081/api/v1",
    "id_namespace": "6f1d3a54-8b1c-5d6e-9a0f-2c4b7e8d9f10",
    "postcode_file": "postcodes.csv",
    "timezone": "Europe/London",
    "private_contacts": "warning",
}
# those checked by a pattern (or a parser) of their own, beside the one-line rule
PATTERNED = set(GOOD_SETTINGS) - {"council_name", "site_name", "logo_alt"}


def text_settings() -> list[str]:
    made = DirectorySettings()
    return [name for name in vars(made) if isinstance(getattr(made, name), str | tuple)]


def setting(name: str, value: str) -> dict:
    return {name: (value,) if isinstance(getattr(DirectorySettings(), name), tuple) else value}


def test_every_text_setting_has_an_example():
    assert sorted(text_settings()) == sorted(GOOD_SETTINGS)
    for name, value in GOOD_SETTINGS.items():
        parse_settings(setting(name, value))


@pytest.mark.parametrize("char", ["\n", "\r", "\t", "\u2028", "\u00a0"])
@pytest.mark.parametrize("name", sorted(GOOD_SETTINGS))
def test_a_break_or_an_invisible_character_in_a_setting_is_refused(name, char):
    with pytest.raises(SettingsError) as raised:
        parse_settings(setting(name, GOOD_SETTINGS[name] + char))
    assert str(raised.value).startswith(f"DIRECTORY {name} must be one line of plain text, but has ")
    assert character_words(char) in str(raised.value)
    if name in PATTERNED:  # and the setting's own check matches the whole value
        with pytest.raises(SettingsError):
            _check_values(DirectorySettings(**setting(name, GOOD_SETTINGS[name] + char)))


# --- the web editor --------------------------------------------------------------------------------


def test_the_editor_refuses_no_character_the_reader_takes_and_gives_one_line_fields_one_line():
    refused = [chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF and not re.fullmatch(ONE_LINE, chr(c))]
    assert {"\n", "\t", "\u00a0", "\u2028", "\u200b"} <= set(refused)
    assert [c for c in refused if is_one_line(c)] == []
    targets = Targets(
        collections={k.folder: "name" for k in KINDS},
        vocabularies={v.name: [] for v in VOCABULARIES},
    )
    fields = {f["name"]: f for f in kind_fields(SERVICES, targets)}
    name, summary = fields["name"], fields["summary"]
    assert name["widget"] == "string" and name["pattern"][0] == f"^(?=[\\s\\S]*?(?:\\S)){ONE_LINE}{{1,120}}$"
    assert summary["widget"] == "text" and ONE_LINE not in summary["pattern"][0]
    languages = fields["languages"]["field"]
    assert languages["widget"] == "string" and ONE_LINE in languages["pattern"][0]
    address = {f["name"]: f for f in kind_fields(LOCATIONS, targets)}["address"]["fields"]
    lines = [f for f in address if f["name"] in ("address_1", "address_2", "city", "region", "state_province")]
    assert len(lines) == 5 and all(f["widget"] == "string" and ONE_LINE in f["pattern"][0] for f in lines)


# --- the symptoms once seen, by the real commands ------------------------------------------------

FOOD_BANK = "services/riverside-food-bank.yaml"
PANTRY = "organisations/riverside-pantry.yaml"


def _edit(site, name, old, new):
    path = site / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


SYMPTOMS = {
    # a page's name ending in a line break wrote bare "/*" rules into _headers
    "page-name": (lambda s: (s / "pages/about.md").rename(s / "pages/about\n.md"), "pages/about\\n.md", (1, 1)),
    # a consultation's: its calendar's address crashed the build after validate passed
    "consultation-name": (
        lambda s: (s / "consultations/library-hours.md").rename(s / "consultations/library-hours\n.md"),
        "consultations/library-hours\\n.md",
        (1, 1),
    ),
    # a service's: published at an address with a line break, and in sitemap.xml
    "service-name": (
        lambda s: (s / "services/money-advice.yaml").rename(s / "services/money-advice\n.yaml"),
        "services/money-advice\\n.yaml",
        (1, 1),
    ),
    # a time: "internal error (ValueError)"
    "time": (lambda s: _edit(s, FOOD_BANK, 'opens_at: "10:00"', 'opens_at: "10:00\\n"'), FOOD_BANK, (21, 15)),
    # maintainers: split the CODEOWNERS line, and the council dropped out
    "maintainer": (
        lambda s: _edit(s, PANTRY, '["@pantry-volunteer"]', '["@pantry-volunteer\\n"]'),
        PANTRY,
        (14, 15),
    ),
}


@pytest.mark.parametrize("symptom", sorted(SYMPTOMS))
def test_the_symptoms_once_seen_are_clean_errors_and_nothing_is_written(symptom, copy_fixture, tmp_path):
    breaks, shown, (line, col) = SYMPTOMS[symptom]
    site = copy_fixture()
    breaks(site)
    output, owners = tmp_path / "out", tmp_path / "CODEOWNERS"
    validating = start(command("directory.commands.validate", str(site), "-s", CONF))
    building = start(command("directory.commands.build", str(site), "-o", str(output), "-s", CONF))
    owning = start(command("directory.commands.codeowners", str(site), "-s", CONF, "-o", str(owners)))
    for process in (validating, building, owning):
        code, stdout, stderr = finish(process)
        assert_no_crash(code, stdout, stderr)
        assert code == 1, stderr
        assert "internal error" not in stderr and "bug" not in stderr, stderr
        errors = [p for p in problems(stderr) if p["severity"] == "error"]
        assert [(p["line"], p["col"]) for p in errors] == [(line, col)], stderr
        assert errors[0]["path"].endswith(shown), stderr
        assert "one line" in errors[0]["message"] or "the file name has a line break" in errors[0]["message"]
    assert not output.exists() and not owners.exists()


def test_the_last_guards_write_no_rule_a_line_break_would_split():
    with pytest.raises(ValueError, match="_headers"):
        headers_file({"about\n", "services"})
    with pytest.raises(ValueError, match="_headers"):
        headers_file({"about us"})
    directory = load_directory(ROOT / "tests/fixtures/minimal", project_settings(), TODAY).directory
    settings = replace(project_settings(), maintainers=("@council",))
    assert "@pantry-volunteer @council" in codeowners(directory, settings)
    pantry = directory.organisations["riverside-pantry"]
    directory.organisations["riverside-pantry"] = replace(pantry, maintainers=("pantry-volunteer\n",))
    with pytest.raises(ValueError, match="CODEOWNERS"):
        codeowners(directory, settings)


def test_character_words_name_what_people_meet():
    assert character_words("\n") == "a line break (U+000A)"
    assert character_words("\u00a0") == "a no-break space (U+00A0)"
    assert character_words("\u200d") == "an invisible character (zero width joiner) (U+200D)"
    assert character_words("\x1b") == "a control character (U+001B)"
    assert character_words("\u3000") == "a space (ideographic space) (U+3000)"
    assert unicodedata.category("\ue000") == "Co" and character_words("\ue000") == "an invisible character (U+E000)"
