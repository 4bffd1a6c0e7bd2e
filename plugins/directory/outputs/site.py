"""What every output receives: the related directory, and a writer for its files.

:class:`Site` is read-only: the model, its relations, the settings and the
build moment, with the small queries several outputs share.  :class:`Output`
wraps Pelican's writer, so every file goes through ``write_file`` (which
refuses to write one path twice) and every page is remembered for the sitemap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ..model import Directory
from ..relations import Relations
from ..settings import DirectorySettings
from ..urls import SECTIONS, save_as, url_for
from .views import ConsultationView, consultation_view


@dataclass(frozen=True)
class Site:
    directory: Directory
    relations: Relations
    settings: DirectorySettings
    now: datetime  # the build moment, in the site's time zone

    @property
    def today(self):
        return self.now.date()

    def terms(self, vocabulary: str, slugs) -> list:
        """The terms of ``vocabulary`` named by ``slugs``, in that order."""
        table = self.directory.taxonomy[vocabulary]
        return [table[s] for s in slugs if s in table]

    def sorted_terms(self, vocabulary: str) -> list:
        return sorted(self.directory.taxonomy[vocabulary].values(), key=lambda t: t.name.lower())

    def counted(self, vocabulary: str, terms) -> list:
        """``(term, number of services under it)`` for each term."""
        services_by = self.relations.tagged(vocabulary)[0]
        return [(t, len(services_by.get(t.slug, ()))) for t in terms]

    def top_categories(self) -> list:
        tops = [t for t in self.sorted_terms("categories") if not t.parent]
        return self.counted("categories", tops)

    def consultations(self, items) -> list[ConsultationView]:
        return [consultation_view(c, self.now, self.settings.closing_soon_days, url_for(c)) for c in items]


@dataclass
class Output:
    """Writes pages and files through Pelican's writer."""

    writer: object  # pelican.writers.Writer
    template: object  # name -> jinja2 Template
    context: dict
    pages: list[str] = field(default_factory=list)  # URLs of the pages written, for the sitemap

    def page(self, template: str, url: str, *, title: str, crumbs=(), jsonld=None, in_sitemap=True, **values) -> None:
        """An HTML page at ``url``; ``crumbs`` are the breadcrumbs after Home."""
        home = SECTIONS["home"]
        self.writer.write_file(
            save_as(url),
            self.template(template),
            self.context,
            page_title=title,
            breadcrumbs=[("Home", home), *crumbs] if url != home else [],
            canonical=url,
            jsonld=jsonld,
            **values,
        )
        if in_sitemap:
            self.pages.append(url)

    def file(self, template: str, url: str, **values) -> None:
        """Any other file at ``url`` (JSON, XML, CSS), from a template."""
        self.page(template, url, title="", in_sitemap=False, **values)

    def text(self, url: str, payload: str) -> None:
        """A file whose text is ready (JSON made by an output)."""
        self.file("raw.txt", url, payload=payload)
