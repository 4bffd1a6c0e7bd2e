"""Build tests: build small sites into tmp_path and read the output."""

from __future__ import annotations

import json
import re
import time

import pytest

from .conftest import settings_file


def test_minimal_site_builds_every_page_type(copy_fixture, build):
    code, out = build(copy_fixture())
    assert code == 0
    for page in [
        "index.html",
        "services/riverside-food-bank/index.html",
        "organisations/riverside-pantry/index.html",
        "locations/st-marys-hall/index.html",
        "categories/index.html",
        "categories/food/index.html",
        "areas/north-ward/index.html",
        "a-z/index.html",
        "consultations/index.html",
        "consultations/library-hours/index.html",
        "about/index.html",
        "search/index.html",
        "search/index.json",
        "404.html",
        "sitemap.xml",
        "brand.css",
        "services/index.html",
        "organisations/index.html",
        "locations/index.html",
    ]:
        assert (out / page).is_file(), page


def test_parent_category_lists_services_of_its_children(copy_fixture, build):
    code, out = build(copy_fixture())
    html = (out / "categories/food/index.html").read_text()
    assert "Riverside Food Bank" in html


def tree_hashes(folder) -> dict:
    import hashlib

    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_build_changes_nothing_in_the_content_folder(copy_fixture, build):
    content = copy_fixture()
    before = tree_hashes(content)
    code, _ = build(content)
    assert code == 0
    assert tree_hashes(content) == before


def test_building_twice_in_one_process_gives_the_same_site(copy_fixture, build, tmp_path):
    content = copy_fixture()
    assert build(content, tmp_path / "one")[0] == 0
    assert build(content, tmp_path / "two")[0] == 0  # the devserver case: signals, caches
    assert tree_hashes(tmp_path / "one") == tree_hashes(tmp_path / "two")


def test_a_rebuild_replaces_the_whole_output(copy_fixture, build, tmp_path):
    content = copy_fixture()
    out = tmp_path / "out"
    assert build(content, out)[0] == 0
    (content / "services/money-advice.yaml").unlink()
    assert build(content, out)[0] == 0
    assert not (out / "services/money-advice").exists()
    # the old site is deleted in the background, so the build need not wait for it
    deadline = time.monotonic() + 30
    while leftovers(tmp_path) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert leftovers(tmp_path) == []


def leftovers(folder) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".out") and p.name != ".out.cache"]


def test_service_page_shows_the_facts_in_words(copy_fixture, build):
    code, out = build(copy_fixture())
    html = (out / "services/riverside-food-bank/index.html").read_text()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    for expected in [
        "Riverside Food Bank",
        "Mondays and Wednesdays, 10am to 12:30pm (closed on bank holidays)",
        "Drop in, no appointment needed",
        "Free",
        "All ages",
        "St Mary's Hall",
        "1 Church Lane",
        "ZZ1 1AA",
        "Polish",
        "Step-free access",
        "Riverside Pantry",
        "Last checked",
        "14 September 2026",
        "Library opening hours",
        "Suggest a change",
    ]:
        assert expected.replace("'", "&#39;") in text or expected in text, expected
    assert 'href="tel:01632960002"' in html
    # the file as the repository names it, not the fixture folder the test builds from
    assert (
        'href="https://github.com/millbrook-council/directory/edit/main/content/services/riverside-food-bank.yaml"'
        in html
    )


def test_entry_pages_carry_schema_org_json_ld(copy_fixture, build):
    code, out = build(copy_fixture())
    for page, kind in [
        ("services/riverside-food-bank", "Service"),
        ("organisations/riverside-pantry", "Organization"),
        ("locations/st-marys-hall", "Place"),
        ("consultations/library-hours", "WebPage"),
    ]:
        html = (out / page / "index.html").read_text()
        block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
        data = json.loads(block)
        assert data["@context"] == "https://schema.org" and data["@type"] == kind


def test_sitemap_lists_every_page_once_with_the_site_address(copy_fixture, build):
    code, out = build(copy_fixture())
    xml = (out / "sitemap.xml").read_text()
    locations = re.findall(r"<loc>(.*?)</loc>", xml)
    assert len(locations) == len(set(locations))
    assert "http://localhost:8000/services/riverside-food-bank/" in locations
    assert all(loc.startswith("http://localhost:8000/") for loc in locations)
    frames = set((out / "embed").glob("*/**/index.html"))  # other sites' frames, not pages of this one
    editor = out / "admin/index.html"  # the web editor: a tool, not a page to find
    pages = set(out.rglob("index.html")) - frames - {editor}
    assert frames and editor.is_file() and len(locations) == len(pages)
    assert "http://localhost:8000/admin/" not in locations
    assert "http://localhost:8000/embed/" in locations


def test_consultation_statuses_at_build_time(copy_fixture, build):
    code, out = build(copy_fixture())
    html = (out / "consultations/index.html").read_text()
    assert re.search(r"data-consultation-status[^>]*>\s*Open\s*<", html)
    assert re.search(r"data-consultation-status[^>]*>\s*Outcome published\s*<", html)
    assert "You said more benches" in (out / "consultations/parks-plan/index.html").read_text()


def test_a_bad_setting_stops_the_build_with_a_message(copy_fixture, build, tmp_path):
    conf = tmp_path / "conf.py"
    settings_file(conf, "DIRECTORY = {**DIRECTORY, 'brand_colour': '#ffff00'}\n")

    code, _ = build(copy_fixture(), conf=conf)
    assert code == 2
    assert not (tmp_path / "output").exists()


def test_long_lists_are_paginated_and_every_letter_has_a_page(copy_fixture, build, tmp_path):
    conf = tmp_path / "conf.py"
    settings_file(conf, "DIRECTORY = {**DIRECTORY, 'page_size': 1}\n")
    content = copy_fixture()
    service = content / "services/riverside-food-bank.yaml"
    service.write_text(service.read_text().replace("categories: [food-banks]", "categories: [food-banks, advice]"))
    code, out = build(content, conf=conf)
    assert code == 0
    first = (out / "categories/advice/index.html").read_text()
    second = (out / "categories/advice/page/2/index.html").read_text()
    assert 'href="/categories/advice/page/2/"' in first and "Money Advice Drop-in" in first
    assert 'href="/categories/advice/"' in second and "Riverside Food Bank" in second
    assert "Showing 2 to 2 of 2 services" in second
    assert not (out / "categories/food-banks/page/2").exists()  # one service: one page
    az = (out / "a-z/index.html").read_text()
    assert 'href="/a-z/r/"' in az and 'href="/a-z/m/"' in az and 'href="/a-z/q/"' not in az
    r_page = (out / "a-z/r/index.html").read_text()
    assert "Riverside Food Bank" in r_page and "Riverside Pantry" in r_page and "Money Advice" not in r_page


def test_pagination_window_links_first_last_and_neighbours():
    from directory.pagination import paginate

    pages = list(paginate(list(range(95)), "/categories/x/", 10))
    assert [url for url, _, _ in pages][:3] == ["/categories/x/", "/categories/x/page/2/", "/categories/x/page/3/"]
    url, items, p = pages[4]
    assert items == list(range(40, 50)) and (p.first_item, p.last_item, p.total_items) == (41, 50, 95)
    assert p.previous_url == "/categories/x/page/4/" and p.next_url == "/categories/x/page/6/"
    assert [None if w is None else w[0] for w in p.window] == [1, None, 4, 5, 6, None, 10]
    assert pages[-1][2].next_url == "" and len(pages[-1][1]) == 5
    assert list(paginate([], "/x/", 10))[0][2].count == 1


def test_an_unexpected_error_prints_a_short_message_and_logs_its_traceback(copy_fixture, build, tmp_path, capsys):
    import shutil

    from .conftest import ROOT

    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme/templates", theme / "templates")
    (theme / "templates/home.html").write_text("{{ 1 // 0 }}")  # a bug, not a content problem
    conf = tmp_path / "conf.py"
    settings_file(conf, f"THEME = {str(theme)!r}\n")
    content = copy_fixture()
    code, out = build(content, conf=conf)
    err = capsys.readouterr().err
    assert code == 1 and not out.exists()
    assert "the build failed unexpectedly (ZeroDivisionError: integer division or modulo by zero)" in err
    assert "Traceback" not in err
    log = tmp_path / ".output.error.log"
    assert str(log) in err
    assert "Traceback" in log.read_text() and "ZeroDivisionError" in log.read_text()
    # the next good build removes the log it no longer needs
    assert build(content)[0] == 0
    assert not log.exists()


def test_the_settings_are_validated_once_per_build(copy_fixture, build, monkeypatch):
    from directory import settings

    calls = []
    real = settings.parse_settings
    monkeypatch.setattr(settings, "parse_settings", lambda raw: calls.append(raw) or real(raw))
    assert build(copy_fixture())[0] == 0
    assert len(calls) == 1


def test_a_ready_made_file_is_written_as_it_is_and_never_twice(tmp_path):
    from types import SimpleNamespace

    from directory.outputs.site import Output

    from .conftest import project_settings

    out = Output(SimpleNamespace(output_path=str(tmp_path)), None, {}, project_settings())
    out.text("/openreferral/index.json", '{"a": "£1"}')
    assert (tmp_path / "openreferral/index.json").read_bytes() == '{"a": "£1"}'.encode()
    with pytest.raises(RuntimeError, match="written twice"):
        out.text("/openreferral/index.json", "{}")
    assert out.written == ["/openreferral/index.json"]
