"""What the devserver tells the browser (commands/live_status.py): a page it
serves shows a broken save's problems at its top and keeps the last good
version, then loads again once the entry is fixed; and the web editor, run as
``make cms`` runs it (decap-server behind the guard, the devserver), shows the
problem of the entry just saved in its own page and never says it is
published when the build refused it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from directory.commands.cms import backend_url, editor_backend
from directory.commands.editor_guard import site_origins
from directory.commands.live_status import STATUS_URL

from ..conftest import CONF, FIXTURES, SAMPLE
from .conftest import ROOT, SAMPLE_EPOCH, WATCH
from .test_cms import NEW_SERVICE, Recorder, field, free_port, open_entry, policy_report


def devserver(content: Path, output: Path, port: int, log: Path, **environment) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "SOURCE_DATE_EPOCH": SAMPLE_EPOCH, **environment}
    command = [sys.executable, "-m", "directory.commands.devserver", str(content), "-o", str(output)]
    with open(log, "w") as out:
        return subprocess.Popen([*command, "-s", str(CONF), "-p", str(port)], cwd=ROOT, env=env, stdout=out, stderr=out)


def wait_until_built(page, base: str, log: Path, seconds: float = 120) -> None:
    """Until the devserver serves its first build, waiting in the page (Playwright
    goes on passing requests through the test's routes meanwhile)."""
    for _ in range(int(seconds * 2)):
        try:
            with urllib.request.urlopen(base + STATUS_URL, timeout=5) as response:
                if json.load(response)["build"] > 0:
                    return
        except OSError:
            pass
        page.wait_for_timeout(500)
    raise AssertionError(f"the devserver never built the site:\n{log.read_text()}")


@pytest.mark.browser
def test_a_broken_save_shows_on_the_page_and_a_fixed_one_reloads_it(open_page, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    port, log = free_port(), tmp_path / "devserver.log"
    server = devserver(content, tmp_path / "out", port, log)
    try:
        base = f"http://127.0.0.1:{port}"
        page, watch = open_page(base)
        wait_until_built(page, base, log)
        page.goto(base + "/services/riverside-food-bank/")
        expect(page.locator("h1")).to_have_text("Riverside Food Bank")
        page.evaluate("window.__notReloaded = true")
        service = content / "services/riverside-food-bank.yaml"
        good = service.read_text()
        service.write_text(good.replace("name: Riverside Food Bank", "name: Riverside Food Bank\nnmae: <b>typo</b>"))
        alert = page.get_by_role("alert")
        expect(alert).to_contain_text("the site keeps the last good version", timeout=30_000)
        expect(alert).to_contain_text("content/services/riverside-food-bank.yaml:2:1: unknown field 'nmae'")
        assert page.locator("#devserver-problems b").count() == 0  # text, never HTML
        assert page.evaluate("window.__notReloaded") is True  # the last good page stays
        expect(page.locator("h1")).to_have_text("Riverside Food Bank")
        service.write_text(good.replace("Riverside Food Bank", "Riverside Community Food Bank"))
        expect(page.locator("h1")).to_have_text("Riverside Community Food Bank", timeout=30_000)  # loaded again
        expect(page.get_by_role("alert")).to_have_count(0)
        assert page.evaluate("window.__notReloaded") is None
        report = watch.page_report(page)
        assert report["csp"] == [] and report["errors"] == [] and watch.foreign_requests == []
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def live_editor(tmp_path_factory):
    """``(site URL, backend URL, content folder, devserver log)``: /admin/ served by the
    devserver on a copy of the sample, with decap-server behind the guard."""
    root = tmp_path_factory.mktemp("live-cms")
    content = root / "content"
    shutil.copytree(SAMPLE, content)
    port, backend_port, log = free_port(), free_port(), root / "devserver.log"
    with editor_backend(ROOT / "theme", root, "content", backend_port, site_origins("127.0.0.1", port)):
        server = devserver(content, root / "output", port, log, CIVIC_HUB_CMS_LOCAL_BACKEND=backend_url(backend_port))
        try:
            yield f"http://127.0.0.1:{port}", backend_url(backend_port), content, log
        finally:
            server.terminate()
            server.wait(timeout=10)


@pytest.mark.browser
def test_the_editor_saving_a_broken_entry_shows_its_problem_in_the_page(browser, live_editor):
    base, backend, content, log = live_editor
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-GB")
    recorder = Recorder(base, backend)
    context.route("**/*", recorder.route)
    context.add_init_script(WATCH)
    page = context.new_page()
    page.on("pageerror", lambda e: recorder.errors.append(str(e)))
    try:
        wait_until_built(page, base, log)
        page.goto(base + "/admin/")
        assert page.locator("script[src='/_devserver/reload.js']").count() == 0  # the editor is never reloaded
        expect(page.get_by_role("heading", name="Millbrook Community Directory")).to_be_visible()  # whose editor
        page.get_by_role("button", name="Login").click()
        page.locator(NEW_SERVICE).wait_for()
        expect(page.get_by_role("button", name="Media")).to_have_count(0)  # nothing to upload
        open_entry(page, base, "services", "foodbank-ashby-green")
        preview = page.frame_locator("iframe#preview-pane")
        expect(preview.locator('link[href="/theme/css/main.css"]')).to_have_count(1)  # the site's look
        bar = 'xpath=ancestor::*[./*[contains(@class, "-StyledListItemTopBar")]][1]'
        item = field(page, "closes_at").locator(bar)
        item.locator('[class*="-StyledListItemTopBar"] > button').first.click()  # the schedule, shown
        field(page, "closes_at").fill("09:00")  # before it opens, at 10:00
        page.get_by_role("button", name="Publish").first.click()
        page.get_by_text("Publish now").click()
        alert = page.get_by_role("alert").filter(has_text="Not published")
        expect(alert).to_contain_text(
            "Not published: the site keeps the last good version until this is fixed.", timeout=60_000
        )
        expect(alert).to_contain_text("it closes at 09:00, which is not after it opens at 10:00")
        expect(alert).to_contain_text("At line ")
        assert "Published on the preview" not in page.locator("body").inner_text()
        assert "closes_at: 09:00" in (content / "services/foodbank-ashby-green.yaml").read_text().replace('"', "")

        expect(page.get_by_role("button", name="Saved")).to_be_visible()  # never "Published"
        field(page, "closes_at").fill("12:00")  # fixed: the preview shows it
        page.get_by_role("button", name="Publish").first.click()
        page.get_by_text("Publish now").click()
        expect(page.get_by_role("status").filter(has_text="Published on the preview")).to_be_visible(timeout=60_000)
        expect(page.get_by_role("alert").filter(has_text="Not published")).to_have_count(0)
        assert recorder.foreign() == [] and recorder.errors == [] and policy_report(page)["csp"] == []
    finally:
        context.close()
