"""Open Referral JSON files read with the line of every object, and what each
object is (a service, an organisation, a page of a list, …) told from its fields."""

from __future__ import annotations

import bisect
import json
import json.decoder
import json.scanner
import re
from pathlib import Path

from ..importing.drafts import Notice

MAX_BYTES = 200_000_000  # a whole feed saved as one file is far less


class DocumentError(ValueError):
    """A file that is not a JSON document; ``line`` is where reading stopped."""

    def __init__(self, message: str, line: int = 1):
        super().__init__(message)
        self.message, self.line = message, line


class Located(dict):
    """A JSON object that knows where in its file it starts (the offset of ``{``)."""

    __slots__ = ("offset",)


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not a number JSON allows")


class _Decoder(json.JSONDecoder):
    """The standard decoder (in pure Python, so that objects can be marked)
    making :class:`Located` objects and refusing NaN and Infinity."""

    def __init__(self):
        super().__init__(parse_constant=_refuse_constant)

        def parse_object(s_and_end, *args):
            found, end = json.decoder.JSONObject(s_and_end, *args)
            located = Located(found)
            located.offset = s_and_end[1] - 1
            return located, end

        self.parse_object = parse_object
        self.scan_once = json.scanner.py_make_scanner(self)


class Document:
    """One file: its data, and the line any of its objects starts on."""

    def __init__(self, source: str, text: str):
        self.source = source
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        try:
            self.data = _Decoder().decode(text)
        except json.JSONDecodeError as err:
            raise DocumentError(f"this is not valid JSON: {err.msg} (column {err.colno})", err.lineno) from None
        except ValueError as err:
            raise DocumentError(f"this is not valid JSON: {err}") from None
        except RecursionError:
            raise DocumentError("the document is nested too deeply to be Open Referral data") from None

    def line(self, item) -> int:
        offset = getattr(item, "offset", None)
        return bisect.bisect_right(self.starts, offset) if offset is not None else 1


def read_document(path: Path, source: str) -> Document:
    """The file at ``path`` (``source`` is how messages name it)."""
    if not path.is_file():
        raise DocumentError("this is not a file (a folder, a device or a pipe?)")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DocumentError(f"the file is too large ({size:,} bytes; at most {MAX_BYTES:,})")
        raw = path.read_bytes()
    except OSError as err:
        raise DocumentError(f"the file cannot be read ({err.strerror or err})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise DocumentError("the file is not UTF-8 text; JSON must be UTF-8", line) from None
    return Document(source, text)


SERVICE_ONLY = (
    "status",
    "organization_id",
    "schedules",
    "service_areas",
    "service_at_locations",
    "cost_options",
    "eligibility_description",
    "fees",
    "fees_description",
)
ORGANISATION_ONLY = ("website", "organization_identifiers", "parent_organization_id", "logo", "services")
TERM_ONLY = ("taxonomy_id", "term", "code", "taxonomy", "term_uri", "parent_id", "taxonomy_detail")


def shape(item) -> str:
    """What an Open Referral object is: "index", "page", "service_at_location",
    "service", "organisation", "taxonomy", "term"; "" when it is none of them."""
    if not isinstance(item, dict):
        return ""
    if "openapi_url" in item or ("profile" in item and "version" in item):
        return "index"
    if isinstance(item.get("contents"), list) and ("total_items" in item or "page_number" in item):
        return "page"
    if isinstance(item.get("service"), dict) and isinstance(item.get("location"), dict):
        return "service_at_location"
    if any(k in item for k in SERVICE_ONLY):
        return "service"
    if "taxonomy_terms" in item or ("version" in item and "name" in item):
        return "taxonomy"
    if any(k in item for k in TERM_ONLY):
        return "term"
    if "name" in item and ("description" in item or any(k in item for k in ORGANISATION_ONLY)):
        return "organisation"
    return ""


def read_source(source: Path, notices: list) -> list[Document]:
    """The documents of a file, or of every ``.json`` file in a folder and the
    folders inside it (hidden ones aside), in order of their paths. A file
    that cannot be read adds an error to ``notices``."""
    if source.is_dir():
        files = sorted(
            p
            for p in source.rglob("*.json")
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(source).parts)
        )
    else:
        files = [source]
    documents = []
    for path in files:
        try:
            documents.append(read_document(path, str(path)))
        except DocumentError as err:
            notices.append(Notice(str(path), err.line, "error", err.message))
    return documents
