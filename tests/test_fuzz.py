"""Property-based fuzzing of the reader with Hypothesis: arbitrary and mutated
YAML, Markdown and file names, dropped into a copy of the minimal site.

For every input: no exception escapes, every problem names a file, a line and
a column, reading stays within the bound of one file, and the build's verdict
is validate's (a green check never hides a broken publish).

The examples are few, so ``make test`` stays fast; for a long run:
``HYPOTHESIS_PROFILE=long make test PYTEST_ARGS="tests/test_fuzz.py"``.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from directory.commands.build import build
from directory.commands.cli import run
from directory.reading.loader import load_directory

from .conftest import CONF, FIXTURES, project_settings

settings.register_profile(
    "default",
    max_examples=25,
    deadline=None,
    database=None,  # nothing written into the repository
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile("long", parent=settings.get_profile("default"), max_examples=2000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

BOUND_SECONDS = 2.0
VALID = (FIXTURES / "minimal/services/riverside-food-bank.yaml").read_text(encoding="utf-8")
TODAY = date(2026, 11, 18)

# text that looks like what volunteers (and attackers) type into YAML
yaml_text = st.text(
    alphabet=st.sampled_from(list(":-[]{}#&*!|>'\"%@`,?\n \t") + list("abcz019_") + ["\u202e", "\x1b", "é", "…"]),
    max_size=400,
)
markdown_text = st.text(alphabet=st.sampled_from(list("*_[]()!<>`#:-=|\\&;\n ") + list("ax1")), max_size=2000)
file_names = st.text(
    alphabet=st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)), min_size=1, max_size=40
).filter(lambda n: n not in (".", ".."))
# characters the log printer escapes: line breaks, tabs, controls, invisible and odd spaces
unprintable = st.sampled_from(
    [
        "\n",
        "\r",
        "\t",
        "\u2028",
        "\u2029",
        "\x85",
        "\x0b",
        "\x1b",
        "\x7f",
        "\u00a0",
        "\u00ad",
        "\u200b",
        "\u202e",
        "\ufeff",
    ]
)
# the one-line values of the valid service: its line as written, and the value
ONE_LINE_VALUES = [
    ("name: Riverside Food Bank", "Riverside Food Bank"),
    ("organization: riverside-pantry", "riverside-pantry"),
    ("  - number: 01632 960 002", "01632 960 002"),
    ("    description: Helpline", "Helpline"),
    ('    opens_at: "10:00"', "10:00"),
    ("categories: [food-banks]", "food-banks"),
    ("assured_date: 2026-09-14", "2026-09-14"),
    ("assurer: Jo", "Jo"),
]


@st.composite
def mutated(draw) -> str:
    """The valid service file with a few characters or lines inserted, deleted or swapped."""
    text = VALID
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        how = draw(st.sampled_from(["insert", "delete", "duplicate line", "swap lines"]))
        if how == "insert":
            text = text[:at] + draw(yaml_text.filter(bool)) + text[at:]
        elif how == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 30)) :]
        else:
            lines = text.split("\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            if how == "duplicate line":
                lines.insert(j, lines[i])
            else:
                lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
    return text


@st.composite
def with_a_hidden_character(draw) -> tuple[str, int]:
    """The valid service with an unprintable character in one of its one-line
    values (before, inside or at the end of it, as a YAML escape), or with the
    value written after > or | (which ends it with a line break); and its line."""
    line, value = draw(st.sampled_from(ONE_LINE_VALUES))
    number = VALID.split("\n").index(line) + 1
    key = line[: line.index(":") + 2]
    if draw(st.booleans()):  # a folded or literal block: the value and a final line break
        indent = " " * (len(key) - len(key.lstrip(" -")) + 2)
        style = draw(st.sampled_from([">", "|"]))
        return VALID.replace(line, f"{key}{style}\n{indent}{value}"), number
    at = draw(st.sampled_from([len(value), 0, len(value) // 2]))
    changed = value[:at] + draw(unprintable) + value[at:]
    written = json.dumps(changed)  # JSON's escapes are YAML's double-quoted ones
    return VALID.replace(line, f"{key}[{written}]" if line.endswith("]") else f"{key}{written}"), number


def site_with(tmp_path: Path, name: str, text: str) -> Path:
    site = tmp_path / f"site-{time.monotonic_ns()}"
    shutil.copytree(FIXTURES / "minimal", site)
    (site / "services" / name).write_bytes(text.encode("utf-8", "surrogatepass"))
    return site


def read(site: Path):
    started = time.perf_counter()
    result = load_directory(site, project_settings(), TODAY)
    seconds = time.perf_counter() - started
    for p in result.problems:
        assert isinstance(p.line, int) and p.line >= 1 and isinstance(p.col, int) and p.col >= 1, p
        assert p.path and p.message and "internal error" not in p.message, p
    assert seconds < BOUND_SECONDS, f"{seconds:.2f} s"
    return result


@given(text=yaml_text)
def test_arbitrary_yaml_is_read_without_escaping(tmp_path, text):
    read(site_with(tmp_path, "fuzz.yaml", text))


@given(text=mutated())
def test_mutated_entries_are_read_without_escaping(tmp_path, text):
    read(site_with(tmp_path, "fuzz.yaml", text))


def with_description(body: str) -> str:
    """The valid service with ``body`` as its Markdown description."""
    indented = "\n".join("  " + line for line in body.split("\n"))
    return VALID.replace("description: |\n  Food parcels with three days of food.\n", f"description: |\n{indented}\n")


@given(body=markdown_text)
def test_arbitrary_markdown_is_read_and_rendered(tmp_path, body):
    result = read(site_with(tmp_path, "fuzz.yaml", with_description(body)))
    service = result.directory.services.get("fuzz")
    if service is not None:
        assert "<script" not in service.description_html.lower()


@given(name=file_names)
def test_arbitrary_file_names_are_reported_by_name(tmp_path, name):
    result = read(site_with(tmp_path, name, VALID))
    if name not in result.directory.services and not name.endswith((".yaml", ".yml")):
        assert (
            any(p.is_error for p in result.problems)
            or name in (".gitkeep", ".gitignore", "README.md")
            or (name in (".DS_Store", "Thumbs.db", "desktop.ini"))
        )


@given(case=with_a_hidden_character())
def test_a_hidden_character_in_a_one_line_value_is_an_error_at_its_line(tmp_path, case):
    text, line = case
    result = read(site_with(tmp_path, "fuzz.yaml", text))
    assert "fuzz" not in result.directory.services
    assert any(p.is_error and p.path.endswith("fuzz.yaml") and p.line == line for p in result.problems), text


@given(
    stem=st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8})?", fullmatch=True),
    char=unprintable,
    where=st.sampled_from(["at the end", "before the suffix", "at the start", "inside"]),
)
def test_a_file_name_with_a_hidden_character_is_refused_by_name(tmp_path, stem, char, where):
    name = {
        "at the end": f"{stem}.yaml{char}",
        "before the suffix": f"{stem}{char}.yaml",
        "at the start": f"{char}{stem}.yaml",
        "inside": f"{stem[:1]}{char}{stem[1:]}.yaml",
    }[where]
    result = read(site_with(tmp_path, name, VALID))
    assert any(p.is_error and p.path.endswith(f"services/{name}") for p in result.problems)
    assert all(not s.source.endswith(name) for s in result.directory.services.values())


@settings(max_examples=max(12, settings.default.max_examples // 10))  # each example is a whole build
@given(
    text=st.one_of(
        mutated(), yaml_text, markdown_text.map(with_description), with_a_hidden_character().map(lambda c: c[0])
    )
)
def test_the_build_agrees_with_validate(tmp_path, capsys, text):
    site = site_with(tmp_path, "fuzz.yaml", text)
    verdict = bool(read(site).errors)
    event("validate found errors" if verdict else "validate passed")
    capsys.readouterr()
    code = run(lambda: build(str(site), str(tmp_path / f"out-{site.name}"), str(CONF)), str(CONF))
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert code == (1 if verdict else 0), err
