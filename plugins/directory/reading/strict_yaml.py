"""A strict YAML reader for content files.

YAML 1.1 as PyYAML resolves it turns ``10:30`` into 630, ``0123`` into 83 and
``no`` into False, and silently keeps the last of two duplicate keys.  Content
written by volunteers must mean what it looks like, so this reader:

* keeps every scalar as the string that was written (the schema converts it);
* rejects duplicate keys, anchors, aliases and explicit tags;
* records where every value and key starts, so that each error can name
  ``path:line:col``.

It reads libyaml's event stream (the C parser when available), never PyYAML's
resolver or constructor, so no Python object can ever be built from content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from .yaml_errors import explain

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path = tuple  # a JSON-pointer-like tuple of keys and indexes


@dataclass
class Marks:
    """Line and column (both 1-based) of each value and each mapping key."""

    values: dict = field(default_factory=dict)
    keys: dict = field(default_factory=dict)
    offset: int = 0  # lines before the YAML began (front matter delimiters)

    def value(self, path: Path) -> tuple[int, int]:
        """Where the value at ``path`` starts, or its nearest ancestor."""
        return self._nearest(self.values, path)

    def key(self, path: Path) -> tuple[int, int]:
        """Where the key naming ``path`` starts (falls back to the value)."""
        if path in self.keys:
            return self.keys[path]
        return self.value(path)

    @staticmethod
    def _nearest(table: dict, path: Path) -> tuple[int, int]:
        path = tuple(path)
        while path and path not in table:
            path = path[:-1]
        return table.get(path, (1, 1))


class StrictYAMLError(ValueError):
    def __init__(self, message: str, line: int, col: int):
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col
        self.earlier: list[StrictYAMLError] = []  # problems found before this one stopped the reading


def _mark(event, offset: int) -> tuple[int, int]:
    return (event.start_mark.line + 1 + offset, event.start_mark.column + 1)


# An entry needs four levels at most (service → locations → place → address);
# deeper nesting is a mistake, and would make the reader recurse without bound.
MAX_DEPTH = 12
# Characters that do not show, or that make text display in an order other
# than it is stored (bidirectional overrides: "Trojan source"): never in content.
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")


def hidden_character(text: str) -> str | None:
    """The first character of ``text`` that must not be in content, if any."""
    found = _HIDDEN.search(text)
    return found.group(0) if found else None


class _Builder:
    """Turns the flat event stream into plain dicts, lists and strings."""

    def __init__(self, events, offset: int):
        self.events = events
        self.offset = offset
        self.marks = Marks(offset=offset)
        self.problems: list[StrictYAMLError] = []  # those after which reading goes on

    def next(self):
        return next(self.events)

    def fail(self, message: str, event) -> None:
        line, col = _mark(event, self.offset)
        raise StrictYAMLError(message, line, col)

    def check_characters(self, event) -> None:
        hidden = hidden_character(event.value)
        if hidden:
            self.fail(
                f"this contains a hidden control character (U+{ord(hidden):04X}), which can make text "
                "show differently from what it says; delete it (retype the text if you cannot see it)",
                event,
            )

    def node(self, event, path: Path):
        if isinstance(event, yaml.AliasEvent):
            self.fail("aliases (*name) are not allowed; write the value out in full", event)
        if getattr(event, "anchor", None):
            self.fail("anchors (&name) are not allowed; write each value out in full", event)
        tag = getattr(event, "tag", None)
        if tag and tag != "!":
            self.fail(f"tags such as {tag!r} are not allowed; write a plain value", event)
        self.marks.values[path] = _mark(event, self.offset)
        if len(path) > MAX_DEPTH:
            self.fail(f"the fields are nested more than {MAX_DEPTH} levels deep; an entry needs only a few", event)
        if isinstance(event, yaml.ScalarEvent):
            self.check_characters(event)
            return event.value
        if isinstance(event, yaml.SequenceStartEvent):
            return self.sequence(path)
        if isinstance(event, yaml.MappingStartEvent):
            return self.mapping(path)
        self.fail("unexpected YAML structure", event)  # pragma: no cover

    def sequence(self, path: Path) -> list:
        items = []
        while True:
            event = self.next()
            if isinstance(event, yaml.SequenceEndEvent):
                return items
            items.append(self.node(event, path + (len(items),)))

    def mapping(self, path: Path) -> dict:
        result: dict = {}
        while True:
            event = self.next()
            if isinstance(event, yaml.MappingEndEvent):
                return result
            if not isinstance(event, yaml.ScalarEvent) or event.anchor or (event.tag and event.tag != "!"):
                self.fail("a field name must be a plain word", event)
            self.check_characters(event)
            key = event.value
            if key in result:
                self.duplicate(key, event, path)
                continue
            self.marks.keys[path + (key,)] = _mark(event, self.offset)
            result[key] = self.node(self.next(), path + (key,))

    def duplicate(self, key: str, event, path: Path) -> None:
        """A field named twice: said, and the first kept; the second is still
        read (it may hold a mistake that stops the reading) but leaves no
        marks, so the schema's messages point at the value that is kept."""
        line, _ = self.marks.keys[path + (key,)]
        self.problems.append(
            StrictYAMLError(
                f"the field {key!r} appears twice (first on line {line}); keep only one", *_mark(event, self.offset)
            )
        )
        kept, self.marks = self.marks, Marks(offset=self.offset)
        try:
            self.node(self.next(), path + (key,))
        finally:
            self.marks = kept


def load(text: str, line_offset: int = 0):
    """Parse one YAML document into plain data and its marks.

    Returns ``(data, marks)``; an empty document gives ``(None, marks)``.
    Raises :class:`StrictYAMLError` with a plain-English message (the first problem).
    """
    data, marks, problems = load_all(text, line_offset)
    if problems:
        raise problems[0]
    return data, marks


def load_all(text: str, line_offset: int = 0):
    """As :func:`load`, but a problem after which the reading can go on (a field
    named twice) does not stop it: returns ``(data, marks, problems)``. Raises
    :class:`StrictYAMLError` for one that stops it, with those found before it
    in its ``earlier``."""
    builder = _Builder(iter(_events(text, line_offset)), line_offset)
    data = None
    documents = 0
    try:
        for event in builder.events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    builder.fail("only one YAML document is allowed per file", event)
                data = builder.node(builder.next(), ())
    except StrictYAMLError as err:
        err.earlier = builder.problems
        raise
    return data, builder.marks, builder.problems


def _events(text: str, line_offset: int) -> list:
    """Every event of the text, or a StrictYAMLError where the text stops being YAML."""
    events: list = []
    try:
        events.extend(yaml.parse(text, Loader=_Loader))  # the events before an error stay in the list
    except yaml.MarkedYAMLError as err:
        message, mark = explain(err, events, text)
        line = (mark.line + 1 + line_offset) if mark else 1
        col = (mark.column + 1) if mark else 1
        raise StrictYAMLError(message, line, col) from None
    except yaml.YAMLError as err:  # reader errors without a mark
        raise StrictYAMLError(f"this is not valid YAML ({err})", 1, 1) from None
    return events
