"""One answer for each fact about a service (facts/service.py): whether it is free
and the days it opens read the same on its page, in its search record and filter
values, in the widgets' data, in the embed frames and in the Open Referral feed.
And the widget counts as open only the consultations open now."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from directory.model import CostOption, Schedule, Service

from .conftest import CONF, SAMPLE

# (a) every cost option 0 and no `free`; (b) free for children only; (c) open on the
# first and third Saturdays of the month, weekly on Wednesdays too
ADDED = {
    "all-options-free-club": """\
name: All Options Free Club
organization: millbrook-foodbank
summary: A club whose every price is nothing, though it never says free.
description: Come along.
categories: [food-banks]
areas: [ashby-green]
cost_options:
  - option: Children
    amount: 0
  - option: Adults
    amount: 0
    amount_description: per session
phones:
  - number: 01632 960 901
schedules:
  - byday: WE
    opens_at: "10:00"
    closes_at: "12:00"
assured_date: 2026-11-20
""",
    "children-free-club": """\
name: Children Free Club
organization: millbrook-foodbank
summary: A club where children pay nothing and adults pay three pounds.
description: Come along.
categories: [food-banks]
areas: [ashby-green]
free: false
cost_options:
  - option: Children
    amount: 0
  - option: Adults
    amount: 3
phones:
  - number: 01632 960 902
assured_date: 2026-11-20
""",
    "saturday-pantry": """\
name: Saturday Pantry
organization: millbrook-foodbank
summary: A pantry on the first and third Saturdays of the month, and on Wednesdays.
description: Come along.
categories: [food-banks]
areas: [ashby-green]
phones:
  - number: 01632 960 903
schedules:
  - freq: MONTHLY
    byday: 1SA,3SA
    opens_at: "10:00"
    closes_at: "11:30"
  - byday: WE
    opens_at: "14:00"
    closes_at: "15:00"
assured_date: 2026-11-20
""",
}
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SATURDAYS = "Open Wednesdays and the first and third Saturday of every month"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    from directory.commands.build import build

    root = tmp_path_factory.mktemp("facts")
    content = root / "content"
    shutil.copytree(SAMPLE, content)
    for slug, text in ADDED.items():
        (content / "services" / f"{slug}.yaml").write_text(text, encoding="utf-8")
    build(str(content), str(root / "out"), str(CONF))
    return root / "out"


def page_row(out: Path, slug: str, key: str) -> list[str]:
    """The lines of one row of a service page's summary list."""
    page = (out / "services" / slug / "index.html").read_text(encoding="utf-8")
    found = re.search(rf'__key">{key}</dt>\s*<dd[^>]*>(.*?)</dd>', page, re.S)
    return [html.unescape(li) for li in re.findall(r"<li>(.*?)</li>", found.group(1))] if found else []


def search_record(out: Path, url: str) -> tuple[int, dict]:
    """The entry number and the result record of the entry at ``url``."""
    manifest = json.loads((out / "search/index.json").read_text())
    records = [
        r
        for n in range(-(-manifest["docs"] // manifest["records"]))
        for r in json.loads((out / f"search/records/{n}.json").read_text())["r"]
    ]
    number = next(n for n, r in enumerate(records) if r["u"] == url)
    return number, records[number]


def filter_values(out: Path, group: str, number: int) -> list[str]:
    """The values of a filter group that hold entry ``number``."""
    facet = json.loads((out / f"search/facets/{group}.json").read_text())
    held = []
    for (value, _, _), deltas in zip(facet["values"], facet["docs"], strict=True):
        entries, total = set(), -1  # the first delta is from −1 (search/facets.py)
        for delta in deltas:
            total += delta
            entries.add(total)
        if number in entries:
            held.append(value)
    return held


def widget_facts(out: Path, name: str) -> list[str]:
    data = json.loads((out / "widget/v1/data/services/category/food-banks.json").read_text())
    return data["f"][data["t"].index(name)]


def frame_meta(out: Path, name: str) -> str:
    """What the embed frame of food banks says under the service's link."""
    page = (out / "embed/services/category/food-banks/index.html").read_text(encoding="utf-8")
    item = re.search(rf">{re.escape(name)}</a>.*?</li>", page, re.S).group(0)
    return html.unescape(re.search(r'chd__meta">(.*?)</p>', item).group(1))


def open_referral(out: Path, name: str) -> dict:
    for path in sorted((out / "openreferral/services").glob("*.json")):
        doc = json.loads(path.read_text())
        if doc.get("name") == name:
            return doc
    raise AssertionError(f"no Open Referral document of {name}")


def free_everywhere(out: Path, slug: str, name: str) -> dict:
    """Whether each output calls the service free."""
    number, record = search_record(out, f"/services/{slug}/")
    costs = [(c["option"], c["amount"]) for c in open_referral(out, name).get("cost_options", [])]
    return {
        "page": page_row(out, slug, "Cost")[:1] == ["Free"],
        "search record": "Free" in record["f"],
        "search filter": "free" in filter_values(out, "cost", number),
        "widget": "Free" in widget_facts(out, name),
        "embed frame": "Free" in frame_meta(out, name).split(" · "),
        "open referral": ("Free", 0) in costs,
    }


def test_every_option_at_nothing_reads_as_free_everywhere(site):
    said = free_everywhere(site, "all-options-free-club", "All Options Free Club")
    assert said == dict.fromkeys(said, True)
    assert page_row(site, "all-options-free-club", "Cost") == ["Free", "Children: Free", "Adults: Free per session"]
    doc = open_referral(site, "All Options Free Club")
    assert [(c["option"], c["amount"]) for c in doc["cost_options"]] == [("Free", 0), ("Children", 0), ("Adults", 0)]


def test_free_for_children_only_is_not_free_anywhere_and_its_page_says_who_pays(site):
    said = free_everywhere(site, "children-free-club", "Children Free Club")
    assert said == dict.fromkeys(said, False)
    assert page_row(site, "children-free-club", "Cost") == ["Children: Free", "Adults: £3"]
    doc = open_referral(site, "Children Free Club")
    assert [(c["option"], c["amount"]) for c in doc["cost_options"]] == [("Children", 0), ("Adults", 3)]


def test_the_days_keep_each_schedules_rule_on_the_card_the_widget_and_the_frame(site):
    number, record = search_record(site, "/services/saturday-pantry/")
    assert SATURDAYS in record["f"]
    assert SATURDAYS in widget_facts(site, "Saturday Pantry")
    assert SATURDAYS in frame_meta(site, "Saturday Pantry").split(" · ")
    assert not any(fact == "Open Saturdays" or "Open Wednesdays and Saturdays" in fact for fact in record["f"])
    assert page_row(site, "saturday-pantry", "When") == [
        "The first Saturday and the third Saturday of every month, 10am to 11:30am",
        "Wednesdays, 2pm to 3pm",
    ]
    # the filter by day answers "does it ever open on a Saturday": it does
    assert filter_values(site, "day", number) == ["WE", "SA"]
    schedules = [(x["freq"], x["byday"]) for x in open_referral(site, "Saturday Pantry")["schedules"]]
    assert schedules == [("MONTHLY", "1SA,3SA"), ("WEEKLY", "WE")]


@pytest.mark.parametrize(
    "schedules, said",
    [
        ((Schedule(byday="MO,WE"), Schedule(byday="FR")), "Open Mondays, Wednesdays and Fridays"),
        ((Schedule(byday="TU", interval=2),), "Open every other week on Tuesdays"),
        ((Schedule(freq="MONTHLY", byday="-1FR,2FR"),), "Open the second and last Friday of every month"),
        ((Schedule(freq="MONTHLY", byday="1MO", interval=3),), "Open the first Monday of every 3 months"),
        ((Schedule(freq="MONTHLY", bymonthday="1,15"),), "Open on day 1 and day 15 of every month"),
        ((Schedule(description="Ring to book a time"),), ""),
    ],
)
def test_open_days_in_words(schedules, said):
    from directory.facts.service import open_days_fact

    service = Service("s", "S", "o", "", "", (), date(2026, 1, 1), schedules=schedules)
    assert open_days_fact(service) == said


@pytest.mark.parametrize(
    "free, options, expected",
    [
        (True, (), True),
        (None, (CostOption(0), CostOption(0, option="Adults")), True),
        (False, (CostOption(0),), True),  # `free: false` is a box left unticked, not a price
        (None, (CostOption(0, option="Children"), CostOption(3, option="Adults")), False),
        (False, (), False),
        (None, (), False),
    ],
)
def test_the_one_rule_for_free(free, options, expected):
    from directory.facts.service import is_free

    assert is_free(Service("s", "S", "o", "", "", (), date(2026, 1, 1), free=free, cost_options=options)) is expected
