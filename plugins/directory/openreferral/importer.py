"""Open Referral UK documents as drafts of our entries (for ``import_openreferral``).

Takes what ``GET /services/{id}``, ``GET /services`` (a page),
``GET /organizations/{id}`` (with its services), a page of organisations and
``GET /service_at_locations/{id}`` return, in any mix of files. The same
service or organisation met twice (a brief on a page, then in full) is taken
once, from its fullest copy; two different records given one id (a name or
another plain field differs) are never merged: the first is taken, the other
skipped with a warning naming both places. Taxonomy documents are not
imported (terms are matched to the content folder's own), but their terms let
an attribute that gives only a ``taxonomy_term_id`` be matched. Pure: no file
is read or written.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..importing.drafts import Draft, Notice, Terms
from .documents import Document, shape
from .fields import Reader


@dataclass
class Seen:
    """Everything the documents hold, before any mapping."""

    services: dict = field(default_factory=dict)  # key -> (source, line, object, organisation or None)
    organisations: dict = field(default_factory=dict)  # id -> object (its fullest copy)
    own: dict = field(default_factory=dict)  # id -> (source, line): organisations with a document of their own
    terms: dict = field(default_factory=dict)  # taxonomy term id -> term
    vocabularies: list = field(default_factory=list)  # (source, line) of each taxonomy document
    notices: list = field(default_factory=list)
    # ("service" or "organisation", id) -> [(source, line, object)]: the first
    # met, then each different record given the same id
    records: dict = field(default_factory=dict)


def _key(item: dict, source: str, line: int) -> str:
    ident = item.get("id")
    return ident if isinstance(ident, str) and ident else f"{source}:{line}"


def _fuller(new: dict, old: dict | None) -> bool:
    return old is None or len(new) > len(old)


def _differ(new: dict, old: dict) -> bool:
    """Whether two objects of one id are two different records: a field both
    give as a plain value (name, description, status…) differs. A brief and
    its full copy agree on all of those; lists and nested objects (places,
    phones) are not compared, as each copy may hold a part of them."""
    plain = (str, int, float, bool, type(None))
    return any(k in old and isinstance(v, plain) and isinstance(old[k], plain) and v != old[k] for k, v in new.items())


def _same_record(seen: Seen, kind: str, key: str, item: dict, source: str, line: int) -> bool:
    """Whether ``item`` is a copy of the first object met under its id. A
    different record with that id is skipped, and reported once with both
    places: the first is imported, nothing of the two is merged."""
    records = seen.records.setdefault((kind, key), [(source, line, item)])
    if records[0][2] is item or not _differ(item, records[0][2]):
        return True
    if not any(other is item or not _differ(item, other) for _, _, other in records[1:]):
        records.append((source, line, item))
        first_source, first_line, first = records[0]
        also = "; services that name the id go with the first" if kind == "organisation" else ""
        message = (
            f"{_named(kind, item)} has the same id ({key}) as {_named(kind, first)} at {first_source}:{first_line}, "
            f"but is not the same {kind}: only the first is imported, this one is skipped{also}"
        )
        seen.notices.append(Notice(source, line, "warning", message))
    return False


def _named(kind: str, item: dict) -> str:
    name = item.get("name")
    return f"{kind} {name!r}" if isinstance(name, str) and name else f"the {kind} (no name)"


def _organisation(seen: Seen, item: dict, source: str, line: int) -> str | None:
    """Its key; None when it is skipped (another organisation has its id)."""
    key = _key(item, source, line)
    if not _same_record(seen, "organisation", key, item, source, line):
        return None
    if _fuller(item, seen.organisations.get(key)):
        seen.organisations[key] = item
    return key


def _service(seen: Seen, item: dict, source: str, line: int, organisation: dict | None = None) -> None:
    key = _key(item, source, line)
    if not _same_record(seen, "service", key, item, source, line):
        return
    org = item.get("organization") if isinstance(item.get("organization"), dict) else organisation
    if org is not None:
        _organisation(seen, org, source, line)
    old = seen.services.get(key)
    if old is None or _fuller(item, old[2]):
        seen.services[key] = (source, line, item, org or (old[3] if old else None))


def collect(document: Document, item, seen: Seen, top: bool = True) -> None:
    """Note what ``item`` (a document, or an object in a page) is and holds."""
    source, line = document.source, document.line(item)
    kind = shape(item)
    if kind == "page":
        for content in item["contents"]:
            collect(document, content, seen, top=False)
    elif kind == "service":
        _service(seen, item, source, line)
    elif kind == "service_at_location":
        service = dict(item["service"])
        places = [p for p in service.get("service_at_locations") or () if isinstance(p, dict)]
        service["service_at_locations"] = [*places, {"location": item["location"]}]
        _service(seen, service, source, line)
    elif kind == "organisation":
        key = _organisation(seen, item, source, line)
        if key is not None:
            seen.own.setdefault(key, (source, line))
        services = item.get("services") if isinstance(item.get("services"), list) else []
        for service in services:
            if shape(service) == "service":
                _service(seen, service, source, document.line(service), organisation=item)
    elif kind in ("taxonomy", "term"):
        terms = item.get("taxonomy_terms") if kind == "taxonomy" else [item]
        for term in terms if isinstance(terms, list) else ():
            if isinstance(term, dict) and isinstance(term.get("id"), str):
                seen.terms[term["id"]] = term
        if top:
            seen.vocabularies.append((source, line))
    elif kind == "index":
        seen.notices.append(Notice(source, line, "note", "the feed's details (GET /) hold no entries"))
    else:
        what = "this" if top else "this item"
        seen.notices.append(
            Notice(source, line, "error", f"{what} is not an Open Referral service, organisation or page of a list")
        )


class Mapper:
    """Documents' objects in our fields, one draft each."""

    def __init__(self, seen: Seen, terms: Terms, category: str | None):
        self.seen, self.terms, self.category = seen, terms, category
        self.mapped: dict = {}  # organisation key -> its fields (mapped once)

    def organisation(self, key: str, draft: Draft) -> dict:
        """An organisation's fields; its warnings go to the first draft that uses it."""
        if key not in self.mapped:
            item = self.seen.organisations[key]
            read = Reader(draft, self.terms, self.seen.terms)
            description = read.long_text(item, "description")
            self.mapped[key] = {
                "name": read.text(item, "name"),
                "kind": "other",  # Open Referral has no kind of organisation
                "description": description,
                "url": read.text(item, "website") or read.text(item, "url"),
                "email": read.text(item, "email"),
                "phones": read.phones(item),
                "logo": read.text(item, "logo"),
                "identifiers": read.identifiers(item),
                "categories": read.attributes(item).get("categories"),
            }
        return self.mapped[key]

    def place(self, read: Reader, item) -> dict | None:
        if not isinstance(item, dict):
            return None
        name = read.text(item, "name")
        if (read.text(item, "location_type") or "").lower() == "virtual":
            read.draft.warn(f"the place {name or '(no name)'!r} is virtual (no address); it is left out")
            return None
        addresses = read.items(item, "addresses")
        physical = [a for a in addresses if (read.text(a, "address_type") or "physical").lower() == "physical"]
        if not (physical or addresses):
            read.draft.warn(f"the place {name or '(no name)'!r} has no address; it is left out")
            return None
        a = (physical or addresses)[0]
        uprn = read.text(item, "external_identifier")
        is_uprn = (read.text(item, "external_identifier_type") or "").upper() == "UPRN"
        return {
            "name": name or read.text(a, "address_1"),
            "description": read.long_text(item, "description"),
            "address": {
                "address_1": read.text(a, "address_1"),
                "address_2": read.text(a, "address_2"),
                "city": read.text(a, "city"),
                "region": read.text(a, "region"),
                "state_province": read.text(a, "state_province"),
                "postal_code": read.postcode(read.text(a, "postal_code")),
                "country": (read.text(a, "country") or "").upper() or None,
            },
            "latitude": read.number(item, "latitude"),
            "longitude": read.number(item, "longitude"),
            "accessibility": self.accessibility(read, item),
            "uprn": uprn if is_uprn else None,
            "transportation": read.text(item, "transportation"),
            "phones": read.phones(item),
            "email": read.text(item, "email"),
            "url": read.text(item, "url"),
        }

    def accessibility(self, read: Reader, place: dict) -> list[str]:
        return read.known_terms(
            place, "accessibility", ("accessibility", "description"), ("accessibility", "accessibility term"), []
        )

    def service(self, draft: Draft, item: dict) -> dict:
        read = Reader(draft, self.terms, self.seen.terms)
        terms = read.attributes(item)
        free, costs = read.costs(item)
        description = read.long_text(item, "description")
        assured = read.date_of(item, "assured_date")
        if assured is None and read.date_of(item, "last_modified"):
            assured = read.date_of(item, "last_modified")
            read.draft.warn("it has no assured_date: the date it was last modified is used")
        categories = terms.get("categories")
        if not categories and self.category:
            categories = [self.category]
            draft.note("note", f"none of its taxonomy terms is one of your categories: it is put in {self.category!r}")
        elif not categories:
            draft.error(
                "none of its taxonomy terms is a category of content/taxonomy/categories.yaml; add the category "
                "(or a mapping to it) there, or give a category for such services (--category)",
                "categories",
            )
        places = (self.place(read, x.get("location")) for x in read.items(item, "service_at_locations"))
        draft.places = [p for p in places if p]
        return {
            "name": read.text(item, "name"),
            "summary": read.summary(description),
            "description": description,
            "status": (read.text(item, "status") or "").lower() or None,
            "alert": read.text(item, "alert"),
            "categories": categories,
            "areas": read.areas(item, terms.get("areas", [])),
            "audiences": terms.get("audiences"),
            "minimum_age": read.whole(item, "minimum_age"),
            "maximum_age": read.whole(item, "maximum_age"),
            "eligibility": read.long_text(item, "eligibility_description"),
            "free": free,
            "fees": read.text(item, "fees") or read.text(item, "fees_description"),
            "cost_options": costs,
            "how_to_access": read.how_to_access(item),
            "url": read.text(item, "url"),
            "email": read.text(item, "email"),
            "phones": read.phones(item),
            "contacts": read.contacts(item),
            "schedules": [read.schedule(x) for x in read.items(item, "schedules")],
            "languages": read.languages(item),
            "accessibility": terms.get("accessibility"),
            "assured_date": assured,
        }


def drafts(documents: list[Document], terms: Terms, category: str | None = None) -> tuple[list[Draft], list[Notice]]:
    """Drafts of every organisation that has a document of its own, then of
    every service; and the notes and errors about documents that hold neither."""
    seen = Seen()
    for document in documents:
        collect(document, document.data, seen)
    if seen.vocabularies:
        source, line = seen.vocabularies[0]
        count = f" (this and {len(seen.vocabularies) - 1} more)" if len(seen.vocabularies) > 1 else ""
        message = f"taxonomy documents{count} are not imported: terms are matched to those in content/taxonomy/"
        seen.notices.append(Notice(source, line, "note", message))
    mapper = Mapper(seen, terms, category)
    found = []
    for key, (source, line) in seen.own.items():
        draft = Draft(source, line, None, None)
        draft.organisation = mapper.organisation(key, draft)
        found.append(draft)
    for key, (source, line, item, org) in seen.services.items():
        draft = Draft(source, line, None, None, ident=key)
        draft.service = mapper.service(draft, item)
        org_key = _key(org, source, line) if org is not None else item.get("organization_id")
        if org_key in seen.organisations:
            draft.organisation = mapper.organisation(org_key, draft)
        else:
            draft.error("it names no organisation that the documents include (organization or organization_id)")
        found.append(draft)
    return found, seen.notices
