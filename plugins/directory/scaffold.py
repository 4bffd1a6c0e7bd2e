"""A new entry's file, written from its kind's schema: every field in the
schema's order with a comment saying what it is, the required ones filled in
so that the file passes ``make validate`` as it is, the optional ones commented
out with an example that passes too once its ``#`` is taken out.

Examples come from the schema: an enum's default, a format's or a common
definition's typical value, the "for example …" of a description (when it
matches the field's pattern), and for fields naming other entries, entries the
content folder holds. ``EXAMPLES`` gives the few the schema cannot.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .entry_yaml import dump
from .kinds import MARKDOWN, Kind, noun_and_place
from .problems import DirectoryError
from .reading.placeholders import placeholder_about, placeholder_body, placeholder_text
from .reading.schemas import inlined, registry, schema_id

_COMMON = registry()[schema_id("common")].contents["$defs"]
_FOR_EXAMPLE = re.compile(r"[Ff]or example:? ('[^']+'|.+?)(?=[.,;)](?:\s|$)|$)")
_NAMES = ("name", "title")  # the field NAME= fills in
# values the schema cannot suggest (by field, dotted; "*" is any item of a list)
EXAMPLES = {
    "latitude": Decimal("52.4862"),
    "longitude": Decimal("-1.8904"),
    "minimum_age": 0,
    "maximum_age": 18,
    "byday": "MO",
    "opens_at": "10:00",
    "closes_at": "12:00",
    "identifiers.*.identifier": "1234567",
    "uprn": "100000000001",
    "languages": ["English"],
    "maintainers": ["@your-user-name"],
    "postcode_districts": ["ZZ1"],
    "parent": "a-broader-term",
    "groups": [["food bank", "foodbank"]],
}
# the fields of a block worth showing besides the required ones
BLOCK_FIELDS = {"number", "name", "email", "url", "byday", "opens_at", "closes_at", "notes", "option"}
BLOCK_FIELDS |= {"amount_description"}


class ScaffoldError(DirectoryError):
    """The file cannot be made (a name missing, nothing for a required field to name)."""


@dataclass(frozen=True)
class Choices:
    """What the content folder holds, for the fields that name other entries."""

    slugs: dict[str, list[str]] = field(default_factory=dict)  # folder or vocabulary -> slugs, sorted
    organisation: str = ""  # for a required organisation: the one asked for, else the council's


@dataclass
class _Writer:
    name: str
    choices: Choices
    today: date
    references: dict = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)

    def comment(self, text: str, indent: str = "") -> None:
        for line in textwrap.wrap(text, width=86 - len(indent), break_on_hyphens=False):
            self.lines.append(f"{indent}# {line}")

    def block(self, schema: dict, raw: dict, indent: str = "") -> None:
        """Each field of ``schema``: its comment, then itself (commented out when optional)."""
        required = set(schema.get("required", ()))
        for key, prop in schema.get("properties", {}).items():  # a field's path is its name here
            about = raw.get("properties", {}).get(key, {}).get("description") or prop.get("description", "")
            if self.lines and not self.lines[-1].endswith(":"):
                self.lines.append("")
            about = "" if about == _COMMON["text"]["description"] else about  # says nothing of the field
            self.comment(" ".join(filter(None, [about, self.hint(key, prop)])), indent)
            value = self.value(key, prop, filled=key in required)
            lines = dump({key: value}).splitlines()
            self.lines += [f"{indent}{line}" if key in required else f"{indent}# {line}" for line in lines]

    def hint(self, path: str, prop: dict) -> str:
        target = self.references.get(path) or self.references.get(f"{path}.*")
        if "enum" in prop:
            return "One of: " + ", ".join(map(str, prop["enum"])) + "."
        if target and self.choices.slugs.get(target):
            slugs = self.choices.slugs[target]
            more = f" ({len(slugs):,} in all)" if len(slugs) > 6 else ""
            return f"Choose from: {', '.join(slugs[:6])}{more}."
        return ""

    def value(self, path: str, schema: dict, filled: bool):
        """A value for the field at ``path`` that passes its schema."""
        if path in _NAMES and filled:
            return self.name
        target = self.references.get(path) or self.references.get(f"{path}.*")
        if target:
            return self.reference(path, target, schema, filled)
        for key in (path, _field(path)):
            if key in EXAMPLES:
                return EXAMPLES[key]
        return self.example(path, schema)

    def reference(self, path: str, target: str, schema: dict, filled: bool):
        slugs = self.choices.slugs.get(target, [])
        slug = self.choices.organisation if target == "organisations" and self.choices.organisation else ""
        slug = slug or (slugs[0] if slugs else "")
        top = filled and "." not in path  # a required field of the entry itself
        if not slug:
            if top:
                raise ScaffoldError(
                    f"{path} must name a {noun_and_place(target)}, and there is none yet: add one first"
                )
            slug = f"a-{_field(path).replace('_', '-')}"
        if top:
            self.comment(f"CHECK: filled in with {slug}; change it if that is not right.")
        return [slug] if schema.get("type") == "array" else slug

    def example(self, path: str, schema: dict):
        if "enum" in schema:
            return schema.get("default", "other" if "other" in schema["enum"] else schema["enum"][0])
        for branch in schema.get("oneOf", ()):
            if branch.get("type") == "object":
                return self.example(path, branch)
        kind = schema.get("type")
        if kind == "object":
            return self.example_block(path, schema)
        if kind == "array":
            return [self.value(f"{path}.*", schema.get("items", {}), filled=True)]
        if kind == "boolean":
            return True
        if schema.get("format") in ("date", "london-datetime"):
            return self.today.isoformat()
        stated = _stated_example(schema)
        if stated is not None:
            return Decimal(stated) if kind == "number" else int(stated) if kind == "integer" else stated
        if kind in ("integer", "number"):
            return schema.get("minimum", 1)
        return self.example_text(path, schema)

    def example_block(self, path: str, schema: dict) -> dict:
        props = schema.get("properties", {})
        wanted = list(schema.get("required", ())) or list(props)[: schema.get("minProperties", 0)]
        for branch in schema.get("anyOf", ())[:1]:
            wanted += branch.get("required", ())
        keys = [k for k in props if k in wanted or k in BLOCK_FIELDS]
        return {k: self.value(f"{path}.{k}", props[k], True) for k in keys}

    def example_text(self, path: str, schema: dict) -> str:
        fmt, pattern = schema.get("format"), schema.get("pattern")
        if fmt == "safe-url":
            return "https://example.org"
        if fmt == "email":
            return "hello@example.org"
        if pattern not in (None, _COMMON["text"]["pattern"]):
            raise ScaffoldError(f"the schema gives no example for {path}: add one to scaffold.EXAMPLES")
        about = schema.get("description", "")
        if about and not about.startswith(("Plain text", "Markdown")):
            return placeholder_about(about)
        return placeholder_text(_field(path))


def _field(path: str) -> str:
    """The field a dotted path ends in: "phones.*.number" -> "number"."""
    return [part for part in path.split(".") if part != "*"][-1]


def _stated_example(schema: dict):
    """The "for example …" of a description, when it fits the field's pattern."""
    found = _FOR_EXAMPLE.search(schema.get("description", ""))
    if not found:
        return None
    text = found.group(1).strip("'")
    pattern = schema.get("pattern")
    return text if pattern is None or re.search(pattern, text) else None


def scaffold(kind: Kind, name: str, choices: Choices, today: date) -> str:
    """The text of a new ``kind`` file for ``name``; raises ScaffoldError."""
    schema, raw = inlined(kind.name), registry()[schema_id(kind.name)].contents
    writer = _Writer(name, choices, today, references=dict(kind.references))
    writer.comment(f"{name}: a new {kind.noun}, written by `make new`. {raw.get('description', '')}")
    writer.comment(
        "Fill in each field, then check the file with `make validate`. Lines starting with # are notes: "
        "an optional field is written after one, so take out its '# ' to use it. Every field is described "
        "in docs/content-format.md."
    )
    if isinstance(schema.get("additionalProperties"), dict):  # a taxonomy: terms by name
        writer.lines += ["", "first-term:"]
        writer.name = "First term"
        writer.block(schema["additionalProperties"], raw["additionalProperties"], indent="  ")
    else:
        writer.block(schema, raw)
    text = "\n".join(writer.lines).lstrip("\n") + "\n"
    if kind.suffixes == MARKDOWN:
        body = placeholder_body(kind.noun)
        return f"---\n{text}---\n\n{body}\n"
    return text
