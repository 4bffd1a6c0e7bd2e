"""The Open Referral UK 3.0 feed as built (docs/open-referral.md): every document
valid against the standard's schemas (tests/oruk.py says which schema checks
what), stable UUIDs, no empty fields, every part of a service carried, and
pages of at most 100 with the right flags, also for a directory of 230 services."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from datetime import date

import pytest

from directory.ids import public_id
from directory.outputs.openreferral import PAGE_SIZE
from directory.outputs.openreferral import pages as make_pages
from directory.reading.loader import load_directory
from directory.relations import service_locations

from . import oruk
from .conftest import CONF, ROOT, SAMPLE, project_settings

FEED_LISTS = ("services", "organizations", "taxonomies", "taxonomy_terms")


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The sample directory built twice (the feed of each), and its model."""
    from directory.commands.build import build

    feeds = []
    for name in ("one", "two"):
        out = tmp_path_factory.mktemp("openreferral") / name
        build(str(SAMPLE), str(out), str(CONF))
        feeds.append(oruk.read_feed(out))
    directory = load_directory(SAMPLE, project_settings(), date(2026, 11, 26)).directory
    return feeds[0], feeds[1], directory


def walk(value, path=""):
    """``(path, key, value)`` of every field in a document, lists' items as ``[]``."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield path, key, item
            yield from walk(item, f"{path}/{key}")
    elif isinstance(value, list):
        for item in value:
            yield from walk(item, f"{path}[]")


def by_name(feed: dict, name: str) -> dict:
    return {doc["name"]: doc for doc in oruk.items(feed, name).values()}


# --- the standard's schemas -------------------------------------------------------------


def test_the_feed_says_what_it_is(sample):
    feed, _, _ = sample
    index = feed["index.json"]
    assert index == {
        "version": "HSDS-UK-3.0",
        "profile": "https://openreferraluk.org/",
        "openapi_url": "https://raw.githubusercontent.com/openreferral/uk-profile/main/openapi.json",
    }
    assert oruk.errors(oruk.response_validator("/"), index) == []


def test_every_service_document_is_valid(sample):
    feed, _, directory = sample
    services = oruk.items(feed, "services")
    assert len(services) == len(directory.services) == 83
    broken = {path: oruk.errors(oruk.validator("service.json"), doc) for path, doc in services.items()}
    assert {path: found for path, found in broken.items() if found} == {}
    assert all(path == f"services/{doc['id']}.json" for path, doc in services.items())


def test_every_page_of_services_is_valid_as_openapi_says(sample):
    feed, _, _ = sample
    pages = oruk.pages(feed, "services")
    assert [oruk.check_page(p, oruk.validator("service_list.json"), "/services") for p in pages] == [[]]
    assert pages[0]["total_items"] == pages[0]["size"] == len(pages[0]["contents"]) == 83
    # a page's brief is the one-to-one fields of the service: the same values as its document
    services = oruk.items(feed, "services")
    for brief in pages[0]["contents"]:
        full = services[f"services/{brief['id']}.json"]
        assert brief == {k: full[k] for k in brief}
        assert not any(isinstance(v, list) for v in brief.values())


def test_every_organisation_and_page_of_them_is_valid(sample):
    feed, _, directory = sample
    organisations = oruk.items(feed, "organizations")
    assert len(organisations) == len(directory.organisations) == 32
    broken = {p: oruk.errors(oruk.validator("organization.json"), d) for p, d in organisations.items()}
    assert {p: found for p, found in broken.items() if found} == {}
    pages = oruk.pages(feed, "organizations")
    assert [oruk.check_page(p, oruk.validator("organization_list.json")) for p in pages] == [[]]
    assert {o["id"] for o in pages[0]["contents"]} == {d["id"] for d in organisations.values()}


def test_taxonomies_and_their_terms_are_valid(sample):
    feed, _, directory = sample
    terms = oruk.items(feed, "taxonomy_terms")
    assert len(terms) == sum(len(v) for v in directory.taxonomy.values())
    assert {p: e for p, d in terms.items() if (e := oruk.errors(oruk.term_validator(), d))} == {}
    term_pages = oruk.pages(feed, "taxonomy_terms")
    assert [oruk.check_page(p, oruk.term_validator(), "/taxonomy_terms") for p in term_pages] == [[]] * len(term_pages)
    taxonomies = oruk.items(feed, "taxonomies")
    assert sorted(t["name"] for t in taxonomies.values()) == sorted(directory.taxonomy)
    assert {p: e for p, d in taxonomies.items() if (e := oruk.check_taxonomy(d, with_terms=True))} == {}
    (page,) = oruk.pages(feed, "taxonomies")
    assert oruk.errors(oruk.response_validator("/taxonomies"), page) == []  # the envelope, as openapi says
    assert set(page) >= oruk.PAGE_FIELDS and page["total_items"] == len(taxonomies) == 4
    assert [e for t in page["contents"] for e in oruk.check_taxonomy(t, with_terms=False)] == []
    # each taxonomy holds exactly its own terms, and a child names its parent's id
    for taxonomy in taxonomies.values():
        for term in taxonomy["taxonomy_terms"]:
            assert term["taxonomy_id"] == taxonomy["id"] and terms[f"taxonomy_terms/{term['id']}.json"] == term
    food_banks = next(t for t in terms.values() if t.get("code") == "food-banks")
    assert food_banks["parent_id"] == next(t["id"] for t in terms.values() if t.get("code") == "food")


# --- ids, empty fields ---------------------------------------------------------------------


def test_every_id_is_a_uuid_that_names_one_thing(sample):
    feed, _, _ = sample
    seen: dict[str, dict] = {}
    for path, doc in feed.items():
        for where, key, value in walk(doc):
            if key == "id" or key.endswith("_id"):
                assert oruk.is_uuid(value), (path, where, key, value)
        for where, _, value in walk({"doc": doc}):
            if isinstance(value, dict) and "id" in value:
                fields = {k: v for k, v in value.items() if not isinstance(v, dict | list)}
                other = seen.setdefault(value["id"], fields)
                shared = set(fields) & set(other)
                assert {k: fields[k] for k in shared} == {k: other[k] for k in shared}, (path, where)


def test_ids_are_the_stable_ids_of_the_entries(sample):
    one, two, directory = sample
    assert one == two  # a second build publishes the very same feed
    namespace = project_settings().namespace
    services = oruk.items(one, "services")
    for slug in directory.services:
        assert f"services/{public_id(namespace, 'service', slug)}.json" in services
    for slug in directory.organisations:
        assert f"organizations/{public_id(namespace, 'organisation', slug)}.json" in oruk.items(one, "organizations")
    assert uuid.UUID(public_id(namespace, "service", "baby-bank")).version == 5


def test_no_field_is_null_or_empty_but_the_required_state_province(sample):
    feed, _, _ = sample
    empty = set()
    for path, doc in feed.items():
        for where, key, value in walk(doc):
            if value is None or value == "" or value == [] or value == {}:
                empty.add(f"{path.split('/')[0]}:{where}/{key}")
    # the UK profile requires state_province of an address, and no place of the sample has one
    assert empty == {"services:/service_at_locations[]/location/addresses[]/state_province"}


# --- what a service carries ------------------------------------------------------------------


def test_every_service_carries_every_part_of_its_entry(sample):
    feed, _, d = sample
    docs = by_name(feed, "services")
    for slug, s in d.services.items():
        doc = docs[s.name]
        assert doc["organization"]["name"] == d.organisations[s.organization].name, slug
        assert doc["description"] == s.description and doc["status"] == s.status
        assert doc["assured_date"] == s.assured_date.isoformat()
        assert len(doc.get("schedules", [])) == len(s.schedules), slug
        assert [p["number"] for p in doc.get("phones", [])] == [p.number for p in s.phones]
        assert [c["name"] for c in doc.get("contacts", [])] == [c.name for c in s.contacts]
        assert [x["name"] for x in doc.get("languages", [])] == list(s.languages)
        assert [x["amount"] for x in doc.get("cost_options", [])] == [0] * bool(s.free) + [
            c.amount for c in s.cost_options
        ]
        assert [x["name"] for x in doc.get("service_areas", [])] == [d.taxonomy["areas"][a].name for a in s.areas]
        codes = [a["taxonomy_term"]["code"] for a in doc.get("attributes", [])]
        assert codes == [*s.categories, *s.audiences, *s.accessibility], slug
        places = service_locations(s, d)
        located = [x["location"] for x in doc.get("service_at_locations", [])]
        assert [p["name"] for p in located] == [p.name for p in places], slug
        for place, loc in zip(located, places, strict=True):
            (address,) = place["addresses"]
            assert (address["address_1"], address["postal_code"]) == (loc.address.address_1, loc.address.postal_code)
            assert (place.get("latitude"), place.get("longitude")) == (loc.latitude, loc.longitude)
            assert [a["accessibility"] for a in place.get("accessibility", [])] == list(loc.accessibility)


def test_a_rich_sample_service_in_full(sample):
    """content/services/northfield-community-larder.yaml, by its values."""
    feed, _, _ = sample
    larder = by_name(feed, "services")["Northfield Community Larder"]
    assert larder["organization"]["name"] == "Northfield Residents' Association"
    assert larder["organization_id"] == larder["organization"]["id"]
    assert larder["eligibility_description"].startswith("Anyone living on the Northfield estate")
    (at,) = larder["service_at_locations"]
    place = at["location"]
    assert at["location_id"] == place["id"] and at["service_id"] == larder["id"]
    assert (place["name"], place["latitude"], place["longitude"]) == ("Northfield Community Centre", 52.4187, -1.5163)
    assert (place["external_identifier"], place["external_identifier_type"]) == ("100070423456", "UPRN")
    assert place["addresses"][0] | {"id": "", "location_id": ""} == {
        "id": "",
        "location_id": "",
        "address_1": "45 Northfield Road",
        "city": "Millbrook",
        "postal_code": "ZZ2 3NF",
        "country": "GB",
        "state_province": "",
        "address_type": "physical",
    }
    assert [a["accessibility"] for a in place["accessibility"]][:2] == ["step-free-access", "accessible-toilet"]
    assert place["phones"][0]["number"] == "01632 960 210"
    times = [(x["freq"], x["byday"], x["opens_at"], x["closes_at"]) for x in larder["schedules"]]
    assert times == [("WEEKLY", "MO", "15:00", "17:00"), ("WEEKLY", "SA", "10:00", "12:00")]
    (cost,) = larder["cost_options"]
    assert (cost["option"], cost["amount"], cost["amount_description"]) == ("Larder shop", 3.5, "per visit")
    assert [x["name"] for x in larder["languages"]] == ["English", "Polish", "Romanian"]
    assert [(x["name"], x["uri"]) for x in larder["service_areas"]] == [
        ("Northfield", "http://localhost:8000/areas/northfield/")
    ]
    terms = [(a["taxonomy_term"]["taxonomy"], a["taxonomy_term"]["code"]) for a in larder["attributes"]]
    assert ("categories", "food-banks") in terms and ("audiences", "older-people") in terms
    assert ("accessibility", "parking") in terms
    assert larder["phones"] == [{"id": larder["phones"][0]["id"], "number": "07700 900 121"}]
    assert larder["how_to_access"] == ["drop-in"]


def test_contacts_and_a_place_written_out_in_a_service(sample):
    """content/services/debt-advice.yaml: contacts, and an inline place."""
    feed, _, d = sample
    debt = by_name(feed, "services")["Debt Advice"]
    source = d.services["debt-advice"]
    expected = [(c.name, c.title or None) for c in source.contacts]
    assert [(c["name"], c.get("title")) for c in debt["contacts"]] == expected
    assert all(c["service_id"] == debt["id"] for c in debt["contacts"])
    inline = [x for x in source.locations if not isinstance(x, str)]
    assert inline and inline[0].name in [x["location"]["name"] for x in debt["service_at_locations"]]


def test_a_free_service_has_a_free_cost_option(sample):
    feed, _, d = sample
    slug, free = next((slug, s) for slug, s in sorted(d.services.items()) if s.free and not s.cost_options)
    doc = by_name(feed, "services")[free.name]
    assert [(c["option"], c["amount"]) for c in doc["cost_options"]] == [("Free", 0)], slug


# --- pages ---------------------------------------------------------------------------------------


def test_pages_of_an_empty_list_and_of_exactly_a_hundred():
    (empty,) = make_pages([])
    assert empty == {
        "total_items": 0,
        "total_pages": 1,
        "page_number": 1,
        "size": 0,
        "first_page": True,
        "last_page": True,
        "empty": True,
        "contents": [],
    }
    assert [p["size"] for p in make_pages(list(range(PAGE_SIZE)))] == [100]
    assert [p["size"] for p in make_pages(list(range(PAGE_SIZE + 1)))] == [100, 1]


def test_a_directory_of_230_services_is_paged_by_100(tmp_path, build):
    content = tmp_path / "content"
    generator = [sys.executable, str(ROOT / "bench/generate.py"), "230", str(content), "--quiet"]
    subprocess.run(generator, check=True, capture_output=True)
    code, out = build(content)
    assert code == 0
    feed = oruk.read_feed(out)
    pages = oruk.pages(feed, "services")
    assert [p["size"] for p in pages] == [100, 100, 30]
    assert [(p["page_number"], p["first_page"], p["last_page"]) for p in pages] == [
        (1, True, False),
        (2, False, False),
        (3, False, True),
    ]
    assert {(p["total_items"], p["total_pages"], p["empty"]) for p in pages} == {(230, 3, False)}
    assert [e for p in pages for e in oruk.check_page(p, oruk.validator("service_list.json"), "/services")] == []
    listed = [s["id"] for p in pages for s in p["contents"]]
    assert len(listed) == len(set(listed)) == 230
    assert {f"services/{i}.json" for i in listed} == set(oruk.items(feed, "services"))
    assert all(not oruk.errors(oruk.validator("service.json"), doc) for doc in oruk.items(feed, "services").values())
    for name in FEED_LISTS:
        for p in oruk.pages(feed, name):
            assert len(p["contents"]) == p["size"] <= PAGE_SIZE
            assert p["total_pages"] == len(oruk.pages(feed, name))
    assert json.dumps(feed, sort_keys=True).count('"empty": true') == 0
