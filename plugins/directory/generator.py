"""The Pelican generator: load the directory into the context, then write it."""

from __future__ import annotations

import logging
from pathlib import Path

from jinja2 import ChoiceLoader, FileSystemLoader
from pelican.generators import Generator

from .build_time import build_moment
from .loader import load_directory
from .pages import SiteWriter
from .problems import ContentError
from .relations import relate
from .urls import url_for
from .words import format_date

logger = logging.getLogger(__name__)

TEMPLATES = (
    "home.html", "listing.html", "service.html", "organisation.html", "location.html", "term.html",
    "terms.html", "az.html", "consultations.html", "consultation.html", "page.html",
    "search.html", "404.html", "sitemap.xml", "raw.txt", "brand.css",
)


# the plugin's own templates (sitemap, search index, brand colours): a theme
# may override them, so they come after the theme's
PLUGIN_TEMPLATES = str(Path(__file__).with_name("templates"))


class DirectoryGenerator(Generator):
    """Reads ``content/`` through the strict loader and writes every directory page."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.env.loader = ChoiceLoader([self.env.loader, FileSystemLoader(PLUGIN_TEMPLATES)])

    def generate_context(self):
        settings = self.settings["DIRECTORY_SETTINGS"]
        content_dir = Path(self.path)
        now = build_moment(content_dir, settings.timezone)
        result = load_directory(content_dir, settings, now.date())
        if result.errors:  # the exception carries every problem, warnings too
            raise ContentError(result.problems)
        for problem in result.problems:
            logger.warning("%s", problem)
        self.directory = result.directory
        self.relations = relate(self.directory)
        self.now = now
        self.context.update(
            directory=self.directory,
            site=settings,
            url=url_for,
            formatdate=format_date,
            build_date=now.date(),
            footer_pages=sorted(
                (p for p in self.directory.pages.values() if p.in_footer),
                key=lambda p: p.title.lower(),
            ),
        )

    def generate_output(self, writer):
        templates = {name: self.get_template(name.rsplit(".", 1)[0]) if name.endswith(".html")
                     else self.env.get_template(name) for name in TEMPLATES}
        SiteWriter(
            writer, templates, self.context, self.directory, self.relations,
            self.settings["DIRECTORY_SETTINGS"], self.now,
        ).write_all()
