"""``make diff BASE=<ref>``: what a change does to the directory, in words, from
fixture pairs built in throwaway Git repositories (the minimal site at a base
commit, then added, changed, removed and renamed entries in the working tree)."""

from __future__ import annotations

import dataclasses
import html
import os
import re
import shutil
import subprocess
from pathlib import Path

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options
from markdown_it import MarkdownIt

from directory import model
from directory.change_fields import FIELDS, NOT_FACTS
from directory.changes import Changes, EntryChange, FieldChange
from directory.commands.change_summary import MAX_BYTES, Owners, entry_sentences, markdown
from directory.commands.cli import run
from directory.commands.diff import diff
from directory.logs import plain_output
from directory.problems import ContentProblem

from .conftest import CONF, FIXTURES, ROOT

FOOD = "content/services/riverside-food-bank.yaml"


def git(repo: Path, *args: str) -> str:
    identity = ["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]
    done = subprocess.run(["git", "-C", str(repo), *identity, *args], capture_output=True, text=True, check=True)
    return done.stdout


def minimal_repo(tmp_path: Path) -> Path:
    """A repository whose first commit holds the minimal site in content/."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "minimal", root / "content")
    git(root, "init", "-q", "-b", "main")
    commit(root, "the minimal site")
    return root


@pytest.fixture
def repo(tmp_path):
    return minimal_repo(tmp_path)


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def edit(repo: Path, name: str, old: str, new: str) -> None:
    path = repo / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def write(repo: Path, name: str, text: str) -> None:
    (repo / name).parent.mkdir(parents=True, exist_ok=True)
    (repo / name).write_text(text, encoding="utf-8")


def summary(repo: Path, capsys, base: str = "main") -> tuple[int, str, str]:
    """The exit code, the Markdown printed and what went to stderr, as the command gives them."""
    plain_output()  # the directory's messages on stderr, as the commands print them
    code = run(lambda: diff(str(repo / "content"), str(CONF), base), str(CONF))
    out, err = capsys.readouterr()
    return code, out, err


def bullets(markdown: str) -> list[str]:
    """The sentences of the summary (not the pages)."""
    return [line[2:] for line in markdown.split("\n### ")[0].splitlines() if line.startswith("- ")]


LUNCH = """name: Friday Lunch Club
organization: riverside-pantry
summary: A hot meal and company every Friday.
description: Lunch for anyone who would like company.
categories: [food]
phones:
  - number: 01632 960 555
locations: [st-marys-hall]
schedules:
  - byday: FR
    opens_at: "12:00"
    closes_at: "14:00"
assured_date: 2026-11-01
"""


def test_an_added_service_and_its_page(repo, capsys):
    write(repo, "content/services/friday-lunch-club.yaml", LUNCH)
    code, out, err = summary(repo, capsys)
    assert code == 0, err
    assert out.startswith("## What this change does to the directory\n\nCompared with `main` (`")
    assert bullets(out) == ["Adds the service *Friday Lunch Club* (Riverside Pantry)."]
    assert "### Pages\n\n**Added (1)**\n\n- `/services/friday-lunch-club/`\n" in out
    assert "Changed (" not in out and "Removed (" not in out


def test_changed_opening_times_phone_email_categories_and_summary(repo, capsys):
    edit(repo, FOOD, "byday: MO,WE", "byday: WE")
    edit(repo, FOOD, "01632 960 002", "01632 960 003")
    edit(repo, FOOD, "categories: [food-banks]", "categories: [food-banks, advice]")
    edit(repo, FOOD, "summary: Emergency food parcels for people in crisis.", "summary: Food parcels for anyone.")
    edit(repo, FOOD, "phones:", "email: food@pantry.example.org\nphones:")
    code, out, err = summary(repo, capsys)
    assert code == 0, err
    who = "*Riverside Food Bank*"
    assert bullets(out) == [
        f"Changes the summary of {who} from “Emergency food parcels for people in crisis.” "
        "to “Food parcels for anyone.”.",
        f"Adds “Advice and support” to the categories of {who}.",
        f"Adds the email address “food@<!-- -->pantry.example.org” to {who}.",  # not a link on GitHub
        f"Changes the phone number of {who} from “01632 960 002 (Helpline)” to “01632 960 003 (Helpline)”.",
        f"Changes the opening times of {who} from “Mondays and Wednesdays, 10am to 12:30pm (closed on bank holidays)” "
        "to “Wednesdays, 10am to 12:30pm (closed on bank holidays)”.",
    ]
    assert "**Changed (1)**\n\n- `/services/riverside-food-bank/`" in out


def test_a_changed_address_and_a_consultations_closing_date(repo, capsys):
    edit(repo, "content/locations/st-marys-hall.yaml", "1 Church Lane", "2 Church Lane")
    edit(repo, "content/consultations/library-hours.md", "closes: 2027-01-31 17:00", "closes: 2027-02-28 17:00")
    code, out, _ = summary(repo, capsys)
    assert bullets(out) == [
        "Changes the address of *St Mary's Hall* from “1 Church Lane, Millbrook, ZZ1 1AA” to "
        "“2 Church Lane, Millbrook, ZZ1 1AA”.",
        "Changes the closing date of *Library opening hours* from “31 January 2027 at 5pm” to "
        "“28 February 2027 at 5pm”.",
    ]
    assert "- `/consultations/library-hours/`\n- `/locations/st-marys-hall/`" in out


def test_a_removed_organisation(repo, capsys):
    write(
        repo, "content/organisations/knit-club.yaml", "name: Knit Club\nkind: community group\ndescription: We knit.\n"
    )
    commit(repo, "a knitting group")
    (repo / "content/organisations/knit-club.yaml").unlink()
    code, out, _ = summary(repo, capsys)
    assert code == 0
    assert bullets(out) == ["Removes the organisation *Knit Club* (Community group)."]
    assert "**Removed (1)**\n\n- `/organisations/knit-club/`" in out


def test_a_renamed_entry_keeps_its_page(repo, capsys):
    edit(repo, FOOD, "name: Riverside Food Bank", "name: Riverside Pantry Food Bank")
    _, out, _ = summary(repo, capsys)
    assert bullets(out) == ["Renames the service *Riverside Food Bank* to *Riverside Pantry Food Bank*."]
    assert "**Changed (1)**\n\n- `/services/riverside-food-bank/`" in out


def test_a_file_moved_with_the_same_content_is_renamed_not_removed_and_added(repo, capsys):
    (repo / FOOD).rename(repo / "content/services/food-bank.yaml")
    # the consultation names the service by its file: it follows the file, and is not "changed"
    edit(repo, "content/consultations/library-hours.md", "[riverside-food-bank]", "[food-bank]")
    _, out, _ = summary(repo, capsys)
    assert bullets(out) == [
        "Renames the file of the service *Riverside Food Bank* from `content/services/riverside-food-bank.yaml` "
        "to `content/services/food-bank.yaml` (its page moves from `/services/riverside-food-bank/` to "
        "`/services/food-bank/`)."
    ]
    assert "**Added (1)**\n\n- `/services/food-bank/`" in out
    assert "**Removed (1)**\n\n- `/services/riverside-food-bank/`" in out


def test_a_file_moved_and_its_entry_changed(repo, capsys):
    (repo / FOOD).rename(repo / "content/services/food-bank.yaml")
    edit(repo, "content/consultations/library-hours.md", "[riverside-food-bank]", "[food-bank]")
    edit(repo, "content/services/food-bank.yaml", "name: Riverside Food Bank", "name: Riverside Foodbank")
    edit(repo, "content/services/food-bank.yaml", "free: yes", "free: no")
    _, out, _ = summary(repo, capsys)
    assert bullets(out) == [
        "Renames the service *Riverside Food Bank* to *Riverside Foodbank* (its page moves from "
        "`/services/riverside-food-bank/` to `/services/food-bank/`).",
        "Removes the cost “Free” from *Riverside Foodbank*.",
    ]


def test_taxonomy_terms_added_renamed_and_removed(repo, capsys):
    edit(repo, "content/taxonomy/areas.yaml", "name: South Ward", "name: Southbrook Ward")
    edit(repo, "content/taxonomy/audiences.yaml", "families:\n  name: Families\n", "carers:\n  name: Carers\n")
    edit(repo, FOOD, "audiences: [families]", "audiences: [carers]")
    _, out, _ = summary(repo, capsys)
    assert bullets(out) == [
        "Changes the audience of *Riverside Food Bank* from “Families” to “Carers”.",
        "Renames the area *South Ward* to *Southbrook Ward*.",
        "Adds the audience *Carers*.",
        "Removes the audience *Families*.",
    ]
    assert "**Changed (2)**\n\n- `/areas/south-ward/`\n- `/services/riverside-food-bank/`" in out


def test_names_are_escaped_so_they_cannot_add_markdown_or_html(repo, capsys):
    hostile = "Lunch *now* [click](https://evil.example) <img src=x onerror=alert(1)> `x`"
    write(repo, "content/services/friday-lunch-club.yaml", LUNCH.replace("Friday Lunch Club", f'"{hostile}"'))
    _, out, _ = summary(repo, capsys)
    assert bullets(out) == [
        "Adds the service *Lunch \\*now\\* \\[click\\](https:<!-- -->//evil.example) \\<img src=x onerror=alert(1)\\> "
        "\\`x\\`* (Riverside Pantry)."
    ]


def test_no_change(repo, capsys):
    code, out, _ = summary(repo, capsys)
    assert code == 0
    assert bullets(out) == []
    assert "the change leaves the directory's content as it was." in out


def test_the_last_commit_with_head_1(repo, capsys):
    write(repo, "content/services/friday-lunch-club.yaml", LUNCH)
    commit(repo, "lunch club")
    _, out, _ = summary(repo, capsys, "HEAD~1")
    assert out.startswith("## What this change does to the directory\n\nCompared with `HEAD~1` (`")
    assert bullets(out) == ["Adds the service *Friday Lunch Club* (Riverside Pantry)."]


def test_new_warnings_are_listed_for_the_reviewer(repo, capsys):
    write(repo, "content/services/riverside-foodbank.yaml", LUNCH.replace("Friday Lunch Club", "Riverside Foodbank"))
    _, out, _ = summary(repo, capsys)
    check = out.split("### To check\n\n")[1]
    assert "- `content/services/riverside-foodbank.yaml:1:7` name: 'Riverside Foodbank' looks like a duplicate" in check
    assert "- `content/services/riverside-food-bank.yaml:1:7` name: 'Riverside Food Bank' looks like" in check
    assert "assured_date 2025-01-10" not in check  # the base had that warning already


def test_a_broken_base_is_said_and_the_head_still_described(repo, capsys):
    write(repo, "content/services/friday-lunch-club.yaml", "name: [unclosed\n")
    commit(repo, "a broken file")
    write(repo, "content/services/friday-lunch-club.yaml", LUNCH)
    code, out, _ = summary(repo, capsys)
    assert code == 0
    assert "> **The content at `main` (`" in out
    assert "has 1 error(s)**, in `content/services/friday-lunch-club.yaml`: entries that could not be read" in out
    assert bullets(out) == ["Adds the service *Friday Lunch Club* (Riverside Pantry)."]


def test_a_broken_head_prints_its_problems_and_exits_1(repo, capsys):
    edit(repo, FOOD, "organization: riverside-pantry", "organization: riverside-pantri")
    code, out, err = summary(repo, capsys)
    assert code == 1
    line = (
        "content/services/riverside-food-bank.yaml:2:15: error: organization: there is no organisation "
        "(content/organisations/) called 'riverside-pantri' (did you mean 'riverside-pantry'?)"
    )
    assert f"```text\n{line}\n```" in out
    assert "cannot be compared with `main`" in out
    assert line in err and "Traceback" not in err
    assert err.strip().endswith("1 error(s), 0 warning(s)")


def test_an_unknown_base_or_no_repository_is_a_plain_error(repo, tmp_path, capsys):
    code, out, err = summary(repo, capsys, "no-such-branch")
    assert (code, out) == (2, "")
    assert err.strip() == (
        "error: 'no-such-branch' is not a branch, tag or commit of this repository "
        "(in CI, fetch it first: actions/checkout with fetch-depth: 0)"
    )
    code, _, err = summary(repo, capsys, "--output=/tmp/x")
    assert code == 2 and "is not a branch, tag or commit" in err
    alone = tmp_path / "alone"
    shutil.copytree(FIXTURES / "minimal", alone / "content")
    code, _, err = summary(alone, capsys)
    assert code == 2 and "is not in a Git repository" in err and "Traceback" not in err


def test_every_field_of_the_model_is_described(repo):
    """A field added to the model but not to change_fields.py would change unseen."""
    for cls, fields in FIELDS.items():
        covered = {name for f in fields for name in f.covers} | NOT_FACTS
        missing = {f.name for f in dataclasses.fields(cls)} - covered
        assert missing == set(), f"{cls.__name__}: {sorted(missing)} not in change_fields.py"
    entries = {c for c in vars(model).values() if dataclasses.is_dataclass(c) and "slug" in c.__dataclass_fields__}
    assert entries == set(FIELDS)


def test_make_diff_needs_base_and_runs(repo):
    env = {**os.environ, "MAKEFLAGS": ""}
    done = subprocess.run(["make", "-s", "-C", str(ROOT), "diff"], capture_output=True, text=True, env=env)
    assert done.returncode == 2
    assert "Give the commit to compare with: make diff BASE=main" in done.stderr
    write(repo, "content/services/friday-lunch-club.yaml", LUNCH)
    args = ["make", "-s", "-C", str(ROOT), "diff", "BASE=main", f"INPUTDIR={repo / 'content'}", f"CONFFILE={CONF}"]
    done = subprocess.run(args, capture_output=True, text=True, env=env, cwd=repo)
    assert done.returncode == 0, done.stderr
    assert "- Adds the service *Friday Lunch Club* (Riverside Pantry).\n" in done.stdout


# --- who will own each entry: CODEOWNERS is written after the merge, never asked of a volunteer --

COUNCIL = "`@millbrook-council/directory-team`"  # the tests' own settings' maintainers
PANTRY = f"Owned by `@pantry-volunteer` (the organisation's maintainers) and {COUNCIL}."


def owned(out: str) -> list[str]:
    """The summary's lines saying who will own an entry (a bullet inside the entry's)."""
    return [line for line in out.splitlines() if line.startswith("  - Owned by")]


def test_an_added_entry_of_a_group_says_its_maintainers_will_own_it(repo, capsys):
    write(repo, "content/services/friday-lunch-club.yaml", LUNCH)
    code, out, _ = summary(repo, capsys)
    assert code == 0
    assert f"- Adds the service *Friday Lunch Club* (Riverside Pantry).\n  - {PANTRY}\n" in out


def test_an_added_entry_of_a_group_without_maintainers_is_the_councils(repo, capsys):
    write(repo, "content/services/friday-lunch-club.yaml", LUNCH.replace("riverside-pantry", "millbrook-council"))
    _, out, _ = summary(repo, capsys)
    assert owned(out) == [f"  - Owned by the council's maintainers {COUNCIL}."]


def test_a_moved_entry_and_one_given_to_another_group_say_who_owns_them_now(repo, capsys):
    (repo / FOOD).rename(repo / "content/services/food-bank.yaml")
    edit(repo, "content/consultations/library-hours.md", "[riverside-food-bank]", "[food-bank]")
    _, out, _ = summary(repo, capsys)
    assert owned(out) == [f"  - {PANTRY}"]
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "moved")
    edit(repo, "content/services/food-bank.yaml", "organization: riverside-pantry", "organization: millbrook-council")
    _, out, _ = summary(repo, capsys)
    assert owned(out) == [f"  - Owned by the council's maintainers {COUNCIL}."]


def test_a_changed_entry_whose_owners_stay_says_nothing_of_them(repo, capsys):
    edit(repo, FOOD, "free: yes", "free: no")
    _, out, _ = summary(repo, capsys)
    assert bullets(out) and owned(out) == []


def test_a_stale_codeowners_file_is_not_the_contributors_to_fix(repo, capsys):
    """The committed CODEOWNERS out of date with the change: the summary does not ask
    the volunteer to write it (the CODEOWNERS workflow does after the merge)."""
    write(repo, ".github/CODEOWNERS", "* @millbrook-council/directory-team\n")
    commit(repo, "owners")
    write(repo, "content/services/friday-lunch-club.yaml", LUNCH)
    code, out, _ = summary(repo, capsys)
    assert code == 0 and "make codeowners" not in out and "out of date" not in out
    assert owned(out) == [f"  - {PANTRY}"]


def test_without_council_maintainers_no_owner_is_named():
    added = EntryChange("added", "service", "Friday Lunch Club", file="content/services/friday-lunch-club.yaml")
    text = markdown(Changes([added]), "`main`", owners=Owners((), {added.file: ("@pantry-volunteer",)}))
    assert "Owned by" not in text
    text = markdown(Changes([added]), "`main`", owners=Owners(("@team",), {added.file: ("@pantry-volunteer",)}))
    assert "- Adds the service *Friday Lunch Club*.\n  - Owned by `@pantry-volunteer` (the organisation's" in text


# --- nothing GitHub would link; a summary GitHub shows whole ------------------------------------

# What GitHub makes a link, a mention or a reference of, in a run of text: cmark-gfm's
# autolink extension (a scheme's ://, www., an address) and, in the rendered page, its
# filters (@someone, #123, GH-123, a commit id)
GITHUB_LINKS = re.compile(
    r"""
      [a-z][a-z0-9+.-]*://
    | (?<![a-z0-9])www\.
    | [a-z0-9._+-]@[a-z0-9_-]
    | (?<![a-z0-9_])@[a-z0-9][a-z0-9-]*(?:/[a-z0-9-]+)?
    | (?<![a-z0-9_&])\#\d
    | (?<![a-z0-9])gh-\d
    | (?<![a-z0-9])[0-9a-f]{7,40}(?![a-z0-9])
    """,
    re.IGNORECASE | re.VERBOSE,
)


def text_runs(tokens) -> list[str]:
    """The runs of text of parsed Markdown, as GitHub reads them for links: a
    run ends at any markup (an HTML comment too); code and links are left out."""
    runs, run, in_link = [], "", 0
    for token in tokens:
        for child in token.children or ():
            in_link += {"link_open": 1, "link_close": -1}.get(child.type, 0)
            if child.type == "text" and not in_link:
                run += child.content
            else:
                runs.append(run)
                run = ""
        runs.append(run)
        run = ""
    return [r for r in runs if r]


def linkable(markdown_text: str, tokens=None) -> list[str]:
    tokens = tokens or MarkdownIt("commonmark").parse(markdown_text)
    return [m.group(0) for r in text_runs(tokens) for m in GITHUB_LINKS.finditer(r)]


def shown(markdown_text: str) -> str:
    """The text a reader sees: the Markdown rendered, markup taken away."""
    return html.unescape(re.sub(r"<[^>]*>", "", MarkdownIt("commonmark").render(markdown_text)))


def github_links(markdown_text: str) -> list[str]:
    """The links GitHub's own parser (cmark-gfm, its autolink extension) makes of
    ``markdown_text``; mentions and issue numbers GitHub links later, by the rule above."""
    rendered = cmarkgfm.github_flavored_markdown_to_html(markdown_text, options=Options.CMARK_OPT_UNSAFE)
    return re.findall(r'<a href="([^"]*)"', rendered)


LINKS = "https://evil.example www.evil.example x@evil.example @octocat #12 GH-3 c0ffee1"


def test_nothing_from_content_becomes_a_link_or_a_mention(repo, capsys):
    assert linkable(f"- {LINKS}") != []  # the rule finds each one: it can fail
    assert len(github_links(f"- {LINKS}")) == 3  # and GitHub's parser links the address, host and e-mail
    write(repo, "content/services/friday-lunch-club.yaml", LUNCH.replace("Friday Lunch Club", f'"Lunch {LINKS}"'))
    edit(repo, FOOD, "summary: Emergency food parcels for people in crisis.", f'summary: "Mail {LINKS}"')
    code, out, _ = summary(repo, capsys)
    assert code == 0
    assert linkable(out) == []
    assert github_links(out) == []
    assert f"Lunch {LINKS}" in shown(out) and f"Mail {LINKS}" in shown(out)  # as written


LANGUAGES = [f"Language {n:02d} {'spoken ' * 40}" for n in range(30)]  # each longer than quoted (200)


def huge_change(entries: int) -> tuple[Changes, list]:
    """A change to ``entries`` services, each losing and gaining 30 long languages
    (a sentence of about 4 KB), with a warning each: over 2 MB in full."""
    changes = Changes(
        entries=[
            EntryChange(
                "changed",
                "service",
                f"Service {n}",
                url=f"/services/service-{n}/",
                old_url=f"/services/service-{n}/",
                fields=(FieldChange("languages", tuple(LANGUAGES), tuple(f"New {x}" for x in LANGUAGES), "set"),),
            )
            for n in range(entries)
        ]
    )
    warnings = [ContentProblem(f"content/services/s-{n}.yaml", 1, 7, "warning", "x" * 300) for n in range(entries)]
    return changes, warnings


def test_a_huge_change_is_cut_to_fit_a_job_summary():
    changes, warnings = huge_change(500)
    whole = "`git diff 1d74a4ff2000 -- content` shows the whole change"
    said = [len(s.encode("utf-8")) + 3 for e in changes.entries for s in entry_sentences(e)]
    assert sum(said) > 2_000_000
    assert sum(said[:300]) > 1024 * 1024  # 300 sentences alone are over GitHub's limit
    text = markdown(changes, "`main`", warnings=warnings, whole=whole)
    assert 900_000 < len(text.encode("utf-8")) <= MAX_BYTES < 1024 * 1024
    items = bullets(text)
    cut = re.fullmatch(r"… and (\d+) more entries changed, not listed here: (.*)\.", items[-1])
    assert cut and cut[2] == whole
    assert len(items) - 1 + int(cut[1]) == 500  # each entry listed or counted
    # whole lines: each sentence complete, so well-formed Markdown, one list of them
    assert all(item.startswith("Changes the languages of *Service ") and item.endswith(" more.") for item in items[:-1])
    tokens = MarkdownIt("commonmark").parse(text)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings == ["What this change does to the directory", "Pages", "To check"]
    assert sum(t.type == "bullet_list_open" for t in tokens) == 2 + 1  # sentences, changed pages, warnings
    assert "- and 400 more\n" in text  # pages: 100 listed
    assert text.endswith("- … and 200 more, not listed here\n")  # warnings: 300 listed
    assert linkable(text, tokens) == []
