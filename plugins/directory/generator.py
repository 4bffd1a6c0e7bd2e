"""The Pelican generator: read the directory into the context, then run the outputs."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from jinja2 import ChoiceLoader, FileSystemLoader
from pelican.generators import Generator

from .build_time import build_moment
from .hosting import BASE_POLICY
from .logs import report_for_build, summary_log
from .outputs import write_all
from .outputs.site import Output, Site
from .problems import ContentError
from .reading.loader import load_directory
from .relations import relate
from .settings import directory_settings
from .urls import asset, url
from .words import format_date, nobreak, status_word

logger = logging.getLogger(__name__)

# the plugin's own templates (sitemap, raw files, brand colours): a theme may
# override them, so they come after the theme's
PLUGIN_TEMPLATES = str(Path(__file__).parent / "outputs" / "templates")


class DirectoryGenerator(Generator):
    """Reads ``content/`` through the strict loader and writes every directory page."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.env.loader = ChoiceLoader([self.env.loader, FileSystemLoader(PLUGIN_TEMPLATES)])
        self.env.filters["nobreak"] = nobreak
        self.site = None

    def generate_context(self):
        self.started = time.perf_counter()
        settings = directory_settings(self.settings)
        content_dir = Path(self.path)
        now = build_moment(content_dir, settings.timezone)
        result = load_directory(content_dir, settings, now.date())
        report_for_build(result.problems, settings.stale_after_days)
        if result.errors:
            raise ContentError(result.problems)
        directory = result.directory
        self.site = Site(directory, relate(directory), settings, now)
        self.context.update(
            directory=directory,
            site=settings,
            url=url,
            asset=asset,
            formatdate=format_date,
            status_word=status_word,
            build_date=now.date(),
            content_security_policy=BASE_POLICY,  # also in each page, for hosts that send no headers
            footer_pages=sorted((p for p in directory.pages.values() if p.in_footer), key=lambda p: p.title.lower()),
        )

    def template(self, name: str):
        """A theme template by file name; the plugin's own ones by theirs."""
        if name.endswith(".html"):
            return self.get_template(name.removesuffix(".html"))
        return self.env.get_template(name)

    def generate_output(self, writer):
        out = Output(writer, self.template, self.context, self.site.settings)
        write_all(self.site, out)
        seconds = time.perf_counter() - self.started
        summary_log.info("Built %s: %s files in %.1f s", self.site.describe(), f"{len(out.written):,}", seconds)
