"""WCAG 2.2 AA: axe-core in real Chromium on one page of every type, at desktop
width and at 320 px (the width of 1280 px at 400% zoom), plus keyboard paths."""

from __future__ import annotations

import pytest

from .conftest import ROOT, sample_pages

AXE = (ROOT / "theme/node_modules/axe-core/axe.min.js").read_text(encoding="utf-8")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGES = sample_pages()


def axe_violations(page) -> list[str]:
    page.evaluate(AXE)  # through the debugger protocol, so the page's CSP allows it
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}"
        for v in result["violations"]
    ]


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("kind", sorted(PAGES))
def test_no_axe_violations(open_page, sample_url, kind, width):
    page, _ = open_page(sample_url, width=width)
    page.goto(sample_url + PAGES[kind])
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == []


@pytest.mark.browser
@pytest.mark.parametrize("kind", sorted(PAGES))
def test_no_horizontal_scrolling_at_320px(open_page, sample_url, kind):
    page, _ = open_page(sample_url, width=320, height=640)
    page.goto(sample_url + PAGES[kind])
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0


@pytest.mark.browser
@pytest.mark.parametrize("kind", ["home", "service", "consultation"])
def test_skip_link_is_first_and_moves_focus_to_main(open_page, sample_url, kind):
    page, _ = open_page(sample_url)
    page.goto(sample_url + PAGES[kind])
    page.keyboard.press("Tab")
    first = page.evaluate(
        "({text: document.activeElement.textContent.trim(), href: document.activeElement.getAttribute('href')})"
    )
    assert first == {"text": "Skip to main content", "href": "#main-content"}
    assert page.evaluate("getComputedStyle(document.activeElement).clip") != "rect(0px, 0px, 0px, 0px)"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main-content"


FOCUS_VISIBLE = """() => {
  const el = document.activeElement;
  // a GOV.UK checkbox hides the input and draws its focus ring round the label's box
  const box = el.matches('.govuk-checkboxes__input');
  const s = box ? getComputedStyle(el.labels[0], '::before') : getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
  const shadow = s.boxShadow && s.boxShadow !== 'none';
  const background = s.backgroundColor;
  return {tag: el.tagName, text: (el.textContent || el.name || '').trim().slice(0, 40),
          visible: outline || shadow, background};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("kind", ["home", "service", "search", "consultation"])
def test_focus_is_always_visible_while_tabbing(open_page, sample_url, kind):
    page, _ = open_page(sample_url)
    page.goto(sample_url + PAGES[kind])
    seen = 0
    for _ in range(80):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_VISIBLE)
        if state["tag"] == "BODY":
            break
        seen += 1
        assert state["visible"], state
    assert seen >= 5


@pytest.mark.browser
def test_print_stylesheet_hides_navigation(open_page, sample_url):
    page, _ = open_page(sample_url)
    page.goto(sample_url + PAGES["service"])
    page.emulate_media(media="print")
    hidden = page.evaluate(
        "[...document.querySelectorAll('.govuk-skip-link, nav')].every(e => getComputedStyle(e).display === 'none')"
    )
    assert hidden


@pytest.mark.browser
def test_axe_check_reports_a_real_violation(open_page, sample_url):
    """The check above is only worth something if it can fail."""
    page, _ = open_page(sample_url)
    page.goto(sample_url + "/")
    page.evaluate(
        "document.querySelector('main').append(Object.assign(document.createElement('img'), {src: '/brand.css'}))"
    )
    assert any(v.startswith("image-alt") for v in axe_violations(page))


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 320])
def test_paginated_list_has_no_axe_violations(open_page, paginated_url, width):
    page, _ = open_page(paginated_url, width=width)
    page.goto(paginated_url + "/categories/health-wellbeing/page/2/")
    assert page.locator("nav.govuk-pagination a[aria-current=page]").inner_text() == "2"
    assert axe_violations(page) == []
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
