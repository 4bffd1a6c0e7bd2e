"""Search's work is bounded, whatever the query: in Chromium, on a directory of
its own (bench/generate.py's, with a few entries written here).

A shared link (``/search/?q=…``) is enough to run a query in a resident's tab,
so no query may freeze it: ``ab`` a hundred times took 49 s before typo and
suggestion work was bounded (theme/static/js/search/index.js). Every query
here must be answered, results or none, within ``ANSWER_MS`` measured in the
page, while ordinary typos and prefixes still find their entry.
"""

from __future__ import annotations

import random
import re
import string
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote_plus

import pytest

from .conftest import ROOT, build_site
from .test_search import assert_same_ranking, split_and_whole_scores

pytestmark = pytest.mark.browser

# A search answers in tens of milliseconds here; 2 s is what a resident waits
# before thinking the page broken, and far below the 49 s this was.
ANSWER_MS = 2000
# terms of their own, for typos and prefixes the generated directory does not have
OWN = {
    "intergenerational-befriending-circle": (
        "Intergenerational Befriending Circle",
        "Weekly companionship for older people and students, with tea and conversation.",
    ),
}
# more words starting "ab" than a prefix may stand for (MAX_TERMS in index.js)
AB_SERVICES = 20
AB_WORDS = 25


def ab_words(count: int, rng: random.Random) -> list[str]:
    words = set()
    while len(words) < count:
        words.add("ab" + "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(4, 8))))
    return sorted(words)


def write_content(content: Path) -> Path:
    subprocess.run(
        [sys.executable, str(ROOT / "bench/generate.py"), "200", str(content)], check=True, capture_output=True
    )
    template = sorted((content / "services").glob("*.yaml"))[0].read_text(encoding="utf-8")

    def service(slug: str, name: str, summary: str) -> None:
        text = re.sub(r"(?m)^name: .*$", lambda _: f"name: {name}", template, count=1)
        text = re.sub(r"(?m)^summary: .*$", lambda _: f"summary: {summary}", text, count=1)
        (content / "services" / f"{slug}.yaml").write_text(text, encoding="utf-8")

    for slug, (name, summary) in OWN.items():
        service(slug, name, summary)
    rng = random.Random(5)
    words = ab_words(AB_SERVICES * AB_WORDS, rng)
    for n in range(AB_SERVICES):
        service(f"ab-words-{n}", f"Ab words {n}", " ".join(words[n * AB_WORDS : (n + 1) * AB_WORDS]) + ".")
    return content


@pytest.fixture(scope="module")
def bounds_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("bounds")
    return build_site(write_content(root / "content"), root / "output")


@pytest.fixture(scope="module")
def bounds_url(bounds_site, serve) -> str:
    return serve(bounds_site)


def answer(page, query: str) -> dict:
    """Run ``query`` as the page runs a shared link (the address, then the whole
    run: results, suggestions and filter counts) and time it in the page."""
    return page.evaluate(
        """async (q) => {
          const search = CivicHub.searchPage;
          history.replaceState(null, '', '?q=' + encodeURIComponent(q));
          const started = performance.now();
          await search.run(search.readAddress());
          const text = id => document.getElementById(id).textContent;
          const links = document.querySelectorAll('#search-list .ch-card__title a');
          return {ms: performance.now() - started, status: text('search-status'), hint: text('search-hint-text'),
                  links: [...links].map(a => a.getAttribute('href'))};
        }""",
        query,
    )


def opened(open_page, base: str):
    page, watch = open_page(base)
    page.goto(f"{base}/search/?q=tea")  # the manifest and the page's code loaded, as after any first search
    page.wait_for_function("() => /result/.test(document.getElementById('search-status').textContent)")
    return page, watch


def words(count: int, seed: int) -> str:
    """``count`` made-up words of 6 to 12 letters: each one a candidate for typos."""
    rng = random.Random(seed)
    return " ".join(
        "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(6, 12))) for _ in range(count)
    )


HOSTILE = {
    "ab × 100": "ab" * 100,
    "abcdefghij × 50": "abcdefghij" * 50,
    "200 different words": words(200, 1),
    "5,000 characters": words(700, 2)[:5000],
    "a~2 b~2 … (lunr)": " ".join(f"{c}~2" for c in string.ascii_lowercase * 8),
    "long words~9 (lunr)": " ".join(f"{w}~9" for w in words(40, 3).split()),
    "ab × 50~2 (lunr)": "ab" * 50 + "~2",
    "wildcards (lunr)": "*a*a*a*a*a*a*a*a*a*a*a*a* *e*e*e*e*e*e*e*e*e*e*e*",
    "prefixes of one letter": " ".join(string.ascii_lowercase),
}


@pytest.mark.parametrize("query", HOSTILE.values(), ids=HOSTILE.keys())
def test_any_query_is_answered_within_the_bound(open_page, bounds_url, query):
    page, watch = opened(open_page, bounds_url)
    answered = answer(page, query)
    print(f"{query[:24]!r}: {answered['ms']:.0f} ms, {answered['status'][:24]!r}")
    assert re.match(r"^[\d,]+ results? for", answered["status"]), answered["status"]
    assert answered["ms"] < ANSWER_MS, (answered["ms"], answered["status"])
    assert watch.console_errors == [] and watch.foreign_requests == []


def test_a_shared_link_to_a_long_query_answers_on_opening(open_page, bounds_url):
    page, _ = open_page(bounds_url)
    page.goto(f"{bounds_url}/search/?q={quote_plus('ab' * 100)}")
    page.wait_for_function(
        "() => /^0 results/.test(document.getElementById('search-status').textContent)", timeout=ANSWER_MS * 5
    )
    # the query is shown as far as it was searched: 200 characters
    assert page.inner_text("#search-status") == f"0 results for \u2018{'ab' * 100}\u2019"


@pytest.mark.parametrize(
    "query",
    [
        "befriendng",  # a letter left out of a word of eight or more: two edits allowed
        "circel",  # two letters swapped
        "compnionship",  # twelve letters
        "intregenerational",  # seventeen letters: still a word a resident may mistype
        "befri",  # as you type
        "Befriending Circle",
    ],
)
def test_ordinary_typos_and_prefixes_still_find_their_entry(open_page, bounds_url, query):
    page, _ = opened(open_page, bounds_url)
    answered = answer(page, query)
    assert "/services/intergenerational-befriending-circle/" in answered["links"][:3], (query, answered)


def test_a_prefix_of_more_terms_than_the_bound_finds_the_nearest_of_them(open_page, bounds_url):
    page, _ = opened(open_page, bounds_url)
    answered = answer(page, "ab")
    assert answered["ms"] < ANSWER_MS
    assert {f"/services/ab-words-{n}/" for n in range(AB_SERVICES)} & set(answered["links"])
    planned = page.evaluate(
        """async () => {
          const found = await CivicHub.searchPage.search.query('ab');
          return found.planned.map(w => ({capped: w.capped, started: w.started}));
        }"""
    )
    assert planned[0]["capped"] and len(planned[0]["started"]) == 300
    assert sorted(planned[0]["started"], key=lambda t: (len(t), t)) == planned[0]["started"]


def test_a_misspelt_word_gets_suggestions_and_a_word_no_typo_makes_gets_none(open_page, bounds_url):
    page, _ = opened(open_page, bounds_url)
    assert "befriend" in answer(page, "bferiending")["hint"]  # nothing found: spellings that exist
    assert answer(page, "befriendingbefriending")["hint"] == ""  # 22 letters: no typo of a word


def test_bounded_queries_score_exactly_as_one_whole_lunr_index(open_page, bounds_url, bounds_site):
    """The bounds change which terms a query names, never how they are scored:
    the capped prefix and the lunr clauses kept rank on the split index as
    on lunr.py's whole one."""
    page, _ = opened(open_page, bounds_url)
    # (not typos written as term~1: the browser looks for them only among terms
    # of the same first two letters, so a whole index finds more)
    queries = ["ab", "ab abo", "+tea club -abbey " + "x " * 12, "*ab* +tea", "befriendng"]
    compared = split_and_whole_scores(page, bounds_site.parent / "content", queries)
    assert all(result["split"] for result in compared)
    assert_same_ranking(compared)
