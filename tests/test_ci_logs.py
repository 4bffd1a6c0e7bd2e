"""Nothing content wrote becomes a workflow command in a GitHub Actions log.

GitHub's runner reads every line a step prints, on stdout and stderr, and obeys
``::name …::data`` at the start of a line (after spaces) and the older
``##[name …]data`` anywhere in one (actions/runner, src/Runner.Common/
ActionCommand.cs: TryParseV2, then TryParse). It finds ``##[`` as .NET compares
text by culture, which passes over invisible characters and marks. Each command
that prints content runs here on a fixture whose names and summaries hold such
commands; what it prints is read as the runner would read it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from directory.commands.cli import run
from directory.commands.codeowners import write_codeowners
from directory.commands.diff import diff
from directory.commands.import_csv import import_csv
from directory.commands.new import new_entry
from directory.commands.report import report
from directory.commands.validate import validate
from directory.logs import plain_output
from directory.problems import ContentProblem, DirectoryError, printable, without_workflow_commands
from directory.workflow_commands import annotation

from .conftest import CONF, ROOT
from .test_diff import minimal_repo
from .test_importers import empty_content, template_rows, write_csv

PYTHON = ROOT / ".venv" / "bin" / "python"
MONEY = "services/money-advice.yaml"
FOOD_BANK = "services/riverside-food-bank.yaml"
PANTRY = "organisations/riverside-pantry.yaml"
# values that start with a command, and hold the old form: one with a mark (U+034F,
# a combining grapheme joiner, which Python counts as printable) between the hashes
NAME = "::warning::x ##[add-mask]secret ##[group]x"
SUMMARY = "::error::y ##[add-mask]secret ##[endgroup]"
ORG = "::warning::z #\u034f#[add-mask]secret ##[set-output name=a]b"
ANNOTATION = re.compile(r"::(error|warning) file=[^,:\r\n]*,line=\d+,col=\d+::(?P<data>[^\r\n]*)")


def as_the_runner_compares(line: str) -> str:
    """``line`` without what a culture-aware comparison passes over."""
    return "".join(c for c in line if c == "\t" or unicodedata.category(c) not in ("Mn", "Me", "Cf", "Cc"))


def obeyed(output: str, ours: bool = False) -> list[str]:
    """The lines of ``output`` GitHub's runner would take as workflow commands.
    With ``ours``, a well-formed ``::error``/``::warning`` annotation is the
    software's own (``make validate FORMAT=github``); its message, which the
    runner writes into the log, must hold no command either."""
    found = []
    for line in output.splitlines():
        annotated = ANNOTATION.fullmatch(line) if ours else None
        seen = as_the_runner_compares(annotated["data"] if annotated else line)
        if "##[" in seen or (not annotated and seen.lstrip().startswith("::")):
            found.append(line)
    return found


def replace(site: Path, name: str, old: str, new: str) -> None:
    text = (site / name).read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    (site / name).write_text(text.replace(old, new, 1), encoding="utf-8")


def make_hostile(site: Path) -> Path:
    """Names and a summary that start with a command and hold the old form;
    the money advice service reached by nobody (a warning that quotes its name)."""
    replace(site, MONEY, "name: Money Advice Drop-in", f'name: "{NAME}"')
    text = (site / MONEY).read_text(encoding="utf-8")
    start, end = text.index("locations:\n"), text.index("schedules:")
    (site / MONEY).write_text(text[:start] + text[end:], encoding="utf-8")
    replace(site, FOOD_BANK, "summary: Emergency food parcels for people in crisis.", f'summary: "{SUMMARY}"')
    replace(site, PANTRY, "name: Riverside Pantry", f'name: "{ORG}"')
    return site


def make_broken(site: Path) -> Path:
    """Errors that quote content: a file name and a reference."""
    shutil.copy(site / MONEY, site / "services" / "##[group]x.yaml")
    replace(site, FOOD_BANK, "organization: riverside-pantry", 'organization: "##[add-mask]secret"')
    return site


@pytest.fixture
def hostile(copy_fixture):
    return make_hostile(copy_fixture())


@pytest.fixture
def broken(hostile):
    return make_broken(hostile)


def in_process(capsys, command) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of a command's work, run as its main() runs it."""
    plain_output()
    capsys.readouterr()
    code = run(command, str(CONF))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


# --- the rule ------------------------------------------------------------------------------


def test_the_old_form_is_broken_wherever_it_is_and_reads_naturally():
    assert without_workflow_commands("##[add-mask]secret") == "##\\[add-mask]secret"
    assert without_workflow_commands("a ###[group]x and ##[endgroup]") == "a ###\\[group]x and ##\\[endgroup]"
    assert without_workflow_commands("#\u034f#[add-mask]x") == "#\u034f#\\[add-mask]x"  # a mark between
    assert without_workflow_commands("#\u200b#[x") == "#\u200b#\\[x"  # a zero-width space between
    assert without_workflow_commands("# #[x] #[y] ##x[ [##]") == "# #[x] #[y] ##x[ [##]"  # nothing to break
    assert without_workflow_commands("##\n[x") == "##\n[x"  # a line apart
    # printable escapes invisible characters first: what is left is plain to see
    assert printable("#\u200b#[add-mask]x\n::warning::y") == "#\\u200b#[add-mask]x\\n::warning::y"
    assert printable("##[add-mask]x") == "##\\[add-mask]x"
    assert str(DirectoryError("ORG '##[group]x' is not known")) == "ORG '##\\[group]x' is not known"
    for text in ("##[a]", "#\u034f#[a]", "x ##[##[a]", "\u0301##[a]"):
        assert "##[" not in as_the_runner_compares(without_workflow_commands(text))


def test_an_annotations_message_holds_no_old_form():
    problem = ContentProblem("content/services/a.yaml", 2, 7, "warning", "name: '##[add-mask]secret' ::error::x")
    line = annotation(problem, ROOT)
    assert line.startswith("::warning file=content/services/a.yaml,line=2,col=7::")
    assert obeyed(line, ours=True) == [] and "##\\[add-mask]secret" in line
    assert obeyed(line) == [line]  # the check can fail: an annotation is a command


# --- every command that prints content ------------------------------------------------------


@pytest.mark.parametrize("form", ["plain", "github"])
def test_validate(broken, form, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    code, out, err = in_process(capsys, lambda: validate(str(broken), str(CONF), form))
    assert code == 1 and out == ""
    assert obeyed(err, ours=form == "github") == []
    # the content is there, its commands broken: the file name, the reference, the names
    assert "services/##\\[group]x.yaml" in err and "'##\\[add-mask]secret'" in err
    assert "nobody could reach '::warning::x ##\\[add-mask]secret ##\\[group]x'" in err
    if form == "github":
        assert sum(line.startswith("::") for line in err.splitlines()) >= 3  # annotations, and only they


def test_validate_with_warnings_only(copy_fixture, capsys):
    code, _, err = in_process(capsys, lambda: validate(str(make_hostile(copy_fixture())), str(CONF)))
    assert code == 0 and obeyed(err) == [] and "##\\[add-mask]secret" in err


def test_the_build(hostile, build, capsys):
    plain_output()
    capsys.readouterr()
    code, _ = build(hostile)
    out, err = capsys.readouterr()
    assert code == 0, err
    assert obeyed(out + err) == [] and "nobody could reach '::warning::x ##\\[add-mask]secret" in err


def test_the_real_commands_as_a_step_prints_them(copy_fixture, tmp_path):
    """As GitHub runs them: validate's annotations, then the build, whose
    Pelican messages go through Pelican's own handler."""
    site = make_broken(make_hostile(copy_fixture()))
    env = {**os.environ, "PYTHONPATH": "plugins", "PYTHONDONTWRITEBYTECODE": "1", "GITHUB_WORKSPACE": str(tmp_path)}
    args = ["-s", str(CONF)]
    done = subprocess.run(
        [PYTHON, "-m", "directory.commands.validate", "--format", "github", str(site), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert obeyed(done.stdout + done.stderr, ours=True) == [] and "##\\[add-mask]secret" in done.stderr
    built = subprocess.run(
        [PYTHON, "-m", "directory.commands.build", str(site), "-o", str(tmp_path / "out"), "-j", "1", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 1 and "Traceback" not in built.stderr
    assert obeyed(built.stdout + built.stderr) == [] and "##\\[group]x.yaml" in built.stderr


@pytest.fixture
def repo(tmp_path):
    """A repository whose commit holds the minimal site, its working tree the hostile one."""
    root = minimal_repo(tmp_path)
    make_hostile(root / "content")
    return root


def test_diff(repo, capsys):
    code, out, err = in_process(capsys, lambda: diff(str(repo / "content"), str(CONF), "main"))
    assert code == 0, err
    assert obeyed(out + err) == []
    assert "Renames the organisation *Riverside Pantry* to *::warning::z" in out  # what changed, quoted


def test_diff_of_a_broken_head(repo, capsys):
    make_broken(repo / "content")
    code, out, err = in_process(capsys, lambda: diff(str(repo / "content"), str(CONF), "main"))
    assert code == 1
    assert obeyed(out + err) == []
    assert "services/##\\[group]x.yaml" in out and "services/##\\[group]x.yaml" in err  # the summary and the log


@pytest.mark.parametrize("form", ["text", "markdown"])
def test_report(hostile, form, capsys):
    code, out, err = in_process(capsys, lambda: report(str(hostile), str(CONF), form, None))
    assert code == 0, err
    assert obeyed(out + err) == []
    assert ("::warning::x ##\\[add-mask]secret" if form == "text" else "::warning::x \\#\\#\\[add\\-mask\\]") in out


def test_codeowners(broken, capsys, tmp_path):
    target = tmp_path / "CODEOWNERS"
    code, out, err = in_process(capsys, lambda: write_codeowners(str(broken), str(CONF), str(target)))
    assert code == 1 and obeyed(out + err) == [] and "'##\\[add-mask]secret'" in err


def test_codeowners_of_good_content(copy_fixture, capsys, tmp_path):
    target = tmp_path / "CODEOWNERS"
    site = make_hostile(copy_fixture())
    code, out, err = in_process(capsys, lambda: print(write_codeowners(str(site), str(CONF), str(target))))
    assert code == 0 and obeyed(out + err) == [] and out == f"{target}\n"


def test_new(hostile, capsys):
    code, out, err = in_process(capsys, lambda: print(new_entry(str(hostile), str(CONF), "service", "Lunch", "##[x]")))
    assert code == 2 and out == "" and obeyed(err) == []
    assert err == "error: ORG '##\\[x]': there is no organisation of that name in content/organisations/\n"
    code, out, err = in_process(capsys, lambda: print(new_entry(str(hostile), str(CONF), "service", "##[group]x")))
    assert code == 0 and obeyed(out + err) == [] and out.endswith("services/group-x.yaml\n")


def test_import_csv(tmp_path, capsys):
    good = template_rows()[0] | {"description": "One line."}
    rows = [good | {"name": NAME}, good | {"name": ORG, "email": "##[add-mask]secret"}]
    source = write_csv(tmp_path / "rows.csv", rows)
    content = empty_content(tmp_path / "content")
    code, out, err = in_process(capsys, lambda: import_csv(str(source), str(content), str(CONF)))
    assert code == 1
    assert obeyed(out + err) == []
    assert "email is '##\\[add-mask]secret'" in err  # the row's own words, quoted
