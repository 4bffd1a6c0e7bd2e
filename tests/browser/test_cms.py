"""The web editor in real Chromium, against Decap's real local backend.

A copy of the sample content is edited by ``decap-server`` (from
theme/node_modules, started the way ``make cms`` starts it) and the site is
built for it as ``make cms`` builds it. A service made through /admin/ must be
a file ``make validate`` passes; /admin/ may ask nothing of any origin but the
site and the local backend; and a contributor's text shown in the editor must
never run.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from directory.commands.cms import backend_url, start_backend, stop
from directory.entry_yaml import entry_text
from directory.reading import strict_yaml

from ..hostile import TEXT_PAYLOADS
from .conftest import ROOT, SAMPLE_EPOCH, WATCH

HOSTILE = "hostile-club"
NEW_SERVICE = 'a[href="#/collections/services/new"]'  # "+ Service"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_hostile_service(content: Path) -> None:
    """A valid service whose every text is an attack (tests/hostile.py)."""
    service = {
        "name": '"><img src=x onerror=alert("name")> Hostile Club',
        "organization": "millbrook-repair-cafe",
        "summary": "<script>alert('summary')</script> a summary",
        "description": "\n\n".join(TEXT_PAYLOADS),
        "categories": ["community-meals"],
        "phones": [{"number": "01632 960 999"}],
        "assured_date": "2026-11-01",
    }
    (content / "services" / f"{HOSTILE}.yaml").write_text(entry_text("service", service), encoding="utf-8")


@pytest.fixture(scope="module")
def editor(tmp_path_factory, serve):
    """``(site URL, backend URL, content folder)``: the editor of a copy of the sample."""
    root = tmp_path_factory.mktemp("cms")
    content = root / "content"
    shutil.copytree(ROOT / "content", content)
    write_hostile_service(content)
    port = free_port()
    backend = start_backend(ROOT / "theme", root, port)
    try:
        environment = {
            **os.environ,
            "PYTHONPATH": str(ROOT / "plugins"),
            "SOURCE_DATE_EPOCH": SAMPLE_EPOCH,
            "CIVIC_HUB_CMS_LOCAL_BACKEND": backend_url(port),
        }
        command = [sys.executable, "-m", "directory.commands.build", str(content), "-o", str(root / "output")]
        built = subprocess.run(
            [*command, "-s", str(ROOT / "pelicanconf.py")], cwd=ROOT, env=environment, capture_output=True, text=True
        )
        assert built.returncode == 0, built.stderr
        yield serve(root / "output"), backend_url(port), content
    finally:
        stop(backend)


class Recorder:
    """Every request the editor makes, dialogs, script errors and policy violations."""

    def __init__(self, base: str, backend: str):
        self.allowed = {urlsplit(base).netloc, urlsplit(backend).netloc}
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []

    def route(self, route):
        self.requests.append(route.request.url)
        if urlsplit(route.request.url).netloc in self.allowed:
            return route.continue_()
        return route.abort()

    def foreign(self) -> list[str]:
        return [u for u in self.requests if urlsplit(u).netloc not in self.allowed]


@pytest.fixture
def admin(browser, editor):
    """``(page, recorder, content)``: /admin/ opened and signed in to the local backend."""
    base, backend, content = editor
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-GB")
    recorder = Recorder(base, backend)
    context.route("**/*", recorder.route)
    context.add_init_script(WATCH)
    page = context.new_page()
    page.on("dialog", lambda d: (recorder.dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: recorder.errors.append(str(e)))
    page.goto(base + "/admin/")
    page.get_by_role("button", name="Login").click()
    page.locator(NEW_SERVICE).wait_for()
    yield page, recorder, content, base
    context.close()


def field(page, name: str):
    """A field's input: Decap names it <name>-field-<number>."""
    return page.locator(f'[id^="{name}-field-"]')


def choose(page, name: str, typed: str, option: str) -> None:
    """Type into a select or relation widget and pick ``option``."""
    field(page, name).fill(typed)
    page.get_by_role("option", name=option, exact=True).click()


def policy_report(page) -> dict:
    """What the watch (conftest.WATCH) saw in the page and in its frames (the preview pane)."""
    seen = {"csp": [], "errors": []}
    for frame in page.frames:
        if not frame.is_detached():
            found = frame.evaluate("window.__civic || {csp: [], errors: []}")
            seen = {key: seen[key] + found[key] for key in seen}
    return seen


def wait_for_file(page, path: Path, seconds: float = 30) -> str:
    """The file once written; waiting in the page, so that Playwright goes on
    passing the editor's requests through the recorder meanwhile."""
    deadline, last = time.monotonic() + seconds, ""
    while time.monotonic() < deadline:
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        if text and text == last:  # the same twice: written to the end
            return text
        last = text
        page.wait_for_timeout(200)
    raise AssertionError(f"{path} was not written")


def open_entry(page, base: str, collection: str, slug: str) -> None:
    """As an editor does: the collection's list, then the entry's link."""
    page.goto(f"{base}/admin/#/collections/{collection}")
    page.locator(f'a[href="#/collections/{collection}/entries/{slug}"]').click()


@pytest.mark.browser
def test_a_service_made_in_the_editor_is_a_file_validate_passes(admin):
    page, recorder, content, _ = admin
    page.locator(NEW_SERVICE).click()
    field(page, "name").fill("Friday Lunch Club")
    choose(page, "organization", "Repair", "Millbrook Repair Café")
    field(page, "summary").fill("A hot two-course lunch every Friday, from 10:30: no booking, no one turned away.")
    page.locator("[data-slate-editor=true]").first.click()
    page.keyboard.type("Everyone is welcome. Come along on Friday at noon.")
    choose(page, "categories", "Community meals", "Food › Community meals and cafés")
    field(page, "alert").fill("A notice typed and then taken back")
    field(page, "alert").fill("")  # "" to Decap: admin.js leaves the field out
    field(page, "minimum_age").fill("60")
    field(page, "free").click()
    choose(page, "locations", "Church Hall", "St Mary's Church Hall, Eastgate")
    page.get_by_role("button", name="Add phones").click()
    field(page, "number").fill("01632 960 555")
    page.get_by_role("button", name="Add schedules").click()
    field(page, "byday").fill("FR")
    field(page, "opens_at").fill("10:30")
    field(page, "closes_at").fill("13:00")
    field(page, "fees").fill("0123")  # what YAML 1.1 reads as 83, or a number
    field(page, "assurer").fill("no")  # and as False
    field(page, "assured_date").fill("2026-11-20")
    page.get_by_role("button", name="Publish").first.click()
    page.get_by_text("Publish now").click()

    written = content / "services/friday-lunch-club.yaml"
    text = wait_for_file(page, written)
    data, _ = strict_yaml.load(text)  # the project's own strict reader
    assert data["organization"] == "millbrook-repair-cafe"
    assert data["categories"] == ["community-meals"] and data["locations"] == ["st-marys-church-hall"]
    assert data["schedules"] == [{"byday": "FR", "opens_at": "10:30", "closes_at": "13:00"}]
    assert data["assured_date"] == "2026-11-20" and data["minimum_age"] == "60" and data["free"] == "true"
    assert data["phones"] == [{"number": "01632 960 555"}]
    assert (data["fees"], data["assurer"]) == ("0123", "no")  # as typed, whatever Decap's quotes
    assert "alert" not in data, text
    validate = subprocess.run(
        [sys.executable, "-m", "directory.commands.validate", str(content), "-s", str(ROOT / "pelicanconf.py")],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "SOURCE_DATE_EPOCH": SAMPLE_EPOCH},
        capture_output=True,
        text=True,
    )
    assert validate.returncode == 0, validate.stdout + validate.stderr
    assert "friday-lunch-club" not in validate.stdout + validate.stderr  # not even a warning
    assert recorder.foreign() == [] and recorder.errors == [] and policy_report(page)["csp"] == []


@pytest.mark.browser
def test_the_editor_asks_nothing_of_any_origin_but_the_site_and_the_local_backend(admin):
    page, recorder, _, base = admin
    for collection in ("services", "organisations", "locations", "consultations", "pages"):
        page.goto(f"{base}/admin/#/collections/{collection}")
        page.locator('a[href*="/entries/"]').first.wait_for()
    open_entry(page, base, "services", "baby-bank")
    expect(field(page, "name")).to_have_value("Baby Bank Bundles")
    open_entry(page, base, "consultations", "budget-2027-28")
    expect(field(page, "title").first).to_have_value("Council budget 2027 to 2028: have your say")
    page.goto(f"{base}/admin/#/collections/organisations")
    page.locator('a[href="#/collections/organisations/new"]').click()
    expect(field(page, "name")).to_have_value("")
    origins = {urlsplit(u).netloc for u in recorder.requests}
    assert recorder.foreign() == [] and len(origins) == 2, origins  # the site's and the backend's
    assert recorder.errors == [] and policy_report(page)["csp"] == []


@pytest.mark.browser
def test_a_contributors_text_never_runs_in_the_editor(admin):
    page, recorder, _, base = admin
    page.goto(f"{base}/admin/#/collections/services")
    page.get_by_text("Hostile Club").first.wait_for()
    open_entry(page, base, "services", HOSTILE)
    expect(field(page, "summary")).to_have_value("<script>alert('summary')</script> a summary")
    page.wait_for_timeout(1000)  # the preview pane draws the Markdown
    frames = [f for f in page.frames if f != page.main_frame]
    assert frames, "the preview pane"
    shown = "".join(f.locator("body").inner_text() for f in frames)
    assert "Hostile Club" in shown or "a summary" in shown
    assert recorder.dialogs == [] and recorder.foreign() == [] and recorder.errors == []
    # All the policy stopped: pictures from other origins, and the event handlers
    # DOMPurify meets while it parses the preview's HTML in a document of its own
    # (parsing reports them; nothing runs there, with or without the policy)
    blocked = policy_report(page)["csp"]
    assert all(v.startswith(("img-src https://tracker.invalid", "script-src-attr inline")) for v in blocked), blocked


def entry_data(path: Path):
    """``(fields, body)`` of an entry as the strict reader reads them."""
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".md":
        return strict_yaml.load(text)[0], ""
    _, fields, body = text.split("---\n", 2)
    return strict_yaml.load(fields)[0], body.strip()


def saved(path: Path, changed: str) -> bool:
    try:
        return entry_data(path)[0].get(changed) == "Checked in the editor"
    except (ValueError, strict_yaml.StrictYAMLError):  # caught while it was being written
        return False


@pytest.mark.browser
@pytest.mark.parametrize(
    "collection, slug, changed",
    [
        ("services", "foodbank-ashby-green", "assurer"),  # a place written out in full, opening times
        ("consultations", "budget-2027-28", "summary"),  # front matter and Markdown
    ],
)
def test_saving_an_entry_in_the_editor_keeps_every_other_value(admin, collection, slug, changed):
    page, recorder, content, base = admin
    path = next((content / collection).glob(f"{slug}.*"))
    before, before_body = entry_data(path)
    open_entry(page, base, collection, slug)
    field(page, changed).first.fill("Checked in the editor")
    page.get_by_role("button", name="Publish").first.click()
    page.get_by_text("Publish now").click()
    deadline = time.monotonic() + 30
    while not saved(path, changed) and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    after, after_body = entry_data(path)
    assert after.pop(changed) == "Checked in the editor"
    before.pop(changed)
    assert after == before and after_body == before_body
    assert recorder.foreign() == [] and recorder.errors == []
