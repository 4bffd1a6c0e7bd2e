"""``/embed/``: the builder a council officer makes a widget with, and one frame
page per slice of the directory (``slices.py``) for sites that embed an iframe.

A frame page is the list itself, written by the build, so that it shows without
JavaScript; with JavaScript the widget script takes over and the frame follows
its address's options (``theme/static/js/embed-frame.js``). Frame pages may be
framed by any site (``hosting.FRAMEABLE``); they are not in the sitemap and ask
search engines not to index them.
"""

from __future__ import annotations

from ..consultation_status import status_of
from ..kinds import CONSULTATIONS
from ..relations import by_name
from ..slices import EMBEDDABLE, ORGANISATION_FILTER, VOCABULARY_FILTERS, slices
from ..urls import embed_url, url
from ..words import format_date
from .widgets import SCRIPT, integrity, records, theme_file

# the widget's kind attribute, and how the builder names each kind
KIND_CHOICES = {kind.name: kind.title for kind in EMBEDDABLE}


def heading(piece) -> str:
    return f"{piece.kind.title}: {piece.name}" if piece.filter else piece.kind.title


def frame_items(site, piece, shown: dict) -> list[dict]:
    """What the frame lists: as the widget shows it, but for consultations with their
    status at the build moment, and no closed ones."""
    if piece.kind is not CONSULTATIONS:
        return [shown[id(item)] for item in piece.items]
    found = []
    for c in piece.items:
        status, words = status_of(c, site.now, site.settings.closing_soon_days)
        if status not in ("closed", "outcome"):
            found.append({**shown[id(c)], "f": [words, f"Closes {format_date(c.closes)}"]})
    return found


def write_frame(site, out, piece, shown: dict) -> None:
    out.page(
        "embed.html",
        embed_url(piece.kind.folder, piece.filter, piece.value),
        title=heading(piece),
        description=f"{heading(piece)}, from the {site.settings.site_name}, kept up to date.",
        in_sitemap=False,
        heading=heading(piece),
        items=frame_items(site, piece, shown),
        kind=piece.kind,
        slice_filter=piece.filter,
        slice_value=piece.value,
        slice_page=piece.page,
    )


def builder_choices(site) -> list[dict]:
    """The filters the builder offers: each with its values and the kinds it applies to."""
    choices = []
    for name, vocabulary in VOCABULARY_FILTERS.items():
        values = [(t.slug, t.name) for t in site.sorted_terms(vocabulary)]
        choices.append({"name": name, "values": values, "kinds": [k.name for k, f in EMBEDDABLE.items() if name in f]})
    organisations = sorted(site.directory.organisations.values(), key=by_name)
    choices.append(
        {
            "name": ORGANISATION_FILTER,
            "values": [(o.slug, o.name) for o in organisations],
            "kinds": [k.name for k, f in EMBEDDABLE.items() if ORGANISATION_FILTER in f],
        }
    )
    return choices


def write(site, out) -> None:
    shown = records(site)
    for piece in slices(site.directory, site.relations):
        write_frame(site, out, piece, shown)
    out.page(
        "embed-builder.html",
        url("embed"),
        title="Put the directory on your website",
        description=f"Show a list from the {site.settings.site_name} on your own website, kept up to date for you.",
        kinds=KIND_CHOICES,
        choices=builder_choices(site),
        script_url=url("widget") + SCRIPT,
        script_integrity=integrity(theme_file(out, SCRIPT)),
    )
