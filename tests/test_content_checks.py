"""`make check`, the content checks a pull request that changes only content runs: they
hold for any valid directory. Each passes on four folders (a copy of the sample, a
generated directory, a one-entry directory, the sample plus an entry `make new` wrote)
and fails, naming the problem, on a folder with a broken link, an inaccessible link and
a file over its budget.

Each folder is checked once (module-scoped runs, shared by the tests that read them), by
the real command in a process of its own, with real html-validate and real Chromium. The
seconds each run takes are in pytest's --durations list (the fixtures' setup).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import CONF, FIXED_EPOCH, FIXTURES, ROOT, SAMPLE

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHECKS = ("html-validate", "axe", "links", "budgets")


@dataclass
class Run:
    code: int
    out: str
    err: str
    seconds: float

    def passed(self, check: str) -> bool:
        return f"\n{check}: passed in " in f"\n{self.err}"


def environment(tmp: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT / "plugins"),
        "SOURCE_DATE_EPOCH": str(FIXED_EPOCH),
        "XDG_CACHE_HOME": str(tmp / "xdg-cache"),
        "CHROMIUM": CHROMIUM,
        **extra,
    }


def content_check(content: Path, tmp: Path, *options: str, chromium: str = CHROMIUM) -> Run:
    """``python -m directory.commands.check`` on ``content`` with the tests' settings."""
    command = [sys.executable, "-m", "directory.commands.check", str(content), "-s", str(CONF), *options]
    start = time.monotonic()
    env = environment(tmp, CHROMIUM=chromium)
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900, check=False)
    return Run(done.returncode, done.stdout, done.stderr, time.monotonic() - start)


def council_files(folder: Path, fixture: Path = FIXTURES / "minimal") -> Path:
    """The files a council keeps beside its entries (its postcode file, the images its
    settings name), from a fixture, into ``folder``."""
    shutil.copy(fixture / "postcodes.csv", folder / "postcodes.csv")
    if (fixture / "images").is_dir():
        shutil.copytree(fixture / "images", folder / "images", dirs_exist_ok=True)
    return folder


def assert_passed(run: Run, pages_at_least: int) -> None:
    assert run.code == 0, run.err
    assert all(run.passed(check) for check in CHECKS), run.err
    assert "All the content checks passed." in run.err
    [pages] = [line for line in run.err.splitlines() if line.startswith("links: passed in ")]
    assert int(pages.split()[3].replace(",", "")) >= pages_at_least, pages


# --- four folders that pass ---------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory) -> Run:
    """`make check` itself on a copy of the sample."""
    tmp = tmp_path_factory.mktemp("sample")
    content = shutil.copytree(SAMPLE, tmp / "content")
    args = ["make", "-s", "-C", str(ROOT), "check", f"INPUTDIR={content}", f"CONFFILE={CONF}", f"CHROMIUM={CHROMIUM}"]
    start = time.monotonic()
    env = environment(tmp, MAKEFLAGS="")
    done = subprocess.run(args, capture_output=True, text=True, env=env, timeout=900, check=False)
    return Run(done.returncode, done.stdout, done.stderr, time.monotonic() - start)


def test_make_check_passes_on_the_sample(sample_run):
    assert_passed(sample_run, pages_at_least=300)
    assert "axe: passed in 25 types of page, 2 widths" in sample_run.err
    assert "warning: " in sample_run.err  # validate's warnings are printed, and do not fail it


def test_the_checks_pass_on_a_generated_directory(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("generated")
    content = tmp / "content"
    generate = [sys.executable, str(ROOT / "bench/generate.py"), "30", str(content), "--quiet"]
    subprocess.run(generate, check=True, capture_output=True)
    assert len(list((content / "services").glob("*.yaml"))) == 30
    assert_passed(content_check(council_files(content, SAMPLE), tmp), pages_at_least=100)


def test_the_checks_pass_on_a_directory_of_one_entry(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("one")
    content = tmp / "content"
    (content / "organisations").mkdir(parents=True)
    council_files(content)
    pantry = (FIXTURES / "minimal/organisations/riverside-pantry.yaml").read_text(encoding="utf-8")
    assert "areas: [north-ward]\n" in pantry  # an area of a taxonomy this folder does not have
    (content / "organisations/riverside-pantry.yaml").write_text(pantry.replace("areas: [north-ward]\n", ""), "utf-8")
    run = content_check(content, tmp)
    assert_passed(run, pages_at_least=10)
    assert "Built 0 services, 1 organisation" in run.err


def test_the_checks_pass_on_the_sample_with_an_entry_make_new_wrote(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("new")
    content = shutil.copytree(SAMPLE, tmp / "content")
    new = [sys.executable, "-m", "directory.commands.new", "--kind", "service", "--name", "Friday Lunch Club"]
    new += ["--organisation", "millbrook-foodbank", str(content), "-s", str(CONF)]
    subprocess.run(new, cwd=ROOT, env=environment(tmp), check=True, capture_output=True)
    entry = content / "services/friday-lunch-club.yaml"
    text = entry.read_text(encoding="utf-8")
    # the volunteer writes the entry's own words over the example text, and a way to reach it
    for example, own in [
        ("summary: Write the summary here.", "summary: A hot meal and company every Friday."),
        ("description: Write the description here.", "description: Lunch for anyone who would like **company**."),
        ("# url: https://example.org\n", "url: https://example.org/lunch\n"),
    ]:
        assert example in text
        text = text.replace(example, own)
    entry.write_text(text, encoding="utf-8")
    run = content_check(content, tmp, "-o", str(tmp / "site"))
    assert_passed(run, pages_at_least=300)
    assert (tmp / "site/services/friday-lunch-club/index.html").is_file()


# --- what fails, named ---------------------------------------------------------------------

BROKEN_LINKS = "\nRead [our history](/history/) and [](/services/).\n"


@pytest.fixture(scope="module")
def broken_run(tmp_path_factory) -> Run:
    """The sample with a page linking to a page the site does not have and a link with no
    words (both written in a page's Markdown, as a contributor could), checked with the
    embed script's budget lowered below its size."""
    tmp = tmp_path_factory.mktemp("broken")
    content = shutil.copytree(SAMPLE, tmp / "content")
    with (content / "pages/about.md").open("a", encoding="utf-8") as about:
        about.write(BROKEN_LINKS)
    return content_check(content, tmp, "--budget", "widget-script=2048")


def test_a_link_to_no_page_of_the_site_fails_with_the_page_and_the_link(broken_run):
    assert broken_run.code == 1
    assert "about/index.html:" in broken_run.err
    assert ": error: the link '/history/' on /about/ leads to nothing in the site\n" in broken_run.err
    assert "links: 1 problem(s) in " in broken_run.err


def test_a_link_without_words_fails_axe_and_html_validate_on_its_page(broken_run):
    for width in ("phone, 320 px wide", "desktop, 1280 px wide"):
        assert f"/about/ ({width}): error: Links must have discernible text (axe link-name, serious)" in broken_run.err
    assert "axe: 2 problem(s) in 25 types of page" in broken_run.err
    assert "(html-validate wcag/h30)" in broken_run.err and "html-validate: 1 problem(s)" in broken_run.err


def test_a_file_over_its_budget_fails_with_its_size_and_budget(broken_run):
    assert (
        "widget/v1/civic-hub.js: error: the embed script is " in broken_run.err
        and "KB gzipped: its budget is at most 2 KB gzipped (widget-script)\n" in broken_run.err
    )
    assert "error: the content checks found 5 problem(s), listed above" in broken_run.err


def test_content_errors_end_the_check_before_anything_is_built(tmp_path):
    content = shutil.copytree(FIXTURES / "minimal", tmp_path / "content")
    food = content / "services/riverside-food-bank.yaml"
    food.write_text(food.read_text(encoding="utf-8").replace("organization: riverside-pantry", "organization: nobody"))
    run = content_check(content, tmp_path)
    assert run.code == 1
    assert "services/riverside-food-bank.yaml:" in run.err and ": error: " in run.err
    assert "Built " not in run.err and "axe:" not in run.err


def test_an_unknown_budget_or_a_missing_browser_is_said_before_anything_runs(tmp_path):
    run = content_check(SAMPLE, tmp_path, "--budget", "pages=1")
    assert run.code == 2
    assert "error: there is no budget called 'pages'; the budgets are widget-script, widget-category-data" in run.err
    run = content_check(SAMPLE, tmp_path, chromium=str(tmp_path / "no-chromium"))
    assert run.code == 2
    assert f"error: Chromium is not at {tmp_path / 'no-chromium'}: install it" in run.err
    assert "Built " not in run.err


def test_links_to_a_missing_part_of_a_page_or_to_the_sites_own_address_are_followed(tmp_path):
    """The link check on a hand-made site: relative links, links from the root and on
    site_url are the site's; another site's, mailto: and tel: are not followed."""
    from directory.commands.check_links import check_links

    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_text('<h2 id="opening">Opening</h2><a href="../#top">top</a>', "utf-8")
    links = [
        "/a/#opening",  # there
        "a/#closing",  # no such id on the page
        "https://directory.example/a/",  # the site's own address: there
        "https://directory.example/b/",  # no such page
        "https://other.example/b/",
        "mailto:x@example.org",
        "tel:01632960000",
        "#main",  # this page's own id
        "#gone",
    ]
    body = '<main id="main">' + "".join(f'<a href="{link}">x</a>' for link in links) + "</main>"
    (tmp_path / "index.html").write_text(body, "utf-8")
    found = [f"{f.where}: {f.message}" for f in check_links(tmp_path, "https://directory.example")]
    assert [line.split(": ", 1)[1] for line in found] == [
        "the link 'a/#closing' on / leads to a part of its page that is not there",
        "the link 'https://directory.example/b/' on / leads to nothing in the site",
        "the link '#gone' on / leads to a part of its page that is not there",
    ]
    assert all(line.startswith("index.html:1:") for line in found)
