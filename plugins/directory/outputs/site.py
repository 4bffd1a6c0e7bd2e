"""What every output receives: the related directory, and a writer for its files.

:class:`Site` is read-only: the model, its relations, the settings and the
build moment, with the small queries several outputs share.  :class:`Output`
wraps Pelican's writer, so every file goes through ``write_file`` (which
refuses to write one path twice) and every page is remembered for the sitemap.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from urllib.parse import quote

from markupsafe import escape
from pelican.utils import sanitised_join

from ..kinds import KINDS
from ..model import Directory
from ..relations import Relations, by_name
from ..search import documents
from ..settings import DirectorySettings
from ..urls import SECTIONS, feed_url, save_as, url_for
from .views import ConsultationView, consultation_view


@dataclass(frozen=True)
class Site:
    directory: Directory
    relations: Relations
    settings: DirectorySettings
    now: datetime  # the build moment, in the site's time zone
    # the search entries of the last read, for the devserver's preview to use again
    kept_search: documents.Kept | None = field(default=None, compare=False, repr=False)

    @property
    def today(self):
        return self.now.date()

    def terms(self, vocabulary: str, slugs) -> list:
        """The terms of ``vocabulary`` named by ``slugs``, in that order."""
        table = self.directory.taxonomy[vocabulary]
        return [table[s] for s in slugs if s in table]

    def sorted_terms(self, vocabulary: str) -> list:
        return sorted(self.directory.taxonomy[vocabulary].values(), key=by_name)

    def counted(self, vocabulary: str, terms) -> list:
        """``(term, number of services under it)`` for each term."""
        services_by = self.relations.tagged(vocabulary)[0]
        return [(t, len(services_by.get(t.slug, ()))) for t in terms]

    def top_categories(self) -> list:
        tops = [t for t in self.sorted_terms("categories") if not t.parent]
        return self.counted("categories", tops)

    def describe(self) -> str:
        """What the directory holds, in words: "83 services, 32 organisations, …"."""
        d = self.directory
        held = [(len(getattr(d, k.folder)), k.noun) for k in KINDS if k.model is not None]
        return ", ".join(f"{n:,} {noun}{'' if n == 1 else 's'}" for n, noun in held)

    @cached_property
    def search_entries(self) -> list:
        """Every entry as search sees it (``search/documents.py``), made once for
        the outputs that need them (search, the widgets' data)."""
        return documents.entries(self.directory, self.now, self.settings.closing_soon_days, self.kept_search)

    def consultations(self, items) -> list[ConsultationView]:
        return [consultation_view(c, self.now, self.settings.closing_soon_days, url_for(c)) for c in items]


ATOM = "application/atom+xml"
CALENDAR = "text/calendar"
# the feeds every page offers; a page adds its own (an area's, a category's)
SITE_FEEDS = (
    (ATOM, "New and updated services", feed_url("services")),
    (ATOM, "New consultations", feed_url("consultations")),
)
TITLE_LIMIT = 70  # characters a search engine shows of a page's <title>


def _fits(text: str) -> bool:
    # measured as written in the page, entities and all, as HTML checkers count it
    return len(escape(text)) <= TITLE_LIMIT


def document_title(title: str, site_name: str) -> str:
    """The page's <title>: "Title – Site", or the title alone when that is too
    long, cut at a word when even that is."""
    if not title or title == site_name:
        return site_name
    for candidate in (f"{title} – {site_name}", title):
        if _fits(candidate):
            return candidate
    words = title.split(" ")
    while len(words) > 1 and not _fits(" ".join(words) + "…"):
        words.pop()
    return " ".join(words).rstrip(",;:–-") + "…"


def change_by_email(contact_email: str, title: str) -> str:
    """A mailto: link asking for a change to the page ``title`` ("" without an address)."""
    return f"mailto:{contact_email}?subject={quote('Suggest a change: ' + title, safe='/')}" if contact_email else ""


@dataclass
class Output:
    """Writes pages and files through Pelican's writer."""

    writer: object  # pelican.writers.Writer
    template: object  # name -> jinja2 Template
    context: dict
    settings: DirectorySettings
    pages: list[str] = field(default_factory=list)  # URLs of the pages written, for the sitemap
    written: list[str] = field(default_factory=list)  # URLs of every file written
    _urls: set[str] = field(default_factory=set)  # the same, to refuse writing one twice

    def page(
        self,
        template: str,
        url: str,
        *,
        title: str,
        crumbs=(),
        jsonld=None,
        in_sitemap=True,
        entry_links=None,
        description="",
        alternates=(),
        **values,
    ) -> None:
        """An HTML page at ``url``; ``crumbs`` are the breadcrumbs after Home;
        ``entry_links`` an entry's own ways to ask for a change (repository.py);
        ``description`` what search engines and share previews show (the site's
        own by default); ``alternates`` the page's own feeds and calendars."""
        self._claim(url)
        s, home = self.settings, SECTIONS["home"]
        description = description or f"Find services, community groups and consultations in the {s.council_name} area."
        self.writer.write_file(
            save_as(url),
            self.template(template),
            self.context,
            page_title=title,
            document_title=document_title(title, s.site_name),
            breadcrumbs=[("Home", home), *crumbs] if url != home else [],
            canonical=url,
            jsonld=jsonld,
            entry_links=entry_links,
            change_url=entry_links.suggest if entry_links else change_by_email(s.contact_email, title or s.site_name),
            description=description,
            share_preview={
                "title": title or s.site_name,
                "description": description,
                "url": s.site_url + url,
                "site_name": s.site_name,
                "image": s.site_url + s.share_image if s.share_image else "",
            },
            alternates=[*SITE_FEEDS, *alternates],
            **values,
        )
        self.written.append(url)
        if in_sitemap:
            self.pages.append(url)

    def part(self) -> Output:
        """A writer of the same kind for one output, keeping its own lists (``take`` joins them)."""
        return Output(self.writer, self.template, self.context, self.settings)

    def done(self) -> tuple[list[str], list[str]]:
        return self.written, self.pages

    def take(self, done: tuple[list[str], list[str]]) -> None:
        """What a part wrote (``done()``), as if written here."""
        written, pages = done
        for url in written:
            self._claim(url)
        self.written += written
        self.pages += pages

    def _claim(self, url: str) -> None:
        if url in self._urls:
            raise RuntimeError(f"{url} was written twice")  # as Pelican's writer refuses to
        self._urls.add(url)

    def file(self, template: str, url: str, **values) -> None:
        """Any other file at ``url`` (JSON, XML, CSS), from a template."""
        self.page(template, url, title="", in_sitemap=False, **values)

    def text(self, url: str, payload: str) -> None:
        """A file whose text is ready (JSON made by an output), written as it is: there
        are tens of thousands of them in a large directory, and a template, a copy of
        the context and a signal for each cost more than the writing."""
        self._claim(url)
        path = sanitised_join(self.writer.output_path, save_as(url))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(payload)
        self.written.append(url)
