"""Search (lunr.js over the index lunr.py built) and consultation statuses that the
browser re-computes from machine-readable dates."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
import yaml

from .conftest import ROOT

pytestmark = pytest.mark.browser


def result_links(page) -> list[str]:
    page.wait_for_selector("#search-list li a")
    return page.eval_on_selector_all("#search-list li a", "as => as.map(a => a.getAttribute('href'))")


def test_search_from_home_finds_a_service_by_its_name(open_page, sample_url):
    slug = (
        "riverside-food-bank"
        if (ROOT / "content/services/riverside-food-bank.yaml").exists()
        else sorted((ROOT / "content/services").glob("*.yaml"))[0].stem
    )
    name = yaml.safe_load((ROOT / f"content/services/{slug}.yaml").read_text())["name"]
    page, watch = open_page(sample_url)
    page.goto(sample_url + "/")
    page.fill("input[name=q]", name)
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    links = result_links(page)
    assert f"/services/{slug}/" in links[:3]
    assert "result" in page.inner_text("#search-status")
    assert watch.foreign_requests == [] and watch.dialogs == []


def test_category_filter_includes_subcategories(open_page, sample_url, sample_site):
    manifest = json.loads((sample_site / "search/index.json").read_text())
    docs = {}
    for url in manifest["shards"]:
        docs.update(json.loads((sample_site / url.lstrip("/")).read_text())["docs"])
    categories = yaml.safe_load((ROOT / "content/taxonomy/categories.yaml").read_text())
    parent = next(
        slug for slug, t in sorted(categories.items()) if any(c.get("parent") == slug for c in categories.values())
    )
    family = {parent} | {s for s, t in categories.items() if t.get("parent") == parent}
    expected = {d["u"] for d in docs.values() if family & set(d["c"])}
    page, _ = open_page(sample_url)
    page.goto(f"{sample_url}/search/?q=&category={parent}")
    page.wait_for_selector("#search-status:not(:empty)")
    while page.is_visible("#search-more"):
        page.click("#search-more")
    assert set(result_links(page)) == expected
    assert page.input_value("#search-category") == parent


def test_no_results_says_so_in_words(open_page, sample_url):
    page, _ = open_page(sample_url)
    page.goto(sample_url + "/search/?q=xylophonequartz")
    page.wait_for_selector("#search-status:not(:empty)")
    assert page.inner_text("#search-status").startswith("0 results")
    assert page.is_hidden("#search-list")


def test_search_page_without_javascript_points_to_browsing(open_page, sample_url):
    page, _ = open_page(sample_url, java_script_enabled=False)
    page.goto(sample_url + "/search/?q=food")
    text = page.inner_text("main")
    assert "needs JavaScript" in text
    for href in ("/categories/", "/areas/", "/a-z/"):
        assert page.locator(f"main a[href='{href}']").count() >= 1


def test_statuses_match_the_build_when_the_clock_agrees(open_page, sample_url):
    page, _ = open_page(sample_url)
    page.clock.set_fixed_time(datetime(2026, 11, 26, 12, 0, tzinfo=UTC))
    page.goto(sample_url + "/consultations/")
    page.wait_for_load_state("load")
    texts = {t.strip() for t in page.locator("[data-consultation-status]").all_text_contents()}
    assert {"Open", "Closing soon", "Closed"} <= texts
    assert any(t.startswith("Opens ") for t in texts)


def test_the_browser_corrects_a_stale_open_status(open_page, sample_url):
    page, _ = open_page(sample_url)
    page.clock.set_fixed_time(datetime(2030, 1, 1, tzinfo=UTC))
    page.goto(sample_url + "/consultations/")
    page.wait_for_load_state("load")
    texts = {t.strip() for t in page.locator("[data-consultation-status]").all_text_contents()}
    assert texts == {"Closed"}


def test_without_javascript_the_build_time_status_is_shown(open_page, sample_url):
    page, _ = open_page(sample_url, java_script_enabled=False)
    page.goto(sample_url + "/consultations/")
    texts = {t.strip() for t in page.locator("[data-consultation-status]").all_text_contents()}
    assert "Open" in texts and "Closed" in texts


def test_search_merges_results_from_every_shard(open_page, paginated_url):
    """Built with 20 entries a shard: a name from the last shard is still found first."""
    last_service = sorted((ROOT / "content/services").glob("*.yaml"))[-1]
    name = yaml.safe_load(last_service.read_text())["name"]
    page, watch = open_page(paginated_url)
    page.goto(f"{paginated_url}/search/?q={name}")
    assert result_links(page)[0] == f"/services/{last_service.stem}/"
    shard_requests = page.evaluate(
        "performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('/search/shard-'))"
    )
    assert len(shard_requests) >= 5
