"""`make new`: a commented file for every kind, valid as it is written (and with
every optional field taken in), in the right folder; never over a file."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from directory.commands.cli import run
from directory.commands.new import new_entry
from directory.kinds import KINDS
from directory.reading.loader import load_directory
from directory.scaffold import ScaffoldError

from .conftest import CONF, ROOT, SAMPLE, project_settings

SETTINGS = project_settings()
ENTRY_KINDS = [k for k in KINDS if not k.file_stems]  # one file per entry, named after it
FIXED_FILES = [k for k in KINDS if k.file_stems]  # the taxonomy files and synonyms.yaml
# a commented-out field: "# key: …" or a deeper line of its value ("#   - item")
COMMENTED_FIELD = re.compile(r"^(\s*)# ((?:[a-z_]+:(?: |$))|  )")


@pytest.fixture
def sample(tmp_path) -> Path:
    """A copy of the sample content, so that references resolve."""
    target = tmp_path / "content"
    shutil.copytree(SAMPLE, target)
    return target


def real_today():
    """Today's date where the council is, by the clock (not SOURCE_DATE_EPOCH's day)."""
    return datetime.now(ZoneInfo(SETTINGS.timezone)).date()


def problems_in(content: Path, path: Path):
    result = load_directory(content, SETTINGS, real_today())  # as make validate checks it
    return [p for p in result.problems if Path(p.path).resolve() == path.resolve()]


def errors_in(content: Path, path: Path):
    return [str(p) for p in problems_in(content, path) if p.is_error]


def uncomment(text: str) -> str:
    """Every optional field taken in: the '# ' before it removed."""
    return "\n".join(COMMENTED_FIELD.sub(r"\1\2", line) for line in text.split("\n"))


PLACEHOLDER = re.compile(r"Write (the [^\n]+? here|here: [^\n]+?)[.:,][^\n]*")


def filled_in(text: str) -> str:
    """The file as a volunteer leaves it: each example text replaced by their own words."""
    return PLACEHOLDER.sub("Our own words.", text)


@pytest.mark.parametrize("kind", ENTRY_KINDS, ids=[k.name for k in ENTRY_KINDS])
def test_a_new_file_of_each_kind_passes_validate_once_its_example_text_is_replaced(sample, kind):
    path = new_entry(str(sample), str(CONF), kind.name, "Friday Lunch Club")
    assert path == sample / kind.folder / f"friday-lunch-club{kind.suffixes[0]}"
    text = path.read_text(encoding="utf-8")
    left = [line for line in text.split("\n") if PLACEHOLDER.search(line) and not line.startswith("#")]
    errors = errors_in(sample, path)
    assert left and len(errors) == len(left)  # as written: an error for each example text, and nothing else
    assert all("this is the example text `make new` wrote; replace it with the entry's own words" in e for e in errors)
    path.write_text(filled_in(text), encoding="utf-8")
    assert errors_in(sample, path) == []
    assert text.count("\n# ") > 5  # the fields are explained
    title = "title" if kind.name in ("consultation", "page") else "name"
    assert f"\n{title}: Friday Lunch Club\n" in text


@pytest.mark.parametrize("kind", ENTRY_KINDS, ids=[k.name for k in ENTRY_KINDS])
def test_every_optional_example_passes_too_once_taken_in(sample, kind):
    path = new_entry(str(sample), str(CONF), kind.name, "Friday Lunch Club")
    written = path.read_text(encoding="utf-8")
    path.write_text(filled_in(uncomment(written)), encoding="utf-8")
    assert uncomment(written) != written
    assert errors_in(sample, path) == []


@pytest.mark.parametrize("kind", FIXED_FILES, ids=[k.name for k in FIXED_FILES])
def test_a_missing_taxonomy_or_synonyms_file_can_be_made(sample, kind):
    stem = kind.file_stems[-1]  # accessibility.yaml, synonyms.yaml
    (sample / kind.folder / f"{stem}.yaml").unlink()
    path = new_entry(str(sample), str(CONF), kind.name, stem)
    assert path == sample / kind.folder / f"{stem}.yaml"
    assert problems_in(sample, path) == []


def test_a_taxonomy_file_must_have_one_of_its_names(sample):
    with pytest.raises(ScaffoldError, match="a taxonomy file is named one of: categories, areas, audiences"):
        new_entry(str(sample), str(CONF), "taxonomy", "Food")


def test_the_file_is_named_from_the_name(sample):
    path = new_entry(str(sample), str(CONF), "service", "  Carers' Café   &  Co ")
    assert path.name == "carers-cafe-co.yaml"
    assert "\nname: Carers' Café & Co\n" in path.read_text(encoding="utf-8")


def test_required_references_are_filled_in_from_the_content_with_a_note(sample):
    before = real_today()
    text = new_entry(str(sample), str(CONF), "service", "Friday Lunch Club").read_text(encoding="utf-8")
    # the council's organisation, unless one is asked for
    assert "# CHECK: filled in with millbrook-borough-council; change it if that is not right.\n" in text
    assert "\norganization: millbrook-borough-council\n" in text
    # the real day it was written (conftest's SOURCE_DATE_EPOCH is a fixed day), even at midnight
    assert any(f'\nassured_date: "{day}"\n' in text for day in {before, real_today()})
    asked = new_entry(str(sample), str(CONF), "service", "Friday Lunch", "st-marys-church-eastgate")
    assert "\norganization: st-marys-church-eastgate\n" in asked.read_text(encoding="utf-8")


def test_an_organisation_that_does_not_exist_is_refused_with_a_suggestion(sample):
    with pytest.raises(ScaffoldError, match=r"ORG 'st-marys-church': there is no organisation .*did you mean"):
        new_entry(str(sample), str(CONF), "service", "Friday Lunch Club", "st-marys-church")
    assert not (sample / "services/friday-lunch-club.yaml").exists()


@pytest.mark.parametrize(
    "kind, name, message",
    [
        ("servise", "Friday Lunch Club", "KIND 'servise' is not a kind of entry (did you mean 'service'?)"),
        ("service", "   ", "NAME must be the service's name, on one line of at most 120 characters"),
        ("service", "x" * 121, "at most 120 characters"),
        ("service", "Lunch\x1b[31m", "NAME must be"),
    ],
)
def test_a_bad_kind_or_name_is_refused(sample, kind, name, message):
    with pytest.raises(ScaffoldError) as caught:
        new_entry(str(sample), str(CONF), kind, name)
    assert message in str(caught.value)


def test_it_refuses_to_overwrite_a_file(sample, capsys):
    existing = sample / "services/baby-bank.yaml"
    before = existing.read_bytes()
    code = run(lambda: new_entry(str(sample), str(CONF), "service", "Baby Bank"), str(CONF))
    assert code != 0
    assert f"{existing} is there already: choose another NAME, or edit that file" in capsys.readouterr().err
    assert existing.read_bytes() == before


def test_a_yml_file_of_the_same_name_counts_as_there(sample):
    (sample / "services/friday-lunch-club.yml").write_text("name: x\n", encoding="utf-8")
    with pytest.raises(ScaffoldError, match="is there already"):
        new_entry(str(sample), str(CONF), "service", "Friday Lunch Club")


def test_make_new_prints_the_path_and_refuses_the_second_time(sample):
    def make_new():
        return subprocess.run(
            [
                "make",
                "--no-print-directory",
                "new",
                "KIND=service",
                'NAME=Friday "Lunch" $Club',
                f"INPUTDIR={sample}",
                f"CONFFILE={CONF}",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )

    first = make_new()
    assert first.returncode == 0, first.stderr
    assert first.stdout == f"{sample}/services/friday-lunch-club.yaml\n"
    assert '\nname: Friday "Lunch" $Club\n' in (sample / "services/friday-lunch-club.yaml").read_text()
    second = make_new()
    assert second.returncode != 0
    assert "is there already" in second.stderr


def test_example_text_left_anywhere_is_an_error_at_its_line(sample):
    path = new_entry(str(sample), str(CONF), "service", "Friday Lunch Club")
    path.write_text(uncomment(path.read_text(encoding="utf-8")), encoding="utf-8")
    errors = errors_in(sample, path)
    nested = [e for e in errors if re.search(r": [a-z_]+\[1\]\.[a-z_.\[\]0-9]+: this is the example text", e)]
    assert nested, errors  # inside a list of blocks too (a phone's description, a contact's name)
    lines = path.read_text(encoding="utf-8").split("\n")
    for error in errors:
        line = int(error.split(":")[1])
        assert PLACEHOLDER.search(lines[line - 1]), error  # each at the line that holds it
