"""The search index as built: split by term without losing anything lunr
stores, with records, filters and places (docs/search-index.md)."""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path

import pytest

from directory.reading.loader import load_directory
from directory.reading.postcodes import normalise
from directory.search import documents, index

from .conftest import CONF, FIXED_EPOCH, ROOT, SAMPLE, lunr_index, project_settings


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The sample directory, built (the index files) and loaded (the model)."""
    from directory.commands.build import build

    out = tmp_path_factory.mktemp("search") / "out"
    build(str(SAMPLE), str(out), str(CONF))
    directory = load_directory(SAMPLE, project_settings(), date(2026, 11, 26)).directory
    return out, directory


def read(out: Path, name: str) -> dict:
    return json.loads((out / "search" / name).read_text(encoding="utf-8"))


def shard_of(prefixes: list[str], term: str) -> int:
    """The shard a term belongs to: the longest prefix that starts it."""
    return max((i for i, p in enumerate(prefixes) if term.startswith(p)), key=lambda i: len(prefixes[i]))


def test_every_term_is_in_the_one_shard_its_prefix_names(sample):
    out, _ = sample
    manifest = read(out, "index.json")
    seen = set()
    for n, _ in enumerate(manifest["shards"]):
        for term, *_ in read(out, f"terms/{n}.json")["terms"]:
            assert shard_of(manifest["shards"], term) == n, term
            assert term not in seen
            seen.add(term)
    assert "food" in seen and "bank" in seen


def weights(manifest: dict, row: list) -> dict[str, list]:
    """A shard's row as the browser reads it (theme/static/js/search/index.js):
    field -> ``[(entry, BM25 weight)]``, the weights made as lunr's builder makes them."""
    term, *fields = row
    docs, with_term = manifest["docs"], sum(len(flat) // 3 for flat in fields)
    idf = math.log(1 + abs((docs - with_term + 0.5) / (with_term + 0.5)))
    weighed = {}
    for field, flat, length, boost in zip(
        manifest["fields"], fields, manifest["lengths"], manifest["boosts"], strict=True
    ):
        ref = -1
        for i in range(0, len(flat), 3):
            ref += flat[i]
            tf, average = flat[i + 1], length / docs
            score = idf * ((1.2 + 1) * tf) / (1.2 * (1 - 0.75 + 0.75 * (flat[i + 2] / average)) + tf) * boost
            weighed.setdefault(field, []).append((ref, round(score, 3)))
    return weighed


def field_vectors(manifest: dict, rows) -> dict[str, dict]:
    """``field/entry`` -> {term: weight}, rebuilt from shard rows."""
    vectors = {}
    for row in rows:
        for field, pairs in weights(manifest, row).items():
            for ref, weight in pairs:
                vectors.setdefault(f"{field}/{ref}", {})[row[0]] = weight
    return vectors


def lunr_vectors(reference) -> dict[str, dict]:
    """The same, from lunr.py's own index of the entries."""
    by_number = {posting["_index"]: term for term, posting in reference.inverted_index.items()}
    vectors = {}
    for field_ref, vector in reference.field_vectors.items():
        elements = vector.elements
        if elements:
            vectors[field_ref] = {by_number[elements[i]]: elements[i + 1] for i in range(0, len(elements), 2)}
    return vectors


def test_the_postings_give_exactly_lunrs_weights(sample):
    """Every entry's field vectors, rebuilt from the shards as the browser does, are lunr.py's own."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    out, directory = sample
    manifest = read(out, "index.json")
    now = datetime.fromtimestamp(1795694400, ZoneInfo("Europe/London"))
    reference = lunr_index(documents.entries(directory, now, 7))
    rows = [row for n, _ in enumerate(manifest["shards"]) for row in read(out, f"terms/{n}.json")["terms"]]
    assert field_vectors(manifest, rows) == lunr_vectors(reference)
    assert manifest["docs"] == len(reference.field_vectors) // len(manifest["fields"])


def test_a_big_group_of_terms_is_split_by_its_next_letters(monkeypatch, sample):
    _, directory = sample
    from datetime import datetime
    from zoneinfo import ZoneInfo

    entries = documents.entries(directory, datetime.fromtimestamp(FIXED_EPOCH, ZoneInfo("Europe/London")), 7)
    postings = index.Postings.of(entries)
    terms = postings.terms
    monkeypatch.setattr(index, "SHARD_BYTES", 400)
    shards = postings.shards()
    prefixes = [p for p, _ in shards]
    assert any(len(p) >= 3 for p in prefixes)  # split twice at least
    assert sorted(t for _, group in shards for t in group) == sorted(terms)
    for n, (_, group) in enumerate(shards):
        assert all(shard_of(prefixes, t) == n for t in group)


def test_the_first_word_of_a_new_next_letter_goes_to_a_shard_there_is(monkeypatch, sample):
    """So a volunteer's new word changes one shard, not the numbering of them all."""
    _, directory = sample
    from datetime import datetime
    from zoneinfo import ZoneInfo

    entries = documents.entries(directory, datetime.fromtimestamp(FIXED_EPOCH, ZoneInfo("Europe/London")), 7)
    monkeypatch.setattr(index, "SHARD_BYTES", 400)
    monkeypatch.setattr(index, "FEW_BYTES", 100)
    before = [p for p, _ in index.Postings.of(entries).shards()]
    split = next(p for p in before if any(q != p and q.startswith(p) for q in before))
    letter = next(c for c in "zqxjkvwy" if not any(t.startswith(split + c) for t in index.Postings.of(entries).terms))
    word = split + letter + "zzz"
    new = documents.SearchEntry("service", "New", {"summary": word}, {"u": "/services/new/"})
    after = index.Postings.of([*entries, new])
    assert word in after.terms
    assert [p for p, _ in after.shards()] == before
    assert before[shard_of(before, word)] == split


def test_every_file_carries_the_manifests_version(sample):
    out, _ = sample
    version = read(out, "index.json")["v"]
    files = list((out / "search").rglob("*.json"))
    assert len(files) > 40
    assert {json.loads(p.read_text())["v"] for p in files} == {version}


def test_records_are_in_chunks_in_entry_order(sample):
    out, directory = sample
    manifest = read(out, "index.json")
    records = [
        r for n in range(-(-manifest["docs"] // manifest["records"])) for r in read(out, f"records/{n}.json")["r"]
    ]
    assert (
        len(records)
        == manifest["docs"]
        == len(directory.services) + len(directory.organisations) + len(directory.consultations)
    )
    food_bank = next(r for r in records if r["u"] == "/services/foodbank-eastgate/")
    assert food_bank["k"] == "Service" and food_bank["o"] == "Millbrook and District Foodbank"
    assert "Free" in food_bank["f"] and any(f.startswith("Open ") for f in food_bank["f"])


def undelta(deltas):
    n, out = -1, []
    for d in deltas:
        n += d
        out.append(n)
    return out


def test_a_broader_category_holds_the_entries_of_its_narrower_ones(sample):
    out, directory = sample
    facet = read(out, "facets/category.json")
    slugs = [v[0] for v in facet["values"]]
    members = {slug: set(undelta(d)) for slug, d in zip(slugs, facet["docs"], strict=True)}
    for slug, term in directory.taxonomy["categories"].items():
        if term.parent:
            assert members[slug] <= members[term.parent]
            assert facet["values"][slugs.index(slug)][2] == slugs.index(term.parent)


def test_entries_without_areas_serve_every_area(sample):
    out, _ = sample
    area = read(out, "facets/area.json")
    manifest = read(out, "index.json")
    records = [
        r for n in range(-(-manifest["docs"] // manifest["records"])) for r in read(out, f"records/{n}.json")["r"]
    ]
    everywhere = set(undelta(area["all"]))
    assert everywhere and all(records[n]["a"] == "" for n in everywhere)


def test_synonyms_reach_the_entries_that_use_the_other_words():
    entry = documents.SearchEntry("service", "Food parcels", {"title": "Riverside food bank", "summary": ""}, {})
    other = documents.SearchEntry("service", "Doctor", {"title": "Family doctor", "summary": "a GP"}, {})
    groups = [("foodbank", "food bank"), ("GP", "doctor")]
    phrases = documents._phrases(groups)
    assert documents._also(entry, phrases, groups) == "foodbank food bank"
    assert documents._also(other, phrases, groups) == "GP doctor"


def test_postcodes_are_written_by_district_with_their_areas(sample):
    out, directory = sample
    manifest = read(out, "index.json")
    assert manifest["postcodes"] == sorted({p.split()[0] for p in directory.postcodes})
    zz5 = read(out, "postcodes/ZZ5.json")
    assert zz5["p"]["ZZ5 1FH"] == [52.3938, -1.5104]
    assert zz5["areas"] == ["southbrook"]


@pytest.mark.parametrize(
    "typed, postcode",
    [("zz51fh", "ZZ5 1FH"), ("ZZ5 1FH", "ZZ5 1FH"), (" zz5  1fh ", "ZZ5 1FH"), ("ZZ51", None), ("hello", None)],
)
def test_postcodes_are_read_in_any_case_and_spacing(typed, postcode):
    assert normalise(typed) == postcode


def test_the_compact_builder_equals_lunr_py_on_a_generated_directory(tmp_path):
    """A thousand synthetic services: every term and every weight as lunr.py gives them."""
    import subprocess
    import sys
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from directory.settings import parse_settings

    subprocess.run([sys.executable, str(ROOT / "bench/generate.py"), "1000", str(tmp_path / "c")], check=True)
    directory = load_directory(tmp_path / "c", parse_settings({"postcode_file": "postcodes.csv"}), date(2026, 11, 26))
    now = datetime(2026, 11, 26, 12, tzinfo=ZoneInfo("Europe/London"))
    entries = documents.entries(directory.directory, now, 14)
    postings = index.Postings.of(entries)
    manifest = {
        "docs": len(entries),
        "fields": [name for name, _ in documents.FIELDS],
        "boosts": [boost for _, boost in documents.FIELDS],
        "lengths": postings.lengths,
    }
    rows = [postings.row(term) for term in postings.terms]
    assert field_vectors(manifest, rows) == lunr_vectors(lunr_index(entries))


def test_an_entry_indexed_again_changes_only_the_terms_of_its_changed_field(tmp_path):
    """What the devserver's preview does to one edited entry: the postings end as
    those of the new entries indexed from nothing, and only its terms are touched."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    directory = load_directory(SAMPLE, project_settings(), date(2026, 11, 26)).directory
    entries = documents.entries(directory, datetime(2026, 11, 26, 12, tzinfo=ZoneInfo("Europe/London")), 7)
    postings = index.Postings.of(entries)
    edited = next(n for n, e in enumerate(entries) if e.record["u"] == "/services/foodbank-eastgate/")
    old = entries[edited]
    new = documents.SearchEntry(old.kind, old.name, {**old.text, "summary": "Zebra crossings and tea"}, old.record)
    touched = postings.replace(edited, old, new)
    entries[edited] = new
    fresh = index.Postings.of(entries)
    assert {t: postings.row(t) for t in postings.terms} == {t: fresh.row(t) for t in fresh.terms}
    assert postings.lengths == fresh.lengths
    assert postings.written == fresh.written
    summaries = index.Postings.of(
        [documents.SearchEntry("", "", {"summary": e.text["summary"]}, {}) for e in (old, new)]
    )
    assert touched == set(summaries.terms)  # the old summary's and the new one's, not the name's
    assert {"zebra", "cross", "tea"} <= touched and "zebra" not in index.Postings.of([old]).terms
