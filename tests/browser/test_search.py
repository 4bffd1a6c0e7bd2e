"""Search on the sample site, in Chromium: the index split by term, forgiving
queries, filters with counts, near me, the address, the keyboard and no JavaScript."""

from __future__ import annotations

import json
import math
import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from ..conftest import SAMPLE
from .conftest import SAMPLE_EPOCH
from .test_accessibility import axe_violations

pytestmark = pytest.mark.browser


def search(page, base: str, query: str = "") -> None:
    page.goto(f"{base}/search/{query}")
    wait_for_results(page)


def wait_for_results(page) -> None:
    page.wait_for_function(
        "() => { const s = document.getElementById('search-status').textContent;"
        " return s && !s.startsWith('Searching'); }"
    )


def wait_for_counts(page) -> None:
    page.wait_for_function("() => [...document.querySelectorAll('[data-count]')].some(s => s.textContent)")


def links(page) -> list[str]:
    return page.eval_on_selector_all("#search-list .ch-card__title a", "as => as.map(a => a.getAttribute('href'))")


def status(page) -> str:
    return page.inner_text("#search-status")


# --- queries --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, expected",
    [
        ("?q=English+for+Speakers", "/services/adult-learning-esol/"),  # words of a name
        ("?q=foodbank", "/services/foodbank-eastgate/"),  # a synonym of "food bank"
        ("?q=foodbnak", "/services/foodbank-eastgate/"),  # a typo
        ("?q=foodba", "/services/foodbank-eastgate/"),  # as you type
        ("?q=ESOL", "/services/adult-learning-esol/"),
        ("?q=English+lessons", "/services/adult-learning-esol/"),  # a synonym of ESOL
        ("?q=family+doctor", "/services/exercise-on-referral/"),  # a synonym of GP
        ("?q=baby+bank", "/services/baby-bank/"),  # two words, both needed
    ],
)
def test_queries_find_what_residents_mean(open_page, sample_url, query, expected):
    page, watch = open_page(sample_url)
    search(page, sample_url, query)
    assert expected in links(page)[:5], (query, links(page))
    assert watch.foreign_requests == [] and watch.console_errors == []


def test_two_words_put_entries_with_both_first(open_page, sample_url):
    page, _ = open_page(sample_url)
    search(page, sample_url, "?q=youth+bus")
    assert links(page)[0] == "/services/millbrook-youth-bus/"
    assert "1 result for" in status(page)  # only the entry with both words


def test_nothing_found_suggests_spellings_that_exist_and_browsing(open_page, sample_url):
    page, _ = open_page(sample_url)
    search(page, sample_url, "?q=cuonselling")
    # "cuonselling" is two edits from "counselling": no typo match, but a suggestion
    assert status(page).startswith("0 results")
    hint = page.inner_text("#search-hint-text")
    assert hint.startswith("Did you mean") and "counsel" in hint
    assert page.locator("#search-browse a[href^='/categories/']").count() >= 10
    page.click("#search-hint-text a")
    wait_for_results(page)
    assert "counsel" in page.url and links(page)


def split_and_whole_scores(page, content: Path, queries: list[str]) -> list[dict]:
    """Each query run by the page's search on its split index, and the same lunr
    query on lunr.py's whole index of ``content``: ``{q, split, whole, shards}``,
    the results as ``[ref, score]`` pairs."""
    from directory.reading.loader import load_directory
    from directory.search import documents

    from ..conftest import lunr_index, project_settings

    settings = project_settings()
    now = datetime.fromtimestamp(int(SAMPLE_EPOCH), ZoneInfo("Europe/London"))
    directory = load_directory(content, settings, now.date()).directory
    whole = json.dumps(lunr_index(documents.entries(directory, now, settings.closing_soon_days)).serialize())
    return page.evaluate(
        """async ([whole, queries]) => {
          const full = lunr.Index.load(JSON.parse(whole));
          const search = CivicHub.searchPage.search;
          const out = [];
          for (const q of queries) {
            const found = await search.query(q);
            const query = CivicHub.searchIndex.buildQuery(found.parsed, found.planned);
            const negated = found.parsed.advanced && found.parsed.negated;
            const pairs = rs => rs.map(r => [r.ref, r.score]);
            out.push({q, split: pairs(search.index.lunr(negated).query(query)), whole: pairs(full.query(query)),
                      shards: Object.keys(search.index.loaded).length});
          }
          return out;
        }""",
        [whole, queries],
    )


def assert_same_ranking(compared: list[dict]) -> None:
    for result in compared:
        split, reference = dict(result["split"]), dict(result["whole"])
        assert split.keys() == reference.keys(), result["q"]
        for ref, score in reference.items():
            assert math.isclose(split[ref], score, rel_tol=1e-12, abs_tol=1e-12), (result["q"], ref)
        assert [r for r, _ in result["split"]] == [r for r, _ in result["whole"]], result["q"]


def test_the_split_index_scores_exactly_as_one_whole_lunr_index(open_page, sample_url):
    page, _ = open_page(sample_url)
    search(page, sample_url, "?q=food")
    queries = ["food", "food bank", "advice money", "foodb", "foodbnak", "+food -bank", "title:food*", "-bank", "gp"]
    compared = split_and_whole_scores(page, SAMPLE, [*queries, "xyzzy"])
    assert_same_ranking(compared)
    assert all(r["split"] for r in compared[:-1])
    assert compared[-1]["split"] == []  # a word in no entry


def test_a_query_fetches_only_the_shards_its_words_need(open_page, sample_url, sample_site):
    manifest = json.loads((sample_site / "search/index.json").read_text())
    page, _ = open_page(sample_url)
    search(page, sample_url, "?q=swimming")
    fetched = page.evaluate(
        "performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('/search/terms/'))"
    )
    assert 1 <= len(fetched) < len(manifest["shards"]) / 4
    assert all(re.search(r"/search/terms/\d+\.json\?v=" + manifest["v"], f) for f in fetched)


def test_a_part_from_another_build_is_reloaded_not_mixed(open_page, sample_url, sample_site):
    page, _ = open_page(sample_url)
    served = {"stale": 1}

    def stale_once(route):
        if served["stale"]:
            served["stale"] -= 1
            body = json.loads((sample_site / "search/terms/0.json").read_text())
            body["v"] = "an-older-build"
            return route.fulfill(status=200, content_type="application/json", body=json.dumps(body))
        return route.continue_()

    page.route(re.compile(r".*/search/terms/\d+\.json.*"), stale_once)
    search(page, sample_url, "?q=swimming")
    assert served["stale"] == 0
    assert links(page) and "results" in status(page) or "result" in status(page)


# --- filters ------------------------------------------------------------------------------


def category_page_links(page, base: str, slug: str) -> set[str]:
    page.goto(f"{base}/categories/{slug}/")
    return set(
        page.eval_on_selector_all("main .ch-card-list .ch-card__title a", "as => as.map(a => a.getAttribute('href'))")
    )


def test_a_filter_without_words_lists_what_its_category_page_lists(open_page, sample_url):
    page, _ = open_page(sample_url)
    expected = category_page_links(page, sample_url, "food")  # with its narrower categories' entries
    search(page, sample_url, "?category=food")
    assert set(links(page)) == expected
    assert status(page).startswith(f"{len(expected)} result")


def test_counts_match_the_results_each_filter_gives(open_page, sample_url):
    page, _ = open_page(sample_url)
    search(page, sample_url, "?q=advice")
    wait_for_counts(page)
    total = int(status(page).split()[0])
    counts = page.evaluate(
        'Object.fromEntries([...document.querySelectorAll(\'[data-count^="kind:"], [data-count^="day:"]\')]'
        ".filter(s => s.textContent).map(s => [s.dataset.count, parseInt(s.textContent.replace(/\\D/g, ''), 10)]))"
    )
    assert sum(v for k, v in counts.items() if k.startswith("kind:")) == total
    for key in ("kind:service", "day:MO"):
        group, value = key.split(":")
        search(page, sample_url, f"?q=advice&{group}={value}")
        assert int(status(page).split()[0]) == counts[key], key


def test_or_within_a_group_and_across_groups(open_page, sample_url):
    page, _ = open_page(sample_url)
    counted = {}
    for query in ["?day=MO", "?day=SA", "?day=MO&day=SA", "?day=MO&cost=free", "?cost=free"]:
        search(page, sample_url, query)
        counted[query] = int(status(page).split()[0])
    assert counted["?day=MO&day=SA"] >= max(counted["?day=MO"], counted["?day=SA"])
    assert counted["?day=MO&cost=free"] <= min(counted["?day=MO"], counted["?cost=free"])


def test_an_age_keeps_what_is_for_that_age(open_page, sample_url):
    page, _ = open_page(sample_url)
    search(page, sample_url, "?age=7&kind=service")
    child = set(links_all(page, sample_url, "?age=7&kind=service"))
    services = {f"/services/{p.stem}/": yaml.safe_load(p.read_text()) for p in (SAMPLE / "services").glob("*.yaml")}
    for url in child:
        data = services[url]
        assert data.get("minimum_age", 0) <= 7 <= data.get("maximum_age", 120), url
    too_old = {u for u, d in services.items() if d.get("minimum_age", 0) > 7}
    assert too_old and not (child & too_old)


def links_all(page, base: str, query: str) -> list[str]:
    """The results of every page of a query."""
    found, number = [], 1
    while True:
        search(page, base, f"{query}&page={number}")
        found += links(page)
        if not page.locator("#search-pagination .govuk-pagination__next").count():
            return found
        number += 1


def test_the_address_keeps_the_search_and_the_back_button_works(open_page, sample_url):
    page, _ = open_page(sample_url)
    page.goto(sample_url + "/search/")
    page.fill("#search-q", "advice")
    page.press("#search-q", "Enter")
    wait_for_results(page)
    assert page.url.endswith("/search/?q=advice")
    first = links(page)
    page.locator("#f-day summary").click()
    page.check("#f-day-MO")
    page.wait_for_url("**/search/?q=advice&day=MO")
    wait_for_results(page)
    assert "with 1 filter" in status(page)
    page.go_back()
    page.wait_for_url("**/search/?q=advice")
    wait_for_results(page)
    assert not page.is_checked("#f-day-MO")
    assert links(page) == first
    assert page.input_value("#search-q") == "advice"


def test_results_are_paged(open_page, sample_url):
    page, _ = open_page(sample_url)
    search(page, sample_url, "?kind=service")
    assert len(links(page)) == 20 and "(page 1 of 5)" in status(page)
    page.click("#search-pagination .govuk-pagination__next a")
    page.wait_for_url("**page=2")
    wait_for_results(page)
    assert "(page 2 of 5)" in status(page)
    assert page.evaluate("document.activeElement.id") == "search-results-heading"


def test_searching_by_keyboard_alone(open_page, sample_url):
    page, _ = open_page(sample_url)
    page.goto(sample_url + "/search/")
    page.focus("#search-q")
    page.keyboard.type("toddler")
    page.keyboard.press("Enter")
    wait_for_results(page)
    assert "/services/st-marys-toddler-group/" in links(page)
    for _ in range(60):  # tab on into the filters and choose one with the space bar
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "f-kind-service":
            break
    page.keyboard.press("Space")
    page.wait_for_url("**kind=service")
    wait_for_results(page)
    assert "with 1 filter" in status(page)


# --- near me --------------------------------------------------------------------------------


def distance_miles(a, b) -> float:
    rad = math.pi / 180
    h = (
        math.sin((b[0] - a[0]) * rad / 2) ** 2
        + math.cos(a[0] * rad) * math.cos(b[0] * rad) * math.sin((b[1] - a[1]) * rad / 2) ** 2
    )
    return 6371.0088 * 2 * math.atan2(math.sqrt(h), math.sqrt(1 - h)) / 1.609344


@pytest.mark.parametrize("typed", ["ZZ5 1FH", "zz51fh"])
def test_a_postcode_puts_the_nearest_entry_first_with_its_distance(open_page, sample_url, typed):
    hub = yaml.safe_load((SAMPLE / "locations/southbrook-family-hub.yaml").read_text())
    page, watch = open_page(sample_url)
    search(page, sample_url, f"?kind=service&postcode={typed.replace(' ', '+')}")
    first = page.locator("#search-list .ch-card").first
    assert "nearest to ZZ5 1FH first" in status(page)
    href = first.locator("a").get_attribute("href")
    service = yaml.safe_load((SAMPLE / f"services/{href.split('/')[2]}.yaml").read_text())
    assert "southbrook-family-hub" in service.get("locations", [])
    here = (52.3938, -1.5104)  # ZZ5 1FH in the sample's postcodes.csv
    miles = distance_miles(here, (float(hub["latitude"]), float(hub["longitude"])))
    assert f"{round(miles, 1)} miles away" in first.inner_text() or "Less than 0.1 miles away" in first.inner_text()
    assert watch.foreign_requests == []


@pytest.mark.parametrize(
    "typed, message",
    [
        ("ZZ9 9ZZ", "We do not know the postcode ZZ9 9ZZ"),
        ("ZZ5 1ZZ", "We do not know the postcode ZZ5 1ZZ"),
        ("hello", "Enter a full postcode"),
    ],
)
def test_an_unknown_or_malformed_postcode_gets_a_clear_message(open_page, sample_url, typed, message):
    page, watch = open_page(sample_url)
    search(page, sample_url, f"?q=advice&postcode={typed.replace(' ', '+')}")
    assert message in page.inner_text("#search-place-message")
    assert page.is_visible("#search-place-message")
    assert watch.console_errors == [] and watch.foreign_requests == []


# --- accessibility, security, no JavaScript ------------------------------------------------


@pytest.mark.parametrize("width", [1280, 320])
def test_results_and_filters_pass_axe(open_page, sample_url, width):
    page, _ = open_page(sample_url, width=width)
    search(page, sample_url, "?q=advice&day=MO&postcode=ZZ5+1FH")
    wait_for_counts(page)
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_without_javascript_the_page_points_to_browsing(open_page, sample_url):
    page, _ = open_page(sample_url, java_script_enabled=False)
    page.goto(sample_url + "/search/?q=food")
    text = page.inner_text("main")
    assert "Searching needs JavaScript" in text
    for href in ("/categories/", "/areas/", "/a-z/"):
        assert page.locator(f"#search-nojs a[href='{href}']").count() == 1
    assert page.is_hidden("#search-layout")
    assert page.is_hidden("#search-q")  # no box that cannot search


@pytest.mark.parametrize("path", ["/", "/no-such-page/"])
def test_without_javascript_no_page_offers_a_search_box_only_ways_to_browse(open_page, sample_url, path):
    page, _ = open_page(sample_url, java_script_enabled=False)
    page.goto(sample_url + path)
    assert page.locator("main input[type=search]").count() == 1
    assert page.locator("main input[type=search]").is_hidden()
    browse = page.locator("main [data-without-script]")
    assert browse.is_visible()
    assert sorted(browse.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href'))")) == [
        "/a-z/",
        "/areas/",
        "/categories/",
    ]
    with_script, _ = open_page(sample_url)
    with_script.goto(sample_url + path)
    with_script.locator("main input[type=search]").wait_for(state="visible")
    assert with_script.locator("main [data-without-script]").is_hidden()
    with_script.fill("main input[type=search]", "food bank")
    with_script.press("main input[type=search]", "Enter")
    # the form leads to /search/ (from the home page, another page): wait for it before its status
    with_script.wait_for_url(f"{sample_url}/search/?q=food+bank")
    wait_for_results(with_script)
    assert "/services/foodbank-eastgate/" in links(with_script)  # the words reached the search


GROUPS = ["kind", "category", "area", "audience", "cost", "access", "day", "language", "accessibility"]


@pytest.mark.parametrize("group", GROUPS)
def test_each_filter_gives_as_many_results_as_its_count_said(open_page, sample_url, group):
    page, _ = open_page(sample_url)
    search(page, sample_url, "?kind=service&kind=organisation&kind=consultation")
    wait_for_counts(page)
    total = int(status(page).split()[0])
    counts = page.evaluate(
        f"[...document.querySelectorAll('[data-count^=\"{group}:\"]')]"
        ".map(s => [s.dataset.count.split(':')[1], parseInt(s.textContent.replace(/\\D/g, ''), 10)])"
    )
    value, count = next((v, n) for v, n in counts if n > 0)
    search(page, sample_url, f"?{group}={value}")
    assert int(status(page).split()[0]) == count
    if group not in ("kind", "area"):  # every entry has a kind; an entry without areas serves all
        assert count < total


def test_an_area_filter_lists_its_area_page_and_what_serves_every_area(open_page, sample_url):
    page, _ = open_page(sample_url)
    page.goto(f"{sample_url}/areas/northfield/")
    on_page = set(
        page.eval_on_selector_all("main .ch-card-list .ch-card__title a", "as => as.map(a => a.getAttribute('href'))")
    )
    found = set(links_all(page, sample_url, "?area=northfield&kind=service"))
    services = {f"/services/{p.stem}/": yaml.safe_load(p.read_text()) for p in (SAMPLE / "services").glob("*.yaml")}
    everywhere = {u for u, d in services.items() if not d.get("areas")}
    assert {u for u in on_page if u.startswith("/services/")} | everywhere == found


def test_my_location_sorts_by_distance_without_a_postcode(browser, sample_url):
    context = browser.new_context(geolocation={"latitude": 52.3938, "longitude": -1.5104}, permissions=["geolocation"])
    try:
        page = context.new_page()
        search(page, sample_url, "?kind=service")
        page.click("#search-locate")
        page.wait_for_function(
            "() => document.getElementById('search-place-message').textContent.includes('from where you are')"
        )
        wait_for_results(page)
        first = page.locator("#search-list .ch-card").first.inner_text()
        assert "miles away" in first or "Less than 0.1 miles away" in first
        assert "postcode" not in page.url  # the location is not put in the address either
    finally:
        context.close()
