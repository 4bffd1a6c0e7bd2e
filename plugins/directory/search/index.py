"""lunr's postings of every entry, kept by term, and split into shards (docs/search-index.md).

For each term and field the index keeps which entries have the term, how often,
and how long that field of each entry is: what lunr's BM25 weight is made of.
The weights themselves are computed in the browser (theme/static/js/search/index.js)
from these and the manifest's entry count and field lengths, exactly as lunr's
builder computes them.  So an edited entry changes only the postings of its own
terms, and :class:`Postings` can put an entry's new version in place of the old
one (the devserver's preview does) instead of indexing every entry again.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import Counter

from lunr import get_default_builder
from lunr.stemmer import stemmer
from lunr.stop_word_filter import stop_word_filter
from lunr.tokenizer import Tokenizer
from lunr.trimmer import trimmer

from .documents import FIELDS

SHARD_BYTES = 16_000  # about what a shard of postings may hold before it is split
# a next letter whose terms hold fewer stays in its prefix's shard when that is split,
# so that a new word does not add a shard (which would number every shard anew)
FEW_BYTES = 1_000
MAX_PREFIX = 6
PIPELINE = get_default_builder().pipeline  # trimmer, stop words, stemmer: lunr's own


class _Entries:
    """The entry numbers of a field's postings ``[entry, tf, length, …]``, for bisect."""

    def __init__(self, flat: array):
        self.flat = flat

    def __len__(self) -> int:
        return len(self.flat) // 3

    def __getitem__(self, i: int) -> int:
        return self.flat[3 * i]


class Postings:
    """term -> per field, the entries that have it: ``array("i")`` of
    ``[entry, term frequency, field length, …]`` by entry (None for none), as
    lunr.py's builder counts them (tests/test_search_index.py compares the
    weights made from them with lunr.py's own).  Integer arrays, not a
    dictionary per entry, so 50,000 entries fit in a few tens of megabytes."""

    def __init__(self):
        self.terms: dict[str, list] = {}
        self.lengths = [0] * len(FIELDS)  # each field's length summed over every entry
        self.written: dict[str, Counter] = {}  # term -> how often entries write each word for it
        self._analysed = {}  # (column, text) -> its terms: names and categories repeat a lot

    @classmethod
    def of(cls, entries) -> Postings:
        postings = cls()
        for n, entry in enumerate(entries):
            postings.add(n, entry)
        return postings

    def add(self, n: int, entry) -> None:
        """Index entry number ``n``."""
        for column, (field, _) in enumerate(FIELDS):
            self._change(n, column, entry.text.get(field, ""), 1)

    def replace(self, n: int, old, new) -> set[str]:
        """Index entry number ``n`` as ``new`` instead of ``old`` (as it was indexed);
        the terms whose postings or written words changed: those of its changed fields."""
        touched = set()
        for column, (field, _) in enumerate(FIELDS):
            before, after = old.text.get(field, ""), new.text.get(field, "")
            if before != after:
                touched |= self._change(n, column, before, -1) | self._change(n, column, after, 1)
        return touched

    def surface_form(self, term: str) -> str | None:
        """The word entries most often write for ``term``, where the two differ
        ("famili" -> "families"): what a spelling suggestion shows."""
        counts = self.written.get(term)
        if not counts:
            return None
        word = min(counts, key=lambda w: (-counts[w], len(w), w))
        return None if word == term else word

    def _change(self, n: int, column: int, text: str, sign: int) -> set[str]:
        """Put one field of an entry in (``sign`` 1) or take it out (−1); the terms it has."""
        terms, length, words = self._analyse(column, text)
        self.lengths[column] += sign * length
        for term, tf in terms:
            (self._insert if sign > 0 else self._delete)(term, column, (n, tf, length))
        for (term, word), count in words:
            self._count(term, word, sign * count)
        return {term for term, _ in terms} | {term for (term, _), _ in words}

    def _analyse(self, column: int, text: str) -> tuple:
        """``((term, tf), …)`` in the order terms first appear, the field's length,
        and ``((term, word), count)`` of the words as written."""
        if (column, text) not in self._analysed:
            terms = [str(t) for t in PIPELINE.run(Tokenizer(text), FIELDS[column][0])]
            words = Counter()
            for token in Tokenizer(text):
                word = trimmer(token)
                if word and stop_word_filter(word):
                    words[str(stemmer(word)), str(word)] += 1
            self._analysed[column, text] = (tuple(Counter(terms).items()), len(terms), tuple(words.items()))
        return self._analysed[column, text]

    def _insert(self, term: str, column: int, posting: tuple) -> None:
        columns = self.terms.setdefault(term, [None] * len(FIELDS))
        flat = columns[column]
        if flat is None:
            columns[column] = array("i", posting)
        elif flat[-3] < posting[0]:  # entries are mostly indexed in order
            flat.extend(posting)
        else:
            i = 3 * bisect_left(_Entries(flat), posting[0])
            flat[i:i] = array("i", posting)

    def _delete(self, term: str, column: int, posting: tuple) -> None:
        columns = self.terms[term]
        flat = columns[column]
        i = 3 * bisect_left(_Entries(flat), posting[0])
        if tuple(flat[i : i + 3]) != posting:
            raise ValueError(f"entry {posting[0]} is not indexed under {term!r} as it was said to be")
        del flat[i : i + 3]
        if not flat:
            columns[column] = None
            if not any(columns):
                del self.terms[term]

    def _count(self, term: str, word: str, count: int) -> None:
        counts = self.written.setdefault(term, Counter())
        counts[word] += count
        if counts[word] <= 0:
            del counts[word]
            if not counts:
                del self.written[term]

    def row(self, term: str) -> list:
        """``[term, postings of each field]``, a field's as ``[entry delta, tf, length, …]``
        (the first delta from −1): the term as its shard file holds it."""
        row = [term]
        for flat in self.terms[term]:
            deltas, previous = [], -1
            for i in range(0, len(flat or ()), 3):
                deltas += [flat[i] - previous, flat[i + 1], flat[i + 2]]
                previous = flat[i]
            row.append(deltas)
        return row

    def size(self, term: str) -> int:
        return len(term) + 8 + sum(len(flat) * 3 for flat in self.terms[term] if flat)

    def shards(self) -> list[tuple[str, list[str]]]:
        """``(prefix, terms)`` of each shard, sorted by prefix: terms grouped by their
        first character, a group that is too big split by the next one, and so on;
        the prefix's own shard keeps the prefix itself and the next letters with few
        terms (it is there, if empty, for the first word of a new letter).
        A term belongs to the shard with the longest prefix that starts it."""
        shards = []

        def size_of(group: list[str]) -> int:
            return sum(self.size(t) for t in group)

        def split(prefix: str, group: list[str], size: int) -> None:
            if size <= SHARD_BYTES or len(prefix) >= MAX_PREFIX or len(group) == 1:
                shards.append((prefix, group))
                return
            own = [t for t in group if len(t) <= len(prefix)]  # only the prefix itself
            by_next = {}
            for term in group:
                if len(term) > len(prefix):
                    by_next.setdefault(term[: len(prefix) + 1], []).append(term)
            longer = {}
            for start, terms in by_next.items():  # in order: the group is sorted
                part = size_of(terms)
                if part < FEW_BYTES:
                    own += terms
                else:
                    longer[start] = (terms, part)
            shards.append((prefix, own))
            for start in sorted(longer):
                split(start, *longer[start])

        first = {}
        for term in sorted(self.terms):
            first.setdefault(term[:1], []).append(term)
        for prefix in sorted(first):
            split(prefix, first[prefix], size_of(first[prefix]))
        return sorted(shards)
