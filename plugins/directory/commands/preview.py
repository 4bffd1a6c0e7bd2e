"""The devserver's preview: the pages an edit shows on, written within a second or two.

A whole build of a large directory takes a while, and a volunteer who has just
saved an entry wants to see it.  So after each change to the content the
devserver first reads the folder here, with the model kept in this process's
memory (only the files that changed are read again, and every unchanged entry
stays the very same object), finds the entries that changed, and writes into
the folder it serves the pages those entries show on most: each one's own page
and the pages of its organisation, its locations, its categories and its areas,
before the change and after it (of a term's many pages, those that show
something else).  They are made by the outputs' own functions
from the whole model, so they are the bytes the whole build will write.
It then writes the files of the search index the change touched: the index is
kept in memory too (outputs/search.py's SearchIndex), and an edited entry is
indexed again alone.  The whole build follows (devserver.py) and writes
everything else: the lists, the feeds, the other pages an entry appears on.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
from pathlib import Path

from pelican import Pelican
from pelican.writers import Writer

from ..cache import MemoryCache
from ..generator import DirectoryGenerator
from ..kinds import VOCABULARIES
from ..logs import report_for_build
from ..outputs import consultations, entries, search, vocabularies
from ..outputs.site import Output, Site
from ..problems import ContentError
from ..relations import broader
from ..search.documents import Kept
from ..settings import directory_settings
from ..urls import save_as, url
from .build import work_folder

TERM_PAGES = [v for v in VOCABULARIES if v.has_pages]  # categories and areas


class Preview:
    """The content folder as last read, and the generator that writes its pages."""

    def __init__(self, settings: dict, output: Path, cache: MemoryCache | None = None):
        self.settings, self.output = settings, Path(output)
        self.cache = cache or MemoryCache()
        self.site: Site | None = None
        self.kept = Kept()  # the search entries of the last read
        self.search: search.SearchIndex | None = None
        pelican = Pelican(settings)
        context = {**settings, "generated_content": {}, "static_links": set(), "static_content": {}}
        context["localsiteurl"] = settings["SITEURL"]  # as Pelican.run() makes its context
        self.generator = DirectoryGenerator(
            context=context, settings=settings, path=pelican.path, theme=pelican.theme, output_path=str(self.output)
        )
        templates = Path(pelican.theme, "templates")  # compiled now, not at the first save (half a second)
        for path in sorted(templates.rglob("*.html")):
            self.generator.env.get_template(path.relative_to(templates).as_posix())

    def read(self, jobs: int = 1) -> list:
        """Read the folder; its problems (the model is kept only if none is an error).
        The look-alike check is left to the whole build: it only warns, and the
        preview prints errors only (the build prints every problem after it)."""
        problems = self.generator.read(self.cache, jobs, lookalikes=False)
        if not any(p.is_error for p in problems):
            self.site = dataclasses.replace(self.generator.site, kept_search=self.kept)
            if self.search is None:  # from now on kept up to date by update()
                self.search = search.SearchIndex(self.site)
        return problems

    def update(self) -> list[str]:
        """Read the folder again and write the pages of the entries that changed
        since the last read, and the search index's files they changed; the URLs
        written.  A broken entry raises ContentError,
        with every problem printed, and writes nothing."""
        before = self.site
        problems = self.read()
        if any(p.is_error for p in problems):
            report_for_build(problems, directory_settings(self.settings).stale_after_days)
            raise ContentError(problems)
        if before is None:
            return []
        # written beside the served folder, then each moved into it whole: a page
        # fetched meanwhile is the old one or the new one, never half of one
        work = work_folder(self.output, "preview")
        try:
            writer = Writer(str(work), settings=self.settings)
            out = Output(writer, self.generator.template, self.generator.context, self.site.settings)
            for write in pages_of_changes(before, self.site):
                write(out)
            self.write_search(out)
            for url in out.written:
                (self.output / save_as(url)).parent.mkdir(parents=True, exist_ok=True)
                os.replace(work / save_as(url), self.output / save_as(url))
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return out.written

    def write_search(self, out: Output) -> None:
        """The files of the search index that changed, after the pages (they are
        shown first).  All of them when the entries' numbering changed, or when
        the served index is not the one this process last made (a whole build
        of other content is being served)."""
        served = self.search.version == _version_of(self.output / save_as(url("search-index")))
        urls = self.search.update(self.site)
        for path, text in self.search.texts(urls if served else None).items():
            out.text(path, text)
        if urls is None or not served or any("/facets/" in u for u in urls):
            search.page(self.site, out)  # its filters list the facets' values


def _version_of(manifest: Path) -> str | None:
    try:
        return json.loads(manifest.read_text(encoding="utf-8")).get("v")
    except (OSError, ValueError, AttributeError):
        return None


def changed(before: dict, after: dict) -> list:
    """The old and the new version (either may be gone) of each entry that is not
    the same object in both: unchanged files give the same objects from the cache."""
    slugs = sorted(before.keys() | after.keys())
    return [
        [e for e in (before.get(s), after.get(s)) if e is not None] for s in slugs if before.get(s) is not after.get(s)
    ]


class PagesToWrite:
    """The pages to write, each once, named by what they show (entries gone are skipped)."""

    def __init__(self, before: Site, site: Site):
        self.before, self.site, self.writes = before, site, {}

    def entry(self, kind: str, slug: str, write) -> None:
        held = getattr(self.site.directory, kind)
        if slug in held:
            self.writes.setdefault((kind, slug), lambda out: write(self.site, out, held[slug]))

    def terms_of(self, entry) -> None:
        """The pages of its categories and areas, and of every broader one (they list it too)."""
        for v in TERM_PAGES:
            table = self.site.directory.taxonomy[v.name]
            for slug in broader(getattr(entry, v.name, ()), table):
                self.term(v, slug)

    def term(self, vocabulary, slug: str) -> None:
        if slug in self.site.directory.taxonomy[vocabulary.name]:
            self.writes.setdefault((vocabulary.name, slug), lambda out: self.term_pages(out, vocabulary, slug))

    def term_pages(self, out: Output, vocabulary, slug: str) -> None:
        """Those of a term's pages that show something else now: a term of a
        thousand services has twenty pages, and an edited entry is on one of them."""
        old = self.before.directory.taxonomy[vocabulary.name].get(slug)
        shown = dict(vocabularies.term_page_values(self.before, vocabulary, old)) if old else {}
        new = self.site.directory.taxonomy[vocabulary.name][slug]
        for page_url, values in vocabularies.term_page_values(self.site, vocabulary, new):
            if shown.get(page_url) != values:
                vocabularies.term_page(out, page_url, values)

    def services(self, services) -> None:
        for s in services:
            self.entry("services", s.slug, entries.service)

    def in_order(self) -> list:
        """In the order asked for: each changed entry's own page first, so it is shown soonest."""
        return list(self.writes.values())


def pages_of_changes(before: Site, after: Site) -> list:
    """What to write for the entries that changed between two reads of the folder."""
    plan, old, new, rel = PagesToWrite(before, after), before.directory, after.directory, after.relations
    for versions in changed(old.services, new.services):
        for s in versions:
            plan.entry("services", s.slug, entries.service)
            plan.entry("organisations", s.organization, entries.organisation)
            for place in s.locations:
                if isinstance(place, str):  # a shared location's page lists its services
                    plan.entry("locations", place, entries.location)
            plan.terms_of(s)
    for versions in changed(old.organisations, new.organisations):
        for org in versions:
            plan.entry("organisations", org.slug, entries.organisation)
            plan.services(rel.services_by_org.get(org.slug, []))  # each shows its organisation
            for c in rel.consultations_by_org.get(org.slug, []):  # and so does each of its consultations
                plan.entry("consultations", c.slug, consultations.consultation)
            plan.terms_of(org)
    for versions in changed(old.consultations, new.consultations):
        for c in versions:
            plan.entry("consultations", c.slug, consultations.consultation)
            plan.entry("organisations", c.organization, entries.organisation)
            for slug in c.related_services:  # their pages list it
                plan.entry("services", slug, entries.service)
            plan.terms_of(c)
    for versions in changed(old.locations, new.locations):
        for place in versions:
            plan.entry("locations", place.slug, entries.location)
            plan.services(rel.services_by_location.get(place.slug, []))
    for versions in changed(old.pages, new.pages):
        plan.entry("pages", versions[-1].slug, entries.page)
    for v in TERM_PAGES:
        for versions in changed(old.taxonomy[v.name], new.taxonomy[v.name]):
            plan.term(v, versions[-1].slug)
    return plan.in_order()
