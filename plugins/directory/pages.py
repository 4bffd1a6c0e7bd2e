"""Prepare each page's template context from the model and write it.

Everything a template needs is computed here (relations, words, statuses),
so templates only format.  Every file goes through Pelican's writer, which
refuses to write one path twice.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from datetime import datetime

from . import jsonld, words
from .consultation_status import ConsultationView, view as consultation_view
from .model import Directory
from .pagination import paginate
from .relations import Relations, service_locations
from .search import build_shards, manifest
from .urls import save_as, url_for

SEARCH_INDEX_URL = "/search/index.json"
LETTERS = ["0–9", *string.ascii_uppercase]


def letter_of(name: str) -> str:
    first = name[:1].upper()
    return first if first in string.ascii_uppercase else LETTERS[0]


def letter_url(letter: str) -> str:
    return "/a-z/0-9/" if letter == LETTERS[0] else f"/a-z/{letter.lower()}/"


@dataclass(frozen=True)
class ServiceView:
    organisation: object
    categories: list
    areas: list
    audiences: list
    accessibility: list
    status_text: str
    who: str
    cost: list
    access: list
    opening_times: list
    locations: list
    languages: list
    consultations: list
    last_checked: object
    stale: bool
    suggest_change_url: str


class SiteWriter:
    def __init__(self, writer, templates, context, directory: Directory,
                 relations: Relations, settings, now: datetime):
        self.writer = writer
        self.templates = templates  # name -> jinja2 Template
        self.context = context
        self.d = directory
        self.rel = relations
        self.settings = settings
        self.now = now
        self.today = now.date()
        self.site_url = settings.site_url
        self.urls: list[str] = []  # for the sitemap

    # --- helpers ---------------------------------------------------------------

    def write(self, template: str, url: str, *, title: str, crumbs=(), jsonld=None,
              in_sitemap=True, **values) -> None:
        name = save_as(url)
        self.writer.write_file(
            name, self.templates[template], self.context,
            page_title=title, breadcrumbs=[("Home", "/"), *crumbs] if url != "/" else [],
            canonical=url, jsonld=jsonld, **values,
        )
        if in_sitemap:
            self.urls.append(url)

    def terms(self, vocabulary: str, slugs) -> list:
        table = self.d.taxonomy[vocabulary]
        return [table[s] for s in slugs if s in table]

    def consultations(self, items) -> list[ConsultationView]:
        return [
            consultation_view(c, self.now, self.settings.closing_soon_days, url_for(c))
            for c in items
        ]

    def counted(self, vocabulary: str, terms) -> list:
        services_by = self.rel.tagged(vocabulary)[0]
        return [(t, len(services_by.get(t.slug, ()))) for t in terms]

    def top_categories(self) -> list:
        tops = [t for t in self.d.taxonomy["categories"].values() if not t.parent]
        return self.counted("categories", sorted(tops, key=lambda t: t.name.lower()))

    def sorted_terms(self, vocabulary: str) -> list:
        return sorted(self.d.taxonomy[vocabulary].values(), key=lambda t: t.name.lower())

    # --- pages -------------------------------------------------------------------

    def write_all(self) -> None:
        self.home()
        for service in self.d.services.values():
            self.service(service)
        for org in self.d.organisations.values():
            self.organisation(org)
        for location in self.d.locations.values():
            self.location(location)
        self.listings()
        for vocabulary in ("categories", "areas"):
            self.vocabulary(vocabulary)
        self.a_to_z()
        self.consultation_list()
        for c in self.d.consultations.values():
            self.consultation(c)
        for page in self.d.pages.values():
            self.write("page.html", url_for(page), title=page.title, crumbs=(), page=page)
        self.search()
        self.write("404.html", "/404.html", title="Page not found", in_sitemap=False,
                   top_categories=self.top_categories())
        self.sitemap_and_assets()

    def home(self) -> None:
        services = self.d.services.values()
        recent = sorted(services, key=lambda s: (s.assured_date, s.slug), reverse=True)
        open_now = [c for c in self.consultations(self.d.consultations.values())
                    if c.status in ("open", "closing-soon")]
        self.write(
            "home.html", "/", title=self.settings.site_name,
            top_categories=self.top_categories(),
            areas=self.counted("areas", self.sorted_terms("areas")),
            open_consultations=sorted(open_now, key=lambda c: c.consultation.closes),
            recent_services=recent[: self.settings.recent_count],
            counts={"services": len(self.d.services), "organisations": len(self.d.organisations),
                    "consultations": len(open_now)},
        )

    def service_view(self, s) -> ServiceView:
        org = self.d.organisations.get(s.organization)
        return ServiceView(
            organisation=org,
            categories=self.terms("categories", s.categories),
            areas=self.terms("areas", s.areas),
            audiences=self.terms("audiences", s.audiences),
            accessibility=self.terms("accessibility", s.accessibility),
            status_text=words.status(s),
            who=words.ages(s),
            cost=words.costs(s),
            access=words.access(s),
            opening_times=[words.opening_time(x) for x in s.schedules],
            locations=service_locations(s, self.d),
            languages=list(s.languages),
            consultations=self.consultations(self.rel.consultations_by_service.get(s.slug, ())),
            last_checked=s.assured_date,
            stale=words.is_stale(s.assured_date, self.today, self.settings.stale_after_days),
            suggest_change_url=self.settings.suggest_change_for(s.source),
        )

    def service(self, s) -> None:
        v = self.service_view(s)
        url = url_for(s)
        crumbs = [("Services", "/services/")]
        if v.categories:
            crumbs = [(v.categories[0].name, url_for(v.categories[0]))]
        data = jsonld.service(s, v.organisation, v.locations, v.categories, self.site_url, url)
        self.write("service.html", url, title=s.name, crumbs=crumbs, jsonld=data, service=s, view=v)

    def organisation(self, org) -> None:
        url = url_for(org)
        located = [self.d.locations[x] for x in org.locations if x in self.d.locations]
        self.write(
            "organisation.html", url, title=org.name, crumbs=[("Groups and organisations", "/organisations/")],
            jsonld=jsonld.organisation_page(org, self.site_url, url),
            organisation=org,
            services=self.rel.services_by_org.get(org.slug, []),
            consultations=self.consultations(self.rel.consultations_by_org.get(org.slug, ())),
            locations=located,
            categories=self.terms("categories", org.categories),
            areas=self.terms("areas", org.areas),
            kind_text=words.kind(org),
            suggest_change_url=self.settings.suggest_change_for(org.source),
        )

    def location(self, loc) -> None:
        url = url_for(loc)
        self.write(
            "location.html", url, title=loc.name, crumbs=[("Places", "/locations/")],
            jsonld=jsonld.place_page(loc, self.site_url, url),
            location=loc,
            services=self.rel.services_by_location.get(loc.slug, []),
            accessibility=self.terms("accessibility", loc.accessibility),
        )

    LISTINGS = {
        "services": ("Services", "Every service in the directory, by name."),
        "organisations": ("Groups and organisations", "Every community group, charity and organisation in the directory, by name."),
        "locations": ("Places", "Venues where services in the directory happen, by name."),
    }

    def listings(self) -> None:
        """``/services/``, ``/organisations/``, ``/locations/``: everything of a kind, paged."""
        for kind, (heading, intro) in self.LISTINGS.items():
            items = sorted(getattr(self.d, kind).values(), key=lambda x: (x.name.lower(), x.slug))
            for url, chunk, pagination in paginate(items, f"/{kind}/", self.settings.page_size):
                self.write("listing.html", url, title=pagination.title(heading), kind=kind, heading=heading, intro=intro,
                           items=chunk, pagination=pagination)

    def vocabulary(self, vocabulary: str) -> None:
        title = vocabulary.capitalize()
        top = [t for t in self.sorted_terms(vocabulary) if not t.parent]
        listing = [
            (t, count, self.counted(vocabulary, self.rel.children.get(t.slug, [])))
            for t, count in self.counted(vocabulary, top)
        ]
        self.write("terms.html", f"/{vocabulary}/", title=title, vocabulary_title=title, terms=listing)
        services_by, orgs_by, consultations_by = self.rel.tagged(vocabulary)
        table = self.d.taxonomy[vocabulary]
        for term in table.values():
            parent = table.get(term.parent) if term.parent else None
            crumbs = [(title, f"/{vocabulary}/")] + ([(parent.name, url_for(parent))] if parent else [])
            shared = dict(
                term=term, vocabulary_title=title, parent=parent,
                children=self.counted(vocabulary, self.rel.children.get(term.slug, [])),
                organisations=orgs_by.get(term.slug, []),
                consultations=self.consultations(consultations_by.get(term.slug, ())),
            )
            services = services_by.get(term.slug, [])
            for url, chunk, pagination in paginate(services, url_for(term), self.settings.page_size):
                self.write("term.html", url, title=pagination.title(term.name), crumbs=crumbs,
                           services=chunk, pagination=pagination, **shared)

    def a_to_z(self) -> None:
        """``/a-z/`` lists the letters; each letter has a page of its own, so the
        page a resident downloads stays small in a directory of any size."""
        entries = [(s.name, url_for(s), "Service", s.summary) for s in self.d.services.values()]
        entries += [(o.name, url_for(o), words.kind(o), o.summary) for o in self.d.organisations.values()]
        entries.sort(key=lambda e: (e[0].lower(), e[1]))
        by_letter = {letter: [] for letter in LETTERS}
        for entry in entries:
            by_letter[letter_of(entry[0])].append(entry)
        letters = [(k, len(v), letter_url(k) if v else "") for k, v in by_letter.items()]
        self.write("az.html", "/a-z/", title="A to Z", letters=letters, current=None, entries=[])
        for letter, items in by_letter.items():
            if items:
                self.write("az.html", letter_url(letter), title=f"A to Z: {letter}",
                           crumbs=[("A to Z", "/a-z/")], letters=letters, current=letter, entries=items)

    def consultation_list(self) -> None:
        views = self.consultations(self.d.consultations.values())
        pick = lambda *states: [v for v in views if v.status in states]
        self.write(
            "consultations.html", "/consultations/", title="Consultations",
            open=sorted(pick("open", "closing-soon"), key=lambda v: v.consultation.closes),
            upcoming=sorted(pick("upcoming"), key=lambda v: v.consultation.opens),
            closed=sorted(pick("closed"), key=lambda v: v.consultation.closes, reverse=True),
        )

    def consultation(self, c) -> None:
        v = self.consultations([c])[0]
        org = self.d.organisations.get(c.organization)
        events = [(e, self.d.locations.get(e.location)) for e in c.how_to_respond.events]
        self.write(
            "consultation.html", v.url, title=c.title, crumbs=[("Consultations", "/consultations/")],
            jsonld=jsonld.consultation_page(c, org, self.site_url, v.url),
            c=v, organisation=org,
            related_services=[self.d.services[s] for s in c.related_services if s in self.d.services],
            events=events,
        )

    def search(self) -> None:
        self.write(
            "search.html", "/search/", title="Search", search_index_url=SEARCH_INDEX_URL,
            categories=self.sorted_terms("categories"), areas=self.sorted_terms("areas"),
        )
        shard_urls = []
        for number, shard in build_shards(self.d, url_for, words.kind, self.settings.search_shard_size):
            shard_urls.append(f"/search/shard-{number}.json")
            self.write("raw.txt", shard_urls[-1], title="", in_sitemap=False, payload=shard)
        self.write("raw.txt", SEARCH_INDEX_URL, title="", in_sitemap=False, payload=manifest(shard_urls))

    def sitemap_and_assets(self) -> None:
        self.write("brand.css", "/brand.css", title="", in_sitemap=False, colour=self.settings.brand_colour)
        self.write("sitemap.xml", "/sitemap.xml", title="", in_sitemap=False,
                   locations=[self.site_url + u for u in sorted(self.urls)],
                   lastmod=self.today.isoformat())
