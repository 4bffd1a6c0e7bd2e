"""Browser fixtures: the sample site built once, served on loopback with a
strict Content-Security-Policy, and driven in real Chromium by Playwright.

The browser tests never skip: without Chromium they fail, so a green run
always means they ran.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from directory.commands.serve import start

from ..conftest import CONF, SAMPLE, settings_file
from ..hostile import write_hostile_site

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# the sample content is written as of 2026-11-26: build it "at" midday that day
SAMPLE_EPOCH = "1795694400"


def build_site(content: Path, output: Path, epoch: str = SAMPLE_EPOCH, conf: Path = CONF) -> Path:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "SOURCE_DATE_EPOCH": epoch}
    result = subprocess.run(
        [sys.executable, "-m", "directory.commands.build", str(content), "-o", str(output), "-s", str(conf)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return output


@pytest.fixture(scope="session")
def serve():
    """``serve(folder)`` -> base URL: the project's own preview server, which
    sends the site's headers (the strict CSP among them) and serves 404.html."""
    servers = []

    def _serve(directory: Path) -> str:
        server = start(directory)
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield _serve
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    return build_site(SAMPLE, tmp_path_factory.mktemp("sample") / "output")


@pytest.fixture(scope="session")
def sample_url(sample_site, serve) -> str:
    return serve(sample_site)


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    return build_site(write_hostile_site(root / "content"), root / "output")


@pytest.fixture(scope="session")
def hostile_url(hostile_site, serve) -> str:
    return serve(hostile_site)


@pytest.fixture(scope="session")
def paginated_url(tmp_path_factory, serve) -> str:
    """The sample built with five entries a page."""
    root = tmp_path_factory.mktemp("paginated")
    conf = settings_file(root / "conf.py", "DIRECTORY = {**DIRECTORY, 'page_size': 5}\n")
    return serve(build_site(SAMPLE, root / "output", conf=conf))


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-gpu",
            ],
        )
        yield browser
        browser.close()


# Reports what a page did that it must not: listened for in the page itself,
# installed before any of the page's own scripts run.
WATCH = """
window.__civic = {csp: [], errors: []};
document.addEventListener('securitypolicyviolation', e => {
  window.__civic.csp.push(e.violatedDirective + ' ' + e.blockedURI);
});
window.addEventListener('error', e => { window.__civic.errors.push(String(e.message)); });
"""


class Watch:
    """Everything a page tried to do that a resident's browser must never do."""

    def __init__(self, base: str):
        self.origin = urlsplit(base).netloc
        self.foreign_requests: list[str] = []
        self.dialogs: list[str] = []
        self.console_errors: list[str] = []

    def route(self, route):
        if urlsplit(route.request.url).netloc != self.origin:
            self.foreign_requests.append(route.request.url)
            return route.abort()
        return route.continue_()

    def page_report(self, page) -> dict:
        return page.evaluate("window.__civic || {csp: [], errors: []}")


@pytest.fixture
def open_page(browser):
    """``open_page(base, width=1280)`` -> (page, watch) with every guard installed."""
    contexts = []

    def _open(base: str, width: int = 1280, height: int = 900, **options):
        context = browser.new_context(
            viewport={"width": width, "height": height}, locale="en-GB", timezone_id="Europe/London", **options
        )
        contexts.append(context)
        watch = Watch(base)
        context.route("**/*", watch.route)
        context.add_init_script(WATCH)
        page = context.new_page()
        page.on("dialog", lambda d: (watch.dialogs.append(d.message), d.dismiss()))
        page.on("console", lambda m: watch.console_errors.append(m.text) if m.type == "error" else None)
        return page, watch

    yield _open
    for context in contexts:
        context.close()


def sample_pages(content: Path = SAMPLE) -> dict[str, str]:
    """One URL of every page type, taken from the sample content."""

    def first(folder, suffix):
        return sorted((content / folder).glob(f"*{suffix}"))[0].stem

    import yaml

    categories = yaml.safe_load((content / "taxonomy/categories.yaml").read_text())
    areas = yaml.safe_load((content / "taxonomy/areas.yaml").read_text())
    return {
        "home": "/",
        "service": f"/services/{first('services', '.yaml')}/",
        "organisation": f"/organisations/{first('organisations', '.yaml')}/",
        "location": f"/locations/{first('locations', '.yaml')}/",
        "categories": "/categories/",
        "category": f"/categories/{sorted(categories)[0]}/",
        "areas": "/areas/",
        "area": f"/areas/{sorted(areas)[0]}/",
        "listing": "/organisations/",
        "a-z": "/a-z/",
        "a-z letter": "/a-z/m/",
        "consultations": "/consultations/",
        "consultation": f"/consultations/{first('consultations', '.md')}/",
        "page": "/accessibility/",
        "search": "/search/?q=food",
        "updates": "/updates/",
        "embed builder": "/embed/",
        "embed frame": f"/embed/services/category/{sorted(categories)[0]}/",
        "404": "/no-such-page/",
    }
