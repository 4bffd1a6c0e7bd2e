"""``/openreferral/``: a static Open Referral UK 3.0 feed (docs/open-referral.md).

The standard's API as files: ``index.json`` (``GET /``), pages of at most 100
(``services/page/1.json`` for ``GET /services?page=1``) and one file per item
(``services/<id>.json`` for ``GET /services/{id}``), for services,
organizations, taxonomies and taxonomy terms. The hosting files map the API's
own addresses onto them for hosts that can rewrite (``outputs/hosting.py``).
"""

from __future__ import annotations

import json

from ..kinds import VOCABULARIES
from ..openreferral.export import OPENAPI, PROFILE, VERSION, Exporter
from ..urls import url

PAGE_SIZE = 100  # the most the standard allows on a page


def dumps(data) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def pages(items: list) -> list[dict]:
    """The pages of a list, each with the standard's page fields."""
    count = max(1, -(-len(items) // PAGE_SIZE))
    return [
        {
            "total_items": len(items),
            "total_pages": count,
            "page_number": n,
            "size": len(chunk := items[(n - 1) * PAGE_SIZE : n * PAGE_SIZE]),
            "first_page": n == 1,
            "last_page": n == count,
            "empty": not items,
            "contents": chunk,
        }
        for n in range(1, count + 1)
    ]


def write_list(out, base: str, name: str, briefs: list, items) -> None:
    """``<name>/page/N.json`` for the briefs and ``<name>/<id>.json`` for each item."""
    for page in pages(briefs):
        out.text(f"{base}{name}/page/{page['page_number']}.json", dumps(page))
    for item in items:
        out.text(f"{base}{name}/{item['id']}.json", dumps(item))


def write(site, out) -> None:
    base = url("openreferral")
    export = Exporter(site.directory, site.relations, site.settings.namespace, site.settings.site_url)
    d = site.directory
    out.text(
        f"{base}index.json",
        dumps({"version": VERSION, "profile": PROFILE, "openapi_url": OPENAPI}),
    )
    services = sorted(d.services.values(), key=lambda s: s.slug)
    briefs = [export.service_brief(s) for s in services]
    write_list(out, base, "services", briefs, (export.service(s) for s in services))
    organisations = sorted(d.organisations.values(), key=lambda o: o.slug)
    orgs = [export.organisation(o) for o in organisations]
    write_list(out, base, "organizations", [export.organisation_brief(o) for o in organisations], orgs)
    taxonomies, terms = [], []
    for vocabulary in VOCABULARIES:
        mine = [export.term(vocabulary.name, slug) for slug in sorted(d.taxonomy[vocabulary.name])]
        taxonomies.append({**export.taxonomy(vocabulary.name), "taxonomy_terms": mine})
        terms += mine
    write_list(out, base, "taxonomies", [export.taxonomy(v.name) for v in VOCABULARIES], taxonomies)
    write_list(out, base, "taxonomy_terms", terms, terms)
