"""``python -m directory.commands.format_docs > docs/content-format.md``

Writes the reference of the content file format from the JSON Schemas, so
the documentation can never disagree with what the validator accepts.  A
test fails when the committed page is out of date.
"""

from __future__ import annotations

from ..kinds import KINDS
from ..reading.files import IGNORED, IMAGE_SUFFIXES, IMAGES
from ..reading.schemas import inlined, registry, schema_id


def _where(kind) -> str:
    """Where a kind's files go, as a volunteer would write the path."""
    if len(kind.file_stems) == 1:
        return f"{kind.where}{kind.file_stems[0]}{kind.suffixes[0]}"
    if kind.file_stems:
        return f"{kind.where}{{{','.join(kind.file_stems)}}}{kind.suffixes[0]}"
    where = f"{kind.where}<name>{kind.suffixes[0]}"
    return where + " (fields between --- lines, then the text)" if kind.suffixes[0] == ".md" else where


def _form(schema: dict) -> str:
    """What kind of value a field takes, in words."""
    if "enum" in schema:
        return "one of: " + ", ".join(f"`{v}`" for v in schema["enum"])
    if "oneOf" in schema:
        return " or ".join(_form(s) for s in schema["oneOf"])
    kind = schema.get("type")
    if kind == "array":
        items = schema.get("items", {})
        if items.get("type") == "object":
            return "a list of blocks of fields (below)"
        return f"a list of {_form(items)}"
    if kind == "object":
        return "a block of fields (below)" if "properties" in schema else "a block of fields"
    words = {"integer": "whole number", "number": "number", "boolean": "`true` or `false`"}
    if kind in words:
        return words[kind]
    if schema.get("format") == "date":
        return "date (YYYY-MM-DD)"
    if schema.get("format") == "london-datetime":
        return "date, or date and UK time (YYYY-MM-DD HH:MM)"
    if schema.get("format") == "safe-url":
        return "web address (https://…)"
    if schema.get("format") == "email":
        return "email address"
    if schema.get("format") == "line":
        return "one line of text"
    return "text"


def _table(title: str, schema: dict, raw: dict, out: list[str]) -> None:
    required = set(schema.get("required", ()))
    properties = schema.get("properties", {})
    raw_properties = raw.get("properties", {})
    out += [f"{title}", "", "| field | required | value | what it is |", "|---|---|---|---|"]
    nested = []
    for name, field in properties.items():
        about = raw_properties.get(name, {}).get("description") or field.get("description", "")
        out.append(f"| `{name}` | {'yes' if name in required else ''} | {_form(field)} | {about} |")
        inner = field.get("items", field) if field.get("type") == "array" else field
        branches = [inner] + inner.get("oneOf", [])
        for branch in branches:
            if branch.get("type") == "object" and "properties" in branch:
                nested.append((name, branch))
    out.append("")
    for name, branch in nested:
        _table(f"#### `{name}`", branch, {}, out)


def render() -> str:
    out = [
        "# The content file format",
        "",
        "Generated from `plugins/directory/reading/schemas/*.json` by "
        "`python -m directory.commands.format_docs`; do not edit by hand.",
        "",
        "Every value is read exactly as written and then checked against these rules. "
        "A field that is not listed here is an error, with a suggestion of what you may "
        "have meant. Names of other entries are their file names without `.yaml` or `.md`.",
        "",
    ]
    for kind in KINDS:
        schema = inlined(kind.name)
        raw = registry()[schema_id(kind.name)].contents
        out += [f"## {kind.title}", "", f"Where: `{_where(kind)}`. {raw.get('description', '')}", ""]
        if "additionalProperties" in schema and isinstance(schema["additionalProperties"], dict):
            out += ["Each term is written as its name (lower-case words joined by hyphens), then these fields:", ""]
            schema, raw = schema["additionalProperties"], {}
        _table("### Fields", schema, raw, out)
    out += [
        "## Files that are not entries",
        "",
        "Every other file in the content folder is an error, so that nothing is left out "
        "without a word: a file in the wrong folder, a folder inside a kind's folder, a hidden "
        "file, a name ending in capitals (`.YAML`), or a link (symbolic link), which is never "
        "followed. These few are left alone wherever they are: " + ", ".join(f"`{name}`" for name in IGNORED) + ".",
        "",
        f"The council's pictures (its logo and share image) go in `{IMAGES}/` at the top of the content folder, "
        f"and are published as they are at `/{IMAGES}/`: only "
        + ", ".join(f"`{suffix}`" for suffix in IMAGE_SUFFIXES)
        + " files, in it or in folders inside it.",
    ]
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":
    print(render(), end="")
