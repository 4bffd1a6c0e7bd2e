"""Schema validation with messages a volunteer can act on.

``jsonschema`` says *what* failed in terms of the schema; this module says it
in plain English, names the field and points at its line and column.
"""

from __future__ import annotations

import jsonschema

from ..problems import ContentProblem, did_you_mean, in_order
from .characters import unprintable_words
from .schemas import NUMERIC, quick_validator, validator
from .strict_yaml import Marks

# A file with thousands of mistakes gets the first ones, and a count: listing
# them all would only bury the first, and take long.
MAX_PROBLEMS_PER_FILE = 100


def validate_entry(kind: str, data, marks: Marks, source: str) -> list[ContentProblem]:
    if quick_validator(kind).is_valid(data):  # most files: nothing to explain
        return []
    problems = sorted({p for _, p in _explained(kind, data, marks, source)}, key=in_order)
    if len(problems) <= MAX_PROBLEMS_PER_FILE:
        return problems
    shown, rest = problems[: MAX_PROBLEMS_PER_FILE - 1], problems[MAX_PROBLEMS_PER_FILE - 1 :]
    first = rest[0]
    more = f"and {len(rest):,} more problems from here on, not listed; fix the ones above first"
    return [*shown, ContentProblem(source, first.line, first.col, "error", more)]


def problems_by_path(kind: str, data) -> list[tuple[tuple, str]]:
    """``(path, message)`` for each schema problem of ``data``: for callers that
    act on where a problem is (an importer leaves out a part that does not fit)."""
    return list(dict.fromkeys((path, p.message) for path, p in _explained(kind, data, Marks(), "")))


def valid_part(kind: str, data: dict) -> dict | None:
    """``data`` without its fields that break the schema (the whole field, at
    the top), when what is left is valid; None when it is not (a required field
    was among them, say). The checks that need valid data can then look at the
    rest of a file with a mistake, and one run names that file's other mistakes."""
    broken = set()
    for error in validator(kind).iter_errors(data):
        if error.absolute_path:
            broken.add(error.absolute_path[0])
        elif "propertyNames" in error.absolute_schema_path:  # a badly formed name at the top
            broken.add(error.instance)
        elif error.validator == "additionalProperties":
            broken.update(set(error.instance) - set(error.schema.get("properties", {})))
    rest = {key: value for key, value in data.items() if key not in broken}
    return rest if quick_validator(kind).is_valid(rest) else None


def _explained(kind: str, data, marks: Marks, source: str) -> list[tuple[tuple, ContentProblem]]:
    return explained(validator(kind), quick_validator(kind), data, marks, source)


def explained(full, quick, data, marks: Marks, source: str) -> list[tuple[tuple, ContentProblem]]:
    """``(path, problem)`` for each error ``full`` (jsonschema) finds in ``data``, in
    plain English.  Should ``quick`` (jsonschema-rs) refuse what ``full`` finds
    nothing wrong with (the two are built to agree), its own words are given at
    the value: a file either pass refuses is never let through."""
    found = [
        (tuple(leaf.absolute_path), problem)
        for error in full.iter_errors(data)
        for leaf in _leaves(error)
        for problem in _explain(leaf, marks, source)
    ]
    if found or quick.is_valid(data):
        return found
    for error in quick.iter_errors(data):
        path = tuple(error.instance_path)
        line, col = marks.value(path)
        found.append((path, ContentProblem(source, line, col, "error", f"{field_name(path)}: {error.message}")))
    return found


def _leaves(error: jsonschema.ValidationError):
    """For ``oneOf``/``anyOf`` failures, the errors of the branch that fits the
    value's shape (a string or a block of fields), so the message is specific."""
    if error.validator in ("oneOf", "anyOf") and error.context:
        shape = _json_type(error.instance)
        fitting = [e for e in error.context if _branch_type(e, error.validator_value) == shape]
        if fitting and error.validator == "oneOf":
            for sub in fitting:
                yield from _leaves(sub)
            return
    yield error


def _branch_type(error, branches) -> str | None:
    """The type of the branch an error of a ``oneOf``'s context is in, when the
    value has that branch's shape (a type error at the branch's top says it has
    not); a failing field deep inside a block still belongs to the block."""
    if error.validator == "type" and not error.relative_path:
        return None
    index = error.relative_schema_path[0] if error.relative_schema_path else None
    branch = branches[index] if isinstance(index, int) and index < len(branches) else {}
    return branch.get("type") if isinstance(branch, dict) else None


def _json_type(value) -> str:
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return "string"


def field_name(path) -> str:
    """``('schedules', 1, 'opens_at')`` -> ``"schedules[2].opens_at"`` (items from 1)."""
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "the file"


_WANTED = {
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "string": "a piece of text",
    "array": "a list (lines starting with '- ')",
    "object": "a block of fields (name: value)",
}
_GOT = {"array": "a list", "object": "a block of fields", "number": "a number", "boolean": "true or false"}


def _describe(value) -> str:
    text = value if isinstance(value, str) else repr(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _explain(error, marks: Marks, source: str) -> list[ContentProblem]:
    path = tuple(error.absolute_path)
    name = field_name(path)
    kw = error.validator
    schema = error.schema if isinstance(error.schema, dict) else {}
    line, col = marks.value(path)
    if "propertyNames" in error.absolute_schema_path:
        # jsonschema reports the name's own failing keyword (pattern); the
        # instance is the name itself, so point at that key
        kw = "propertyNames"
        line, col = marks.key(path + (error.instance,))

    def at(message, where=None):
        ln, cl = where or (line, col)
        return [ContentProblem(source, ln, cl, "error", message)]

    # a value of one line (a name, a time, a web address, a term's name…): has a
    # format, or a pattern of the whole value (a text's "\\S" only looks for a letter)
    one_line = (
        kw in ("format", "enum", "propertyNames") or "format" in schema or schema.get("pattern", "").startswith("^")
    )
    text = schema.get("format") == "line"  # a name, a title: words, which spaces may part
    unprintable = unprintable_words(error.instance, text) if isinstance(error.instance, str) and one_line else None
    if unprintable and kw in ("pattern", "format", "enum", "propertyNames"):
        subject = f"the name {_describe(error.instance)}" if kw == "propertyNames" else name
        what = "a web address on one line" if schema.get("format") == "safe-url" else "one line of plain text"
        return at(f"{subject} must be {what}, but has {unprintable}")

    if kw == "required":
        missing = [f for f in error.validator_value if f not in error.instance]
        where = "" if not path else f" in {name}"
        return [
            ContentProblem(source, line, col, "error", f"the required field {f!r} is missing{where}") for f in missing
        ]
    if kw == "additionalProperties":
        allowed = set(schema.get("properties", {}))
        problems = []
        for n, extra in enumerate(sorted(set(error.instance) - allowed)):
            ln, cl = marks.key(path + (extra,))
            where = f" in {name}" if path else ""
            hint = did_you_mean(extra, allowed) if n < MAX_PROBLEMS_PER_FILE else ""
            problems.append(ContentProblem(source, ln, cl, "error", f"unknown field {extra!r}{where}{hint}"))
        return problems
    if kw == "type":
        wanted = error.validator_value
        wanted = [wanted] if isinstance(wanted, str) else wanted
        wanted_text = " or ".join(_WANTED.get(w, w) for w in wanted)
        numeric = {"integer", "number"} & set(wanted)
        if numeric and isinstance(error.instance, str) and NUMERIC.fullmatch(error.instance.strip()):
            return at(f"{name} has too many digits (at most 15 before and 15 after the point)")
        got = _describe(error.instance) if isinstance(error.instance, str) else _GOT[_json_type(error.instance)]
        return at(f"{name} should be {wanted_text}, not {got}")
    if kw == "enum":
        options = [str(o) for o in error.validator_value]
        return at(
            f"{name} is {_describe(error.instance)}, which is not one of: "
            f"{', '.join(options)}{did_you_mean(error.instance, options)}"
        )
    if kw in ("pattern", "format"):
        hint = schema.get("description", "")
        if kw == "format" and error.validator_value == "safe-url":
            hint = "a web address must start with https:// or http:// (or mailto:/tel:, or / for a page on this site)"
        if kw == "format" and error.validator_value == "date":
            hint = "write a real date as YYYY-MM-DD, for example 2026-03-31"
        hint = hint or "it is not in the expected form"
        return at(f"{name} is {_describe(error.instance)}, which is not valid: {hint}".rstrip())
    if kw == "minItems" and error.validator_value > 1 and error.instance:
        return at(f"{name} needs at least {error.validator_value} items")
    if kw in ("minLength", "minItems", "minProperties"):
        return at(f"{name} is empty; fill it in or remove the field")
    if kw == "maxItems":
        return at(f"{name} lists {len(error.instance)} items; at most {error.validator_value} are allowed")
    if kw == "maxProperties":
        return at(f"{name} has {len(error.instance)} entries; at most {error.validator_value} are allowed")
    if kw == "maxLength":
        return at(f"{name} is too long ({len(error.instance)} characters; at most {error.validator_value})")
    if kw == "uniqueItems":
        return at(f"{name} lists the same value more than once")
    if kw in ("minimum", "maximum"):
        bound = "at least" if kw == "minimum" else "at most"
        return at(f"{name} must be {bound} {error.validator_value}, not {error.instance}")
    if kw == "dependentRequired":
        return [
            ContentProblem(source, line, col, "error", f"{key!r} also needs {', '.join(repr(n) for n in needs)}")
            for key, needs in error.validator_value.items()
            if key in error.instance and any(n not in error.instance for n in needs)
        ]
    if kw == "anyOf" and path and "schedules" in path:
        return at(f"{name} needs byday, bymonthday or a description of the times")
    if kw == "propertyNames":
        return at(
            f"{_describe(error.instance)} is not a valid name; "
            "use lower-case words joined by hyphens, like 'food-banks'"
        )
    return at(f"{name}: {error.message}")
