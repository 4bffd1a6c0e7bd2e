"""Outputs: everything the build writes, one module per output.

Each module has one function, ``write(site, out)``: ``site`` is the related
directory (:class:`~directory.outputs.site.Site`: model, relations, settings,
build moment), ``out`` writes files through Pelican's writer
(:class:`~directory.outputs.site.Output`).  Outputs only read the model;
templates only format what the outputs give them (view objects are in
``views.py``).  :data:`OUTPUTS` runs them in order; adding an output is one
module here and one line in the table.
"""

from __future__ import annotations

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

OUTPUTS = (
    home.write,
    entries.write,  # services, organisations, places, static pages
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
    hosting.write,  # _headers, _redirects: after every other file but the sitemap
    sitemap.write,  # last: it lists every page written before it
)


def write_all(site, out) -> None:
    for output in OUTPUTS:
        output(site, out)
