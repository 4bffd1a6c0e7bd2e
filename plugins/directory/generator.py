"""The Pelican generator: read the directory into the context, then run the outputs."""

from __future__ import annotations

import gc
import logging
import time
from pathlib import Path

from jinja2 import ChoiceLoader, FileSystemLoader
from pelican.generators import Generator

from .build_options import build_options
from .build_time import build_moment, today
from .cache import Cache
from .hosting import BASE_POLICY
from .logs import report_for_build, summary_log
from .outputs import write_all
from .outputs.site import Output, Site
from .problems import ContentError
from .reading.loader import load_directory
from .relations import by_name, relate
from .settings import directory_settings
from .urls import asset, url
from .words import format_date, nobreak, status_word
from .workers import affordable, resident_bytes

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
        # what the macros use, as globals: the templates import the macros without
        # their context, so Jinja makes each macro file once, not once per page
        self.env.globals.update(url=url, asset=asset, formatdate=format_date, status_word=status_word)
        self.site = None

    def generate_context(self):
        self.started = time.perf_counter()
        options = build_options(self.settings)
        self.jobs = options.jobs
        problems = self.read(Cache(options.cache or None), self.jobs)
        report_for_build(problems, directory_settings(self.settings).stale_after_days)
        if any(p.is_error for p in problems):
            raise ContentError(problems)
        # the model lives until the build ends: the collector need not look at it again
        # (a large directory is hundreds of thousands of objects), nor the workers copy it
        gc.freeze()
        self.read_seconds = time.perf_counter() - self.started

    def read(self, cache, jobs: int, lookalikes=True) -> list:
        """Read the content folder into ``self.site`` and the templates' context
        (left as they were if any problem is an error); its problems, unprinted."""
        settings = directory_settings(self.settings)
        content_dir = Path(self.path)
        # two clocks (build_time.py): what is written is as of the build moment, so a commit
        # builds the same bytes; what a person is told (a date in the future, stale entries)
        # is as of the real date, as make validate tells it. Only the checks depend on that
        # day, never the model. A build as of a moment still to come (SOURCE_DATE_EPOCH
        # ahead) checks as of that moment: its pages say what is true then.
        now = build_moment(content_dir, settings.timezone)
        day = max(today(settings.timezone), now.date())
        result = load_directory(content_dir, settings, day, jobs=jobs, cache=cache, lookalikes=lookalikes)
        if result.errors:
            return result.problems
        directory = result.directory
        self.site = Site(directory, relate(directory), settings, now)
        self.env.globals["site"] = settings
        self.context.update(
            directory=directory,
            build_date=now.date(),
            content_security_policy=BASE_POLICY,  # also in each page, for hosts that send no headers
            footer_pages=sorted((p for p in directory.pages.values() if p.in_footer), key=by_name),
        )
        return result.problems

    def template(self, name: str):
        """A theme template by file name; the plugin's own ones by theirs."""
        if name.endswith(".html"):
            return self.get_template(name.removesuffix(".html"))
        return self.env.get_template(name)

    def generate_output(self, writer):
        out = Output(writer, self.template, self.context, self.site.settings)
        limit = build_options(self.settings).memory_mb * 1_000_000
        self.jobs = affordable(self.jobs, limit)
        write_all(self.site, out, self.jobs)
        seconds = time.perf_counter() - self.started
        logger.info(
            "read in %.1f s, wrote in %.1f s, with %d process(es) (memory held: %.0f MB)",
            self.read_seconds,
            seconds - self.read_seconds,
            self.jobs,
            resident_bytes() / 1e6,
        )
        summary_log.info(
            "Built %s for %s: %s files in %.1f s",
            self.site.describe(),
            self.site.settings.site_url,
            f"{len(out.written):,}",
            seconds,
        )
