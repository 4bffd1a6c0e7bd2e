"""Where everything lives on the site: the one place that makes URLs.

Entry pages follow the URL patterns of :mod:`directory.kinds`; the site's
own sections (search, A to Z, sitemap, …) are named in :data:`SECTIONS`.
Templates get :func:`url` and :func:`asset`; outputs and JSON-LD call the same
functions, so no URL is written by hand anywhere else.
"""

from __future__ import annotations

import string

from . import model
from .kinds import BY_MODEL, CONSULTATIONS, KINDS, LISTED, VOCABULARIES, VOCABULARY

# the site's own pages and files, by the name templates and outputs use
SECTIONS = {
    "home": "/",
    "search": "/search/",
    "search-index": "/search/index.json",
    "a-z": "/a-z/",
    "not-found": "/404.html",
    "sitemap": "/sitemap.xml",
    "brand-css": "/brand.css",
    "updates": "/updates/",
    "feeds": "/feeds/",
    "calendars": "/calendars/",
    "openreferral": "/openreferral/",
    "embed": "/embed/",  # the embed builder; the frames' pages are below it
    "widget": "/widget/v1/",  # the embed script, its styles and its data: a version per format
    "admin": "/admin/",  # the web editor (Decap CMS) and its configuration
    "admin-config": "/admin/config.yml",
    **{k.folder: f"/{k.folder}/" for k in LISTED},
    CONSULTATIONS.folder: f"/{CONSULTATIONS.folder}/",
    **{v.name: f"/{v.name}/" for v in VOCABULARIES if v.has_pages},
}
# Pelican copies the theme's static files here (THEME_STATIC_DIR)
ASSETS = "/theme/"
LETTERS = ("0–9", *string.ascii_uppercase)


def url_for(obj) -> str:
    """Root-relative URL of a model object ("" when it has no page)."""
    if isinstance(obj, model.Term):
        return VOCABULARY[obj.vocabulary].url(obj.slug)
    return BY_MODEL[type(obj)].url(obj.slug)


def url(target) -> str:
    """For templates: a model object's URL, or a section's by its name."""
    return SECTIONS[target] if isinstance(target, str) else url_for(target)


def feed_url(name_or_term) -> str:
    """A feed's URL, by name ("services") or for a category or area."""
    if isinstance(name_or_term, model.Term):
        return f"{SECTIONS['feeds']}{name_or_term.vocabulary}/{name_or_term.slug}.atom"
    return f"{SECTIONS['feeds']}{name_or_term}.atom"


def calendar_url(name_or_term) -> str:
    """A calendar's URL, by name ("consultations") or for an area."""
    if isinstance(name_or_term, model.Term):
        return f"{SECTIONS['calendars']}{name_or_term.vocabulary}/{name_or_term.slug}.ics"
    return f"{SECTIONS['calendars']}{name_or_term}.ics"


def slice_path(kind_folder: str, filter_name: str, value: str) -> str:
    """'services/category/food-banks'; 'services' for every service."""
    return "/".join(part for part in (kind_folder, filter_name, value) if part)


def widget_data_url(kind_folder: str, filter_name: str = "", value: str = "") -> str:
    """The data file of a slice (``slices.py``), as the embed script asks for it;
    without a value, the list of a filter's values."""
    return f"{SECTIONS['widget']}data/{slice_path(kind_folder, filter_name, value)}.json"


def embed_url(kind_folder: str, filter_name: str = "", value: str = "") -> str:
    """The frame page of a slice."""
    return f"{SECTIONS['embed']}{slice_path(kind_folder, filter_name, value)}/"


def asset(path: str) -> str:
    """The URL of a file of the theme's ``static/`` folder."""
    return ASSETS + path


def letter_of(name: str) -> str:
    """The A to Z letter an entry is listed under."""
    first = name[:1].upper()
    return first if first in string.ascii_uppercase else LETTERS[0]


def letter_url(letter: str) -> str:
    return f"{SECTIONS['a-z']}0-9/" if letter == LETTERS[0] else f"{SECTIONS['a-z']}{letter.lower()}/"


def page_url(base_url: str, number: int) -> str:
    """Page ``number`` of a paged list whose first page is ``base_url``."""
    return base_url if number == 1 else f"{base_url}page/{number}/"


def save_as(url: str) -> str:
    """The output file for a root-relative URL ('/a/b/' -> 'a/b/index.html')."""
    path = url.lstrip("/")
    return path + "index.html" if path.endswith("/") or not path else path


def _first_segment(path: str) -> str:
    return path.strip("/").split("/")[0].split(".")[0]


# A page's URL is /<slug>/: it must not take the place of one of the site's own.
RESERVED_PAGE_SLUGS = frozenset(
    {_first_segment(u) for u in SECTIONS.values() if u != "/"}
    | {k.folder for k in KINDS}
    | {_first_segment(ASSETS), "index"}
)
