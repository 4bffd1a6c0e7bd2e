"""``/widget/v1/``: the embed script, its styles, and one small data file per
slice of the directory (``slices.py``) for it to read.

The script and its styles come from the theme's ``widget/`` folder; the
script is served with the browser's rules (``static/js/rules.js``, which the
pages load on their own) in front, so that a host loads one file. A data
file holds what the results show, column by column (no key is repeated per
item, which keeps a broad category at 10,000 services small)::

    {"name": "Food banks", "page": "/categories/food-banks/", "site": "…",
     "soon": 14, "tz": "Europe/London", "link": "/services/{slug}/",
     "u": ["riverside-food-bank", …], "t": ["Riverside Food Bank", …],
     "s": [summaries], "o": [organisation names], "a": [areas in words],
     "f": [["Free", "Open Mondays"], …], "g": [[[52.41, -1.51]], …]}

``u`` holds the slugs (a widget with two filters keeps the slugs both files
hold), shortened where it is the name's own (see :func:`short_slug`), ``g``
each entry's places (three decimals: about 100 m), and a
consultation has ``c`` (when it opens and closes) instead of ``f``, so that the
widget works its status out by the reader's clock. ``data/<kind>/<filter>.json``
lists a filter's values (``{"values": [slugs]}``).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

from ..kinds import CONSULTATIONS
from ..slices import slices
from ..urls import url, widget_data_url

SCRIPT = "civic-hub.js"
RULES = "static/js/rules.js"
STYLES = "civic-hub.css"


def theme_file(out, name: str) -> str:
    """A file of the theme's ``widget/`` folder, as it is served: the script with
    the browser's rules in front (its integrity is that of this text)."""
    theme = Path(out.context["THEME"])
    text = (theme / "widget" / name).read_text(encoding="utf-8")
    if name == SCRIPT:  # one file for hosts; the rules stay one file for the pages too
        return (theme / RULES).read_text(encoding="utf-8") + text
    return text


def integrity(text: str) -> str:
    """The Subresource Integrity value of a file's text, as written."""
    return "sha384-" + base64.b64encode(hashlib.sha384(text.encode("utf-8")).digest()).decode("ascii")


def _record(entry) -> dict:
    record = {key: value for key, value in entry.record.items() if key != "k"}
    record["g"] = [[round(lat, 3), round(lon, 3)] for lat, lon in entry.points]
    if entry.kind == CONSULTATIONS.name:
        record["f"] = []
        record["c"] = [entry.item.opens.isoformat(), entry.item.closes.isoformat()]
    return record


def records(site) -> dict:
    """``id(model object)`` -> what a widget shows of it."""
    return {id(entry.item): _record(entry) for entry in site.search_entries}


COLUMNS = ("t", "s", "o", "a", "f", "g")
_NOT_IN_SLUG = re.compile(r"[^a-z0-9]+")


def short_slug(slug: str, name: str) -> str:
    """The slug as the widget is sent it: "" when it is the name in lower case with
    hyphens (most are, and the widget works that out the same way), "+rest" when it
    is that and "-rest" ("riverside-food-bank-2"), else the slug itself. ASCII names
    only: a browser's lower case of other letters may differ from Python's."""
    if not name.isascii():
        return slug
    own = _NOT_IN_SLUG.sub("-", name.lower()).strip("-")
    if slug == own:
        return ""
    return "+" + slug.removeprefix(own + "-") if slug.startswith(own + "-") else slug


def data_file(site, piece, shown: dict) -> str:
    rows = [shown[id(item)] for item in piece.items]
    columns = {key: [row[key] for row in rows] for key in COLUMNS}
    if piece.kind is CONSULTATIONS:
        columns["c"] = [row["c"] for row in rows]
        del columns["f"]
    data = {
        "name": piece.name,
        "page": piece.page,
        "site": site.settings.site_name,
        "soon": site.settings.closing_soon_days,
        "tz": site.settings.timezone,  # the dates it says are the council's
        "link": piece.kind.url_pattern,
        "u": [short_slug(item.slug, row["t"]) for item, row in zip(piece.items, rows, strict=True)],
        **columns,
    }
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


def write(site, out) -> None:
    base = url("widget")
    out.text(f"{base}{SCRIPT}", theme_file(out, SCRIPT))
    out.text(f"{base}{STYLES}", theme_file(out, STYLES))
    shown = records(site)
    values = {}
    for piece in slices(site.directory, site.relations):
        out.text(widget_data_url(piece.kind.folder, piece.filter, piece.value), data_file(site, piece, shown))
        if piece.filter:
            values.setdefault((piece.kind.folder, piece.filter), []).append(piece.value)
    for (folder, name), slugs in values.items():  # what there is: the widget's "no such category"
        out.text(widget_data_url(folder, name), json.dumps({"values": slugs}, separators=(",", ":")))
