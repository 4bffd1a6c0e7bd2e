"""One entry checked in memory by the reader's own code, before it is written.

The entry is written as text (``entry_yaml``), read back by the strict YAML
reader, converted and validated against its schema, checked like any file
(``check_entry``), its references looked up, and built into a model object
(Markdown rendered and sanitised): exactly what ``make validate`` and the build
do with the file. Leniently, a part that does not fit (a phone, a contact, a
schedule, a cost option…) is left out with a warning and the rest checked again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from ..entry_yaml import entry_text
from ..reading.builders import Tools
from ..reading.checks import check_entry, check_references, references
from ..reading.entry_file import Entry
from ..reading.schemas import coerce
from ..reading.strict_yaml import StrictYAMLError, hidden_character
from ..reading.strict_yaml import load as load_yaml
from ..reading.validation import field_name, problems_by_path

# the lists whose items may be left out one by one, by the schema of each kind
DROPPABLE = {
    "service": ("phones", "contacts", "schedules", "cost_options", "languages"),
    "organisation": ("phones", "identifiers"),
    "location": ("phones",),
}
MAX_ROUNDS = 10  # each round leaves out at least one part; a few are plenty
_SURROGATE = re.compile("[\ud800-\udfff]")  # half a character (JSON allows "\ud800"); never text


@dataclass
class Checked:
    """The file's text when the entry passes; else its errors. Each message
    comes with the field it is about (dotted, "" when none), for the importer
    to name its own column."""

    text: str | None = None
    errors: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)


def prune(value):
    """``value`` without fields that have no value: None, "", [] or {}."""
    if isinstance(value, dict):
        kept = {k: prune(v) for k, v in value.items()}
        return {k: v for k, v in kept.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        kept = [prune(v) for v in value]
        return [v for v in kept if v not in (None, "", [], {})]
    return value


def _hidden(value, path=()):
    """``(path, character)`` of each string holding a character content may not hold."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _hidden(item, path + (key,))
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from _hidden(item, path + (n,))
    elif isinstance(value, str) and (char := hidden_character(value) or _SURROGATE.search(value)):
        yield path, char if isinstance(char, str) else char.group(0)


def _dotted(path) -> str:
    """``("phones", 0, "number")`` -> ``"phones.number"``: a field, whichever item."""
    return ".".join(str(p) for p in path if not isinstance(p, int))


def _field_of(message: str) -> str:
    found = re.match(r"([a-z_]+)", message)
    return found.group(1) if found else ""


class Checker:
    def __init__(self, settings, today, known: dict):
        self.settings, self.today, self.known = settings, today, known
        self.tools = Tools(ZoneInfo(settings.timezone))

    def check(self, kind, slug: str, data: dict, strict: bool, pending: dict) -> Checked:
        """``data`` as the file ``<kind.folder>/<slug>.yaml``; ``pending``: the
        slugs, by folder, of files this import will write before it."""
        result = Checked()
        data = prune(data)
        for path, char in _hidden(data):
            message = f"{field_name(path)} contains a hidden control character (U+{ord(char):04X}); delete it"
            result.errors.append((_dotted(path), message))
        if result.errors:
            return result
        for _ in range(MAX_ROUNDS):
            text = entry_text(kind.name, data)
            try:
                parsed, marks = load_yaml(text)
            except StrictYAMLError as err:  # the emitter's rules should make this impossible
                result.errors.append(("", err.message))
                return result
            parsed = coerce(parsed, kind.name)
            found = problems_by_path(kind.name, parsed)
            droppable = DROPPABLE.get(kind.name, ()) if not strict else ()
            drops = {(p[0], p[1]) for p, _ in found if len(p) >= 2 and p[0] in droppable and isinstance(p[1], int)}
            for path, message in found:
                if (tuple(path[:2]) in drops) and len(path) >= 2:
                    result.warnings.append((_dotted(path), f"left out {field_name(path[:2])}: {message}"))
                else:
                    result.errors.append((_dotted(path), message))
            if result.errors:
                return result
            if not drops:
                break
            data = prune(
                {
                    k: [item for n, item in enumerate(v) if (k, n) not in drops] if k in droppable else v
                    for k, v in data.items()
                }
            )
        entry = Entry(kind, slug, f"{kind.folder}/{slug}.yaml", parsed, marks)
        for problem in check_entry(entry, self.today, self.settings, self.tools.tz):
            found = result.errors if problem.is_error else result.warnings
            found.append((_field_of(problem.message), problem.message))
        refs = references(entry)
        view = {r.target: self.known.get(r.target, set()) | pending.get(r.target, set()) for r in refs}
        for problem in check_references(refs, view):
            result.errors.append((_field_of(problem.message), problem.message))
        if not result.errors:
            kind.build(entry, self.tools)  # Markdown rendered and sanitised, as the build will
            result.text = text
        return result
