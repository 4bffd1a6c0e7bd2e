"""``/search/``: the search page and the files its script reads (docs/search-index.md).

Every file carries the index version, a hash of everything written, so a
rebuild of the same content writes the same bytes and a browser holding a
part of an older build notices."""

from __future__ import annotations

import hashlib
import json

from ..search import documents, facets, geo, index
from ..urls import url

RECORDS_PER_FILE = 20
VERSION = 3  # of the format; the index version below is per build


def _dumps(data) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def files(site, entries) -> dict[str, dict]:
    """URL -> contents (without the version) of every file of the index."""
    base = url("search")
    terms = index.postings(entries)
    shards = index.shard(terms)
    written = {
        f"{base}terms/{n}.json": {"terms": [[t, *terms[t]] for t in group]} for n, (_, group) in enumerate(shards)
    }
    words = index.surface_forms(entries)
    for n, (_, group) in enumerate(shards):
        written[f"{base}words/{n}.json"] = {"w": {t: words[t] for t in group if t in words}}
    for n in range(0, len(entries), RECORDS_PER_FILE):
        chunk = entries[n : n + RECORDS_PER_FILE]
        written[f"{base}records/{n // RECORDS_PER_FILE}.json"] = {"r": [e.record for e in chunk]}
    for group in facets.GROUPS:
        written[f"{base}facets/{group.name}.json"] = facets.group_file(site.directory, group.name, entries)
    written[f"{base}geo.json"] = geo.geo_file(entries)
    districts = geo.postcode_files(site.directory)
    for district, data in districts.items():
        written[f"{base}postcodes/{district}.json"] = data
    written[url("search-index")] = {
        "format": VERSION,
        "fields": [name for name, _ in documents.FIELDS],
        "pipeline": ["stemmer"],
        "docs": len(entries),
        "shards": [prefix for prefix, _ in shards],
        "records": RECORDS_PER_FILE,
        "facets": [g.name for g in facets.GROUPS],
        "postcodes": sorted(districts),
    }
    return written


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


def write(site, out) -> None:
    entries = site.search_entries
    written = {path: _dumps(data) for path, data in files(site, entries).items()}
    digest = hashlib.sha256()
    for path in sorted(written):
        digest.update(f"{path}\n{written[path]}\n".encode())
    version = digest.hexdigest()[:16]
    for path, text in written.items():
        out.text(path, versioned(text, version))
    out.page(
        "search.html",
        url("search"),
        title="Search",
        search_index_url=url("search-index"),
        filters=filters(site, entries),
        categories=site.sorted_terms("categories"),
        areas=site.sorted_terms("areas"),
    )
