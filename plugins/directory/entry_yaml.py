"""Entries written as YAML text, the way the strict reader wants them.

The one emitter for files that programs write into a content folder (the
importers; the benchmark's synthetic directories). PyYAML's own emitter, with
these rules on top:

* block style only: fields one a line, lists as ``- item``; no flow ``[a, b]``;
* any string a YAML reader could take for something else is double-quoted:
  ``yes``, ``no``, ``on``, ``off``, ``y``, ``~``, ``null``, numbers (``0123``,
  ``1e3``, ``.5``), dates, times such as ``10:30``, an empty string, anything
  starting with a digit or a sign, and whatever PyYAML itself would quote;
* text on several lines (Markdown) as a literal block (``|``), so it reads as
  written; where a block cannot give it back exactly, double quotes;
* no anchors, aliases or tags; unicode kept as it is (``é``, ``…``, ``ł``);
* keys in the order given, or with :func:`entry_text` in the order of the
  kind's schema, which is the order of the sample files (``name`` first).

Values are dicts, lists, strings, booleans, ints, finite floats, Decimals
(written as they are: ``3.50``) and dates (quoted ``YYYY-MM-DD``). ``None``,
empty lists and empty blocks are refused: a field with no value is left out.
"""

from __future__ import annotations

import math
import re
from datetime import date
from decimal import Decimal

import yaml

from .reading.schemas import inlined

# plain scalars some YAML reader (1.1 or 1.2) would not read as the same string
_LOOKS_TYPED = re.compile(
    r"""^(?:
        [-+.]?[0-9].*                              # numbers, dates, times, phone numbers
      | [-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)
      | y|Y|n|N|yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE
      | on|On|ON|off|Off|OFF|null|Null|NULL|~|=|<<
    )$""",
    re.X | re.S,
)


class EntryDumper(yaml.SafeDumper):
    """SafeDumper that never writes aliases, quotes ambiguous strings with
    double quotes, and writes multi-line text as literal blocks."""

    def ignore_aliases(self, data) -> bool:
        return True

    def choose_scalar_style(self):
        style = super().choose_scalar_style()
        return '"' if style == "'" else style  # one kind of quotes, like the sample files

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)  # list items indented under their key


def _str(dumper: EntryDumper, text: str):
    if "\n" in text.rstrip("\n") and _block_safe(text):
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|")
    style = '"' if not text or _LOOKS_TYPED.match(text) or text != text.strip() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


def _block_safe(text: str) -> bool:
    """A literal block gives back exactly ``text``: no trailing spaces on a line
    (editors strip them), no tabs or carriage returns, no leading blank line."""
    return not text.startswith(("\n", " ")) and not re.search(r"[ \t]\n|[ \t]$|[\t\r\x85\u2028\u2029]", text)


def _float(dumper: EntryDumper, number: float):
    if not math.isfinite(number):
        raise ValueError("NaN and infinity cannot be written in an entry")
    return _decimal(dumper, Decimal(repr(number)))


def _decimal(dumper: EntryDumper, number: Decimal):
    if not number.is_finite():
        raise ValueError("NaN and infinity cannot be written in an entry")
    text = format(number, "f")  # 0.00001, never 1E-5 (the reader wants plain digits)
    return dumper.represent_scalar("tag:yaml.org,2002:" + ("float" if "." in text else "int"), text)


def _date(dumper: EntryDumper, day: date):
    return dumper.represent_scalar("tag:yaml.org,2002:str", day.isoformat(), style='"')


def _refuse_none(dumper: EntryDumper, value):
    raise ValueError("a field with no value is left out, not written empty")


EntryDumper.add_representer(str, _str)
EntryDumper.add_representer(float, _float)
EntryDumper.add_representer(Decimal, _decimal)
EntryDumper.add_representer(date, _date)
EntryDumper.add_representer(type(None), _refuse_none)


def _check(value, where: str = "the entry") -> None:
    """Refuse what would be written empty or in flow style."""
    if isinstance(value, dict):
        if not value:
            raise ValueError(f"{where} is an empty block; leave it out")
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"field names are text, not {type(key).__name__} ({key!r})")
            _check(item, key)
    elif isinstance(value, list | tuple):
        if not value:
            raise ValueError(f"{where} is an empty list; leave it out")
        for item in value:
            _check(item, where)


def dump(data: dict) -> str:
    """Block-style YAML for one entry (or a taxonomy file), keys in the order given."""
    _check(data)
    return yaml.dump(
        data,
        Dumper=EntryDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1_000_000,  # never fold a long line: what is written is what is read
        indent=2,
    )


def ordered(data, schema: dict):
    """``data`` with the keys of every block in the order of ``schema``'s properties."""
    if isinstance(data, list):
        items = schema.get("items", {})
        return [ordered(item, _branch(item, items)) for item in data]
    if not isinstance(data, dict):
        return data
    props = schema.get("properties", {})
    extra = schema.get("additionalProperties")
    extra = extra if isinstance(extra, dict) else {}
    rank = {name: n for n, name in enumerate(props)}
    keys = sorted(data, key=lambda k: rank.get(k, len(rank)))  # stable: other keys keep their order
    return {k: ordered(data[k], props.get(k, extra)) for k in keys}


def _branch(item, schema: dict) -> dict:
    """Of a ``oneOf`` (a slug or a place written out), the branch for a block."""
    for branch in schema.get("oneOf", ()):
        if isinstance(item, dict) and branch.get("type") == "object":
            return branch
    return schema


def entry_text(kind: str, data: dict) -> str:
    """One entry of ``kind`` (a schema name: "service", "organisation",
    "location") as file text, its fields in the schema's order."""
    return dump(ordered(data, inlined(kind)))


def front_matter(data: dict, body: str) -> str:
    """A Markdown file: the fields between ``---`` lines, then the text."""
    return "---\n" + dump(data) + "---\n\n" + body.rstrip("\n") + "\n"
