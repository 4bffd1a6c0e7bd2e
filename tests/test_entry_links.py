"""Asking for a change without Git: the issue forms parse and have the fields
the entry pages' links fill in, and those links (from the settings, never from
the folder the build runs in) are encoded properly on the built pages."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from pelican.settings import read_settings

from directory import repository
from directory.settings import SettingsError, parse_settings

from .conftest import CONF, ROOT

FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"
REPO = "https://github.com/millbrook-council/directory"  # pelicanconf.py
FIELD_TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}


def form(name: str) -> dict:
    return yaml.safe_load((FORMS / name).read_text(encoding="utf-8"))


# --- the forms -----------------------------------------------------------------------


def test_there_are_the_three_forms_and_the_chooser():
    assert sorted(p.name for p in FORMS.iterdir()) == [
        "add-entry.yml",
        "config.yml",
        "report-problem.yml",
        "suggest-change.yml",
    ]
    names = {form(p.name)["name"] for p in FORMS.glob("*.yml") if p.name != "config.yml"}
    assert names == {"Add a service or group", "Suggest a change", "Report a problem"}
    chooser = form("config.yml")
    assert chooser["blank_issues_enabled"] is False
    assert all(
        link["url"].startswith("https://") and link["name"] and link["about"] for link in chooser["contact_links"]
    )


@pytest.mark.parametrize("name", ["add-entry.yml", "suggest-change.yml", "report-problem.yml"])
def test_each_form_is_a_valid_issue_form(name):
    """What GitHub requires of an issue form: a name, a description and a body of
    known elements; each field with a unique id and a label; dropdowns and
    checkboxes with options; at least one field that is not just text."""
    data = form(name)
    assert isinstance(data["name"], str) and isinstance(data["description"], str) and data["description"]
    assert all(isinstance(label, str) for label in data.get("labels", []))
    ids = []
    for element in data["body"]:
        assert element["type"] in FIELD_TYPES, element
        attributes = element["attributes"]
        if element["type"] == "markdown":
            assert attributes["value"].strip()
            continue
        assert re.fullmatch(r"[A-Za-z0-9_-]+", element["id"]), element["id"]
        ids.append(element["id"])
        assert attributes["label"].strip()
        if element["type"] == "dropdown":
            assert attributes["options"] and all(isinstance(o, str) for o in attributes["options"])
        if element["type"] == "checkboxes":
            assert all(isinstance(o["label"], str) for o in attributes["options"])
    assert ids and len(ids) == len(set(ids))


def test_the_suggest_form_has_the_fields_the_links_fill_in():
    assert repository.SUGGEST_FORM == "suggest-change.yml"
    ids = {e.get("id") for e in form(repository.SUGGEST_FORM)["body"]}
    assert {repository.ENTRY_FIELD, repository.FILE_FIELD, repository.PAGE_FIELD} <= ids


# --- the links on built pages -------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from directory.commands.build import build

    out = tmp_path_factory.mktemp("links") / "out"
    build(str(ROOT / "tests/fixtures/minimal"), str(out), str(CONF))  # from tests/fixtures/, not content/
    return out


def links_on(page: Path) -> dict[str, str]:
    """Link text -> address (as the browser reads it), in the entry's footer."""
    footer = re.search(r'<div class="ch-entry-footer">(.*?)</div>', page.read_text(encoding="utf-8"), re.S).group(1)
    return {
        html.unescape(text): html.unescape(href) for href, text in re.findall(r'href="([^"]+)">([^<]+)</a>', footer)
    }


@pytest.mark.parametrize(
    "page, noun, name, file",
    [
        ("services/riverside-food-bank", "service", "Riverside Food Bank", "content/services/riverside-food-bank.yaml"),
        (
            "organisations/riverside-pantry",
            "organisation",
            "Riverside Pantry",
            "content/organisations/riverside-pantry.yaml",
        ),
        ("locations/st-marys-hall", "place", "St Mary's Hall", "content/locations/st-marys-hall.yaml"),
        (
            "consultations/library-hours",
            "consultation",
            "Library opening hours",
            "content/consultations/library-hours.md",
        ),
    ],
)
def test_each_entry_page_links_to_the_suggest_form_and_the_web_editor(built, page, noun, name, file):
    links = links_on(built / page / "index.html")
    suggest = urlsplit(links[f"Suggest a change to this {noun}"])
    assert f"{suggest.scheme}://{suggest.netloc}{suggest.path}" == f"{REPO}/issues/new"
    assert parse_qs(suggest.query, strict_parsing=True) == {
        "template": ["suggest-change.yml"],
        "title": [f"Suggest a change: {name}"],
        "entry": [name],
        "file": [file],
        "page": [f"http://localhost:8000/{page}/"],
    }
    assert links["Edit this entry"] == f"{REPO}/edit/main/{file}"


def test_the_query_is_percent_encoded_and_the_html_escaped(built):
    raw = (built / "locations/st-marys-hall/index.html").read_text(encoding="utf-8")
    href = re.search(r'href="([^"]*issues/new[^"]*)"', raw).group(1)
    assert "&amp;entry=St%20Mary%27s%20Hall&amp;" in href  # an apostrophe cannot end the attribute
    assert " " not in href and "'" not in href and "<" not in href


def test_the_footer_suggests_the_entry_change_and_other_pages_email(built):
    entry = (built / "services/riverside-food-bank/index.html").read_text(encoding="utf-8")
    footer = re.search(r'<footer class="govuk-footer">.*</footer>', entry, re.S).group(0)
    assert f'href="{REPO}/issues/new?template=suggest-change.yml&amp;' in footer
    other = (built / "services/index.html").read_text(encoding="utf-8")
    assert 'href="mailto:directory@millbrook.example?subject=Suggest%20a%20change%3A%20Services"' in other
    assert "ch-entry-footer" not in other


def test_without_a_repository_there_are_no_edit_or_suggest_links(copy_fixture, build, tmp_path):
    conf = tmp_path / "conf.py"
    text = CONF.read_text(encoding="utf-8")
    conf.write_text(re.sub(r'\n    "repository_url": [^\n]*', "", text), encoding="utf-8")
    code, out = build(copy_fixture(), conf=conf)
    assert code == 0
    page = (out / "services/riverside-food-bank/index.html").read_text(encoding="utf-8")
    assert "ch-entry-footer" not in page and "/edit/" not in page
    assert 'href="mailto:directory@millbrook.example?subject=' in page


# --- GitHub and GitLab ---------------------------------------------------------------


def settings_for(url: str, **more):
    return parse_settings({"repository_url": url, **more})


def test_github_links():
    s = settings_for("https://github.com/millbrook/directory", repository_branch="live/site")
    assert repository.host(s.repository_url) == "GitHub"
    path = "content/services/baby-bank.yaml"
    assert repository.edit_url(s, path) == "https://github.com/millbrook/directory/edit/live/site/" + path
    assert repository.file_url(s, path) == "https://github.com/millbrook/directory/blob/live/site/" + path
    url = repository.suggest_url(s, "Baby & Bank #1", path, "https://d.example/services/baby-bank/")
    assert url.startswith("https://github.com/millbrook/directory/issues/new?template=suggest-change.yml&title=")
    assert parse_qs(urlsplit(url).query)["entry"] == ["Baby & Bank #1"]  # & and # encoded


@pytest.mark.parametrize(
    "host", ["https://gitlab.com", "https://gitlab.millbrook.gov.uk", "https://code.gitlab.example"]
)
def test_gitlab_links(host):
    s = settings_for(f"{host}/council/web/directory")
    path = "content/services/baby-bank.yaml"
    assert repository.host(s.repository_url) == "GitLab"
    assert repository.edit_url(s, path) == f"{host}/council/web/directory/-/edit/main/{path}"
    assert repository.file_url(s, path) == f"{host}/council/web/directory/-/blob/main/{path}"
    url = urlsplit(repository.suggest_url(s, "Baby Bank", path, "https://d.example/services/baby-bank/"))
    assert url.path == "/council/web/directory/-/issues/new"
    query = parse_qs(url.query, strict_parsing=True)
    assert query["issue[title]"] == ["Suggest a change: Baby Bank"]
    description = query["issue[description]"][0]
    assert f"Entry: Baby Bank\nFile: {path}\nPage: https://d.example/services/baby-bank/\n" in description


def test_a_github_enterprise_host_is_github():
    assert repository.host("https://git.millbrook.gov.uk/web/directory") == "GitHub"


def test_the_retired_suggest_change_url_setting_says_what_replaced_it():
    raw = read_settings(str(CONF))["DIRECTORY"]
    with pytest.raises(SettingsError, match="'suggest_change_url' is no longer used: .* repository_url"):
        parse_settings({**raw, "suggest_change_url": "https://git.example/edit/main/{source}"})
