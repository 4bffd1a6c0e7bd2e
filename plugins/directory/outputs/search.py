"""The search index: built from the model with lunr.py, read by lunr.js.

Only short fields are indexed (names, summaries, categories, organisation,
areas), never whole descriptions, so the files a resident downloads stay
small.  The index is split by entry into shards of at most
``search_shard_size`` entries (a setting), built one after another, so that
the build's memory stays bounded at any directory size and the browser can
fetch the shards in parallel.  A
manifest lists the shards.  Records are compact: one-letter keys, sorted, no
spaces.
"""

from __future__ import annotations

import json

from lunr import lunr

from .. import words
from ..kinds import SERVICES
from ..relations import ancestors
from ..urls import url, url_for

INDEX_VERSION = 2
FIELDS = [
    {"field_name": "title", "boost": 10},
    {"field_name": "summary", "boost": 2},
    {"field_name": "categories", "boost": 5},
    {"field_name": "organisation", "boost": 3},
    {"field_name": "areas"},
]


def documents(directory):
    """(lunr document, display record) for every service and organisation."""
    taxonomy = directory.taxonomy

    def with_ancestors(slugs):
        return sorted({a for s in slugs for a in ancestors(s, taxonomy["categories"])})

    def names(vocab, slugs):
        return " ".join(taxonomy[vocab][s].name for s in slugs if s in taxonomy[vocab])

    for s in directory.services.values():
        org = directory.organisations.get(s.organization)
        ref = f"s:{s.slug}"
        yield (
            {
                "id": ref,
                "title": s.name,
                "summary": s.summary,
                "categories": names("categories", s.categories),
                "organisation": org.name if org else "",
                "areas": names("areas", s.areas),
            },
            {
                "t": s.name,
                "u": url_for(s),
                "s": s.summary,
                "k": SERVICES.label,
                "c": with_ancestors(s.categories),
                "a": sorted(s.areas),
            },
        )
    for o in directory.organisations.values():
        ref = f"o:{o.slug}"
        yield (
            {
                "id": ref,
                "title": o.name,
                "summary": o.summary,
                "categories": names("categories", o.categories),
                "organisation": "",
                "areas": names("areas", o.areas),
            },
            {
                "t": o.name,
                "u": url_for(o),
                "s": o.summary,
                "k": words.kind(o),
                "c": with_ancestors(o.categories),
                "a": sorted(o.areas),
            },
        )


def _dumps(data) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def build_shards(directory, shard_size: int):
    """``(shard number, JSON text)`` for each shard, built one at a time."""
    pairs = sorted(documents(directory), key=lambda p: p[0]["id"])
    for number, start in enumerate(range(0, max(len(pairs), 1), shard_size)):
        chunk = pairs[start : start + shard_size]
        index = lunr(ref="id", fields=FIELDS, documents=[doc for doc, _ in chunk])
        yield (
            number,
            _dumps(
                {
                    "version": INDEX_VERSION,
                    "index": index.serialize(),
                    "docs": {doc["id"]: record for doc, record in chunk},
                }
            ),
        )


def manifest(shard_urls: list[str]) -> str:
    return _dumps({"version": INDEX_VERSION, "shards": shard_urls})


def write(site, out) -> None:
    """The search page, then the index: its shards and the manifest listing them."""
    out.page(
        "search.html",
        url("search"),
        title="Search",
        search_index_url=url("search-index"),
        categories=site.sorted_terms("categories"),
        areas=site.sorted_terms("areas"),
    )
    shard_urls = []
    for number, shard in build_shards(site.directory, site.settings.search_shard_size):
        shard_urls.append(f"{url('search')}shard-{number}.json")
        out.text(shard_urls[-1], shard)
    out.text(url("search-index"), manifest(shard_urls))
