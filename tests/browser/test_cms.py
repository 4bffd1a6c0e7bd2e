"""The web editor in real Chromium, against Decap's real local backend.

A copy of the sample content is edited by ``decap-server`` (from
theme/node_modules) behind the guard that lets only the site's pages write
entry files (both started the way ``make cms`` starts them), and the site is
built for it as ``make cms`` builds it. A service made through /admin/ must be
a file ``make validate`` passes; /admin/ may ask nothing of any origin but the
site and the local backend; a contributor's text shown in the editor must
never run; and the editor must pass axe-core (WCAG 2.2 AA) at desktop width
and at 320 px, and be usable with the keyboard alone (theme/static/js/admin.js
and css/admin.css repair what Decap leaves out; docs/cms.md, "Accessibility").
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from directory.commands.cms import backend_url, editor_backend
from directory.commands.editor_guard import site_origins
from directory.entry_yaml import entry_text
from directory.reading import strict_yaml

from ..conftest import CONF, SAMPLE
from ..hostile import TEXT_PAYLOADS
from .conftest import ROOT, SAMPLE_EPOCH, WATCH
from .test_accessibility import axe_violations

HOSTILE = "hostile-club"
MONTHLY = "swap-shop"  # days of the month: the widget's ticks, and a value they cannot show
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


def write_monthly_service(content: Path) -> None:
    service = {
        "name": "Saturday Swap Shop",
        "organization": "millbrook-repair-cafe",
        "summary": "Bring what you no longer need and take what you do.",
        "description": "Clothes, books and toys, swapped for free.",
        "categories": ["community-meals"],
        "schedules": [
            {"freq": "MONTHLY", "byday": "1SA,3SA", "opens_at": "10:00", "closes_at": "12:30"},
            {"freq": "MONTHLY", "byday": "1SA,5SU", "opens_at": "14:00", "closes_at": "15:00"},  # no 5th to tick
        ],
        "assured_date": "2026-11-01",
    }
    (content / "services" / f"{MONTHLY}.yaml").write_text(entry_text("service", service), encoding="utf-8")


@pytest.fixture(scope="module")
def editor(tmp_path_factory, serve):
    """``(site URL, backend URL, content folder)``: the editor of a copy of the sample."""
    root = tmp_path_factory.mktemp("cms")
    content = root / "content"
    shutil.copytree(SAMPLE, content)
    write_hostile_service(content)
    write_monthly_service(content)
    port = free_port()
    environment = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "plugins"),
        "SOURCE_DATE_EPOCH": SAMPLE_EPOCH,
        "CIVIC_HUB_CMS_LOCAL_BACKEND": backend_url(port),
    }
    command = [sys.executable, "-m", "directory.commands.build", str(content), "-o", str(root / "output")]
    built = subprocess.run([*command, "-s", str(CONF)], cwd=ROOT, env=environment, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    base = serve(root / "output")  # the devserver's part: its pages are the guard's one origin
    with editor_backend(ROOT / "theme", root, "content", port, site_origins("127.0.0.1", urlsplit(base).port)):
        yield base, backend_url(port), content


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
def admin(browser, editor, request):
    """``(page, recorder, content, base)``: /admin/ opened and signed in to the
    local backend, 1400 px wide or as wide as the test's parameter says."""
    base, backend, content = editor
    width = getattr(request, "param", 1400)
    context = browser.new_context(viewport={"width": width, "height": 1000}, locale="en-GB")
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
    page.get_by_role("checkbox", name="Friday").check()  # the "days" widget (admin.js)
    expect(page.get_by_role("group", name="Weeks of the month")).to_have_count(0)  # every week, the default
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
        [sys.executable, "-m", "directory.commands.validate", str(content), "-s", str(CONF)],
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
        fields = entry_data(path)[0]
    except (ValueError, strict_yaml.StrictYAMLError):  # caught while it was being written
        return False
    return fields is not None and fields.get(changed) == "Checked in the editor"  # None: caught empty


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


# The editor's views a volunteer meets, each opened as they open it
def show_list(page, base: str) -> None:
    page.goto(f"{base}/admin/#/collections/services")
    page.locator('a[href*="/entries/"]').first.wait_for()


def show_new_service(page, base: str) -> None:
    show_list(page, base)
    page.locator(NEW_SERVICE).click()
    field(page, "name").wait_for()
    page.locator("iframe#preview-pane").wait_for()


def show_missing_fields(page, base: str) -> None:
    """A new service published empty: every required field says so, in red."""
    show_new_service(page, base)
    page.get_by_role("button", name="Publish").first.click()
    page.get_by_text("Publish now").click()
    page.locator('[class*="-ControlTopbar"] li').first.wait_for()


def show_service(page, base: str) -> None:
    """A service with lists (phones, languages), references and Markdown."""
    open_entry(page, base, "services", "baby-bank")
    expect(field(page, "name")).to_have_value("Baby Bank Bundles")
    page.locator("iframe#preview-pane").wait_for()


def show_consultation(page, base: str) -> None:
    """Dates and times, lists of objects (events, documents), a Markdown body."""
    open_entry(page, base, "consultations", "budget-2027-28")
    expect(field(page, "title").first).to_have_value("Council budget 2027 to 2028: have your say")
    page.locator("iframe#preview-pane").wait_for()


def show_monthly_service(page, base: str) -> None:
    """A service every month: its days as ticks and weeks, and a value shown as written."""
    open_entry(page, base, "services", MONTHLY)
    expect(field(page, "name")).to_have_value("Saturday Swap Shop")
    for item in page.get_by_role("button", name="MONTHLY", exact=True).all():  # a list's items open folded
        item.click()
    page.get_by_role("group", name="Weeks of the month").wait_for()
    page.locator("iframe#preview-pane").wait_for()


VIEWS = {
    "collection list": show_list,
    "new service": show_new_service,
    "new service, missing fields": show_missing_fields,
    "existing service": show_service,
    "existing consultation": show_consultation,
    "schedule's days": show_monthly_service,
}


@pytest.mark.browser
@pytest.mark.parametrize("admin", [1280, 320], indirect=True)
@pytest.mark.parametrize("view", list(VIEWS))
def test_the_editor_passes_axe_and_fits_the_screen(admin, view):
    page, _, _, base = admin
    VIEWS[view](page, base)
    assert axe_violations(page) == []
    previews = [f for f in page.frames if f != page.main_frame]  # the preview pane's document
    assert [axe_violations(f) for f in previews] == [[]] * len(previews)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0  # nothing to scroll sideways to, at 320 px either


FOCUSED = """() => {
  const e = document.activeElement, by = e.getAttribute('aria-labelledby');
  const name = e.getAttribute('aria-label') || (by && document.getElementById(by)?.textContent)
    || (e.labels && e.labels.length ? e.labels[0].textContent : e.textContent) || e.title;
  return {role: e.getAttribute('role') || e.tagName.toLowerCase(), name: (name || '').trim().slice(0, 60)};
}"""


# two animation frames: React has drawn what the key changed, and admin.js has looked again
SETTLED = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def tab_to(page, role: str, name: str, back: bool = False, presses: int = 120) -> list[dict]:
    """Tab (Shift+Tab with ``back``), as a keyboard user does, until the focus is
    on the control of ``role`` whose accessible name starts with ``name``; the
    controls passed on the way."""
    seen = []
    for _ in range(presses):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        page.evaluate(SETTLED)  # what Decap redraws as the focus moves, and admin.js's repair of it
        focused = page.evaluate(FOCUSED)
        if focused["role"] == role and focused["name"].startswith(name):
            return seen
        seen.append(focused)
    raise AssertionError(f"Tab never reached the {role} {name!r}; it went {seen}")


FIELD_VALUE = "() => { const e = document.activeElement; return 'value' in e ? e.value : null; }"


def write(page, text: str) -> None:
    """Type at a person's pace, and look, as a person does: under load a key can
    land while Decap redraws the field, and be lost ("Kyboard"); a text field
    that does not say what was typed is typed again, whole."""
    before = page.evaluate(FIELD_VALUE)
    page.keyboard.type(text, delay=20)
    for _ in range(3):
        if before is None or page.evaluate(FIELD_VALUE) == before + text:
            return
        page.keyboard.press("Control+A")
        page.keyboard.type(before + text, delay=40)
    assert page.evaluate(FIELD_VALUE) == before + text, "the field lost a key three times"


def pick(page, typed: str, option: str) -> None:
    """Type into the focused list field and press Enter on ``option``, the first shown."""
    write(page, typed)
    expect(page.get_by_role("option").first).to_have_text(option)
    page.keyboard.press("Enter")


@pytest.mark.browser
def test_a_volunteer_adds_a_service_with_the_keyboard_alone(admin):
    page, recorder, content, base = admin
    show_list(page, base)
    tab_to(page, "a", "Create entry of type Service")  # "+ Service"
    page.keyboard.press("Enter")
    page.locator("iframe#preview-pane").wait_for()  # the form drawn
    tab_to(page, "input", "Name")
    write(page, "Keyboard Coffee Morning")
    tab_to(page, "combobox", "Organisation")
    pick(page, "Millbrook Repair", "Millbrook Repair Café")
    tab_to(page, "textarea", "Summary")
    write(page, "Coffee, cake and company every Tuesday morning.")
    tab_to(page, "textbox", "Description")  # the Markdown editor, by its field's label
    write(page, "Everyone is welcome. No need to book.")
    tab_to(page, "combobox", "Categories")
    pick(page, "Community meals", "Food › Community meals and cafés")
    passed = tab_to(page, "button", "Set assured_date to now")  # past 20 fields, the email's hint link among them
    assert "body" not in [f["role"] for f in passed], passed  # the focus never dropped out of the form
    page.keyboard.press("Enter")
    tab_to(page, "button", "Publish", back=True)  # the toolbar, above the form
    page.keyboard.press("Enter")
    expect(page.get_by_role("menuitem", name="Publish now")).to_be_focused()
    page.keyboard.press("Enter")

    text = wait_for_file(page, content / "services/keyboard-coffee-morning.yaml")
    data, _ = strict_yaml.load(text)
    assert (data["name"], data["organization"]) == ("Keyboard Coffee Morning", "millbrook-repair-cafe")
    assert data["summary"] == "Coffee, cake and company every Tuesday morning."
    assert data["description"].strip() == "Everyone is welcome. No need to book."
    assert data["categories"] == ["community-meals"]
    assert len(data["assured_date"]) == len("2026-11-26")
    assert recorder.errors == [] and recorder.foreign() == []


@pytest.mark.browser
def test_the_markdown_toolbar_menu_and_switch_work_from_the_keyboard(admin):
    """The Headings menu button (a button inside a button until admin.js) and the
    Rich Text / Markdown switch (no state and no name until admin.js)."""
    page, _, _, base = admin
    show_new_service(page, base)
    tab_to(page, "button", "Headings")
    headings = page.locator('button[title="Headings"]').first
    expect(headings).to_have_attribute("aria-expanded", "false")
    # Space as a person presses it: the key is still down when the menu opens
    page.keyboard.down("Space")
    expect(page.get_by_role("menuitem", name="Heading 2")).to_be_focused()
    page.keyboard.up("Space")
    expect(headings).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Escape")
    expect(headings).to_be_focused()  # back where the menu was opened
    expect(headings).to_have_attribute("aria-expanded", "false")
    page.wait_for_timeout(300)  # a person's pause before opening it again
    page.keyboard.press("Enter")
    expect(page.get_by_role("menuitem", name="Heading 2")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("[data-slate-editor=true] h2").first).to_be_attached()

    tab_to(page, "switch", "Markdown", back=True)  # from the text back up to its toolbar
    expect(page.locator(":focus")).to_have_attribute("aria-checked", "false")
    page.keyboard.press("Space")  # Decap draws the field again, as Markdown text
    raw = page.locator(".cms-editor-raw [role=switch]")
    expect(raw).to_have_attribute("aria-checked", "true")
    expect(raw).to_have_accessible_name("Markdown")


def schedules_when_saved(path: Path, before: list, seconds: float = 30) -> list:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            now = entry_data(path)[0].get("schedules")
        except (ValueError, AttributeError, strict_yaml.StrictYAMLError):  # caught while it was being written
            now = before
        if now != before:
            return now
        time.sleep(0.2)
    raise AssertionError(f"{path} was not saved")


@pytest.mark.browser
def test_a_schedules_days_are_ticked_and_saved_as_the_codes_the_file_keeps(admin):
    """byday "1SA,3SA" every month shows as Saturday in the 1st and 3rd weeks;
    ticking Monday with the keyboard saves "1MO,1SA,3MO,3SA"; a value the ticks
    cannot show ("1SA,5SU": no 5th week) is shown as written and kept."""
    page, recorder, content, base = admin
    path = content / "services" / f"{MONTHLY}.yaml"
    before = entry_data(path)[0]["schedules"]
    show_monthly_service(page, base)
    days = page.get_by_role("group", name="Days of the week")
    weeks = page.get_by_role("group", name="Weeks of the month")
    expect(days).to_have_count(1)  # the second schedule's days are text, with a note
    ticked = {"Saturday", "1st", "3rd"}
    for group, names in (
        (days, ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]),
        (weeks, ["1st", "2nd", "3rd", "4th", "last"]),
    ):
        for name in names:
            box = group.get_by_role("checkbox", name=name, exact=True)
            expect(box).to_be_checked(checked=name in ticked)
    as_written = page.get_by_role("textbox", name="Days, as written")
    expect(as_written).to_have_value("1SA,5SU")
    expect(as_written).to_have_accessible_description(re.compile("kept exactly as written"))
    assert axe_violations(page) == []

    days.get_by_role("checkbox", name="Sunday").focus()
    tab_to(page, "input", "Monday", back=True)  # the boxes are in the Tab order
    page.keyboard.press("Space")
    expect(days.get_by_role("checkbox", name="Monday")).to_be_checked()
    # the preview pane, as the service's page says it: names, not file names or codes
    preview = page.frame_locator("iframe#preview-pane")
    expect(preview.locator(".govuk-caption-l")).to_have_text("Millbrook Repair Café")
    expect(preview.locator("h1")).to_have_text("Saturday Swap Shop")
    when = preview.locator(".govuk-summary-list__row", has_text="When")
    expect(when.locator("li")).to_have_text(
        [
            "The first Monday, the first Saturday, the third Monday and the third Saturday of every month, "
            "10am to 12:30pm",
            "The first Saturday and the fifth Sunday of every month, 2pm to 3pm",
        ]
    )
    expect(preview.locator(".govuk-summary-list__row", has_text="Categories")).to_contain_text("Community meals")
    expect(preview.locator("body")).not_to_contain_text("millbrook-repair-cafe")
    page.get_by_role("button", name="Publish").first.click()
    page.get_by_text("Publish now").click()
    after = schedules_when_saved(path, before)
    assert [s["byday"] for s in after] == ["1MO,1SA,3MO,3SA", "1SA,5SU"]
    assert [{k: v for k, v in s.items() if k != "byday"} for s in after] == [
        {k: v for k, v in s.items() if k != "byday"} for s in before
    ]
    # every week: weeks of the month do not apply, and the ticked ones say so
    field(page, "freq").first.click()
    page.get_by_role("option", name="Every week", exact=True).click()
    expect(weeks).to_have_accessible_description(re.compile("choose “Every month” above, or untick them"))
    assert recorder.errors == [] and recorder.foreign() == []
