"""The widgets on another site: a host page on a second origin, sending the strict
CSP a careful council would (only the directory allowed), embeds the script and
the frame. Results render and link to the entries; nothing breaks the host's
policy, logs an error, sets a cookie or uses storage; axe finds nothing; hostile
names stay text; a message from a hostile window changes nothing; the builder's
snippet works when pasted."""

from __future__ import annotations

import re
import threading
import urllib.request
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

from ..conftest import SAMPLE
from .conftest import WATCH
from .test_accessibility import AXE, TAGS

pytestmark = pytest.mark.browser

FRAME_SANDBOX = "allow-scripts allow-popups allow-popups-to-escape-sandbox"


class Host:
    """A second origin (localhost, its own port) serving the pages a test gives it."""

    def __init__(self):
        self.pages: dict[str, tuple[str, str]] = {}
        host = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                body, policy = host.pages.get(urlsplit(self.path).path, ("", ""))
                self.send_response(200 if body else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                if policy:
                    self.send_header("Content-Security-Policy", policy)
                self.end_headers()
                self.wfile.write(body.encode())

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.origin = f"http://localhost:{self.server.server_address[1]}"

    def page(self, directory: str, body: str, policy: str | None = None) -> str:
        """The address of a new page holding ``body``, under the strict policy for ``directory``."""
        path = f"/page{len(self.pages)}.html"
        strict = (
            f"default-src 'none'; script-src {directory}; style-src {directory}; "
            f"connect-src {directory}; frame-src {directory}; img-src {directory}"
        )
        html = (
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>A GP surgery</title></head>'
            f"<body><main><h1>Riverside Surgery</h1>{body}</main></body></html>"
        )
        self.pages[path] = (html, strict if policy is None else policy)
        return self.origin + path


@pytest.fixture(scope="session")
def host():
    host = Host()
    yield host
    host.server.shutdown()
    host.server.server_close()


class Visit:
    """A browser context on the host page: everything that must not happen is recorded."""

    def __init__(self, browser, allowed: set[str], **options):
        self.context = browser.new_context(
            viewport={"width": options.pop("width", 1280), "height": 900},
            locale="en-GB",
            timezone_id="Europe/London",
            **options,
        )
        self.allowed, self.foreign, self.console = allowed, [], []
        self.context.route("**/*", self.route)
        self.context.add_init_script(WATCH)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.console.append((m.type, m.text)))

    def route(self, route):
        if urlsplit(route.request.url).netloc not in self.allowed:
            self.foreign.append(route.request.url)
            return route.abort()
        return route.continue_()

    def errors(self) -> list[str]:
        return [text for kind, text in self.console if kind == "error"]

    def warnings(self) -> list[str]:
        return [text for kind, text in self.console if kind == "warning"]

    def problems(self) -> list[str]:
        report = self.page.evaluate("window.__civic")
        storage = self.page.evaluate("localStorage.length + sessionStorage.length")
        found = [f"CSP: {v}" for v in report["csp"]] + [f"error: {e}" for e in report["errors"]]
        found += [f"console: {e}" for e in self.errors()] + [f"foreign request: {r}" for r in self.foreign]
        found += [f"cookie: {c['name']}" for c in self.context.cookies()]
        return found + ([f"storage used: {storage}"] if storage else [])


@pytest.fixture
def visit(browser, host, sample_url):
    visits = []

    def _visit(directory: str = sample_url, **options) -> Visit:
        allowed = {urlsplit(directory).netloc, urlsplit(host.origin).netloc}
        v = Visit(browser, allowed, **options)
        visits.append(v)
        return v

    yield _visit
    for v in visits:
        v.context.close()


def script(directory: str) -> str:
    return f'<script src="{directory}/widget/v1/civic-hub.js" defer></script>'


def frame(directory: str, path: str, height: int = 600) -> str:
    return (
        f'<iframe data-civic-hub src="{directory}{path}" title="Food banks from the directory" '
        f'sandbox="{FRAME_SANDBOX}" width="100%" height="{height}"></iframe>'
    )


def axe(target) -> list[str]:
    target.evaluate(AXE)
    result = target.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    return [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]


def status(address: str) -> int:
    with urllib.request.urlopen(address, timeout=10) as response:
        return response.status


WIDGET_ITEMS = "civic-hub-directory li"  # Playwright's CSS locators see into open shadow roots


@pytest.mark.parametrize("width", [1280, 320])
def test_the_script_embed_renders_links_and_passes_axe_under_the_hosts_strict_csp(visit, host, sample_url, width):
    v = visit(width=width)
    v.page.goto(host.page(sample_url, script(sample_url) + '<civic-hub-directory category="food-banks" limit="3">'))
    v.page.wait_for_selector(WIDGET_ITEMS)
    items = v.page.locator(WIDGET_ITEMS)
    assert items.count() == 3
    links = v.page.locator("civic-hub-directory li > a")
    hrefs = [links.nth(n).get_attribute("href") for n in range(3)]
    assert all(h.startswith(sample_url + "/services/") for h in hrefs)
    assert all(status(h) == 200 for h in hrefs)
    assert "Showing 3 of" in v.page.locator("civic-hub-directory [role=status]").inner_text()
    assert v.page.locator("civic-hub-directory h2").inner_text() == "Services: Food banks and pantries"
    assert v.problems() == []
    assert axe(v.page) == []
    assert v.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0


def test_filters_combine_and_the_heading_level_is_the_hosts(visit, host, sample_url):
    from datetime import date

    from directory.reading.loader import load_directory
    from directory.relations import relate

    from ..conftest import project_settings

    directory = load_directory(SAMPLE, project_settings(), date(2026, 11, 26)).directory
    rel = relate(directory)
    food = {s.slug for s in rel.services_by_category["food-banks"]}
    north = {s.slug for s in rel.services_by_area["northfield"]}
    both = {f"/services/{slug}/" for slug in food & north}
    assert both and len(both) < len(food)
    v = visit()
    body = '<civic-hub-directory category="food-banks" area="northfield" heading-level="3" limit="50">'
    v.page.goto(host.page(sample_url, script(sample_url) + body))
    v.page.wait_for_selector(WIDGET_ITEMS)
    hrefs = v.page.locator("civic-hub-directory li > a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert {urlsplit(h).path for h in hrefs} == both
    assert v.page.locator("civic-hub-directory h3").count() == 1
    more = v.page.locator("civic-hub-directory .chd__more a").get_attribute("href")
    assert more == f"{sample_url}/search/?category=food-banks&area=northfield"
    assert v.problems() == []


def test_an_unknown_slug_says_so_in_the_widget_and_warns_naming_the_attribute(visit, host, sample_url):
    v = visit()
    body = '<civic-hub-directory category="no-such-thing"></civic-hub-directory><civic-hub-directory kind="shop">'
    v.page.goto(host.page(sample_url, script(sample_url) + body))
    v.page.wait_for_selector("civic-hub-directory .chd__message >> text=cannot be shown")
    messages = v.page.locator("civic-hub-directory .chd__message").all_inner_texts()
    assert any('no category called "no-such-thing"' in m for m in messages)
    assert any("kind must be service, organisation or consultation" in m for m in messages)
    warnings = " ".join(v.warnings())
    assert 'category="no-such-thing"' in warnings and 'kind="shop"' in warnings


def test_the_search_box_and_results_work_from_the_keyboard_with_visible_focus(visit, host, sample_url):
    v = visit()
    v.page.goto(host.page(sample_url, script(sample_url) + '<civic-hub-directory category="food-banks" search>'))
    v.page.wait_for_selector(WIDGET_ITEMS)
    before = v.page.locator(WIDGET_ITEMS).count()
    v.page.keyboard.press("Tab")
    focused = (
        "(() => { let e = document.activeElement;"
        " while (e && e.shadowRoot && e.shadowRoot.activeElement) e = e.shadowRoot.activeElement; return e; })()"
    )
    assert v.page.evaluate(f"{focused}.type") == "search"
    v.page.keyboard.type("larder")
    v.page.wait_for_function(
        f"() => document.querySelector('civic-hub-directory').shadowRoot.querySelectorAll('li').length < {before}"
    )
    assert "match" in v.page.locator("civic-hub-directory [role=status]").inner_text()
    v.page.keyboard.press("Tab")
    link = v.page.evaluate(
        f"(() => {{ const e = {focused}; const s = getComputedStyle(e);"
        " return [e.tagName, e.textContent, s.backgroundColor, s.boxShadow]; })()"
    )
    assert link[0] == "A" and "Larder" in link[1]
    assert link[2] == "rgb(255, 221, 0)" and link[3] != "none"  # GOV.UK's yellow focus state
    assert v.problems() == []


def test_a_postcode_puts_the_nearest_first(visit, host, sample_url):
    v = visit()
    body = '<civic-hub-directory category="food-banks" postcode="zz1 1ab" limit="20">'
    v.page.goto(host.page(sample_url, script(sample_url) + body))
    v.page.wait_for_selector(WIDGET_ITEMS)
    metas = v.page.locator("civic-hub-directory .chd__meta").all_inner_texts()
    distances = [float(m.group(1)) for t in metas if (m := re.search(r"([\d.]+) miles? away", t))]
    assert len(distances) >= 3 and distances == sorted(distances)


def test_consultations_follow_the_readers_clock(visit, host, sample_url):
    v = visit()
    v.page.clock.set_fixed_time(datetime(2030, 1, 1, tzinfo=UTC))
    v.page.goto(host.page(sample_url, script(sample_url) + '<civic-hub-directory kind="consultation">'))
    v.page.wait_for_selector("civic-hub-directory [role=status]")
    assert v.page.locator(WIDGET_ITEMS).count() == 0
    assert "no open consultations" in v.page.locator("civic-hub-directory [role=status]").inner_text()
    v2 = visit()
    v2.page.clock.set_fixed_time(datetime(2026, 11, 26, 12, tzinfo=UTC))
    v2.page.goto(host.page(sample_url, script(sample_url) + '<civic-hub-directory kind="consultation">'))
    v2.page.wait_for_selector(WIDGET_ITEMS)
    metas = v2.page.locator("civic-hub-directory .chd__meta").all_inner_texts()
    assert metas[0].startswith(("Open", "Closing soon")) and any(m.startswith("Opens ") for m in metas)


def test_the_host_themes_it_with_custom_properties(visit, host, sample_url):
    v = visit()
    v.page.goto(host.page(sample_url, script(sample_url) + '<civic-hub-directory category="food-banks">'))
    v.page.wait_for_selector(WIDGET_ITEMS)
    v.page.evaluate(
        "document.querySelector('civic-hub-directory').style.setProperty('--civic-hub-link', 'rgb(0, 48, 120)')"
    )
    colour = v.page.locator("civic-hub-directory li > a").first.evaluate("a => getComputedStyle(a).color")
    assert colour == "rgb(0, 48, 120)"


def frame_height(page) -> str:
    return page.locator("iframe[data-civic-hub]").get_attribute("height")


def test_the_frame_embed_renders_and_fits_its_list(visit, host, sample_url):
    v = visit()
    v.page.goto(
        host.page(sample_url, script(sample_url) + frame(sample_url, "/embed/services/category/food-banks/?limit=2"))
    )
    v.page.wait_for_function("() => document.querySelector('iframe').height !== '600'")
    inner = v.page.frames[1]
    inner.wait_for_selector(WIDGET_ITEMS)
    assert inner.locator(WIDGET_ITEMS).count() == 2
    assert inner.locator("civic-hub-directory li > a").first.get_attribute("target") == "_blank"
    height = int(frame_height(v.page))
    content = inner.evaluate("Math.ceil(document.documentElement.getBoundingClientRect().height)")
    assert abs(height - content) <= 2 and height < 600  # two results need less than the fixed height
    assert v.problems() == []
    assert axe(v.page) == [] and axe(inner) == []


def test_without_javascript_the_frame_shows_its_whole_list_at_a_fixed_height(visit, host, sample_url):
    v = visit(java_script_enabled=False)
    v.page.goto(host.page(sample_url, frame(sample_url, "/embed/services/category/food-banks/")))
    inner = v.page.frame_locator("iframe")
    assert inner.locator("[data-civic-hub-static] li").count() >= 3
    assert frame_height(v.page) == "600"


def test_a_hostile_window_cannot_resize_the_frame_or_hear_from_it(visit, host, sample_url):
    v = visit()
    v.page.goto(host.page(sample_url, script(sample_url) + frame(sample_url, "/embed/services/category/food-banks/")))
    v.page.wait_for_function("() => document.querySelector('iframe').height !== '600'")
    fitted = frame_height(v.page)
    # the host page itself, and a frame of the host's origin (not the directory's), say "height"
    v.page.evaluate("window.postMessage({civicHub: 'height', height: 7}, '*')")
    v.page.evaluate("() => { const f = document.createElement('iframe'); f.title = 'other'; document.body.append(f); }")
    sibling = v.page.frames[-1]
    sibling.evaluate("parent.postMessage({civicHub: 'height', height: 9}, '*')")
    # and the sibling asks the directory's frame for its height: the frame answers only its parent
    sibling.evaluate(
        """() => { window.heard = []; addEventListener('message', e => window.heard.push(e.data));
                   parent.frames[0].postMessage({civicHub: 'hello'}, '*'); }"""
    )
    v.page.wait_for_timeout(500)
    assert frame_height(v.page) == fitted
    assert sibling.evaluate("window.heard") == []
    # a message from the directory's own frame, but not a number, is refused too
    directory_frame = v.page.frames[1]
    directory_frame.evaluate("parent.postMessage({civicHub: 'height', height: 'x'}, '*')")
    v.page.wait_for_timeout(200)
    assert frame_height(v.page) == fitted


def test_hostile_names_are_shown_as_text_in_both_forms(visit, host, hostile_url):
    v = visit(hostile_url)
    body = script(hostile_url) + '<civic-hub-directory limit="100"></civic-hub-directory>'
    v.page.goto(host.page(hostile_url, body + frame(hostile_url, "/embed/services/")))
    v.page.wait_for_selector(WIDGET_ITEMS)
    shadow = v.page.locator("civic-hub-directory .chd")
    assert shadow.locator("img, script, iframe, svg, object, style, a[href^='javascript']").count() == 0
    assert any("<" in t for t in v.page.locator("civic-hub-directory li > a").all_inner_texts())
    inner = v.page.frames[1]
    inner.wait_for_selector(WIDGET_ITEMS)
    assert inner.locator("civic-hub-directory .chd").locator("img, script, iframe, svg, object, style").count() == 0
    assert v.problems() == []


@pytest.mark.parametrize("form", ["script", "frame"])
def test_the_builders_snippet_works_pasted_into_a_host_page(open_page, visit, host, sample_url, form):
    page, watch = open_page(sample_url)
    page.goto(sample_url + "/embed/")
    page.select_option("#embed-category", "food-banks")
    page.fill("#embed-limit", "4")
    page.check(f"#embed-form-{form}")
    page.wait_for_selector("#embed-preview civic-hub-directory li, #embed-preview iframe")
    snippet = page.input_value("#embed-code")
    assert 'integrity="sha384-' in snippet and 'crossorigin="anonymous"' in snippet
    assert watch.console_errors == [] and watch.page_report(page)["csp"] == []

    v = visit()
    v.page.goto(host.page(sample_url, snippet))
    target = v.page if form == "script" else None
    if form == "frame":
        v.page.wait_for_function("() => document.querySelector('iframe').height !== '600'")
        target = v.page.frames[1]
    target.wait_for_selector(WIDGET_ITEMS)
    assert target.locator(WIDGET_ITEMS).count() == 4
    assert v.problems() == []


def test_a_changed_script_fails_its_integrity_check(visit, host, sample_url, sample_site):
    body = script(sample_url).replace(" defer", ' integrity="sha384-AAAA" crossorigin="anonymous" defer')
    v = visit()
    v.page.goto(host.page(sample_url, body + '<civic-hub-directory category="food-banks">'))
    v.page.wait_for_timeout(500)
    assert v.page.locator(WIDGET_ITEMS).count() == 0
    assert any("integrity" in e for e in v.errors())


@pytest.mark.parametrize("kind", ["service", "organisation", "consultation"])
def test_every_link_a_widget_shows_is_a_page_of_the_directory(visit, host, sample_url, sample_site, kind):
    v = visit()
    v.page.clock.set_fixed_time(datetime(2026, 11, 26, 12, tzinfo=UTC))
    v.page.goto(host.page(sample_url, script(sample_url) + f'<civic-hub-directory kind="{kind}" limit="100">'))
    v.page.wait_for_selector(WIDGET_ITEMS)
    hrefs = v.page.locator("civic-hub-directory li > a").evaluate_all("links => links.map(a => a.href)")
    folder = {"service": "services", "organisation": "organisations", "consultation": "consultations"}[kind]
    on_disk = {p.parent.name for p in (sample_site / folder).glob("*/index.html") if p.parent.name != "page"}
    assert len(hrefs) >= 5
    assert all(h.startswith(f"{sample_url}/{folder}/") for h in hrefs)
    assert {urlsplit(h).path.split("/")[2] for h in hrefs} <= on_disk
    if kind != "consultation":  # (closed consultations are not shown)
        assert len(hrefs) == len(on_disk)
