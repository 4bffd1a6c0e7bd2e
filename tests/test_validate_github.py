"""``make validate FORMAT=github``: each problem as a GitHub Actions annotation
(``::error file=…,line=…,col=…::message``) at the same file, line and column as
the plain ``path:line:col: severity: message`` line, for the whole bad-input corpus.

The corpus runs in-process (the command's own ``validate`` and ``run``, twice per
case); the real command and the make target run as subprocesses for a few cases.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from directory.commands.cli import run
from directory.commands.validate import validate
from directory.logs import plain_output
from directory.problems import STALE, ContentProblem
from directory.workflow_commands import (
    annotation,
    annotation_order,
    escape_data,
    escape_property,
    file_from_root,
)

from .conftest import CONF as SAMPLE_CONF
from .conftest import ROOT
from .test_bad_input import CASES, FOOD_BANK, PYTHON, problems, replace

CONF = str(SAMPLE_CONF)
# the runner's own syntax: ::command key=value,key=value::data
COMMAND = re.compile(r"^::(?P<command>error|warning) (?P<properties>[^:]*)::(?P<data>.*)$")


def unescape(text: str, property: bool = False) -> str:
    """What the runner decodes (actions/runner ActionCommand.Unescape*)."""
    escapes = [("%0D", "\r"), ("%0A", "\n")] + ([("%3A", ":"), ("%2C", ",")] if property else [])
    for code, char in [*escapes, ("%25", "%")]:
        text = text.replace(code, char)
    return text


def annotations(output: str) -> list[dict]:
    """Every workflow command in ``output``, decoded as GitHub would."""
    found = []
    for line in output.splitlines():
        match = COMMAND.match(line)
        if match:
            properties = dict(pair.split("=", 1) for pair in match["properties"].split(","))
            found.append(
                {
                    "severity": match["command"],
                    "file": unescape(properties["file"], property=True),
                    "line": int(unescape(properties["line"], property=True)),
                    "col": int(unescape(properties["col"], property=True)),
                    "message": unescape(match["data"]),
                }
            )
    return found


def from_root(lines: list[dict], root: Path) -> list[dict]:
    """Plain problem lines as their annotations must be: the file named from
    ``root``, and the message led by that place (the log shows only messages)."""
    expected = []
    for p in lines:
        file = Path(p["path"]).relative_to(root).as_posix()
        message = f"{file}:{p['line']}:{p['col']}: {p['message']}"
        expected.append(
            {"severity": p["severity"], "file": file, "line": p["line"], "col": p["col"], "message": message}
        )
    return expected


def in_order(found: dict) -> tuple:
    return found["file"], found["line"], found["col"], found["severity"], found["message"]


def validate_in_process(site: Path, format: str | None, capsys) -> tuple[int, str]:
    """The exit code and stderr of the validate command, run in this process."""
    plain_output()
    capsys.readouterr()
    args = (str(site), CONF) if format is None else (str(site), CONF, format)
    code = run(lambda: validate(*args), CONF)
    captured = capsys.readouterr()
    assert captured.out == ""
    return code, captured.err


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_annotations_match_the_plain_lines(case, copy_fixture, capsys, monkeypatch, tmp_path):
    site = copy_fixture()
    case.breaks(site)
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))  # the "repository" holds the site

    plain_code, plain = validate_in_process(site, None, capsys)
    github_code, github = validate_in_process(site, "github", capsys)

    assert "Traceback" not in plain + github
    assert github_code == plain_code
    # annotations name files from the repository's root, as GitHub needs
    assert sorted(annotations(github), key=in_order) == sorted(from_root(problems(plain), tmp_path), key=in_order)
    assert len(annotations(github)) == sum(line.startswith("::") for line in github.splitlines())
    # every other line (the counts, notes about the build date) is as it was
    others = [line for line in plain.splitlines() if not problems(line)]
    assert [line for line in github.splitlines() if not line.startswith("::")] == others
    if not case.accepted:
        at = [
            a
            for a in annotations(github)
            if a["severity"] == "error" and (a["line"], a["col"]) == (case.line, case.col)
        ]
        assert any(a["file"] == f"minimal/{case.file}" for a in at), github


def test_the_default_is_the_plain_format_byte_for_byte(copy_fixture, capsys):
    site = copy_fixture()
    replace(site, FOOD_BANK, "minimum_age: 0", "minimum_age: ten")
    default = validate_in_process(site, None, capsys)
    plain = validate_in_process(site, "plain", capsys)
    assert default == plain
    assert f"{site / FOOD_BANK}:12:14: error: minimum_age should be a whole number, not 'ten'\n" in plain[1]


def test_stale_entries_come_last_so_they_cannot_crowd_out_the_pull_requests_own(copy_fixture, capsys, monkeypatch):
    """GitHub shows ten warnings of a step as annotations; money-advice.yaml (stale in
    the fixture) sorts first in the plain format, and last as annotations."""
    site = copy_fixture()
    replace(site, FOOD_BANK, "assured_date: 2026-09-14", "assured_date: 2030-01-01")  # a warning, not stale
    replace(site, "taxonomy/areas.yaml", "  name: South Ward\n", "  name: South Ward\n  parent: nowhere\n")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(site))
    _, plain = validate_in_process(site, None, capsys)
    _, github = validate_in_process(site, "github", capsys)
    in_plain = [(Path(p["path"]).relative_to(site).as_posix(), p["severity"]) for p in problems(plain)]
    assert in_plain == [
        ("services/money-advice.yaml", "warning"),
        ("services/riverside-food-bank.yaml", "warning"),
        ("taxonomy/areas.yaml", "error"),
    ]
    assert [(a["file"], a["severity"]) for a in annotations(github)] == [*in_plain[1:], in_plain[0]]


def test_annotation_order_moves_only_stale_warnings():
    stale = ContentProblem("a.yaml", 1, 1, "warning", "old", code=STALE)
    others = [ContentProblem("b.yaml", 2, 1, "error", "x"), ContentProblem("a.yaml", 2, 1, "warning", "y")]
    assert annotation_order([stale, *others]) == [*others, stale]
    assert annotation_order(others[::-1]) == others[::-1]  # otherwise as given


HOSTILE_NAME = "x,line=1::error file=forged.yaml%0A\n::warning::forged.yaml"


def test_a_hostile_file_name_cannot_forge_or_split_a_command(copy_fixture, capsys, monkeypatch, tmp_path):
    site = copy_fixture()
    (site / "services" / HOSTILE_NAME).write_bytes((site / FOOD_BANK).read_bytes())
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    code, github = validate_in_process(site, "github", capsys)
    assert code == 1
    commands = [line for line in github.splitlines() if line.startswith("::")]
    found = annotations(github)
    assert len(commands) == len(found)
    hostile = [a for a in found if a["file"] == f"minimal/services/{HOSTILE_NAME}"]
    assert hostile and all(a["severity"] == "error" for a in hostile), github
    assert "forged.yaml" not in {a["file"] for a in found}


def test_escaping_follows_githubs_rules():
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    problem = ContentProblem("content/services/a,b.yaml", 3, 7, "warning", "50% of 'x::y', \u202e and\nmore")
    line = annotation(problem, ROOT)
    assert line == (
        "::warning file=content/services/a%2Cb.yaml,line=3,col=7::"
        "content/services/a,b.yaml:3:7: 50%25 of 'x::y', \\u202e and\\nmore"
    )
    # as printed plainly, control characters escaped
    assert annotations(line)[0]["message"] == "content/services/a,b.yaml:3:7: 50% of 'x::y', \\u202e and\\nmore"


def test_files_are_named_from_the_repository_root(tmp_path):
    (tmp_path / "real").mkdir()
    os.symlink(tmp_path / "real", tmp_path / "linked")
    assert file_from_root(str(ROOT / "content/services/a.yaml"), ROOT) == "content/services/a.yaml"
    assert file_from_root("content/services/a.yaml", ROOT) == "content/services/a.yaml"  # from the working folder
    # a folder reached through a link is the same folder; the file itself stays as named
    assert file_from_root(str(tmp_path / "linked/x.yaml"), tmp_path / "real") == "x.yaml"
    # outside the repository: left as it is (GitHub shows it without a line)
    assert file_from_root("/elsewhere/a.yaml", ROOT) == "/elsewhere/a.yaml"


def _run(args: list[str], env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)


def test_the_command_and_make_validate_format_github(copy_fixture, tmp_path):
    site = copy_fixture()
    replace(site, FOOD_BANK, "minimum_age: 0", "minimum_age: ten")
    env = {**os.environ, "PYTHONPATH": "plugins", "PYTHONDONTWRITEBYTECODE": "1", "GITHUB_WORKSPACE": str(tmp_path)}
    module = [str(PYTHON), "-m", "directory.commands.validate"]

    plain = _run([*module, str(site), "-s", CONF], env)
    command = _run([*module, "--format", "github", str(site), "-s", CONF], env)
    made = _run(
        ["make", "--no-print-directory", "-s", "validate", "FORMAT=github", f"INPUTDIR={site}", f"CONFFILE={CONF}"], env
    )

    assert plain.returncode == command.returncode == 1, plain.stderr + command.stderr
    assert made.returncode != 0, made.stderr
    food_bank = "minimal/services/riverside-food-bank.yaml"
    error = f"::error file={food_bank},line=12,col=14::{food_bank}:12:14: minimum_age should be a whole number"
    assert error in command.stderr
    assert command.stderr == made.stderr.split("make: ***")[0]
    expected = from_root(problems(plain.stderr), tmp_path)
    assert sorted(annotations(command.stderr), key=in_order) == sorted(expected, key=in_order)
    unknown = _run([*module, "--format", "json", str(site)], env)
    assert unknown.returncode == 2 and "invalid choice: 'json'" in unknown.stderr
