"""One lunr index over every entry, written out by term (docs/search-index.md).

The index is built with lunr.py as a whole, so every weight is the one lunr
gives; it is then split into shards of terms that share a prefix, each with
the postings of its terms, so the browser fetches only what a query needs.
"""

from __future__ import annotations

from collections import Counter

from lunr import lunr
from lunr.stemmer import stemmer
from lunr.stop_word_filter import stop_word_filter
from lunr.tokenizer import Tokenizer
from lunr.trimmer import trimmer

from .documents import FIELDS

SHARD_BYTES = 16_000  # about what a shard of postings may hold before it is split
MAX_PREFIX = 6


def build(entries) -> object:
    """The lunr.py index of ``entries``; an entry's ref is its number."""
    documents = [{"id": str(n), **entry.text} for n, entry in enumerate(entries)]
    for doc in documents:
        doc.setdefault("also", "")
    return lunr(
        ref="id",
        fields=[{"field_name": name, "boost": boost} for name, boost in FIELDS],
        documents=documents,
    )


def postings(index) -> dict[str, list]:
    """term -> [term index, postings of each field], where a field's postings
    are ``[entry delta, weight × 1000, …]`` (entries ascending)."""
    fields = [name for name, _ in FIELDS]
    by_index = {}  # term index -> field -> [(entry, weight)]
    for field_ref, vector in index.field_vectors.items():
        field_name, ref = field_ref.split("/", 1)
        column = fields.index(field_name)
        elements = vector.elements
        for i in range(0, len(elements), 2):
            by_index.setdefault(elements[i], [[] for _ in fields])[column].append((int(ref), elements[i + 1]))
    result = {}
    for term, posting in index.inverted_index.items():
        number = posting["_index"]
        columns = by_index.get(number, [[] for _ in fields])
        result[term] = [number, *(_deltas(sorted(column)) for column in columns)]
    return result


def _deltas(pairs) -> list[int]:
    flat, previous = [], -1
    for entry, weight in pairs:
        flat += [entry - previous, round(weight * 1000)]
        previous = entry
    return flat


def _size(term: str, posting: list) -> int:
    return len(term) + 8 + sum(len(column) * 4 for column in posting[1:])


def shard(terms: dict[str, list]) -> list[tuple[str, list[str]]]:
    """``(prefix, terms)`` of each shard, sorted by prefix: terms grouped by their
    first character, a group that is too big split by the next one, and so on.
    A term belongs to the shard with the longest prefix that starts it."""
    shards = []

    def split(prefix: str, group: list[str]) -> None:
        size = sum(_size(t, terms[t]) for t in group)
        if size <= SHARD_BYTES or len(prefix) >= MAX_PREFIX or len(group) == 1:
            shards.append((prefix, group))
            return
        short = [t for t in group if len(t) <= len(prefix)]  # only the prefix itself
        if short:
            shards.append((prefix, short))
        by_next = {}
        for term in group:
            if len(term) > len(prefix):
                by_next.setdefault(term[: len(prefix) + 1], []).append(term)
        for longer in sorted(by_next):
            split(longer, by_next[longer])

    first = {}
    for term in sorted(terms):
        first.setdefault(term[:1], []).append(term)
    for prefix in sorted(first):
        split(prefix, first[prefix])
    return sorted(shards)


def surface_forms(entries) -> dict[str, str]:
    """term -> the word entries most often write for it, where the two differ
    ("famili" -> "families"): what a spelling suggestion shows."""
    stems, seen = {}, Counter()
    for entry in entries:
        for token in Tokenizer(" ".join(entry.text.values())):
            word = trimmer(token)
            if not word or not stop_word_filter(word):
                continue
            text = str(word)
            if text not in stems:
                stems[text] = str(stemmer(word))
            seen[stems[text], text] += 1
    best = {}
    for (term, word), _ in sorted(seen.items(), key=lambda item: (-item[1], len(item[0][1]), item[0][1])):
        best.setdefault(term, word)
    return {term: word for term, word in best.items() if term != word}
