"""Two clocks: what a person is told compares with the real date; only what a
build writes is as of the build moment (SOURCE_DATE_EPOCH, else the last commit).

Every test sets SOURCE_DATE_EPOCH to a moment in the past (or the future) and
reads the real clock, as a person at work would: a volunteer who checked an
entry today is not told its date is in the future because the last commit was
weeks ago, and an entry a year unchecked is stale though the commit was not.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from directory.commands.cli import run
from directory.commands.report import report
from directory.commands.validate import validate
from directory.logs import plain_output
from directory.problems import STALE
from directory.reading.loader import load_directory
from directory.words import format_date

from .conftest import CONF, ROOT, SAMPLE, project_settings

SETTINGS = project_settings()
DAY = 24 * 60 * 60
MONTH_AGO = int(time.time()) - 30 * DAY  # SOURCE_DATE_EPOCH: the last commit, a month old


def real_today() -> date:
    """Today where the council is, by the clock on the wall."""
    return datetime.now(ZoneInfo(SETTINGS.timezone)).date()


def day_of(epoch: int) -> date:
    return datetime.fromtimestamp(epoch, ZoneInfo(SETTINGS.timezone)).date()


@pytest.fixture
def content(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(SAMPLE, target)
    return target


def checked_on(content: Path, day: date, name: str = "services/baby-bank.yaml") -> str:
    """Set the entry's assured_date to ``day``; its path, as messages end it."""
    path = content / name
    text, count = re.subn(r"(?m)^assured_date: .*$", f"assured_date: {day}", path.read_text(encoding="utf-8"))
    assert count == 1
    path.write_text(text, encoding="utf-8")
    return name


def lines_about(text: str, name: str) -> list[str]:
    return [line for line in text.splitlines() if name in line]


def python(*args: str, epoch: int) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "SOURCE_DATE_EPOCH": str(epoch)}
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_make_new_writes_the_real_date_and_validate_does_not_call_it_the_future(content):
    before = real_today()
    made = python(
        "directory.commands.new", "--kind", "service", "--name", "Friday Lunch Club", str(content), "-s", str(CONF),
        epoch=MONTH_AGO,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    path = Path(made.stdout.strip())
    written = re.search(r'(?m)^assured_date: "([0-9-]+)"$', path.read_text(encoding="utf-8")).group(1)
    assert date.fromisoformat(written) in {before, real_today()}  # not the build moment's day, a month ago
    checked = python("directory.commands.validate", str(content), "-s", str(CONF), epoch=MONTH_AGO)
    about = lines_about(checked.stderr, "friday-lunch-club.yaml")
    assert about  # the example text left in it is pointed out: validate did read it
    assert not [line for line in about if "in the future" in line]


@pytest.mark.parametrize("epoch_days", [-30, 30], ids=["commit a month ago", "SOURCE_DATE_EPOCH a month ahead"])
def test_an_entry_checked_tomorrow_is_in_the_future(content, capsys, monkeypatch, epoch_days):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(time.time()) + epoch_days * DAY))
    plain_output()
    for _ in range(2):  # again if midnight came meanwhile: then "tomorrow" was today
        today = real_today()
        name = checked_on(content, today + timedelta(days=1))
        validate(str(content), str(CONF))
        warned = lines_about(capsys.readouterr().err, name)
        if real_today() == today:
            break
    assert [line for line in warned if "assured_date" in line] == [
        f"{content.relative_to(ROOT) if content.is_relative_to(ROOT) else content}/{name}:36:15: warning: "
        f"assured_date {today + timedelta(days=1)} is in the future; use the date the entry was last checked"
    ]


def test_report_calls_an_entry_stale_by_the_real_date(content, capsys, monkeypatch):
    """370 days before today is stale (over 365); 340 days before the build moment is not."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(MONTH_AGO))
    checked = real_today() - timedelta(days=370)
    name = checked_on(content, checked)
    assert run(lambda: report(str(content), str(CONF), "text", None), str(CONF)) == 0
    out = capsys.readouterr().out
    stale = out.split("not checked for over 365 days, or never")[1].split("\n\n")[0]
    listed = lines_about(stale, name)
    assert len(listed) == 1 and listed[0].endswith(f"last checked {format_date(checked)} (@babybank-millbrook)")
    plain_output()
    validate(str(content), str(CONF))
    assert any("is more than 365 days old" in line for line in lines_about(capsys.readouterr().err, name))


def stale_count(content: Path, today: date) -> int:
    return sum(p.code == STALE for p in load_directory(content, SETTINGS, today).problems)


def test_the_build_warns_by_the_real_date_and_writes_by_the_build_moment(content, build, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(MONTH_AGO))
    built_on = day_of(MONTH_AGO)
    checked_on(content, real_today() - timedelta(days=370))  # baby-bank: stale now, not at the build moment
    fresh = checked_on(content, real_today(), "services/deaf-club.yaml")  # after the build moment
    plain_output()
    code, output = build(content)
    assert code == 0
    err = capsys.readouterr().err
    # told: as of today; the stale entries are those of today's date, not the build moment's
    assert not [line for line in lines_about(err, fresh) if "in the future" in line]
    summary = re.search(r"warning: ([0-9,]+) entr(?:y has|ies have) not been checked for over 365 days", err)
    assert summary and int(summary.group(1).replace(",", "")) == stale_count(content, real_today())
    assert stale_count(content, real_today()) > stale_count(content, built_on)
    # written: as of the build moment, so the same commit builds the same bytes on any day
    assert "This information was last checked" not in (output / "services/baby-bank/index.html").read_text()
    footer = f"This site shows the entries as they were on {format_date(built_on)}."
    assert footer in (output / "index.html").read_text(encoding="utf-8")


def test_a_build_as_of_a_day_to_come_checks_as_of_that_day(content, build, capsys, monkeypatch):
    """SOURCE_DATE_EPOCH a month ahead writes the site as it will be then: a date before
    that moment is not refused or warned about by the build, though validate, which tells
    a person about today, calls it the future."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(time.time()) + 30 * DAY))
    name = checked_on(content, real_today() + timedelta(days=10), "services/deaf-club.yaml")
    plain_output()
    assert build(content)[0] == 0
    assert not [line for line in lines_about(capsys.readouterr().err, name) if "in the future" in line]
    validate(str(content), str(CONF))
    assert [line for line in lines_about(capsys.readouterr().err, name) if "in the future" in line] != []
