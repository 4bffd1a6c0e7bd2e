"""Every problem in one run, at the line where it is.

A volunteer (or CI) runs ``make validate`` once and learns every mistake: those
of other files, and the other mistakes of the same file, are not held back until
the first is fixed; a mistake in one file does not make a second, false error in
another; and a quote or bracket left open is named where it opens, not where the
YAML parser gave up. These run the real commands on a copy of the sample site.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from directory.reading.strict_yaml import StrictYAMLError, load, load_all

from .conftest import CONF, PROBLEM, ROOT, SAMPLE

LUNCH = "services/wednesday-lunch-club.yaml"
BABIES = "services/baby-bank.yaml"
DEBT = "services/debt-advice.yaml"
AGE_WELL = "organisations/millbrook-age-well.yaml"
CATEGORIES = "taxonomy/categories.yaml"
LUNCH_SUMMARY = (
    "summary: A two-course hot lunch and good company for people aged 60 and over, every Wednesday in Northfield.\n"
)
NEVER_CLOSED = 'this quoted text is never closed: add the closing " at the end of the line'


@pytest.fixture
def site(tmp_path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    return content


def edit(site: Path, name: str, old: str, new: str) -> None:
    path = site / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} should be in {name} once"
    path.write_text(text.replace(old, new), encoding="utf-8")


def run(module: str, *args: str) -> tuple[int, str]:
    """The exit code and what the command printed to stderr."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(
        [sys.executable, "-m", module, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, done.stderr


def errors(stderr: str, site: Path) -> list[tuple[str, int, int, str]]:
    """Each error as (file in the content folder, line, col, message), in the order printed."""
    found = []
    for line in stderr.splitlines():
        match = PROBLEM.match(line)
        if match and match["severity"] == "error":
            name = Path(match["path"]).resolve().relative_to(site.resolve()).as_posix()
            found.append((name, int(match["line"]), int(match["col"]), match["message"]))
    return found


def validate(site: Path) -> tuple[int, list, str]:
    code, stderr = run("directory.commands.validate", str(site), "-s", str(CONF))
    return code, errors(stderr, site), stderr


def where(found) -> list[tuple[str, int, int]]:
    return [(name, line, col) for name, line, col, _ in found]


def quote_left_open_on_line_4(site: Path) -> None:
    """The lunch club's line 4 is ``summary: "Lunch for everyone``, never closed."""
    url = "url: https://www.millbrookagewell.example.org/lunch\n"
    edit(site, LUNCH, LUNCH_SUMMARY, f'{url}summary: "Lunch for everyone\n')


def three_mistakes(site: Path) -> None:
    quote_left_open_on_line_4(site)  # YAML that does not parse
    edit(site, BABIES, "email: referrals@millbrookbabybank.example.org", "email: referrals at the baby bank")  # schema
    edit(site, DEBT, "  - debt-advice\n", "  - debt-advise\n")  # a category that does not exist


THREE = [(BABIES, 28, 8), (DEBT, 18, 5), (LUNCH, 4, 10)]


def test_three_mistakes_in_three_files_are_all_reported_in_one_run(site):
    three_mistakes(site)
    code, found, stderr = validate(site)
    assert code == 1, stderr
    assert where(found) == THREE, stderr
    messages = [message for *_, message in found]
    assert "email is 'referrals at the baby bank', which is not valid" in messages[0]
    assert messages[1].startswith("categories: there is no category") and "did you mean 'debt-advice'?" in messages[1]
    assert messages[2] == NEVER_CLOSED


def test_the_build_stops_with_the_same_three_and_writes_nothing(site, tmp_path):
    three_mistakes(site)
    output = tmp_path / "output"
    code, stderr = run("directory.commands.build", str(site), "-o", str(output), "-s", str(CONF))
    assert code == 1, stderr
    assert where(errors(stderr, site)) == THREE, stderr
    assert not output.exists()


def test_an_unclosed_quote_on_line_4_is_reported_on_line_4_not_where_the_parser_gave_up(site):
    quote_left_open_on_line_4(site)
    assert (site / LUNCH).read_text().splitlines()[3] == 'summary: "Lunch for everyone'
    code, found, stderr = validate(site)
    assert code == 1
    assert found == [(LUNCH, 4, 10, NEVER_CLOSED)], stderr


@pytest.mark.parametrize(
    ("text", "line", "col", "message"),
    [
        # the quote runs on to the end of the file
        ('name: x\nsummary: "Lunch for everyone\nstatus: active\n', 2, 10, NEVER_CLOSED),
        # ... or to the next apostrophe, lines below
        (
            "name: x\nsummary: 'Lunch for everyone\nnotes: we're open\n",
            2,
            10,
            "this quoted text is never closed: add the closing ' at the end of the line",
        ),
        # a list takes the lines below into it, to the end of the file or a colon
        ("name: x\ncategories: [food, money\nareas:\n  - north\n", 2, 13, "this list is never closed"),
        ("name: x\ncategories: [food,\n", 2, 13, "this list is never closed"),
        ("name: x\nopening: {days: Monday, times: 9 to 5\nareas: [north]\n", 2, 10, "this block of fields is never"),
    ],
)
def test_a_quote_or_bracket_left_open_is_named_where_it_opens(text, line, col, message):
    with pytest.raises(StrictYAMLError) as raised:
        load(text)
    assert (raised.value.line, raised.value.col) == (line, col)
    assert raised.value.message.startswith(message)


def test_a_bracket_closed_on_its_own_line_is_not_blamed_for_a_mistake_after_it():
    with pytest.raises(StrictYAMLError) as raised:
        load("name: x\ncategories: [food, money]\nsummary: Open: Mondays\n")
    assert (raised.value.line, raised.value.col) == (3, 14)
    assert "colon" in raised.value.message


def test_a_reference_to_an_entry_whose_file_is_broken_is_not_a_second_error(site):
    # the lunch club names millbrook-age-well as its organisation
    edit(site, AGE_WELL, "kind: charity\n", "kind: [charity\n")
    code, found, stderr = validate(site)
    assert code == 1
    assert where(found) == [(AGE_WELL, 2, 7)], stderr
    assert "does not exist" not in stderr and "there is no" not in stderr


def test_a_vocabulary_that_cannot_be_read_leaves_its_terms_unchecked(site):
    edit(site, CATEGORIES, "food:\n  name: Food\n", 'food:\n  name: "Food\n')
    code, found, stderr = validate(site)
    assert code == 1
    assert where(found) == [(CATEGORIES, 5, 9)], stderr
    assert "there is no category" not in stderr


def test_a_vocabulary_with_a_mistake_still_knows_its_terms(site):
    # one term with a field no term has: the file has an error, and every entry
    # naming its categories is still right, but for a category that does not exist
    edit(site, CATEGORIES, "food:\n  name: Food\n", "food:\n  name: Food\n  colour: green\n")
    edit(site, DEBT, "  - debt-advice\n", "  - debt-advise\n")
    code, found, stderr = validate(site)
    assert code == 1
    assert where(found) == [(DEBT, 18, 5), (CATEGORIES, 6, 3)], stderr
    assert "unknown field 'colour' in food" in found[1][3]


def test_a_file_with_a_schema_error_still_has_its_other_mistakes_reported(site):
    # the users' case: the wrong category showed only once the email was fixed
    edit(site, BABIES, "email: referrals@millbrookbabybank.example.org", "email: referrals at the baby bank")
    edit(site, BABIES, "  - children-families\n", "  - children-famlies\n")
    schedule = "schedules:\n  - byday: MO\n    opens_at: '14:00'\n    closes_at: '10:00'\n"
    edit(site, BABIES, "maximum_age: 4\n", f"maximum_age: 4\n{schedule}")
    code, found, stderr = validate(site)
    assert code == 1
    assert where(found) == [(BABIES, 16, 5), (BABIES, 26, 16), (BABIES, 32, 8)], stderr
    assert "there is no category" in found[0][3] and "'children-famlies'" in found[0][3]
    assert found[1][3].startswith("it closes at 10:00, which is not after it opens at 14:00 (schedules[1]: ")
    assert "email is" in found[2][3]


def test_a_value_the_schema_refuses_is_not_also_an_unknown_reference(site):
    edit(site, DEBT, "  - debt-advice\n", "  - Debt Advice\n")
    code, found, stderr = validate(site)
    assert code == 1
    assert where(found) == [(DEBT, 18, 5)], stderr
    assert "there is no category" not in stderr


def test_two_schema_errors_in_one_file_are_both_reported(site):
    edit(site, DEBT, "minimum_age: 18", "minimum_age: eighteen")
    edit(site, DEBT, "free: true", "free: maybe")
    code, found, stderr = validate(site)
    assert code == 1
    assert where(found) == [(DEBT, 23, 14), (DEBT, 24, 7)], stderr


def test_a_field_named_twice_and_a_schema_error_in_one_file_are_both_reported(site):
    edit(site, DEBT, "minimum_age: 18", "minimum_age: eighteen")
    edit(site, DEBT, "free: true\n", "free: true\nstatus: inactive\n")
    code, found, stderr = validate(site)
    assert code == 1
    assert where(found) == [(DEBT, 23, 14), (DEBT, 25, 1)], stderr
    assert found[1][3] == "the field 'status' appears twice (first on line 15); keep only one"


def test_a_field_named_twice_keeps_the_first_and_reads_on():
    data, marks, problems = load_all("name: a\nsummary: b\nname: c\nsummary: d\n")
    assert data == {"name": "a", "summary": "b"}
    assert marks.value(("name",)) == (1, 7)  # the value kept, not the one after it
    assert [(p.line, p.col) for p in problems] == [(3, 1), (4, 1)]
    with pytest.raises(StrictYAMLError) as raised:  # load, as before: the first problem
        load("name: a\nname: c\n")
    assert (raised.value.line, raised.value.col) == (2, 1)


def test_a_field_named_twice_before_a_mistake_that_stops_the_reading_is_still_reported():
    with pytest.raises(StrictYAMLError) as raised:
        load_all("name: a\nname: b\nsummary: &x c\n")
    assert "anchors" in raised.value.message
    assert [(p.line, "appears twice" in p.message) for p in raised.value.earlier] == [(2, True)]
