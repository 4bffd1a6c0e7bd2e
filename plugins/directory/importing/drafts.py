"""What an importer's mapping makes of one source record, before any file is
named: a :class:`Draft` in our field names, and the :class:`Notice` lines it
reports. :class:`Terms` finds a content folder's taxonomy terms by slug, code
or name."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..kinds import VOCABULARIES, VOCABULARY
from ..problems import printable
from .text import loose


@dataclass(frozen=True)
class Notice:
    """One line of an import's report, ``source:line: severity: message``."""

    source: str
    line: int
    severity: str  # "error" or "warning"
    message: str

    def __str__(self) -> str:
        return f"{printable(self.source)}:{self.line}: {self.severity}: {printable(self.message)}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


@dataclass
class Draft:
    """One service, or one organisation on its own, from one row or document.

    ``service`` holds a service's fields without ``organization`` and
    ``locations``: those are ``organisation`` (organisation fields) and
    ``places`` (location fields), matched or created when the draft is planned.
    ``strict``: any problem fails the draft (a spreadsheet row, which a person
    can fix); otherwise a place, phone, contact, schedule or cost option that
    does not fit is left out with a warning (a feed from another system).
    ``ident``: two drafts with different ids are different services, even of one
    name, organisation and place. ``columns`` names the source's column for each
    of our fields, for messages."""

    source: str
    line: int
    service: dict | None
    organisation: dict | None
    places: list[dict] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    strict: bool = False
    ident: str = ""  # the source's own id for the record, when it has one
    columns: dict = field(default_factory=dict)
    bad_fields: set = field(default_factory=set)  # fields its mapping reported a problem with already

    def note(self, severity: str, message: str) -> None:
        self.notices.append(Notice(self.source, self.line, severity, message))

    def warn(self, message: str) -> None:
        self.note("warning", message)

    def error(self, message: str, field: str = "") -> None:
        self.note("error", message)
        if field:
            self.bad_fields.add(field)

    @property
    def failed(self) -> bool:
        return any(n.is_error for n in self.notices)

    @property
    def label(self) -> str:
        """How messages name it: ``service 'Lunch Club'``."""
        if self.service is not None:
            name = self.service.get("name")
            return f"service {name!r}" if name else "the service (no name)"
        name = (self.organisation or {}).get("name")
        return f"organisation {name!r}" if name else "the organisation (no name)"


class Terms:
    """A content folder's taxonomy terms, found by slug, by the code of one of
    their mappings to a published vocabulary, or by name (case and spacing
    aside). Nothing is ever added: a term that is not there is not found."""

    def __init__(self, taxonomy: dict):
        self.by_code: dict[str, dict[str, str]] = {}
        self.by_name: dict[str, dict[str, str]] = {}
        for vocabulary in VOCABULARIES:
            codes, names = {}, {}
            for slug, term in taxonomy.get(vocabulary.name, {}).items():
                codes[slug] = slug
                for mapping in term.mappings:
                    codes.setdefault(loose(str(mapping.get("code", ""))), slug)
                names.setdefault(loose(term.name), slug)
            self.by_code[vocabulary.name], self.by_name[vocabulary.name] = codes, names

    def find(self, vocabulary: str, *words) -> str | None:
        """The slug of the term of ``vocabulary`` that one of ``words`` names."""
        for word in (w for w in words if isinstance(w, str) and w.strip()):
            slug = self.by_code[vocabulary].get(word.strip()) or self.by_code[vocabulary].get(loose(word))
            if slug or (slug := self.by_name[vocabulary].get(loose(word))):
                return slug
        return None

    def find_any(self, hint, *words) -> tuple[str, str] | None:
        """``(vocabulary, slug)``: in the vocabulary ``hint`` names when it is one
        of ours, else in each of them in turn (categories first)."""
        vocabularies = [hint] if hint in VOCABULARY else [v.name for v in VOCABULARIES]
        for vocabulary in vocabularies:
            slug = self.find(vocabulary, *words)
            if slug:
                return vocabulary, slug
        return None
