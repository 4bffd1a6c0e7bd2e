"""Outputs: everything the build writes, one module per output.

Each module has one function, ``write(site, out)``: ``site`` is the related
directory (:class:`~directory.outputs.site.Site`: model, relations, settings,
build moment), ``out`` writes files through Pelican's writer
(:class:`~directory.outputs.site.Output`).  Outputs only read the model;
templates only format what the outputs give them (view objects are in
``views.py``).  Adding an output is one module here and one line in a table.

The outputs of :data:`OUTPUTS` do not depend on one another, so they are
shared between the cores (``workers.py``); :data:`AFTER_ALL` then run in
order, in this process, because they read what every other output wrote.
Whatever the sharing, what each wrote is taken in the table's order, so the
site is the same as when they all run one after another.
"""

from __future__ import annotations

from ..workers import shared
from . import (
    a_to_z,
    brand,
    calendars,
    cms,
    consultations,
    embeds,
    entries,
    feeds,
    home,
    hosting,
    listings,
    not_found,
    openreferral,
    search,
    sitemap,
    updates,
    vocabularies,
    widgets,
)

SERVICE_PARTS = 4  # the services' pages are a third of the work: in parts, no one part outlasts the rest
OUTPUTS = (
    home.write,
    *(entries.services(part, SERVICE_PARTS) for part in range(SERVICE_PARTS)),
    entries.write,  # organisations, places, static pages
    listings.write,  # /services/, /organisations/, /locations/
    vocabularies.write,  # /categories/, /areas/ and their terms
    a_to_z.write,
    consultations.write,
    search.write,
    feeds.write,  # Atom
    calendars.write,  # iCalendar
    updates.write,  # /updates/: how to follow the feeds and calendars
    openreferral.write,  # /openreferral/: Open Referral UK 3.0
    widgets.write,  # /widget/v1/: the embed script and its data
    embeds.write,  # /embed/: the builder and the frame pages
    cms.write,  # /admin/: the web editor (Decap CMS) and its configuration
    not_found.write,
    brand.write,
)
AFTER_ALL = (
    hosting.write,  # _headers, _redirects: the rules for every file written before them
    sitemap.write,  # last: it lists every page written before it
)


def write_all(site, out, jobs: int = 1) -> None:
    """Every output, ``jobs`` at a time."""
    if jobs > 1:
        site.search_entries  # noqa: B018 - made once here, not once per process (search and widgets read them)

    def run(output):
        part = out.part()
        output(site, part)
        return part.done()

    for done in shared(run, OUTPUTS, jobs):
        out.take(done)
    for output in AFTER_ALL:
        output(site, out)
