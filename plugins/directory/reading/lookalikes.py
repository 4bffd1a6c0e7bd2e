"""Entries that look like duplicates of one another: a similar name, and the
same organisation or the same postcode.

The loader keeps one small record per entry (:func:`lookalike`); once every
file is read, :func:`check_lookalikes` compares only entries of one kind that
share an organisation or a postcode, and in a large group only neighbours in
two sort orders of their names (the "sorted neighbourhood" method), so a
directory of any size is checked in about linear time. Both entries of a pair
are warned about, so the new one of them always is.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from typing import NamedTuple

from ..kinds import CONSULTATIONS, LOCATIONS, ORGANISATIONS, SERVICES
from ..problems import ContentProblem

CHECKED = (SERVICES, ORGANISATIONS, LOCATIONS, CONSULTATIONS)
SMALL_WORDS = {"a", "an", "and", "at", "by", "for", "in", "of", "on", "the", "to", "with"}
WINDOW = 6  # each name is compared with this many neighbours in each order
DUPLICATE = "duplicate"  # the code of its warnings
TYPO = 0.81  # two words this alike are one word mistyped: centre/center, club/clubs, but not tuesday/thursday


class Record(NamedTuple):
    """What the duplicate check needs of one entry, and where its name is."""

    source: str
    line: int
    col: int
    kind: object  # kinds.Kind
    field: str  # "name", or "title" for a consultation
    name: str
    organisation: str  # its organisation's slug, or ""
    places: tuple[str, ...]  # slugs of the locations it names
    postcodes: tuple[str, ...]  # postcodes written in the entry itself, without spaces


def postcode_key(postcode: str) -> str:
    return postcode.replace(" ", "").upper()


def lookalike(entry) -> Record | None:
    """The record of a validated entry (None for kinds that are not checked)."""
    if entry.kind not in CHECKED:
        return None
    d = entry.data
    field = "title" if entry.kind is CONSULTATIONS else "name"
    places = tuple(p for p in d.get("locations", ()) if isinstance(p, str))
    written = [p["address"]["postal_code"] for p in d.get("locations", ()) if isinstance(p, dict)]
    if "address" in d:
        written.append(d["address"]["postal_code"])
    line, col = entry.marks.value((field,))
    organisation = d.get("organization", "")
    postcodes = tuple(map(postcode_key, written))
    return Record(entry.source, line, col, entry.kind, field, d[field], organisation, places, postcodes)


def name_words(name: str) -> tuple[str, ...]:
    """The words of a name that tell it apart: lower case, accents and apostrophes
    dropped, '&' read as 'and', small words left out."""
    text = "".join(c for c in unicodedata.normalize("NFKD", name.casefold()) if not unicodedata.combining(c))
    text = re.sub(r"['\u2019]", "", text.replace("&", " and "))
    return tuple(w for w in re.findall(r"[a-z0-9]+", text) if w not in SMALL_WORDS)


def _mistyped(a: str, b: str) -> bool:
    """One word mistyped as the other. A number or a short word that differs names a
    different entry ("Group 2", "Hub"/"Pub"), and so does another first letter: typing
    rarely goes wrong there, but words do ("Eastgate"/"Westgate", "Walking"/"Talking")."""
    if a.isdigit() or b.isdigit() or min(len(a), len(b)) < 4 or a[0] != b[0]:
        return False
    return SequenceMatcher(None, a, b).ratio() >= TYPO


class Name(NamedTuple):
    """A name's words, ready to compare (worked out once per entry)."""

    words: tuple[str, ...]
    joined: str  # without spaces: "Food Bank" is "Foodbank"
    distinct: frozenset[str]
    ordered: str  # its words sorted, the order of the sorted neighbourhood


def prepared(words: tuple[str, ...]) -> Name:
    return Name(words, "".join(words), frozenset(words), " ".join(sorted(words)))


def _unmatched(a: Name, b: Name) -> tuple[list[str], list[str]]:
    """The words of ``a`` not in ``b``, and of ``b`` not in ``a`` (counting repeats)."""
    if len(a.distinct) == len(a.words) and len(b.distinct) == len(b.words):  # the usual case: set operations
        return sorted(a.distinct - b.distinct), sorted(b.distinct - a.distinct)
    left, right = Counter(a.words) - Counter(b.words), Counter(b.words) - Counter(a.words)
    return sorted(left.elements()), sorted(right.elements())


def alike(a: Name, b: Name) -> bool:
    """Names that are the same but for spaces, word order or a word or two mistyped."""
    if a.joined == b.joined:
        return True  # "Food Bank" and "Foodbank"
    if len(a.words) != len(b.words):
        return False  # a word more or less ("Lunch Club", "Wednesday Lunch Club") is another entry
    if len(a.distinct ^ b.distinct) > 4:
        return False  # quick: more than two words differ on each side
    left, right = _unmatched(a, b)
    if len(left) != len(right) or len(left) > 2 or (len(left) == 2 and len(a.words) == 2):
        return False  # more than two words differ, or nothing is in common
    unused = list(right)
    for word in left:
        match = next((other for other in unused if _mistyped(word, other)), None)
        if match is None:
            return False
        unused.remove(match)
    return True


def similar(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """:func:`alike`, for the words of two names."""
    return alike(prepared(a), prepared(b))


def _neighbours(items: list):
    """Pairs to compare within one group of (index, Name): all of a small group; in a
    large one, each with its next WINDOW in the order of its sorted words, and again
    reading those backwards (so a typo at either end sorts near its twin)."""
    if len(items) <= WINDOW + 1:
        for i, a in enumerate(items):
            for b in items[i + 1 :]:
                yield a, b
        return
    for order in (lambda item: item[1].ordered, lambda item: item[1].ordered[::-1]):
        ordered = sorted(items, key=order)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 : i + 1 + WINDOW]:
                yield a, b


def _spaced(postcode: str) -> str:
    return f"{postcode[:-3]} {postcode[-3:]}"


def check_lookalikes(records, directory) -> list[ContentProblem]:
    """A warning on each entry that looks like a duplicate of another (naming it)."""
    records = list(records)
    groups = defaultdict(list)  # (folder, organisation, postcode) -> [(index of the record, its Name)]
    shared = directory.locations
    for n, r in enumerate(records):
        words = name_words(r.name)
        if not words:
            continue
        name = prepared(words)
        if r.organisation:
            groups[(r.kind.folder, r.organisation, "")].append((n, name))
        found = {postcode_key(shared[p].address.postal_code) for p in r.places if p in shared}
        for postcode in sorted(found | set(r.postcodes)):
            groups[(r.kind.folder, "", postcode)].append((n, name))
    why = defaultdict(set)  # (index of a record, index of the other) -> what they share
    for (_, organisation, postcode), items in sorted(groups.items()):
        for (a, name_a), (b, name_b) in _neighbours(items):
            if a != b and alike(name_a, name_b):
                shared_by = f"at the same postcode ({_spaced(postcode)})"
                if organisation:
                    consultation = records[a].kind is CONSULTATIONS
                    shared_by = f"{'from' if consultation else 'run by'} the same organisation"
                why[(a, b)].add(shared_by)
                why[(b, a)].add(shared_by)
    closest = {}
    for a, b in sorted(why, key=lambda pair: (records[pair[0]].source, records[pair[1]].source)):
        closest.setdefault(a, b)
    problems = []
    for a, b in closest.items():
        mine, other = records[a], records[b]
        message = (
            f"{mine.field}: '{mine.name}' looks like a duplicate of '{other.name}' ({other.source}), "
            f"{' and '.join(sorted(why[(a, b)], reverse=True))}; if they are the same {mine.kind.noun}, "
            "keep one file; if not, give them names that tell them apart"
        )
        problems.append(ContentProblem(mine.source, mine.line, mine.col, "warning", message, DUPLICATE))
    return problems
