"""The search index: built from the model with lunr.py, read by lunr.js.

Only short fields are indexed (names, summaries, categories, organisation,
areas), never whole descriptions, so the file a resident downloads stays
small.  Documents are compact: one-letter keys, sorted, no spaces.
"""

from __future__ import annotations

import json

from lunr import lunr

from .relations import ancestors

INDEX_VERSION = 1
FIELDS = [
    {"field_name": "title", "boost": 10},
    {"field_name": "summary", "boost": 2},
    {"field_name": "categories", "boost": 5},
    {"field_name": "organisation", "boost": 3},
    {"field_name": "areas"},
]


def documents(directory, url_for, kind_of):
    """(lunr document, display record) for every service and organisation."""
    taxonomy = directory.taxonomy
    with_ancestors = lambda slugs: sorted({a for s in slugs for a in ancestors(s, taxonomy["categories"])})
    names = lambda vocab, slugs: " ".join(taxonomy[vocab][s].name for s in slugs if s in taxonomy[vocab])
    for s in directory.services.values():
        org = directory.organisations.get(s.organization)
        ref = f"s:{s.slug}"
        yield (
            {"id": ref, "title": s.name, "summary": s.summary,
             "categories": names("categories", s.categories),
             "organisation": org.name if org else "", "areas": names("areas", s.areas)},
            {"t": s.name, "u": url_for(s), "s": s.summary, "k": "Service",
             "c": with_ancestors(s.categories), "a": sorted(s.areas)},
        )
    for o in directory.organisations.values():
        ref = f"o:{o.slug}"
        yield (
            {"id": ref, "title": o.name, "summary": o.summary,
             "categories": names("categories", o.categories), "organisation": "",
             "areas": names("areas", o.areas)},
            {"t": o.name, "u": url_for(o), "s": o.summary, "k": kind_of(o),
             "c": with_ancestors(o.categories), "a": sorted(o.areas)},
        )


def build_index(directory, url_for, kind_of) -> str:
    pairs = sorted(documents(directory, url_for, kind_of), key=lambda p: p[0]["id"])
    index = lunr(ref="id", fields=FIELDS, documents=[doc for doc, _ in pairs])
    payload = {
        "version": INDEX_VERSION,
        "index": index.serialize(),
        "docs": {doc["id"]: record for doc, record in pairs},
    }
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
