"""Untrusted contributors: nothing they write may run in a resident's browser.

Every built page is loaded in Chromium under ``Content-Security-Policy:
default-src 'self'``; the test fails on any dialog, any script error or CSP
violation, any request to another origin and any cookie.  The output is also
scanned for event-handler attributes and ``javascript:`` URLs.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "srcset"}
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


class Scanner(HTMLParser):
    """Finds, in the parsed markup (not in escaped text), anything that could run."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name == "style":
                self.found.append(f"<{tag} style=...>")
            if name in URL_ATTRIBUTES and value:
                scheme = re.sub(r"[\x00-\x20]", "", value).split(":", 1)[0].lower()
                if ":" in value and scheme in {"javascript", "vbscript", "data"}:
                    self.found.append(f"<{tag} {name}={value[:40]!r}>")
        if tag == "style":
            self.found.append("<style> element")
        if tag == "script" and "src" not in attributes and attributes.get("type") not in DATA_SCRIPT_TYPES:
            self.found.append("inline <script>")
        if tag in {"iframe", "object", "embed", "base", "meta"} and not (
            # a meta may only carry the policy itself (for hosts that cannot send headers), never a refresh
            tag == "meta" and attributes.get("http-equiv", "Content-Security-Policy").lower() == POLICY
        ):
            self.found.append(f"<{tag}> element")


POLICY = "content-security-policy"


def scan(html: str) -> list[str]:
    scanner = Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.found


def page_urls(site: Path) -> list[str]:
    return sorted("/" + str(p.relative_to(site)).removesuffix("index.html") for p in site.rglob("*.html"))


def visit_all(open_page, base: str, site: Path) -> list[str]:
    problems = []
    page, watch = open_page(base)
    for url in page_urls(site):
        page.goto(base + url, wait_until="load")
        report = watch.page_report(page)
        problems += [f"{url}: CSP {v}" for v in report["csp"]]
        problems += [f"{url}: script error {e}" for e in report["errors"]]
    problems += [f"dialog opened: {d}" for d in watch.dialogs]
    problems += [f"request to another origin: {r}" for r in watch.foreign_requests]
    problems += [f"console error: {e}" for e in watch.console_errors]
    problems += [f"cookie set: {c['name']}" for c in page.context.cookies()]
    return problems


@pytest.mark.browser
def test_hostile_content_never_runs_or_calls_out(open_page, hostile_url, hostile_site):
    assert len(page_urls(hostile_site)) >= 20
    assert visit_all(open_page, hostile_url, hostile_site) == []


@pytest.mark.browser
def test_sample_site_runs_clean_under_strict_csp(open_page, sample_url, sample_site):
    assert visit_all(open_page, sample_url, sample_site) == []


@pytest.mark.parametrize("which", ["hostile", "sample"])
def test_output_has_no_handlers_script_urls_or_inline_code(which, hostile_site, sample_site):
    site = hostile_site if which == "hostile" else sample_site
    found = []
    for path in site.rglob("*.html"):
        found += [f"{path.relative_to(site)}: {f}" for f in scan(path.read_text(encoding="utf-8"))]
    assert found == []


def test_hostile_text_is_shown_as_text_and_never_evaluated(hostile_site):
    html = "".join(p.read_text(encoding="utf-8") for p in hostile_site.rglob("*.html"))
    assert "&lt;script&gt;alert(" in html  # plain-text fields keep the words, escaped
    assert "{{ 7 * 7 }}x21" in html  # template syntax in content is not run
    assert "49x21" not in html


@pytest.mark.browser
def test_hostile_entries_in_search_results_are_only_text(open_page, hostile_url):
    page, watch = open_page(hostile_url)
    for query in ("?kind=service", "?q=service", "?q=service&postcode=ZZ1+1AA"):
        page.goto(f"{hostile_url}/search/{query}")
        page.wait_for_selector("#search-list .ch-card")
        cards = page.locator("#search-list")
        assert cards.locator("img, script, iframe, svg, object, style, a[href^='javascript']").count() == 0
        titles = cards.locator(".ch-card__title").all_inner_texts()
        assert any("<" in t for t in titles), titles  # the payloads are shown, as words
    assert watch.dialogs == [] and watch.foreign_requests == [] and watch.console_errors == []
    report = watch.page_report(page)
    assert report["csp"] == [] and report["errors"] == []


class Heads(HTMLParser):
    """The share-preview tags of a page, and its <h1> text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta, self.h1, self.in_h1 = [], "", False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("property", "").startswith("og:") or attrs.get("name") == "description"):
            self.meta.append((attrs.get("property") or attrs["name"], attrs.get("content")))
        self.in_h1 = self.in_h1 or tag == "h1"

    def handle_endtag(self, tag):
        self.in_h1 = self.in_h1 and tag != "h1"

    def handle_data(self, data):
        if self.in_h1:
            self.h1 += data


def test_share_previews_hold_hostile_names_as_text(hostile_site):
    pages = [
        p
        for kind in ("services", "organisations", "locations", "consultations")
        for p in (hostile_site / kind).glob("*/index.html")
    ]
    assert len(pages) >= 15
    titles = []
    for page in pages:
        heads = Heads()
        heads.feed(page.read_text(encoding="utf-8"))
        names = [name for name, _ in heads.meta]
        assert sorted(set(names)) == sorted(names), page  # no tag forged by a payload
        meta = dict(heads.meta)
        assert meta["og:title"] == heads.h1.strip(), page  # the whole name, still one attribute
        titles.append(meta["og:title"])
    assert sum("<script" in t or "onerror" in t for t in titles) >= 3  # the payloads are there, as words
