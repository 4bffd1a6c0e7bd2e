"""The Open Referral UK 3.0 reference copy (``tests/standards/openreferral-uk-3.0``,
kept in the repository so that the tests need no network; see its README) as
validators, for the tests of the feed and of the importers.

* ``service.json``, ``service_list.json``, ``organization.json`` and
  ``organization_list.json`` are the standard's compiled schemas.
* A page of a list is checked against the response schema of its path in
  ``openapi.json`` (the ``Page`` fields, and ``contents`` items by the schema
  the path names); ``/organizations`` is not a path of the UK profile's
  OpenAPI, so its pages are checked against ``Page`` and ``organization_list.json``.
* There is no compiled schema of a taxonomy or a taxonomy term in the copy, and
  ``openapi.json``'s only component schema is ``Page``. A taxonomy term is
  checked against the ``taxonomy_term`` schema compiled into ``service.json``
  (the term of an attribute), which is what ``openapi.json``'s
  ``taxonomy_term.json`` names; a taxonomy against the fields of the profile's
  example ``examples/taxonomy.json`` (:func:`check_taxonomy`).
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from .conftest import ROOT

STANDARD = ROOT / "tests" / "standards" / "openreferral-uk-3.0"
PROFILE = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"
OPENAPI = "urn:test:openreferral-uk:openapi"

FORMATS = jsonschema.FormatChecker()


@FORMATS.checks("uri")
def _is_uri(value) -> bool:
    parts = urlsplit(value) if isinstance(value, str) else None
    return parts is None or bool(parts.scheme in ("http", "https") and parts.netloc)


@FORMATS.checks("date-time")
def _is_datetime(value) -> bool:
    try:
        return not isinstance(value, str) or bool(datetime.fromisoformat(value.replace("Z", "+00:00")))
    except ValueError:
        return False


def schema(name: str) -> dict:
    return json.loads((STANDARD / "schema" / name).read_text(encoding="utf-8"))


def example(name: str) -> dict:
    return json.loads((STANDARD / "examples" / name).read_text(encoding="utf-8"))


def term_schema() -> dict:
    """The compiled taxonomy_term: an attribute's term in service.json."""
    return schema("service.json")["properties"]["attributes"]["items"]["properties"]["taxonomy_term"]


@cache
def registry() -> Registry:
    openapi = json.loads((STANDARD / "openapi.json").read_text(encoding="utf-8"))
    resources = [(OPENAPI, DRAFT202012.create_resource(openapi))]
    for name in ("service.json", "service_list.json", "service_at_location_list.json"):
        resources.append((f"{PROFILE}compiled/{name}", DRAFT202012.create_resource(schema(name))))
    resources.append((f"{PROFILE}taxonomy_term.json", DRAFT202012.create_resource(term_schema())))
    # not in the copy: a page of taxonomies checks its envelope here, its items with check_taxonomy
    resources.append((f"{PROFILE}taxonomy.json", Resource.from_contents({"type": "object"}, DRAFT202012)))
    return Registry().with_resources(resources)


def _validator(contents: dict) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(contents, registry=registry(), format_checker=FORMATS)


@cache
def validator(name: str) -> jsonschema.Draft202012Validator:
    """For one of the compiled schemas, by file name."""
    return _validator(schema(name))


@cache
def response_validator(path: str) -> jsonschema.Draft202012Validator:
    """For what ``GET <path>`` answers, as openapi.json says."""
    pointer = path.replace("~", "~0").replace("/", "~1")
    return _validator({"$ref": f"{OPENAPI}#/paths/{pointer}/get/responses/200/content/application~1json/schema"})


@cache
def page_validator() -> jsonschema.Draft202012Validator:
    return _validator({"$ref": f"{OPENAPI}#/components/schemas/Page"})


@cache
def term_validator() -> jsonschema.Draft202012Validator:
    return _validator(term_schema())


PAGE_FIELDS = {"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"}


def errors(validator: jsonschema.Draft202012Validator, document) -> list[str]:
    """Every way ``document`` breaks the schema, one line each (empty: it is valid)."""
    found = validator.iter_errors(document)
    return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message[:200]}" for e in found]


def check_page(page: dict, item_validator, path: str = "") -> list[str]:
    """A page of a list: openapi's response schema for ``path`` (or ``Page``), all
    its fields there, and every item valid by ``item_validator``."""
    found = errors(response_validator(path) if path else page_validator(), page)
    found += [f"missing page field {f}" for f in sorted(PAGE_FIELDS - set(page))]
    for n, item in enumerate(page.get("contents", [])):
        found += [f"contents/{n}/{e}" for e in errors(item_validator, item)]
    return found


def check_taxonomy(taxonomy: dict, with_terms: bool) -> list[str]:
    """A taxonomy, against the fields of the profile's example taxonomy.json:
    only those fields, each a string (id a UUID, uri a web address), and its
    taxonomy_terms valid as terms."""
    shape = example("taxonomy.json")
    found = [f"unknown field {k}" for k in taxonomy if k not in shape]
    found += [f"missing field {k}" for k in ("id", "name", "description") if k not in taxonomy]
    found += [f"{k} is not text" for k, v in taxonomy.items() if k != "taxonomy_terms" and not isinstance(v, str)]
    if not is_uuid(taxonomy.get("id")) or not _is_uri(taxonomy.get("uri", "http://x")):
        found.append("id or uri is not in its form")
    if with_terms != ("taxonomy_terms" in taxonomy):
        found.append("taxonomy_terms " + ("missing" if with_terms else "in a brief"))
    for n, term in enumerate(taxonomy.get("taxonomy_terms", [])):
        found += [f"taxonomy_terms/{n}/{e}" for e in errors(term_validator(), term)]
    return found


def is_uuid(value) -> bool:
    try:
        return isinstance(value, str) and str(uuid.UUID(value)) == value
    except ValueError:
        return False


def read_feed(out: Path) -> dict[str, dict]:
    """Every file of a built site's feed, by its path under /openreferral/."""
    base = out / "openreferral"
    files = sorted(base.rglob("*.json"))
    return {p.relative_to(base).as_posix(): json.loads(p.read_text(encoding="utf-8")) for p in files}


def items(feed: dict, name: str) -> dict[str, dict]:
    """The documents of one list (``services``…), by file name; pages left out."""
    return {path: doc for path, doc in feed.items() if path.startswith(f"{name}/") and "/page/" not in path}


def pages(feed: dict, name: str) -> list[dict]:
    found = [(int(path.rsplit("/", 1)[1][:-5]), doc) for path, doc in feed.items() if path.startswith(f"{name}/page/")]
    return [doc for _, doc in sorted(found, key=lambda pair: pair[0])]
