"""Open Referral taxonomies, taxonomy terms and the attributes that link a term to
a service or organisation: the directory's vocabularies (``kinds.VOCABULARIES``)."""

from __future__ import annotations

from ..ids import public_id
from ..urls import url_for

# our vocabularies and what each describes, as Open Referral taxonomies
TAXONOMIES = {
    "categories": "What a service or group offers",
    "areas": "The areas of the council that a service serves",
    "audiences": "Who a service or consultation is for",
    "accessibility": "How accessible a service or its place is",
}


def clean(data: dict) -> dict:
    """Leave out fields with no value (Open Referral wants them absent, not null)."""
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


class TermExporter:
    """The taxonomy documents of one directory; ``site_url`` makes page addresses absolute."""

    def __init__(self, directory, namespace, site_url: str):
        self.d, self.namespace, self.site_url = directory, namespace, site_url
        self._made: dict[tuple, dict] = {}  # terms and briefs: each is part of many documents

    def once(self, key: tuple, make) -> dict:
        """The document ``make()`` gives, made the first time ``key`` is asked for only."""
        if key not in self._made:
            self._made[key] = make()
        return self._made[key]

    def id(self, kind: str, key: str) -> str:
        return public_id(self.namespace, kind, key)

    def taxonomy(self, vocabulary: str) -> dict:
        return {
            "id": self.id("taxonomy", vocabulary),
            "name": vocabulary,
            "description": TAXONOMIES[vocabulary],
            "uri": self.site_url + (f"/{vocabulary}/" if vocabulary in ("categories", "areas") else "/"),
            "version": "1",
        }

    def term(self, vocabulary: str, slug: str) -> dict:
        return self.once(("term", vocabulary, slug), lambda: self._term(vocabulary, slug))

    def _term(self, vocabulary: str, slug: str) -> dict:
        term = self.d.taxonomy[vocabulary][slug]
        page = url_for(term)
        return clean(
            {
                "id": self.id("taxonomy-term", f"{vocabulary}/{slug}"),
                "name": term.name,
                "term": term.name,  # the UK profile's "taxonomy term itself"; HSDS calls it name
                "description": term.description or term.name,
                "parent_id": self.id("taxonomy-term", f"{vocabulary}/{term.parent}") if term.parent else "",
                "taxonomy": vocabulary,
                "taxonomy_id": self.id("taxonomy", vocabulary),
                "term_uri": self.site_url + page if page else "",
                "code": slug,
            }
        )

    def attributes(self, link_id: str, link_type: str, pairs) -> list[dict]:
        """Taxonomy terms linked to an entity, for ``(vocabulary, slug)`` pairs."""
        found = []
        for vocabulary, slug in pairs:
            if slug in self.d.taxonomy[vocabulary]:
                term = self.term(vocabulary, slug)
                found.append(
                    {
                        "id": self.id("attribute", f"{link_id}/{term['id']}"),
                        "link_id": link_id,
                        "link_type": link_type,
                        "taxonomy_term_id": term["id"],
                        "taxonomy_term": term,
                    }
                )
        return found
