"""Every kind of entry and every vocabulary, described once.

The loader finds files through this table, validates them against the schema
it names and builds model objects with its builder; the cross-file checks
read its references; URLs, reserved page names and messages derive from it.
Adding a kind is one entry here, one schema in ``reading/schemas/``, one
builder in ``reading/builders.py`` and one template.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import model
from .reading import builders

YAML = (".yaml", ".yml")
MARKDOWN = (".md",)


@dataclass(frozen=True)
class Vocabulary:
    """A taxonomy file, ``content/taxonomy/<name>.yaml``."""

    name: str  # "categories": the file's name, and the URL prefix of its pages
    noun: str  # one term, in messages: "there is no category called …"
    title: str  # a heading: "Categories"
    has_pages: bool = False  # terms get /<name>/<slug>/ pages, and /<name>/ lists them

    @property
    def where(self) -> str:
        return f"content/taxonomy/{self.name}.yaml"

    def url(self, slug: str) -> str:
        return f"/{self.name}/{slug}/" if self.has_pages else ""


@dataclass(frozen=True)
class Kind:
    """One kind of entry: where its files are, how they are read and published."""

    name: str  # its schema: reading/schemas/<name>.json
    folder: str  # content/<folder>/; also the Directory attribute holding its objects
    suffixes: tuple[str, ...]
    noun: str  # one entry, in messages: "there is no location called …"
    label: str  # one entry, in lists: "Service"
    build: Callable  # (Entry, builders.Tools) -> the model object
    model: type | None = None  # None: the builder makes several objects (taxonomy)
    template: str = ""  # its page's template; "" for kinds without pages
    url_pattern: str = ""  # "/services/{slug}/"; "" for kinds without pages
    title: str = ""  # a heading for all of them: "Places"
    intro: str = ""  # the sentence under that heading; "" when it has no such list
    # (dotted path in the entry, folder or vocabulary it names); "*" is every item of a list
    references: tuple[tuple[str, str], ...] = ()
    file_stems: tuple[str, ...] = ()  # when not empty, the only file names it takes
    attribute: str = ""  # the Directory attribute holding its objects, when not its folder

    @property
    def where(self) -> str:
        return f"content/{self.folder}/"

    @property
    def holder(self) -> str:
        """The Directory attribute that holds its objects by slug."""
        return self.attribute or self.folder

    def url(self, slug: str | None) -> str:
        return self.url_pattern.format(slug=slug) if self.url_pattern and slug else ""


VOCABULARIES = (
    Vocabulary("categories", "category", "Categories", has_pages=True),
    Vocabulary("areas", "area", "Areas", has_pages=True),
    Vocabulary("audiences", "audience", "Audiences"),
    Vocabulary("accessibility", "accessibility term", "Accessibility"),
)
VOCABULARY = {v.name: v for v in VOCABULARIES}

SERVICES = Kind(
    "service",
    "services",
    YAML,
    "service",
    "Service",
    builders.service,
    model.Service,
    "service.html",
    "/services/{slug}/",
    title="Services",
    intro="Every service in the directory, by name.",
    references=(
        ("organization", "organisations"),
        ("locations", "locations"),
        ("locations.*.accessibility", "accessibility"),
        ("categories", "categories"),
        ("areas", "areas"),
        ("audiences", "audiences"),
        ("accessibility", "accessibility"),
    ),
)
ORGANISATIONS = Kind(
    "organisation",
    "organisations",
    YAML,
    "organisation",
    "Organisation",
    builders.organisation,
    model.Organisation,
    "organisation.html",
    "/organisations/{slug}/",
    title="Groups and organisations",
    intro="Every community group, charity and organisation in the directory, by name.",
    references=(("areas", "areas"), ("categories", "categories"), ("locations", "locations")),
)
LOCATIONS = Kind(
    "location",
    "locations",
    YAML,
    "location",
    "Place",
    builders.location,
    model.Location,
    "location.html",
    "/locations/{slug}/",
    title="Places",
    intro="Venues where services in the directory happen, by name.",
    references=(("accessibility", "accessibility"),),
)
CONSULTATIONS = Kind(
    "consultation",
    "consultations",
    MARKDOWN,
    "consultation",
    "Consultation",
    builders.consultation,
    model.Consultation,
    "consultation.html",
    "/consultations/{slug}/",
    title="Consultations",
    references=(
        ("organization", "organisations"),
        ("related_services", "services"),
        ("areas", "areas"),
        ("audiences", "audiences"),
        ("categories", "categories"),
        ("how_to_respond.events.*.location", "locations"),
    ),
)
PAGES = Kind(
    "page", "pages", MARKDOWN, "page", "Page", builders.page, model.Page, "page.html", "/{slug}/", title="Pages"
)
TAXONOMY = Kind(
    "taxonomy",
    "taxonomy",
    YAML,
    "taxonomy file",
    "Taxonomy",
    builders.vocabulary,
    title="Taxonomy",
    file_stems=tuple(v.name for v in VOCABULARIES),
)
SYNONYMS = Kind(
    "synonyms",
    "taxonomy",
    YAML,
    "synonyms file",
    "Synonyms",
    builders.synonyms,
    title="Synonyms for search",
    file_stems=("synonyms",),
    attribute="synonyms",
)

# in reading order: the loader reads the folders in this order
KINDS = (SERVICES, ORGANISATIONS, LOCATIONS, CONSULTATIONS, PAGES, TAXONOMY, SYNONYMS)
FOLDERS = tuple(dict.fromkeys(k.folder for k in KINDS))  # each folder once, in reading order
BY_MODEL = {k.model: k for k in KINDS if k.model is not None}
LISTED = tuple(k for k in KINDS if k.intro)  # kinds with a paged list of all of them


_IN_FOLDER = {folder: tuple(k for k in KINDS if k.folder == folder) for folder in FOLDERS}


def kinds_in(folder: str) -> tuple[Kind, ...]:
    return _IN_FOLDER.get(folder, ())  # asked once per file read


def noun_and_place(target: str) -> str:
    """What a reference names, for messages: "category (content/taxonomy/categories.yaml)"."""
    found = VOCABULARY.get(target) or kinds_in(target)[0]
    return f"{found.noun} ({found.where})"
