"""The example text ``make new`` writes in a new entry, and the check that none
of it is left: a volunteer who runs ``make new`` and opens a pull request
without filling in "Write the summary here." must be told, not published.

The wording lives here, once: the scaffolder writes it, the check finds it.
"""

from __future__ import annotations

import re

from ..problems import ContentProblem
from .validation import field_name

_PLACEHOLDER = re.compile(r"Write (the [^\n]{1,80} here|here: [^\n]{1,400})[.:,][^\n]{0,200}")


def placeholder_text(field: str) -> str:
    """What a new entry says in a text field it cannot fill in."""
    return f"Write the {field.replace('_', ' ')} here."


def placeholder_about(description: str) -> str:
    """The same, for a field whose description says what goes in it."""
    return f"Write here: {description[0].lower()}{description[1:]}"


def placeholder_body(noun: str) -> str:
    """What a new Markdown entry's text says."""
    return f"Write the text of the {noun} here, in Markdown: paragraphs, ## headings, lists and links."


def is_placeholder(text: str) -> bool:
    return bool(_PLACEHOLDER.fullmatch(text.strip()))


def placeholders_left(entry) -> list[ContentProblem]:
    """An error for each value, and the text, still holding a new entry's example text."""
    found = []
    for path, value in _strings(entry.data, ()):
        if is_placeholder(value):
            found.append((*entry.marks.value(path), f"{field_name(path)}: "))
    if entry.body and is_placeholder(entry.body):
        found.append((*entry.marks.value(()), "the text: "))
    why = "this is the example text `make new` wrote; replace it with the entry's own words"
    return [ContentProblem(entry.source, line, col, "error", f"{where}{why}") for line, col, where in found]


def _strings(value, path):
    """Every string in the entry's data, with its path (data is at most a few levels deep)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from _strings(inner, (*path, key))
    elif isinstance(value, list):
        for n, inner in enumerate(value):
            yield from _strings(inner, (*path, n))
