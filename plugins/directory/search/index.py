"""One lunr index over every entry, written out by term (docs/search-index.md).

The postings hold exactly the weights lunr.py's index of every entry would,
so the browser's lunr.js ranks as over one whole index; they are then split
into shards of terms that share a prefix, so it fetches only what a query needs.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter

from lunr import get_default_builder
from lunr.stemmer import stemmer
from lunr.stop_word_filter import stop_word_filter
from lunr.tokenizer import Tokenizer
from lunr.trimmer import trimmer

from .documents import FIELDS

SHARD_BYTES = 16_000  # about what a shard of postings may hold before it is split
MAX_PREFIX = 6
K1, B = 1.2, 0.75  # lunr's BM25 constants


def postings(entries) -> dict[str, list]:
    """term -> [term index, postings of each field], as lunr.py's index of
    ``entries`` would hold them (an entry's ref is its number). A field's
    postings are ``[entry delta, weight × 1000, …]`` (entries ascending).

    It is lunr.py's builder, kept compact: the same tokenizer and pipeline
    (trimmer, stop words, stemmer), the same term numbering and the same BM25
    weights rounded to three places, but with the postings in integer arrays
    instead of a dictionary per entry, so 50,000 entries fit in a few tens of
    megabytes (tests/test_search_index.py compares it with lunr.py itself)."""
    pipeline = get_default_builder().pipeline
    fields = [name for name, _ in FIELDS]
    found = {}  # term -> [term index, one array of (entry, tf, field length) per field]
    lengths = [0] * len(fields)
    terms_of = {}  # (field, text) -> its terms: names and summaries repeat a lot
    for n, entry in enumerate(entries):
        for column, field in enumerate(fields):
            text = entry.text.get(field, "")
            if (column, text) not in terms_of:
                terms_of[column, text] = [str(t) for t in pipeline.run(Tokenizer(text), field)]
            terms = terms_of[column, text]
            lengths[column] += len(terms)
            for term, tf in Counter(terms).items():  # in the order terms first appear
                if term not in found:
                    found[term] = [len(found), *(array("i") for _ in fields)]
                found[term][column + 1].extend((n, tf, len(terms)))
    count = max(1, len(entries))
    average = [total / count for total in lengths]
    result = {}
    for term, (number, *columns) in found.items():
        with_term = sum(len(c) // 3 for c in columns)
        idf = math.log(1 + abs((count - with_term + 0.5) / (with_term + 0.5)))
        result[term] = [number]
        for column, flat in enumerate(columns):
            boost = FIELDS[column][1]
            pairs = []
            for i in range(0, len(flat), 3):
                n, tf, length = flat[i : i + 3]
                score = idf * ((K1 + 1) * tf) / (K1 * (1 - B + B * (length / average[column])) + tf) * boost
                pairs.append((n, round(score, 3)))
            result[term].append(_deltas(pairs))
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
