"""The directory as Open Referral UK 3.0 documents (the UK profile of HSDS 3.0).

Pure functions of the model. Field names were chosen to be Open Referral's, so
this is a mapping, not a translation. Ids are the stable UUIDv5s of ``ids.py``;
an optional field with no value is left out. Where HSDS 3.0 has a field the UK
profile leaves out (phones, a language's name, a contact's email), it is kept:
the profile allows more fields. What the format cannot carry is listed in
docs/open-referral.md.
"""

from __future__ import annotations

from ..facts.service import is_free
from ..relations import service_locations
from ..urls import url_for
from .terms import TermExporter, clean

VERSION = "HSDS-UK-3.0"
PROFILE = "https://openreferraluk.org/"
OPENAPI = "https://raw.githubusercontent.com/openreferral/uk-profile/main/openapi.json"
FREE = "Free"  # the cost option a free service is given (and is read back as)


class Exporter(TermExporter):
    """Makes the documents of one directory. A brief is part of many documents (every
    service names its organisation, every organisation lists its services), so each is
    made once and shared: the feed is written in linear time."""

    def __init__(self, directory, relations, namespace, site_url: str):
        super().__init__(directory, namespace, site_url)
        self.relations = relations

    # --- organisations ----------------------------------------------------------------------

    def phones(self, owner: str, phones) -> list[dict]:
        return [
            clean(
                {
                    "id": self.id("phone", f"{owner}/{n}"),
                    "number": p.number,
                    "extension": p.extension,
                    "type": p.type,
                    "description": p.description,
                }
            )
            for n, p in enumerate(phones)
        ]

    def organisation_brief(self, org) -> dict:
        return self.once(("organisation", org.slug), lambda: self._organisation_brief(org))

    def _organisation_brief(self, org) -> dict:
        return clean(
            {
                "id": self.id("organisation", org.slug),
                "name": org.name,
                "description": org.description,
                "email": org.email,
                "website": org.url,
                "logo": org.logo,
                "uri": self.site_url + url_for(org),
            }
        )

    def organisation(self, org) -> dict:
        ident = self.id("organisation", org.slug)
        return clean(
            {
                **self.organisation_brief(org),
                "organization_identifiers": [
                    {
                        "id": self.id("identifier", f"{org.slug}/{n}"),
                        "organization_id": ident,
                        "identifier_type": i["identifier_type"],
                        "identifier": i["identifier"],
                    }
                    for n, i in enumerate(org.identifiers)
                ],
                "phones": self.phones(ident, org.phones),
                "attributes": self.attributes(ident, "organization", [("categories", c) for c in org.categories]),
                "services": [
                    self.service_brief(s)
                    for s in sorted(self.relations.services_by_org.get(org.slug, ()), key=lambda s: s.slug)
                ],
            }
        )

    # --- services ---------------------------------------------------------------------------

    def service_brief(self, s) -> dict:
        return self.once(("service", s.slug), lambda: self._service_brief(s))

    def _service_brief(self, s) -> dict:
        org = self.d.organisations.get(s.organization)
        return clean(
            {
                "id": self.id("service", s.slug),
                "organization_id": self.id("organisation", s.organization),
                "name": s.name,
                "description": s.description,
                "url": s.url,
                "email": s.email,
                "status": s.status,
                "fees": s.fees,
                "minimum_age": s.minimum_age,
                "maximum_age": s.maximum_age,
                "assured_date": s.assured_date.isoformat(),
                "alert": s.alert,
                "organization": self.organisation_brief(org) if org else None,
            }
        )

    def location(self, service_slug: str, n: int, loc) -> dict:
        ident = self.id("location", loc.slug) if loc.slug else self.id("location", f"{service_slug}/{n}")
        a = loc.address
        accessibility = self.d.taxonomy["accessibility"]
        return clean(
            {
                "id": ident,
                "location_type": "physical",
                "name": loc.name,
                "description": loc.description,
                "latitude": loc.latitude,
                "longitude": loc.longitude,
                "external_identifier": loc.uprn,
                "external_identifier_type": "UPRN" if loc.uprn else "",
                "transportation": loc.transportation,
                "url": loc.url,
                "email": loc.email,
                "phones": self.phones(ident, loc.phones),
                "addresses": [
                    clean(
                        {
                            "id": self.id("address", ident),
                            "location_id": ident,
                            "address_1": a.address_1,
                            "address_2": a.address_2,
                            "city": a.city,
                            "region": a.region,
                            "state_province": a.state_province,
                            "postal_code": a.postal_code,
                            "country": a.country,
                            "address_type": "physical",
                        }
                    )
                    | {"state_province": a.state_province}  # required, even when empty
                ],
                "accessibility": [
                    clean(
                        {
                            "id": self.id("accessibility", f"{ident}/{slug}"),
                            "location_id": ident,
                            "description": accessibility[slug].name,
                            "details": accessibility[slug].description,
                            "accessibility": slug,
                        }
                    )
                    for slug in loc.accessibility
                    if slug in accessibility
                ],
            }
        )

    def service_at_location(self, s, n: int, loc) -> dict:
        place = self.location(s.slug, n, loc)
        return {
            "id": self.id("service-at-location", f"{s.slug}/{n}"),
            "service_id": self.id("service", s.slug),
            "location_id": place["id"],
            "location": place,
        }

    def contact(self, s, n: int, c) -> dict:
        ident = self.id("contact", f"{s.slug}/{n}")
        return clean(
            {
                "id": ident,
                "service_id": self.id("service", s.slug),
                "name": c.name,
                "title": c.title,
                "department": c.department,
                "email": c.email,
                "phones": self.phones(ident, c.phones),
            }
        )

    def service(self, s) -> dict:
        """One service, fully nested, as ``GET /services/{id}`` returns it."""
        ident = self.id("service", s.slug)
        places = service_locations(s, self.d)
        # a free service (one rule: facts.service.is_free) is given the "Free" option,
        # also when its options already say 0 for everyone, so a reader of the feed
        # finds it free the way search and the widgets do
        costs = [("free", None)] if is_free(s) else []
        costs += [(str(n), c) for n, c in enumerate(s.cost_options)]
        return clean(
            {
                **self.service_brief(s),
                "eligibility_description": s.eligibility,
                "schedules": [
                    clean(
                        {
                            "id": self.id("schedule", f"{s.slug}/{n}"),
                            "service_id": ident,
                            "freq": x.freq,
                            "interval": x.interval,
                            "byday": x.byday,
                            "bymonthday": x.bymonthday,
                            "opens_at": x.opens_at,
                            "closes_at": x.closes_at,
                            "dtstart": x.dtstart.isoformat() if x.dtstart else "",
                            "valid_from": x.valid_from.isoformat() if x.valid_from else "",
                            "valid_to": x.valid_to.isoformat() if x.valid_to else "",
                            "description": x.description,
                            "notes": x.notes,
                            "attending_type": x.attending_type,
                        }
                    )
                    for n, x in enumerate(s.schedules)
                ],
                "service_areas": [
                    clean(
                        {
                            "id": self.id("service-area", f"{s.slug}/{area}"),
                            "service_id": ident,
                            "name": self.d.taxonomy["areas"][area].name,
                            "service_area": self.d.taxonomy["areas"][area].name,
                            "uri": self.site_url + url_for(self.d.taxonomy["areas"][area]),
                        }
                    )
                    for area in s.areas
                    if area in self.d.taxonomy["areas"]
                ],
                "service_at_locations": [self.service_at_location(s, n, loc) for n, loc in enumerate(places)],
                "languages": [
                    {"id": self.id("language", f"{s.slug}/{n}"), "service_id": ident, "name": name}
                    for n, name in enumerate(s.languages)
                ],
                "cost_options": [
                    clean(
                        {
                            "id": self.id("cost-option", f"{s.slug}/{key}"),
                            "service_id": ident,
                            "option": c.option if c else FREE,
                            "amount": c.amount if c else 0,
                            "amount_description": c.amount_description if c else "",
                            "valid_from": c.valid_from.isoformat() if c and c.valid_from else "",
                            "valid_to": c.valid_to.isoformat() if c and c.valid_to else "",
                        }
                    )
                    for key, c in costs
                ],
                "contacts": [self.contact(s, n, c) for n, c in enumerate(s.contacts)],
                "phones": self.phones(ident, s.phones),
                "attributes": self.attributes(
                    ident,
                    "service",
                    [("categories", c) for c in s.categories]
                    + [("audiences", a) for a in s.audiences]
                    + [("accessibility", a) for a in s.accessibility],
                ),
                "how_to_access": list(s.how_to_access),
            }
        )
