"""Block-style YAML text written by hand, for the benchmark generator.

Standard library only.  Every string is written in double quotes (so ``10:30``,
``no`` and ``0123`` stay strings whatever the reader), multi-line text such as
Markdown in literal blocks (``|``), numbers and booleans plain.  No anchors,
aliases, tags or flow collections are ever written.
"""

from __future__ import annotations

import re

_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
}
# backslash, quote, and everything YAML does not allow as printable text or would
# read as a line break: C0/C1 controls, DEL, U+2028/9, BOM, U+FFFE/F, surrogates
_NEEDS_ESCAPE = re.compile('[\\\\"\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]')
_PLAIN_KEY = re.compile(r"^[a-z][a-z0-9_-]*$")
# words YAML 1.1 would read as booleans or null if written as plain keys
_RESERVED = frozenset(["y", "n", "yes", "no", "on", "off", "true", "false", "null"])
_UNSAFE_IN_BLOCK = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff\r]")


def _escape_char(match: re.Match) -> str:
    char = match.group(0)
    if char in _ESCAPES:
        return _ESCAPES[char]
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def quote(text: str) -> str:
    """A YAML double-quoted scalar for any string."""
    return '"' + _NEEDS_ESCAPE.sub(_escape_char, text) + '"'


def key(name: str) -> str:
    if _PLAIN_KEY.match(name) and name not in _RESERVED:
        return name
    return quote(name)


def scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError("NaN and infinity are not written")
        text = f"{value:.6f}".rstrip("0")
        return text + "0" if text.endswith(".") else text
    if isinstance(value, Money):
        return f"{value.amount:.2f}"
    if isinstance(value, str):
        return quote(value)
    raise TypeError(f"cannot write {type(value).__name__} as YAML")


class Money:
    """A price, written with two decimals (3.50) as people write it."""

    __slots__ = ("amount",)

    def __init__(self, amount: float):
        self.amount = amount


def _literal_ok(text: str) -> bool:
    """A literal block gives back exactly ``text`` when it has a line break, no
    leading white space, no trailing spaces on any line, at most one final
    line break and nothing that needs escaping."""
    return (
        "\n" in text.rstrip("\n")
        and not text[:1].isspace()
        and not text.endswith("\n\n")
        and not _UNSAFE_IN_BLOCK.search(text)
        and not any(line != line.rstrip() for line in text.split("\n"))
    )


def _literal(text: str, indent: int) -> str:
    pad = " " * indent
    # "|" keeps the one final line break, "|-" means there is none
    header = "|\n" if text.endswith("\n") else "|-\n"
    lines = [(pad + line) if line else "" for line in text.rstrip("\n").split("\n")]
    return header + "\n".join(lines) + "\n"


def emit(data: dict, indent: int = 0) -> str:
    """Block-style YAML for a mapping of strings, numbers, booleans, lists and
    mappings.  Multi-line strings become literal blocks."""
    out: list[str] = []
    _mapping(data, indent, out, first_prefix=None)
    return "".join(out)


def _value_inline(value, indent: int, out: list[str]) -> None:
    """Write ``value`` after ``key:`` (already in ``out``)."""
    if isinstance(value, dict):
        out.append("\n")
        _mapping(value, indent + 2, out, first_prefix=None)
    elif isinstance(value, list):
        out.append("\n")
        _sequence(value, indent + 2, out)
    elif isinstance(value, str) and "\n" in value and _literal_ok(value):
        out.append(" " + _literal(value, indent + 2))
    else:
        out.append(" " + scalar(value) + "\n")


def _mapping(data: dict, indent: int, out: list[str], first_prefix) -> None:
    if not data:
        raise ValueError("empty mappings are not written")
    pad = " " * indent
    for i, (name, value) in enumerate(data.items()):
        if value is None:
            raise ValueError(f"field {name!r} has no value")
        if i == 0 and first_prefix is not None:
            out.append(first_prefix + key(name) + ":")
        else:
            out.append(pad + key(name) + ":")
        _value_inline(value, indent, out)


def _sequence(items: list, indent: int, out: list[str]) -> None:
    if not items:
        raise ValueError("empty lists are not written")
    pad = " " * indent
    for item in items:
        if isinstance(item, dict):
            # "- first: value" then the other keys lined up under "first"
            _mapping(item, indent + 2, out, first_prefix=pad + "- ")
        elif isinstance(item, list):
            raise ValueError("lists of lists are not used in content")
        else:
            out.append(pad + "- " + scalar(item) + "\n")


def front_matter(data: dict, body: str) -> str:
    return "---\n" + emit(data) + "---\n\n" + body.rstrip("\n") + "\n"
