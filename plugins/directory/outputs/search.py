"""``/search/``: the search page and the files its script reads (docs/search-index.md).

Every file carries the index version: a hash of how the entries and the terms
are numbered (the entries' order and the shards' prefixes), which is what a
browser must not mix between two builds.  An edit that keeps the numbering
keeps the version, and changes only the files of what it touched:
:meth:`SearchIndex.update` says which, for the devserver's preview."""

from __future__ import annotations

import hashlib
import json

from ..search import documents, facets, geo
from ..search.index import Postings
from ..urls import url

RECORDS_PER_FILE = 20
FORMAT = 4  # of the files; the index version is per numbering


def _dumps(data) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


class SearchIndex:
    """The index of one read of the folder: its entries, in the order of their
    numbers, their postings and the shards those are split into."""

    def __init__(self, site):
        self.base = url("search")
        self._index(site)

    def _index(self, site) -> None:
        self.site, self.entries = site, site.search_entries
        self.postings = Postings.of(self.entries)
        self.shards = self.postings.shards()

    @property
    def version(self) -> str:
        numbering = {"format": FORMAT, "entries": [e.record["u"] for e in self.entries], "shards": self._prefixes()}
        return hashlib.sha256(_dumps(numbering).encode()).hexdigest()[:16]

    def _prefixes(self) -> list[str]:
        return [prefix for prefix, _ in self.shards]

    def files(self) -> dict[str, dict]:
        """URL -> contents (without the version) of every file of the index."""
        shards = range(len(self.shards))
        chunks = range(-(-len(self.entries) // RECORDS_PER_FILE))
        return {**self._term_files(shards), **self._record_files(chunks), **self._site_files(), **self._manifest()}

    def texts(self, urls=None) -> dict[str, str]:
        """URL -> text, with the version, of every file or of those of ``urls``."""
        version = self.version
        made = self.files() if urls is None else self._some(urls)
        return {path: versioned(_dumps(data), version) for path, data in made.items()}

    def _some(self, urls) -> dict[str, dict]:
        shards = {int(u.rsplit("/", 1)[1][:-5]) for u in urls if "/terms/" in u or "/words/" in u}
        chunks = {int(u.rsplit("/", 1)[1][:-5]) for u in urls if "/records/" in u}
        made = {**self._term_files(sorted(shards)), **self._record_files(sorted(chunks)), **self._manifest()}
        if any(u not in made for u in urls):
            made.update(self._site_files())
        return {u: made[u] for u in urls}

    def _term_files(self, shards) -> dict[str, dict]:
        made = {}
        for n in shards:
            group = self.shards[n][1]
            made[f"{self.base}terms/{n}.json"] = {"terms": [self.postings.row(t) for t in group]}
            forms = {t: self.postings.surface_form(t) for t in group}
            made[f"{self.base}words/{n}.json"] = {"w": {t: form for t, form in forms.items() if form}}
        return made

    def _record_files(self, chunks) -> dict[str, dict]:
        size = RECORDS_PER_FILE
        chunk = lambda n: self.entries[n * size : (n + 1) * size]  # noqa: E731
        return {f"{self.base}records/{n}.json": {"r": [e.record for e in chunk(n)]} for n in chunks}

    def _site_files(self) -> dict[str, dict]:
        """The filters, the places and the postcodes."""
        directory = self.site.directory
        made = {
            f"{self.base}facets/{g.name}.json": facets.group_file(directory, g.name, self.entries)
            for g in facets.GROUPS
        }
        made[f"{self.base}geo.json"] = geo.geo_file(self.entries)
        for district, data in geo.postcode_files(directory).items():
            made[f"{self.base}postcodes/{district}.json"] = data
        return made

    def _manifest(self) -> dict[str, dict]:
        return {
            url("search-index"): {
                "format": FORMAT,
                "fields": [name for name, _ in documents.FIELDS],
                "boosts": [boost for _, boost in documents.FIELDS],
                "lengths": self.postings.lengths,
                "pipeline": ["stemmer"],
                "docs": len(self.entries),
                "shards": self._prefixes(),
                "records": RECORDS_PER_FILE,
                "facets": [g.name for g in facets.GROUPS],
                "postcodes": sorted(geo.postcode_files(self.site.directory)),
            }
        }

    def update(self, site) -> list[str] | None:
        """Bring the index up to ``site``, the next read of the same folder; the URLs
        of the files that changed, or None when every file must be written again
        (the entries' numbering, the taxonomy or the postcodes changed).  An entry
        that did not change is the very same object (``documents.entries`` keeps it),
        so only the changed ones are indexed again."""
        before, after = self.entries, site.search_entries
        same_site = (
            site.directory.taxonomy == self.site.directory.taxonomy
            and site.directory.postcodes == self.site.directory.postcodes
        )
        if not same_site or [e.record["u"] for e in before] != [e.record["u"] for e in after]:
            self._index(site)
            return None
        prefixes = self._prefixes()
        self.site, self.entries = site, after
        touched, chunks, site_files = set(), set(), False
        for n, (old, new) in enumerate(zip(before, after, strict=True)):
            if old is not new:
                touched |= self.postings.replace(n, old, new)
                chunks.add(n // RECORDS_PER_FILE)
                site_files |= (old.facets, old.ages, old.points) != (new.facets, new.ages, new.points)
        self.shards = self.postings.shards()
        if self._prefixes() != prefixes:
            return None
        if not chunks:
            return []
        shards = sorted({_shard_of(prefixes, t) for t in touched})
        urls = [f"{self.base}{folder}/{n}.json" for n in shards for folder in ("terms", "words")]
        urls += [f"{self.base}records/{n}.json" for n in sorted(chunks)]
        urls += list(self._site_files()) if site_files else []
        return [*urls, url("search-index")]  # its field lengths


def _shard_of(prefixes: list[str], term: str) -> int:
    """The shard a term belongs to: the one with the longest prefix that starts it."""
    return max((i for i, p in enumerate(prefixes) if term.startswith(p)), key=lambda i: len(prefixes[i]))


def filters(site, entries) -> list[dict]:
    """The filter groups the page shows, with their values (``depth`` for narrower terms)."""
    shown = []
    for group in facets.GROUPS:
        listed = facets.values(site.directory, group.name, entries)
        depth = {}
        for slug, _, parent in listed:
            depth[slug] = depth[parent] + 1 if parent in depth else 0
        options = [{"value": slug, "label": label, "depth": depth[slug]} for slug, label, _ in listed]
        if options or group.name == "age":
            shown.append({"name": group.name, "legend": group.legend, "options": options})
    return shown


def versioned(text: str, version: str) -> str:
    """A JSON object's text with ``"v"`` first."""
    return f'{{"v":"{version}"' + ("}" if text == "{}" else "," + text[1:])


def page(site, out) -> None:
    """``/search/``, with the filters of every value some entry has."""
    out.page(
        "search.html",
        url("search"),
        title="Search",
        search_index_url=url("search-index"),
        filters=filters(site, site.search_entries),
        categories=site.sorted_terms("categories"),
        areas=site.sorted_terms("areas"),
    )


def write(site, out) -> None:
    for path, text in SearchIndex(site).texts().items():
        out.text(path, text)
    page(site, out)
