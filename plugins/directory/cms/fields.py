"""A kind's JSON Schema as Decap CMS fields.

One field per property, in the schema's order, its widget chosen from the
shared definition the property uses (``markdown``, ``date``, ``time``…) or
else from its type; ``required`` as the schema says (Decap's own default is
"required", so every field says which it is); the description as the hint;
lengths and patterns as Decap's ``pattern``, so the editor warns before a
pull request does. A property that names another entry (``kinds.py``'s
references) is a ``relation`` widget into that kind's collection, or a
``select`` of the vocabulary's terms.

These checks only help the editor: the file Decap writes is judged by the
same reader and schema as every other (``make validate``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..reading.schemas import registry, schema_id

# a property's name as a label, where capitalising it would not do
LABELS = {
    "organization": "Organisation",
    "url": "Website",
    "uprn": "UPRN (Unique Property Reference Number)",
    "freq": "Repeats",
    "byday": "Days",
    "bymonthday": "Days of the month",
    "dtstart": "First date",
    "body": "Text",
}
# The schemas' descriptions speak of files and formats (they are the file
# format's docs); a volunteer filling in a form needs what to do instead. By
# the field's path, lists' items as "*".
HINTS = {
    "organization": "The organisation that runs it.",
    "description": "In plain words. Links may go to web pages, email addresses or phone numbers.",
    "free": "Tick if it costs nothing.",
    "fees": "What it costs, in words, if the prices below do not say it all.",
    "categories": "What it offers: choose one or more.",
    "areas": "Where it works. Leave empty if it covers the whole council area.",
    "audiences": "Who it is for.",
    "accessibility": "What makes it easier to get to and to use.",
    "locations": "The places it happens or is based. A place not in the list is added under Places first.",
    "related_services": "The services it is about.",
    "how_to_respond.events.*.location": "The place, if it is in the list; otherwise write it below.",
    "schedules.*.interval": "Leave empty for every week or every month; 2 for every other one.",
    "schedules.*.byday": "Tick the days. Every month: tick the weeks too, or none for every week of the month.",
    "schedules.*.bymonthday": "Every month: the dates, separated by commas (1 to 31; -1 is the last day).",
    "logo": "The web address of the organisation's logo.",
    "maintainers": (
        "The GitHub or GitLab user names of the people who look after this organisation's entries: "
        "they are asked to review changes to them."
    ),
    "address.country": "Two letters: GB for the United Kingdom (the default).",
}
CONSENT = (
    "Tick if the people whose own phone numbers or email addresses are given here have agreed to "
    "them being published. Without it, a number or address that looks like a person's own gets a warning."
)
# fields with a widget of the site's own (theme/static/js/admin.js), by path:
# a schedule's days as ticks, stored as the day codes the file keeps
WIDGETS = {"schedules.*.byday": "days"}
# an enum's values as a volunteer says them (the file keeps the value)
OPTION_WORDS = {"WEEKLY": "Every week", "MONTHLY": "Every month"}
# the Markdown the site keeps (reading/sanitise.py): no images (no media to
# upload), no code blocks; the preview sanitised (Decap's default, said so it stays)
MARKDOWN_WIDGET = {
    "widget": "markdown",
    "buttons": ["bold", "italic", "link", "heading-two", "heading-three", "quote", "bulleted-list", "numbered-list"],
    "editor_components": [],
    "sanitize_preview": True,
}
LONG_TEXT = 160  # characters: longer than this, a box of several lines
DATE = {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False}
TIME = {"widget": "datetime", "format": "HH:mm", "date_format": False, "time_format": "HH:mm"}
DATETIME = {"widget": "datetime", "format": "YYYY-MM-DD HH:mm", "date_format": "YYYY-MM-DD", "time_format": "HH:mm"}
# loose on purpose: the schema's own checks (schemas.py) are the judge
LOOSE_PATTERNS = {
    "email": ("^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$", "an email address such as hello@example.org"),
    "safe-url": ("^(https?://[^\\s]+|/[^\\s]*)$", "a web address starting https:// or http://"),
}
# the characters of a one-line value (the schemas' ``line``) the editor refuses as
# it is typed: line breaks, tabs, controls and the invisible ones people paste
# (a few of those reading/characters.py refuses, which stays the judge)
ONE_LINE = "[^\\x00-\\x1f\\x7f-\\xa0\\xad\\u1680\\u180e\\u2000-\\u200f\\u2028-\\u202f\\u205f-\\u206f\\u3000\\ufeff]"
# definitions whose description says nothing an editor needs ("Plain text…")
VAGUE = ("text", "line", "slug", "slugs")
_BOUNDS = {"maxLength": min, "maxItems": min, "maximum": min, "minLength": max, "minItems": max, "minimum": max}


class UnsupportedField(ValueError):
    """A schema property no Decap widget can edit (the tests keep this from happening)."""


@dataclass(frozen=True)
class Targets:
    """What references point at: collections by folder (with the field that names
    their entries) and vocabularies by name (with their terms as options)."""

    collections: dict  # folder -> identifier field ("name", "title")
    vocabularies: dict  # vocabulary -> [{"label": …, "value": slug}]


def label(name: str) -> str:
    return LABELS.get(name) or name.replace("_", " ").capitalize()


def kind_schema(kind):
    """``(schema, resolver)`` of ``kind`` (a ``kinds.Kind``), its own ``$ref`` followed."""
    schema, _, resolver = resolved({"$ref": schema_id(kind.name)}, registry().resolver(base_uri=schema_id(kind.name)))
    return schema, resolver


def kind_fields(kind, targets: Targets) -> list[dict]:
    """The Decap fields of ``kind``, in its schema's order."""
    schema, resolver = kind_schema(kind)
    return _object_fields(schema, resolver, "", dict(kind.references), targets)


def resolved(schema: dict, resolver):
    """``(schema, definition, resolver)``: ``schema`` with its ``$ref`` followed, what
    stands beside the ``$ref`` kept (the property's own description wins; both
    bounds apply, the stricter kept), and the name of the shared definition it
    uses ("text", "markdown", "date"…; "" for none)."""
    definition = ""
    while "$ref" in schema:
        ref = schema["$ref"]
        found = resolver.lookup(ref)
        definition = definition or (ref.rsplit("/", 1)[-1] if "#/$defs/" in ref else "")
        siblings = {k: v for k, v in schema.items() if k != "$ref"}
        merged = {**found.contents, **siblings}
        for key, stricter in _BOUNDS.items():
            if key in siblings and key in found.contents:
                merged[key] = stricter(siblings[key], found.contents[key])
        schema, resolver = merged, found.resolver
    return schema, definition, resolver


def _object_fields(schema, resolver, path, references, targets) -> list[dict]:
    required = set(schema.get("required", ()))
    return [
        _field(name, prop, resolver, name in required, f"{path}.{name}" if path else name, references, targets)
        for name, prop in schema.get("properties", {}).items()
    ]


def _field(name, schema, resolver, required, path, references, targets) -> dict:
    own = schema.get("description")
    schema, definition, resolver = resolved(schema, resolver)
    field = {"name": name, "label": label(name), "required": required}
    # the property's own words, or else what its definition says of the form it takes
    hint = own or ("" if definition in VAGUE or path in references else schema.get("description"))
    if path.rsplit(".", 1)[-1] == "consent":
        hint = CONSENT
    hint = HINTS.get(path, hint)
    if hint:
        field["hint"] = hint
    if "default" in schema and "." not in path:  # in a list, a default would add an item of it to every new entry
        field["default"] = schema["default"]
    many = schema.get("type") == "array"
    if path in references:
        field.update(_pointer(references[path], many, schema, targets))
    else:
        field.update(_widget(schema, definition, resolver, path, references, targets))
        field["widget"] = WIDGETS.get(path, field["widget"])  # the pattern stays: Decap still checks it
    if field["widget"] == "datetime" and not own:  # a picker: the format it is written in is not the editor's
        field.pop("hint", None)
    return field


def _options(values) -> list:
    """An enum's values as select options, in words where the value is a code."""
    return [{"label": OPTION_WORDS[v], "value": v} if v in OPTION_WORDS else v for v in values]


def _pointer(target: str, many: bool, schema: dict, targets: Targets) -> dict:
    """A reference: a relation into the kind whose folder it names, or the terms of a vocabulary."""
    if target in targets.vocabularies:
        widget = {"widget": "select", "options": targets.vocabularies[target]}
    else:
        shown = targets.collections[target]
        widget = {
            "widget": "relation",
            "collection": target,
            "value_field": "{{slug}}",  # the file name: what a reference is
            "search_fields": [shown],
            "display_fields": [shown],
        }
    if many:
        widget["multiple"] = True
        widget.update({"max": schema["maxItems"]} if "maxItems" in schema else {})
    return widget


def _widget(schema, definition, resolver, path, references, targets) -> dict:
    if "enum" in schema:
        return {"widget": "select", "options": _options(schema["enum"])}
    kind = schema.get("type")
    if kind == "array":
        return _list(schema, resolver, path, references, targets)
    if kind == "object":
        return {"widget": "object", "fields": _object_fields(schema, resolver, path, references, targets)}
    if kind == "boolean":
        return {"widget": "boolean"}
    if kind in ("integer", "number"):
        widget = {"widget": "number", "value_type": "int" if kind == "integer" else "float"}
        widget.update({"min": schema["minimum"]} if "minimum" in schema else {})
        widget.update({"max": schema["maximum"]} if "maximum" in schema else {})
        return widget
    if kind == "string":
        return _string(schema, definition)
    raise UnsupportedField(f"{path}: the web editor has no widget for this field")


def _list(schema, resolver, path, references, targets) -> dict:
    # no reordering: Decap's is by dragging alone (WCAG 2.5.7, and no keyboard way);
    # an item goes elsewhere by removing it and adding it again, for everyone alike
    items, definition, item_resolver = resolved(schema.get("items", {}), resolver)
    bounds = {"max": schema["maxItems"]} if "maxItems" in schema else {}
    if "enum" in items:
        return {"widget": "select", "multiple": True, "options": _options(items["enum"]), **bounds}
    if items.get("type") == "object":
        fields = _object_fields(items, item_resolver, f"{path}.*", references, targets)
        widget = {"widget": "list", "fields": fields, "allow_reorder": False, **bounds}
        alternatives = [b["required"] for b in items.get("anyOf", ()) if "required" in b]
        if alternatives:  # schedules: days, days of the month or a description
            names = [label(group[0]).lower() for group in alternatives]
            widget["hint"] = f"Each needs at least one of: {', '.join(names[:-1])} or {names[-1]}."
        return widget
    if items.get("type") == "string":
        name = path.rsplit(".", 1)[-1]
        item = _string(items, definition)
        if item["widget"] == "text":  # a list item is a word or a name: one line
            item["widget"] = "string"
        field = {"name": name, "label": label(name), "required": True, **item}
        return {"widget": "list", "field": field, "allow_reorder": False, **bounds}
    raise UnsupportedField(f"{path}: the web editor has no widget for this list")


def _string(schema, definition) -> dict:
    if definition == "markdown":
        return {**MARKDOWN_WIDGET, **_pattern(schema)}
    if definition == "time":
        return dict(TIME)
    if schema.get("format") == "date":
        return dict(DATE)
    if schema.get("format") == "london-datetime":
        return dict(DATETIME)
    long = schema.get("maxLength", 0) > LONG_TEXT and definition != "line"
    widget = {"widget": "text" if long else "string"}
    if schema.get("format") in LOOSE_PATTERNS:
        regex, words = LOOSE_PATTERNS[schema["format"]]
        return {**widget, "pattern": [regex, f"write {words}"]}
    return {**widget, **_pattern(schema)}


def _pattern(schema) -> dict:
    """The schema's pattern and lengths as one regular expression for Decap, and
    what to say when a value does not match it."""
    pattern, low, high = schema.get("pattern"), schema.get("minLength"), schema.get("maxLength")
    form = schema.get("description", "check it against the hint")
    if low is None and high is None:
        return {"pattern": [pattern, form]} if pattern else {}
    one_line = schema.get("format") == "line"
    characters = ONE_LINE if one_line else "[\\s\\S]"
    length = f"{characters}{{{low or 0},{high if high is not None else ''}}}"
    if high is None:
        words = form
    elif one_line:
        words = f"write one line of at most {high:,} characters, not only spaces, without tabs"
    elif pattern == "\\S":  # text: anything but blanks
        words = f"write at most {high:,} characters, not only spaces"
    else:
        words = f"at most {high:,} characters: {form}" if pattern else f"write at most {high:,} characters"
    lookahead = f"(?=[\\s\\S]*?(?:{pattern}))" if pattern else ""
    return {"pattern": [f"^{lookahead}{length}$", words]}
