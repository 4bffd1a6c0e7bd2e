"""Consultations through their life, built at different moments: the status and
section on every page that shows one; feeds and calendars that validate."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest

from .conftest import CONF, settings_file

LIBRARY = "/consultations/library-hours/"  # opens 2026-11-01, closes 2027-01-31 17:00, in north-ward
ATOM = "{http://www.w3.org/2005/Atom}"


def epoch(text: str) -> str:
    return str(int(datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp()))


class Listed(HTMLParser):
    """Where a link to a page sits: the data-section of its list, whether its <li>
    is hidden, its status tag's words; and which [data-when] blocks are shown."""

    def __init__(self, href: str):
        super().__init__()
        self.href, self.stack, self.found, self.blocks = href, [], [], {}
        self.tag_text, self.in_tag = [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.stack.append((tag, attrs))
        if "data-when" in attrs:
            self.blocks[attrs["data-when"]] = "hidden" not in attrs
        if tag == "a" and attrs.get("href") == self.href:
            section = next((a["data-section"] for _, a in reversed(self.stack) if "data-section" in a), None)
            item = next((a for t, a in reversed(self.stack) if t == "li"), {})
            self.found.append({"section": section, "hidden": "hidden" in item})
        if "data-page-status" in attrs:
            self.in_tag = True

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass
        if tag == "strong":
            self.in_tag = False

    def handle_data(self, data):
        if self.in_tag:
            self.tag_text.append(data.strip())


def listed(html: str, href: str) -> Listed:
    parser = Listed(href)
    parser.feed(html)
    return parser


@pytest.fixture
def built_at(copy_fixture, tmp_path, monkeypatch):
    from directory.commands.build import build
    from directory.commands.cli import run

    content = copy_fixture()

    def _build(moment: str):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(moment))
        out = tmp_path / f"out-{moment[:10]}"
        assert run(lambda: build(str(content), str(out), str(CONF)), str(CONF)) == 0
        return out

    return content, _build


@pytest.mark.parametrize(
    "moment, words, section",
    [
        ("2026-10-15T12:00", "Opens 1 November 2026", "upcoming"),
        ("2026-12-10T12:00", "Open", "open"),
        ("2027-01-25T12:00", "Closing soon", "open"),
        ("2027-02-05T12:00", "Closed", "closed"),
    ],
)
def test_the_status_is_the_same_on_every_page_at_every_moment(built_at, moment, words, section):
    _, build = built_at
    out = build(moment)
    index = listed((out / "consultations/index.html").read_text(), LIBRARY)
    assert [f["section"] for f in index.found] == [section]
    home = listed((out / "index.html").read_text(), LIBRARY).found
    assert home == [] or home == [{"section": "open", "hidden": section != "open"}]
    page = listed((out / "consultations/library-hours/index.html").read_text(), LIBRARY)
    assert " ".join(t for t in page.tag_text if t) == words
    shown = [when for when, visible in page.blocks.items() if visible]
    expected = {"upcoming": "upcoming", "open": "open closing-soon", "closed": "closed outcome"}[section]
    assert shown == [expected]
    for other in (
        "organisations/millbrook-council",
        "areas/north-ward",
        "categories/advice",
        "services/riverside-food-bank",
    ):
        html = (out / other / "index.html").read_text()
        assert re.search(
            rf'href="{LIBRARY}">[^<]*</a></h3>\s*<p class="ch-card__status"><strong[^>]*>{words}<', html
        ), other


def test_an_outcome_published_is_its_own_status(built_at):
    content, build = built_at
    path = content / "consultations/library-hours.md"
    text = path.read_text().replace(
        "areas: [north-ward]\n", "areas: [north-ward]\noutcome: We open on Sundays.\noutcome_published: 2027-03-01\n"
    )
    path.write_text(text)
    out = build("2027-03-10T12:00")
    page = listed((out / "consultations/library-hours/index.html").read_text(), LIBRARY)
    assert " ".join(t for t in page.tag_text if t) == "Outcome published"
    assert 'data-outcome="2027-03-01"' in (out / "consultations/library-hours/index.html").read_text()
    assert "You said, we did" in (out / "consultations/library-hours/index.html").read_text()


def test_closed_consultations_go_on_over_more_pages_most_recent_first(copy_fixture, build, tmp_path):
    content = copy_fixture()
    for slug, closes in (("older", "2025-06-30"), ("oldest", "2024-01-31")):
        (content / f"consultations/{slug}.md").write_text(
            f"---\ntitle: The {slug} one\norganization: millbrook-council\nsummary: Asked long ago.\n"
            f"opens: 2023-01-01\ncloses: {closes}\nhow_to_respond:\n  email: a@millbrook.example\n---\nText.\n"
        )
    conf = tmp_path / "conf.py"
    settings_file(conf, "DIRECTORY = {**DIRECTORY, 'page_size': 1}\n")
    code, out = build(content, conf=conf)
    assert code == 0
    pages = [
        out / "consultations/index.html",
        out / "consultations/page/2/index.html",
        out / "consultations/page/3/index.html",
    ]
    on = [
        [
            href
            for href in ("/consultations/parks-plan/", "/consultations/older/", "/consultations/oldest/")
            if listed(p.read_text(), href).found
        ]
        for p in pages
    ]
    assert on == [["/consultations/parks-plan/"], ["/consultations/older/"], ["/consultations/oldest/"]]
    assert not (out / "consultations/page/4").exists()
    assert "Closed consultations (page 2 of 3)" in pages[1].read_text()


# --- feeds ---------------------------------------------------------------------------------


def feed(out, name: str):
    return ET.fromstring((out / "feeds" / name).read_bytes())


def test_feeds_are_atom_with_stable_ids_and_the_entries_own_dates(copy_fixture, build):
    code, out = build(copy_fixture())
    assert code == 0
    names = [str(p.relative_to(out / "feeds")) for p in (out / "feeds").rglob("*.atom")]
    assert {
        "services.atom",
        "consultations.atom",
        "closing-soon.atom",
        "outcomes.atom",
        "areas/north-ward.atom",
    } <= set(names)
    for name in names:
        root = feed(out, name)
        assert root.tag == f"{ATOM}feed"
        for required in ("id", "title", "updated"):
            assert root.find(f"{ATOM}{required}") is not None, (name, required)
        entries = root.findall(f"{ATOM}entry")
        dates = []
        for entry in entries:
            assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", entry.find(f"{ATOM}id").text)
            assert entry.find(f"{ATOM}title").text
            assert entry.find(f"{ATOM}link").get("href").startswith("http://localhost:8000/")
            dates.append(datetime.fromisoformat(entry.find(f"{ATOM}updated").text))
        if dates:  # the feed's date is its newest entry's, not the build's
            assert datetime.fromisoformat(root.find(f"{ATOM}updated").text) == max(dates)
    services = {
        e.find(f"{ATOM}title").text: e.find(f"{ATOM}updated").text
        for e in feed(out, "services.atom").findall(f"{ATOM}entry")
    }
    assert services["Riverside Food Bank"] == "2026-09-14T00:00:00+01:00"  # its assured_date
    outcome = feed(out, "outcomes.atom").find(f"{ATOM}entry")
    assert outcome.find(f"{ATOM}updated").text.startswith("2026-05-01")


def test_a_rebuild_later_does_not_mark_the_feeds_updated(built_at):
    _, build = built_at
    first, later = build("2027-02-05T12:00"), build("2027-02-20T12:00")
    for name in ("services.atom", "consultations.atom", "outcomes.atom", "areas/north-ward.atom"):
        assert (first / "feeds" / name).read_bytes() == (later / "feeds" / name).read_bytes(), name


# --- calendars -----------------------------------------------------------------------------


def test_calendars_parse_and_meet_rfc_5545(copy_fixture, build):
    from icalendar import Calendar

    code, out = build(copy_fixture())
    raw = (out / "calendars/consultations.ics").read_bytes()
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")  # CRLF only
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # folded at 75 octets
    cal = Calendar.from_ical(raw)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 3  # two closing dates and one drop-in session
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids) and all(u.endswith("@localhost") for u in uids)
    for event in events:
        assert "DTSTAMP" in event and "DTSTART" in event and "SUMMARY" in event
        assert str(event["DTSTAMP"].to_ical().decode()).endswith("Z")
    timed = [e for e in events if hasattr(e["DTSTART"].dt, "hour")]
    assert timed and all(e["DTSTART"].params.get("TZID") == "Europe/London" for e in timed)
    assert cal.walk("VTIMEZONE") and str(cal.walk("VTIMEZONE")[0]["TZID"]) == "Europe/London"
    closes = next(e for e in events if str(e["SUMMARY"]) == "Consultation closes: Library opening hours")
    assert closes["DTSTART"].dt == datetime(2027, 1, 31, 17, 0, tzinfo=closes["DTSTART"].dt.tzinfo)
    assert str(closes["URL"]) == "http://localhost:8000/consultations/library-hours/"
    library = {str(e["UID"]) for e in events if "Library opening hours" in str(e["SUMMARY"])}
    area = Calendar.from_ical((out / "calendars/areas/north-ward.ics").read_bytes())
    assert {str(e["UID"]) for e in area.walk("VEVENT")} == library and len(library) == 2  # its closing date and event


# --- share previews, discoverability -------------------------------------------------------


class Meta(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta, self.links = {}, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            self.meta[attrs.get("property") or attrs.get("name")] = attrs.get("content")
        if tag == "link" and attrs.get("rel") == "alternate":
            self.links.append((attrs["type"], attrs["href"]))


def meta_of(html: str) -> Meta:
    parser = Meta()
    parser.feed(html)
    return parser


def test_every_page_has_a_description_and_a_share_preview(copy_fixture, build):
    code, out = build(copy_fixture())
    frames = set((out / "embed").glob("*/**/index.html"))  # parts of other sites' pages: never shared
    assert frames
    for page in set(out.rglob("*.html")) - frames - {out / "admin/index.html"}:  # nor the web editor
        meta = meta_of(page.read_text()).meta
        assert meta.get("description"), page
        for key in ("og:title", "og:description", "og:url", "og:site_name", "twitter:card"):
            assert meta.get(key), (page, key)
    service = meta_of((out / "services/riverside-food-bank/index.html").read_text()).meta
    assert service["description"] == service["og:description"] == "Emergency food parcels for people in crisis."
    assert service["og:title"] == "Riverside Food Bank"
    assert service["og:url"] == "http://localhost:8000/services/riverside-food-bank/"
    assert service["og:image"] == "http://localhost:8000/images/share.png"


def test_pages_offer_their_feeds_and_calendars(copy_fixture, build):
    code, out = build(copy_fixture())
    area = meta_of((out / "areas/north-ward/index.html").read_text()).links
    assert ("application/atom+xml", "/feeds/areas/north-ward.atom") in area
    assert ("text/calendar", "/calendars/areas/north-ward.ics") in area
    index = meta_of((out / "consultations/index.html").read_text()).links
    assert ("application/atom+xml", "/feeds/closing-soon.atom") in index
    updates = (out / "updates/index.html").read_text()
    for href in (
        "/feeds/services.atom",
        "/calendars/consultations.ics",
        "/feeds/areas/north-ward.atom",
        "/feeds/categories/food.atom",
    ):
        assert f'href="{href}"' in updates, href
    for path in ("feeds/categories/food.atom", "calendars/areas/south-ward.ics"):
        assert (out / path).is_file()


def test_share_links_are_plain_links(copy_fixture, build):
    code, out = build(copy_fixture())
    html = (out / "consultations/library-hours/index.html").read_text()
    assert (
        'href="mailto:?subject=Library%20opening%20hours&amp;body=Library%20opening%20hours%3A%20http%3A//localhost%3A8000/consultations/library-hours/"'
        in html
    )
    assert (
        'href="https://wa.me/?text=Library%20opening%20hours%3A%20http%3A//localhost%3A8000/consultations/library-hours/"'
        in html
    )
    assert 'data-copy="http://localhost:8000/consultations/library-hours/"' in html
