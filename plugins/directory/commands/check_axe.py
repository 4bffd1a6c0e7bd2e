"""axe-core on one page of every type, in real Chromium, at a phone's width and a
desktop's (``make check``): WCAG 2.2 AA as the browser tests check the sample.

The built site is served on loopback by the project's own server (serve.py, which
sends the host's headers, the strict Content-Security-Policy among them); pages
load nothing from elsewhere (a request to another site is refused, so the check
never reaches the network). A page's type is where it sits in the site: the first
part of its address and how deep it is (``/services/<slug>/``, ``/a-z/<letter>/``,
``/embed/services/category/<slug>/``); the first page of each type is checked.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote, urlsplit

from ..problems import DirectoryError
from .check_findings import Finding, page_url
from .serve import start

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = {"phone": (320, 640), "desktop": (1280, 900)}  # 320 px: 1280 px at 400% zoom
NOT_CHECKED = {"admin"}  # the web editor's page: Decap's own, not a resident's
MISSING = "/no-such-page/"  # the 404 page, as a resident gets it
# only the violations' details: axe is quicker when it need not describe what passed
RUN_AXE = "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
BROWSER_ARGS = ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]


def page_types(site: Path) -> dict[str, str]:
    """Type -> the address of its first page, for every type of page of ``site``."""
    found: dict[str, str] = {}
    for path in sorted(site.rglob("*.html")):
        parts = path.relative_to(site).parts
        if parts[0] in NOT_CHECKED:
            continue
        kind = "/".join((parts[0], *["*"] * (len(parts) - 2))) if len(parts) > 1 else parts[0]
        found.setdefault(kind, page_url(site, path))
    if "404.html" in found:
        found["404.html"] = MISSING
    if "search" in found:
        found["search"] = f"/search/?q={quote(search_word(site))}"
    return found


def search_word(site: Path) -> str:
    """A word the search finds: the first of the first entry's name."""
    try:
        records = json.loads((site / "search" / "records" / "0.json").read_text(encoding="utf-8"))
        words = re.findall(r"[^\W\d_]{3,}", records["r"][0]["t"])
    except (OSError, ValueError, KeyError, IndexError, TypeError):
        return ""
    return words[0].lower() if words else ""


def chromium(path: str) -> str:
    if not Path(path).is_file():
        raise DirectoryError(
            f"Chromium is not at {path}: install it (Debian: apt-get install chromium) "
            "or give its path in CHROMIUM (make check CHROMIUM=/usr/bin/google-chrome)"
        )
    return path


def _said(violation: dict) -> str:
    targets = ", ".join(
        " ".join(n["target"]) if isinstance(n["target"], list) else str(n["target"]) for n in violation["nodes"][:3]
    )
    more = len(violation["nodes"]) - 3
    return f"{violation['help']} (axe {violation['id']}, {violation['impact']}): {targets}" + (
        f" and {more} more" if more > 0 else ""
    )


def check_axe(site: Path, theme: Path, browser_path: str) -> list[Finding]:
    """axe-core's violations on the first page of every type, at each width: the page
    loaded once, checked at a phone's width, then resized to a desktop's and checked again."""
    axe = (theme / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
    from playwright.sync_api import sync_playwright  # a second's import, only for this check

    server = start(site)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    found = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium(browser_path), args=BROWSER_ARGS)
            context = browser.new_context(locale="en-GB", timezone_id="Europe/London")
            context.route("**/*", lambda route: _same_site(route, base))
            page = context.new_page()
            for address in page_types(site).values():
                found += _check_page(page, base, address, axe)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return found


def _check_page(page, base: str, address: str, axe: str) -> list[Finding]:
    found = []
    for n, (name, (width, height)) in enumerate(WIDTHS.items()):
        page.set_viewport_size({"width": width, "height": height})
        if n == 0:
            page.goto(base + address)
            if "?" in address:  # the search answers after the page loads: wait for it
                page.wait_for_load_state("networkidle")
            page.evaluate(axe)  # through the debugger protocol, so the page's own CSP allows it
        where = f"{address} ({name}, {width} px wide)"
        found += [Finding(where, _said(v)) for v in page.evaluate(RUN_AXE, TAGS)["violations"]]
    return found


def _same_site(route, base: str):
    if urlsplit(route.request.url).netloc != urlsplit(base).netloc:
        return route.abort()
    return route.continue_()
