"""`make report` lists exactly the stale and incomplete entries of a fixture; a
build sums the stale ones up in one line while `make validate` lists each; both
name the same services nobody could reach. Staleness is by the real date (the
commands' clock, not SOURCE_DATE_EPOCH's), so the fixture's dates are set from it."""

from __future__ import annotations

import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pelican.settings import read_settings

from directory.commands.cli import run
from directory.commands.report import mentions_allowed
from directory.commands.report import report as run_report
from directory.commands.validate import validate
from directory.freshness import find
from directory.logs import plain_output
from directory.reading.loader import load_directory
from directory.report_text import MAX_MARKDOWN, escape, markdown, plain
from directory.settings import parse_settings
from directory.words import format_date

from .conftest import CONF, ROOT, project_settings
from .test_diff import LINKS, github_links, linkable, shown

SETTINGS = project_settings()


def real_today() -> date:
    """Today where the council is, by the clock: the day the commands compare with."""
    return datetime.now(ZoneInfo(SETTINGS.timezone)).date()


TODAY = real_today()
FOOD_CHECKED = TODAY - timedelta(days=65)  # fresh, but stale by a 30-day period
COUNCIL = "@millbrook-council/directory-team"


def edit(site: Path, name: str, old: str, new: str) -> None:
    path = site / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def findings_of(site: Path, settings=SETTINGS, today: date = TODAY):
    result = load_directory(site, settings, today)
    assert result.errors == []
    return find(result.directory, today, settings.stale_after_days)


def either_day(command, expected) -> None:
    """``command()``'s output is ``expected(day)`` for the real day it ran on
    (the day before midnight, or the day after, if midnight came meanwhile)."""
    before = real_today()
    out = command()
    assert out in {expected(before), expected(real_today())}


@pytest.fixture
def site(copy_fixture):
    """The minimal fixture, with more to report: a stale organisation with a maintainer,
    a service with only a contact's name (and no place), an empty category."""
    site = copy_fixture()
    edit(site, "organisations/riverside-pantry.yaml", "assured_date: 2026-10-01", "assured_date: 2025-06-30")
    edit(
        site,
        "services/riverside-food-bank.yaml",
        "phones:\n  - number: 01632 960 002\n    description: Helpline\n",
        "contacts:\n  - name: Jo\n",
    )
    edit(site, "services/riverside-food-bank.yaml", "locations: [st-marys-hall]\n", "")
    edit(site, "services/riverside-food-bank.yaml", "assured_date: 2026-09-14", f"assured_date: {FOOD_CHECKED}")
    edit(site, "taxonomy/categories.yaml", "advice:", "clubs:\n  name: Clubs and groups\nadvice:")
    return site


def test_the_findings_are_exactly_the_stale_and_incomplete_entries(site):
    f = findings_of(site)
    # never checked first, then the longest unchecked
    assert [(u.entry.slug, u.checked, u.owners) for u in f.unchecked] == [
        ("millbrook-council", None, ()),
        ("money-advice", date(2025, 1, 10), ()),
        ("riverside-pantry", date(2025, 6, 30), ("@pantry-volunteer",)),
    ]
    # money-advice has a place of its own (an inline location): people can go there
    assert [s.slug for s in f.unreachable] == ["riverside-food-bank"]
    assert [o.slug for o in f.without_maintainers] == ["millbrook-council"]
    # food has food-banks under it, so only clubs is empty; south-ward has nothing
    assert {v: [t.slug for t in terms] for v, terms in f.empty_terms.items()} == {
        "categories": ["clubs"],
        "areas": ["south-ward"],
    }


def test_an_entry_checked_exactly_the_period_ago_is_not_stale(site):
    period = timedelta(days=SETTINGS.stale_after_days)
    edit(site, "organisations/riverside-pantry.yaml", "assured_date: 2025-06-30", f"assured_date: {TODAY - period}")
    assert "riverside-pantry" not in [u.entry.slug for u in findings_of(site).unchecked]


def test_the_staleness_period_follows_the_setting(site):
    short = parse_settings({**read_settings(str(CONF))["DIRECTORY"], "stale_after_days": 30})
    slugs = [u.entry.slug for u in findings_of(site, short).unchecked]
    assert "riverside-food-bank" in slugs  # checked 65 days before


def test_the_plain_report(site):
    text = plain(findings_of(site), "Millbrook Community Directory")
    s = f"{site.relative_to(ROOT) if site.is_relative_to(ROOT) else site}"
    assert text == "\n".join(
        [
            f"Freshness and quality report: Millbrook Community Directory, {format_date(TODAY)}",
            "",
            "3 entries not checked for over 365 days, or never:",
            f"  {s}/organisations/millbrook-council.yaml: Millbrook Borough Council, never checked (no assured_date)",
            f"  {s}/services/money-advice.yaml: Money Advice Drop-in, last checked 10 January 2025",
            f"  {s}/organisations/riverside-pantry.yaml: Riverside Pantry, last checked 30 June 2025"
            " (@pantry-volunteer)",
            "",
            "1 service nobody could reach (no phone, email, website, contact or place):",
            f"  {s}/services/riverside-food-bank.yaml: Riverside Food Bank",
            "",
            "1 organisation without maintainers:",
            f"  {s}/organisations/millbrook-council.yaml: Millbrook Borough Council",
            "",
            "1 category with nothing in them:",
            "  content/taxonomy/categories.yaml: Clubs and groups (clubs)",
            "",
            "1 area with nothing in them:",
            "  content/taxonomy/areas.yaml: South Ward (south-ward)",
            "",
        ]
    )


def test_the_markdown_report_mentions_the_maintainers_of_stale_entries(site):
    text = markdown(findings_of(site), SETTINGS)
    repo = "https://github.com/millbrook-council/directory/blob/main/content"
    assert "## 3 entries not checked for over 365 days, or never" in text
    assert (
        "### @pantry-volunteer\n\n"
        f"- [Riverside Pantry]({repo}/organisations/riverside-pantry.yaml): last checked 30 June 2025"
        " · [page](http://localhost:8000/organisations/riverside-pantry/)\n"
    ) in text
    assert f"### Looked after by {COUNCIL}\n\n" in text
    assert f"- [Money Advice Drop\\-in]({repo}/services/money-advice.yaml): last checked 10 January 2025" in text
    assert "## 1 area with nothing in them\n\n- South Ward (`south-ward` in `content/taxonomy/areas.yaml`)\n" in text


def test_a_copy_of_the_project_mentions_nobody(site):
    assert mentions_allowed(None, SETTINGS.repository_url)
    assert mentions_allowed("Millbrook-Council/directory", SETTINGS.repository_url)
    assert not mentions_allowed("someone/civic-hub", SETTINGS.repository_url)
    text = markdown(findings_of(site), SETTINGS, mention=False)
    assert "### `@pantry-volunteer`" in text and "\n### @" not in text


def test_names_cannot_format_the_issue_or_mention_anyone(site):
    edit(
        site,
        "organisations/riverside-pantry.yaml",
        "name: Riverside Pantry",
        'name: "@everyone <b>*Pantry*</b> [x](y)"',
    )
    text = markdown(findings_of(site), SETTINGS)
    assert "@<!-- -->everyone \\<b\\>\\*Pantry\\*\\</b\\> \\[x\\]\\(y\\)" in text
    assert "@everyone" not in text
    assert escape("A\n\nB") == "A B"


def test_names_make_no_links_and_the_maintainers_are_still_mentioned(site):
    edit(site, "organisations/riverside-pantry.yaml", "name: Riverside Pantry", f'name: "Pantry {LINKS}"')
    edit(site, "taxonomy/categories.yaml", "name: Clubs and groups", f'name: "{LINKS}"')  # at most 80
    text = markdown(findings_of(site), SETTINGS)
    # the software's own @handles still notify; nothing from content links or mentions
    assert sorted(linkable(text)) == [COUNCIL, "@pantry-volunteer"]
    assert not any("evil.example" in link for link in github_links(text))
    assert f"Pantry {LINKS}" in shown(text) and f"{LINKS} (clubs in content/taxonomy/categories.yaml)" in shown(text)


def test_a_huge_report_stays_within_an_issue_body(site):
    many = site / "services"
    template = (many / "money-advice.yaml").read_text(encoding="utf-8")
    for n in range(1500):
        (many / f"old-service-{n:04d}.yaml").write_text(template.replace("Money Advice", f"Old service {n}"))
    text = markdown(findings_of(site), SETTINGS)
    assert len(text) <= MAX_MARKDOWN
    assert "more: run `make report` for the whole list" in text
    assert "## 1 area with nothing in them" in text  # every part is still there


def test_the_report_command(site, capsys):
    def command():
        assert run(lambda: run_report(str(site), str(CONF), "text", None), str(CONF)) == 0
        return capsys.readouterr().out

    either_day(command, lambda day: plain(findings_of(site, today=day), "Millbrook Community Directory"))


def test_make_report_as_markdown(site):
    def command():
        done = subprocess.run(
            [
                "make",
                "--no-print-directory",
                "--silent",  # on a fresh clone make sets up first: its lines are not the report
                "report",
                "FORMAT=markdown",
                "REPOSITORY=a/copy",
                f"INPUTDIR={site}",
                f"CONFFILE={CONF}",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    either_day(command, lambda day: markdown(findings_of(site, today=day), SETTINGS, mention=False))


# --- the build's one line, validate's many ---------------------------------------------


def test_a_build_sums_the_stale_entries_up_in_one_line(site, build, capsys):
    plain_output()  # the directory's messages on stderr, as the commands print them
    code, _ = build(site)
    assert code == 0
    err = capsys.readouterr().err
    assert "warning: 2 entries have not been checked for over 365 days; `make report` lists them\n" in err
    assert "is more than 365 days old" not in err


def test_one_stale_entry_is_one_entry(copy_fixture, build, capsys):
    plain_output()
    content = copy_fixture()  # money-advice, checked in January 2025, is the stale one
    edit(content, "organisations/riverside-pantry.yaml", "assured_date: 2026-10-01", f"assured_date: {TODAY}")
    edit(content, "services/riverside-food-bank.yaml", "assured_date: 2026-09-14", f"assured_date: {TODAY}")
    assert build(content)[0] == 0
    assert (
        "warning: 1 entry has not been checked for over 365 days; `make report` lists them\n" in capsys.readouterr().err
    )


def test_a_second_build_in_one_process_warns_again(copy_fixture, build, capsys, tmp_path):
    """The devserver builds again in the same process: a warning still true must be shown
    again (Pelican's loggers drop a message they have logged before)."""
    plain_output()
    content = copy_fixture()
    summaries = []
    for n in range(2):
        assert build(content, tmp_path / f"output-{n}")[0] == 0
        summaries.append([line for line in capsys.readouterr().err.splitlines() if "not been checked" in line])
    assert summaries[0] == summaries[1] != []


def test_validate_still_lists_each_stale_entry(site, capsys):
    plain_output()
    validate(str(site), str(CONF))
    stale = [line for line in capsys.readouterr().err.splitlines() if "is more than 365 days old" in line]
    assert len(stale) == 2
    pantry = "riverside-pantry.yaml:15:15: warning: assured_date 2025-06-30 is more than 365 days old;"
    assert any(pantry in line for line in stale)


# --- one rule for the services nobody could reach ----------------------------------


def test_report_and_validate_name_the_same_services_nobody_could_reach(site, capsys):
    """Where the two had rules of their own, they disagreed: the report listed a service
    with only a place (money-advice's inline location: people can go there) and one
    closed down; validate warned of neither. Now both name only riverside-food-bank."""
    (site / "services/old-lunch-club.yaml").write_text(
        "name: Old Lunch Club\norganization: riverside-pantry\nsummary: Lunch.\ndescription: Lunch.\n"
        f"categories: [advice]\nstatus: defunct\nassured_date: {TODAY}\n",
        encoding="utf-8",
    )
    plain_output()
    validate(str(site), str(CONF))
    warned = {
        Path(line.split(":")[0]).name for line in capsys.readouterr().err.splitlines() if "nobody could reach" in line
    }
    assert run(lambda: run_report(str(site), str(CONF), "text", None), str(CONF)) == 0
    section = capsys.readouterr().out.split("nobody could reach")[1].split("\n\n")[0]
    reported = {Path(line.split(":")[0].strip()).name for line in section.splitlines()[1:]}
    assert warned == reported == {"riverside-food-bank.yaml"}
