"""What the build publishes for other sites: the widget's data files (one per
slice, columns, the values of each filter), the frame pages and the builder, and
the hosting rules that let other sites read and frame exactly those."""

from __future__ import annotations

import base64
import hashlib
import json
import re

import pytest

from directory.outputs.widgets import short_slug

from .conftest import ROOT
from .headers import header_blocks
from .test_hostile_prs import fetch


@pytest.fixture
def site(copy_fixture, build):
    code, out = build(copy_fixture())
    assert code == 0
    return out


def data(out, path: str) -> dict:
    return json.loads((out / "widget/v1/data" / path).read_text())


def slugs(file: dict) -> list[str]:
    """The slugs of a data file, as the widget reads them back (civic-hub.js: rows)."""
    found = []
    for given, name in zip(file["u"], file["t"], strict=True):
        own = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        found.append(own if not given else own + "-" + given[1:] if given.startswith("+") else given)
    return found


@pytest.mark.parametrize(
    "slug, name, sent",
    [
        ("riverside-food-bank", "Riverside Food Bank", ""),
        ("riverside-food-bank-2", "Riverside Food Bank", "+2"),
        ("stay-and-play-northfield", "Stay and Play", "+northfield"),
        ("stay-and-play", "Stay & Play!", "stay-and-play"),  # "&" is not "and": sent whole
        ("food", "Riverside Food Bank", "food"),
        ("cafe-club", "Café Club", "cafe-club"),  # not ASCII: sent whole
        ("riverside", "Riverside Food Bank", "riverside"),
    ],
)
def test_a_slug_is_sent_short_only_when_the_widget_can_work_it_out(slug, name, sent):
    assert short_slug(slug, name) == sent
    assert slugs({"u": [sent], "t": [name]}) == [slug]


def test_every_slice_has_a_data_file_and_a_broader_category_holds_its_narrower(site):
    food, banks = data(site, "services/category/food.json"), data(site, "services/category/food-banks.json")
    assert slugs(banks) == ["riverside-food-bank"]
    assert slugs(food) == ["riverside-food-bank"]  # food-banks is narrower than food
    assert banks["name"] == "Food banks" and banks["page"] == "/categories/food-banks/"
    assert banks["link"] == "/services/{slug}/"
    assert len({len(banks[key]) for key in ("u", "t", "s", "o", "a", "f", "g")}) == 1  # columns line up
    assert slugs(data(site, "services.json")) == ["money-advice", "riverside-food-bank"]
    assert slugs(data(site, "services/organisation/riverside-pantry.json")) == ["riverside-food-bank"]
    assert data(site, "services/area/north-ward.json")["u"]
    values = data(site, "services/category.json")["values"]
    assert set(values) == {"advice", "food", "food-banks"}  # every category, empty ones too
    assert not (site / "widget/v1/data/organisations/organisation").exists()  # not a filter of organisations


def test_consultations_carry_their_dates_for_the_readers_clock(site):
    file = data(site, "consultations.json")
    assert "f" not in file and len(file["c"]) == len(file["u"])
    opens, closes = file["c"][0]
    assert opens < closes and opens.endswith(("+00:00", "+01:00"))


def test_the_builder_gives_the_integrity_of_the_script_as_served(site):
    script = (site / "widget/v1/civic-hub.js").read_bytes()
    # the shared rules, then the widget, byte for byte: the hash holds
    parts = (ROOT / "theme/static/js/rules.js", ROOT / "theme/widget/civic-hub.js")
    assert script == b"".join(part.read_bytes() for part in parts)
    digest = "sha384-" + base64.b64encode(hashlib.sha384(script).digest()).decode()
    builder = (site / "embed/index.html").read_text()
    assert f'data-integrity="{digest}"' in builder


def test_frame_pages_list_the_slice_hide_closed_consultations_and_stay_out_of_the_sitemap(site):
    frame = (site / "embed/services/category/food-banks/index.html").read_text()
    assert "Riverside Food Bank" in frame and "Money advice" not in frame
    assert '<meta name="robots" content="noindex">' in frame
    assert 'target="_blank" rel="noopener"' in frame
    consultations = (site / "embed/consultations/index.html").read_text()
    titles = re.findall(r'class="chd__link" href="/consultations/[^"]+/"[^>]*>([^<]+)<', consultations)
    assert titles  # open or upcoming when built
    sitemap = (site / "sitemap.xml").read_text()
    assert "/embed/services/" not in sitemap and "/embed/</loc>" in sitemap


def test_only_the_frames_may_be_framed_and_only_open_data_is_shared(site):
    blocks = header_blocks(site)
    refuse = "Content-Security-Policy: frame-ancestors 'none'"
    assert refuse in blocks["/embed/"] and refuse in blocks["/services/*"] and refuse in blocks["/"]
    assert refuse not in blocks.get("/embed/*", [])  # the frames
    shared = {pattern for pattern, lines in blocks.items() if "Access-Control-Allow-Origin: *" in lines}
    assert shared == {
        "/openreferral",
        "/openreferral/*",
        "/widget",
        "/widget/*",
        "/search/postcodes",
        "/search/postcodes/*",
    }


@pytest.fixture
def preview(site):
    from directory.commands.serve import start

    server = start(site)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_the_preview_sends_the_frame_and_sharing_rules(preview):
    status, headers, _ = fetch(preview + "/embed/services/category/food-banks/")
    assert status == 200 and "frame-ancestors" not in headers["Content-Security-Policy"]
    status, headers, _ = fetch(preview + "/embed/")
    assert status == 200 and "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    status, headers, body = fetch(preview + "/widget/v1/data/services/category/food.json")
    assert status == 200 and headers["Access-Control-Allow-Origin"] == "*"
    assert headers["Content-Type"] == "application/json"
    status, headers, _ = fetch(preview + "/widget/v1/data/services/category/no-such.json")
    assert status == 404 and headers["Access-Control-Allow-Origin"] == "*"  # the widget can read the 404
    status, headers, _ = fetch(preview + "/services/")
    assert "Access-Control-Allow-Origin" not in headers
