"""Small conversions every importer shares: file names from names, names and
postcodes compared loosely, a summary from a description, dates and times in
our forms."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date, datetime

from ..reading.files import windows_device
from ..reading.postcodes import normalise as normal_postcode

SLUG_LENGTH = 60  # characters: a file name people can still read
SUMMARY_LENGTH = 300  # the schema's limit for a summary


def lines(text: str) -> str:
    """Line breaks as ``\\n`` (a spreadsheet cell or JSON string may hold ``\\r\\n``)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def loose(name: str) -> str:
    """A name compared without regard to case or spacing: ``"St  Mary's"`` = ``"st mary's"``."""
    return " ".join(name.casefold().split())


def postcode_key(postcode: str) -> str:
    """A postcode compared without regard to case or spaces."""
    return re.sub(r"\s+", "", postcode).upper()


def tidy_postcode(postcode: str) -> str:
    """``"zz11aa"`` -> ``"ZZ1 1AA"``; anything else as it was (validation then says why)."""
    return normal_postcode(postcode) or postcode.strip()


def slugify(name: str, fallback: str) -> str:
    """A file name from a name: ``"Carers' Café"`` -> ``"carers-cafe"``, at most
    SLUG_LENGTH characters, cut between words. A name with no Latin letters or
    digits gets ``<fallback>-<8 hex digits of the name>``, the same every time."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", re.sub(r"['’`]", "", plain.lower()))
    slug = ""
    for word in words:
        longer = f"{slug}-{word}" if slug else word
        if len(longer) > SLUG_LENGTH:
            break
        slug = longer
    if not slug and words:
        slug = words[0][:SLUG_LENGTH]
    if slug and windows_device(slug):  # "Con" or "Aux": names Windows keeps for its devices
        slug = f"{slug}-{fallback}"
    return slug or f"{fallback}-{hashlib.sha256(name.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"


_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")
_SENTENCE = re.compile(r".+?[.!?](?=\s+[A-Z0-9\"'(“‘£]|\s*$)")  # not "e.g. this"


def summary_from(description: str) -> str:
    """One or two sentences for lists, from a description: the first two of its
    first paragraph that is not a heading, Markdown marks taken out; cut
    between words when even one is longer than a summary may be."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", lines(description)) if p.strip()]
    first = next((p for p in paragraphs if not p.startswith("#")), paragraphs[0] if paragraphs else "")
    text = " ".join(_EMPHASIS.sub("", _LINK.sub(r"\1", first)).lstrip("#>-* ").split())
    sentences = [s.strip() for s in _SENTENCE.findall(text)]
    for count in (2, 1):
        if len(sentences) >= count and len(shorter := " ".join(sentences[:count])) <= SUMMARY_LENGTH:
            return shorter
    if len(text) <= SUMMARY_LENGTH:
        return text
    cut = text[: SUMMARY_LENGTH - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def day(text: str) -> str | None:
    """A date as YYYY-MM-DD from YYYY-MM-DD, an ISO date and time, or DD/MM/YYYY
    (how UK spreadsheets show dates); None when it is none of those."""
    text = text.strip()
    found = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    try:
        if found:
            return date(int(found.group(3)), int(found.group(2)), int(found.group(1))).isoformat()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text).isoformat()
        if re.match(r"\d{4}-\d{2}-\d{2}[T ]", text):
            return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        return None
    return None


def clock(text: str) -> str | None:
    """A time as HH:MM from ``9:30``, ``09:30``, ``09.30`` or ``09:30:00`` (whole
    minutes only); None when it is not a time of day."""
    found = re.fullmatch(r"([01]?\d|2[0-3])[:.]([0-5]\d)(?::00(?:\.0+)?)?(?:Z|[+-]00:?00)?", text.strip())
    return f"{int(found.group(1)):02d}:{found.group(2)}" if found else None
