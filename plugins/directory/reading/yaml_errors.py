"""A YAML syntax error in plain words, at the line and column where the
mistake is: for a quote or a bracket left open, where it opens, not where the
parser gave up (often many lines below, or the end of the file)."""

from __future__ import annotations

import yaml


def explain(err: yaml.MarkedYAMLError, events: list, text: str):
    """``(message, mark)`` for ``err``, met after ``events`` were read from ``text``."""
    opened = _never_closed(err, events, text)
    return opened or (_in_words(err, text), err.problem_mark or err.context_mark)


_NEVER_CLOSED = {
    '"': 'this quoted text is never closed: add the closing " at the end of the line',
    "'": "this quoted text is never closed: add the closing ' at the end of the line",
    "[": "this list is never closed: add the closing ] after its last item",
    "{": "this block of fields is never closed: add the closing } after its last field",
}


def _never_closed(err: yaml.MarkedYAMLError, events: list, text: str):
    """``(message, mark of the opening character)`` when the error comes of a
    quote or bracket left open, else None. A quote left open runs on to the end
    of the file, or to the next quote mark (the opening one of a later value),
    where the text after it makes no sense: the parser gives up there, lines
    below. A bracket left open takes the lines below into the list."""
    context, problem, stop = err.context or "", err.problem or "", err.problem_mark
    last = events[-1] if events else None
    if "quoted scalar" in context and "end of stream" in problem:
        opening = err.context_mark
    elif isinstance(last, yaml.ScalarEvent) and last.style in ('"', "'") and stop is not None:
        # quoted, over several lines, and ending where the parser gave up
        runs_on = last.start_mark.line < last.end_mark.line == stop.line
        opening = last.start_mark if runs_on else None
    elif "flow" in context and stop is not None:
        opening = _open_bracket(events)
        opening = opening if opening is not None and stop.line > opening.line else None
    else:
        opening = None
    if opening is None:
        return None
    lines = text.split("\n")  # libyaml's marks carry no text: find the character in ours
    line = lines[opening.line] if opening.line < len(lines) else ""
    message = _NEVER_CLOSED.get(line[opening.column : opening.column + 1])
    return (message, opening) if message else None


def _open_bracket(events: list):
    """Where the innermost list or block in brackets still open at the end of ``events`` starts."""
    opened = []
    for event in events:
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            opened.append(event.start_mark if event.flow_style else None)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            opened.pop()
    return opened[-1] if opened else None


def _in_words(err: yaml.MarkedYAMLError, text: str) -> str:
    problem = (err.problem or "").strip()
    context = (err.context or "").strip()
    tabs = "tabs cannot be used for indentation in YAML; use spaces"
    colon = (
        "a colon followed by a space starts a new field here; check the "
        "line's indentation, or put the whole value in quotes"
    )
    # libyaml (the C parser) words these differently from pure-Python PyYAML
    # and does not name the character, so look at the text where it stopped
    mark = err.problem_mark
    if mark is not None and "cannot start any token" in problem:
        lines = text.split("\n")
        if mark.line < len(lines) and lines[mark.line][mark.column : mark.column + 1] == "\t":
            return tabs
    hints = {
        "mapping values are not allowed here": colon,
        "mapping values are not allowed in this context": colon,
        "found character '\\t' that cannot start any token": tabs,
        "found a tab character that violates indentation": tabs,
    }
    for known, plain in hints.items():
        if known in problem:
            return plain
    text = problem or context or "this is not valid YAML"
    if context and problem:
        text = f"{problem} ({context})"
    return f"this is not valid YAML: {text}"
