"""The JSON Schemas of each kind of entry, and validation against them.

The schemas in ``schemas/`` are the single source of truth for the file
format.  Because the strict YAML reader keeps every scalar as a string, values
are first converted to the type the schema asks for (``"7"`` becomes 7 only
where the schema wants a number), then validated with ``jsonschema``.

Every check matches the whole value (``re.fullmatch``; a schema's ``pattern``
as ECMA-262 reads it, where ``$`` is the end of the text): Python's ``$`` also
matches before a final line break, which would let ``"09:30\\n"`` through.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from functools import cache
from pathlib import Path

import jsonschema
import jsonschema_rs
from referencing import Registry, Resource

from .characters import is_one_line

SCHEMA_DIR = Path(__file__).with_name("schemas")

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Letters, digits and . _ + ' - before the @: no "?", "&", "%" or "=", which
# would let a mailto: link copy in third parties or fill in a message.
_EMAIL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+'-]{0,63}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")
_TEL = re.compile(r"\+?[0-9][0-9()-]{2,24}(;ext=[0-9]{1,8})?")
_DATETIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}([ T]([01][0-9]|2[0-3]):[0-5][0-9])?")
_WEB = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]+)?([/?#].*)?", re.IGNORECASE | re.DOTALL)


def is_safe_url(value: str) -> bool:
    """True for http(s) addresses with a host, mailto:, tel:, and site paths.

    Anything with white space or control characters, any other scheme
    (``javascript:``, ``data:``, ``vbscript:``…) and anything that is not
    clearly relative is refused, whatever its letter case or encoding.
    """
    if not value or not is_one_line(value) or any(c.isspace() for c in value):
        return False
    match = _SCHEME.match(value)
    if match:
        scheme = match.group(1).lower()
        if scheme not in SAFE_SCHEMES:
            return False
        rest = value[len(scheme) + 1 :]
        if scheme == "mailto":  # one address, nothing after it
            return is_email(rest)
        if scheme == "tel":
            return bool(_TEL.fullmatch(rest))
        return bool(_WEB.fullmatch(value))
    # browsers read "/\\host" like "//host": another site, not a page of this one
    return value.startswith(("/", "#", "?", "./", "../")) and not value.startswith(("//", "/\\"))


def is_email(value: str) -> bool:
    return len(value) <= 254 and bool(_EMAIL.fullmatch(value))


def _is_datetime(value: str) -> bool:
    if not _DATETIME.fullmatch(value):
        return False
    try:
        datetime.fromisoformat(value.replace(" ", "T"))
    except ValueError:
        return False
    return True


def _is_date(value: str) -> bool:
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


FORMAT_CHECKER = jsonschema.FormatChecker(formats=())
FORMAT_CHECKER.checks("safe-url")(is_safe_url)
FORMAT_CHECKER.checks("email")(is_email)
FORMAT_CHECKER.checks("date")(_is_date)
FORMAT_CHECKER.checks("london-datetime")(_is_datetime)
FORMAT_CHECKER.checks("line")(is_one_line)


@cache
def registry() -> Registry:
    resources = []
    for path in sorted(SCHEMA_DIR.glob("*.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((contents["$id"], Resource.from_contents(contents)))
    return Registry().with_resources(resources)


def schema_id(kind: str) -> str:
    return f"urn:civic-hub:schema:{kind}"


_BOUNDS = {"maxLength": min, "maxItems": min, "maximum": min, "minLength": max, "minItems": max, "minimum": max}


def _inline(schema, resolver):
    """The schema with every ``$ref`` replaced by what it points to.

    The schemas are small and not recursive, so inlining them once makes
    validation and conversion walk plain dicts instead of resolving
    references for every value of every file (five times faster at 10,000
    entries)."""
    if isinstance(schema, list):
        return [_inline(item, resolver) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        resolved = resolver.lookup(schema["$ref"])
        siblings = _inline({k: v for k, v in schema.items() if k != "$ref"}, resolver)
        referenced = _inline(resolved.contents, resolved.resolver)
        # on a clash the referenced description wins: it says what form the
        # value takes, which is what a validation message needs
        merged = {**siblings, **referenced}
        # both sets of bounds apply (a $ref with siblings is an allOf): keep the stricter
        for key, stricter in _BOUNDS.items():
            if key in siblings and key in referenced:
                merged[key] = stricter(siblings[key], referenced[key])
        merged.pop("$id", None)
        merged.pop("$defs", None)
        return merged
    return {
        key: (value if key in ("enum", "const", "required", "default") else _inline(value, resolver))
        for key, value in schema.items()
        if key != "$defs"
    }


@cache
def inlined(kind: str) -> dict:
    return _inline(registry()[schema_id(kind)].contents, registry().resolver(base_uri=schema_id(kind)))


@cache
def _ecma(pattern: str) -> jsonschema_rs.Draft202012Validator:
    return jsonschema_rs.Draft202012Validator({"pattern": pattern})


def _pattern(validator, pattern: str, instance, schema):
    """The ``pattern`` keyword as ECMA-262 (JSON Schema's dialect) reads it, by
    jsonschema-rs's engine, the quick pass's own: ``$`` is the end of the text
    (Python's ``re`` also matches it before a final line break, and its ``\\d``
    takes any script's digits), and the two passes cannot disagree on a pattern."""
    if validator.is_type(instance, "string") and not _ecma(pattern).is_valid(instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


# Draft 2020-12 with the pattern keyword above
ECMAValidator = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"pattern": _pattern})


def validator_for(schema: dict):
    """The pass whose errors make the messages (``validation.py``)."""
    return ECMAValidator(schema, format_checker=FORMAT_CHECKER)


def quick_validator_for(schema: dict) -> jsonschema_rs.Draft202012Validator:
    """The same schema, patterns and formats (the same functions) in jsonschema-rs."""
    formats = {name: check for name, (check, _) in FORMAT_CHECKER.checkers.items()}
    return jsonschema_rs.Draft202012Validator(
        schema, formats=formats, validate_formats=True, ignore_unknown_formats=False
    )


@cache
def validator(kind: str):
    return validator_for(inlined(kind))


@cache
def quick_validator(kind: str) -> jsonschema_rs.Draft202012Validator:
    """The same schema and formats in jsonschema-rs, about ten times faster: a first
    pass that only says whether a file is valid.  A file it does not pass is
    validated again by ``validator``, whose errors make the messages, so the
    messages never depend on it.  Both read patterns with the same engine and call
    the same format functions, so they agree; were they ever not to, the file is
    still refused (``validation.py``)."""
    return quick_validator_for(inlined(kind))


# --- conversion of strings to the types the schema asks for -----------------

# at most 15 digits before and after the point: beyond that a number means
# nothing here, and int() of thousands of digits is slow or refused
_INTEGER = re.compile(r"[+-]?[0-9]{1,15}")
_NUMBER = re.compile(r"[+-]?([0-9]{1,15}(\.[0-9]{0,15})?|\.[0-9]{1,15})")
NUMERIC = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")  # a number of any length
_BOOLEANS = {"true": True, "yes": True, "false": False, "no": False}


def coerce(value, kind: str):
    """Return ``value`` with strings converted where the schema of ``kind`` wants
    an integer, a number or a boolean. Values that do not convert are left as
    they are, so that validation reports them in plain words."""
    return _coerce(value, inlined(kind))


def _branch_for(value, schema: dict) -> dict:
    """Of ``oneOf``/``anyOf`` branches, the one shaped like ``value``."""
    for branch in schema.get("oneOf", schema.get("anyOf", ())):
        wanted = branch.get("type")
        if (isinstance(value, dict) and wanted == "object") or (isinstance(value, list) and wanted == "array"):
            return branch
    return schema


def _coerce(value, schema):
    if not isinstance(schema, dict):
        return value
    if "oneOf" in schema or "anyOf" in schema:
        schema = _branch_for(value, schema)
    if isinstance(value, dict):
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        fallback = extra if isinstance(extra, dict) else {}
        return {k: _coerce(v, props.get(k, fallback)) for k, v in value.items()}
    if isinstance(value, list):
        items = schema.get("items", {})
        return [_coerce(v, items) for v in value]
    if isinstance(value, str):
        wanted = schema.get("type")
        return _convert_scalar(value, wanted) if wanted in ("integer", "number", "boolean") else value
    return value


def _convert_scalar(text: str, wanted):
    stripped = text.strip()
    if wanted == "integer" and _INTEGER.fullmatch(stripped):
        return int(stripped)
    if wanted == "number" and _NUMBER.fullmatch(stripped):
        number = float(stripped)
        return int(number) if number.is_integer() and "." not in stripped else number
    if wanted == "boolean" and stripped.lower() in _BOOLEANS:
        return _BOOLEANS[stripped.lower()]
    return text
