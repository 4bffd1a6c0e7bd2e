"""Load a content folder: read → strict YAML → convert → validate → model.

Every problem is collected (not just the first) so one run tells a volunteer
everything that needs fixing.  Files with errors do not become model objects,
but their slugs are remembered so that a broken file does not also cause a
cascade of "unknown reference" errors elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from . import model
from .dates import to_date, to_moment
from .problems import ContentProblem
from .relations import check_entry, check_references, references
from .sanitise import MarkdownRenderer
from .schemas import coerce
from .strict_yaml import Marks, StrictYAMLError, load as load_yaml
from .validation import validate_entry

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# folder -> (schema kind, file suffixes)
FOLDERS = {
    "services": ("service", (".yaml", ".yml")),
    "organisations": ("organisation", (".yaml", ".yml")),
    "locations": ("location", (".yaml", ".yml")),
    "consultations": ("consultation", (".md",)),
    "pages": ("page", (".md",)),
    "taxonomy": ("taxonomy", (".yaml", ".yml")),
}
VOCABULARIES = ("categories", "areas", "audiences", "accessibility")
_BUILDERS = {
    "services": "service",
    "organisations": "organisation",
    "locations": "location",
    "consultations": "consultation",
    "pages": "page",
}


@dataclass
class Entry:
    """One file's validated data, before it becomes a model object."""

    folder: str
    slug: str
    source: str
    data: dict
    marks: Marks
    body: str = ""


@dataclass
class LoadResult:
    directory: model.Directory
    problems: list[ContentProblem]
    references: list = field(default_factory=list)  # relations.Reference
    slugs: dict = field(default_factory=dict)  # folder -> {slug: source} of every file seen

    def known(self) -> dict:
        """Every slug a reference may name: files seen (even broken ones, so one
        broken file does not cause a cascade of errors) and taxonomy terms."""
        known = {folder: set(slugs) for folder, slugs in self.slugs.items()}
        known.update({vocab: set(terms) for vocab, terms in self.directory.taxonomy.items()})
        return known

    @property
    def errors(self) -> list[ContentProblem]:
        return [p for p in self.problems if p.is_error]


class Loader:
    def __init__(self, content_dir: Path, settings, today: date, source_root: Path | None = None):
        self.content_dir = Path(content_dir)
        self.settings = settings
        self.today = today
        # paths in messages are relative to where the command was run from
        self.source_root = source_root or Path.cwd()
        self.tz = ZoneInfo(settings.timezone)
        self.markdown = MarkdownRenderer()
        self.problems: list[ContentProblem] = []

    # --- files ---------------------------------------------------------------

    def display_path(self, path: Path) -> str:
        try:
            return str(path.resolve().relative_to(self.source_root.resolve()))
        except ValueError:
            return str(path)

    def problem(self, source, line, col, message, severity="error"):
        self.problems.append(ContentProblem(source, line, col, severity, message))

    def load(self) -> LoadResult:
        result = LoadResult(model.Directory(), self.problems)
        if not self.content_dir.is_dir():
            self.problem(str(self.content_dir), 1, 1, "the content folder does not exist")
            return result
        for folder, (kind, suffixes) in FOLDERS.items():
            seen = result.slugs.setdefault(folder, {})
            for path in sorted((self.content_dir / folder).glob("*")):
                if path.is_dir() or path.name.startswith("."):
                    continue
                source = self.display_path(path)
                if path.suffix not in suffixes:
                    self.problem(source, 1, 1, f"ignored: files in {folder}/ must end in {' or '.join(suffixes)}", "warning")
                    continue
                slug = path.stem
                if not SLUG.match(slug):
                    suggestion = re.sub(r"[^a-z0-9]+", "-", slug.lower()).strip("-") or "name"
                    self.problem(source, 1, 1, f"the file name {path.name!r} must be lower-case words joined by hyphens, like '{suggestion}{path.suffix}'")
                    continue
                if slug in seen:
                    self.problem(source, 1, 1, f"another file in {folder}/ has the same name: {seen[slug]}; each entry needs a name of its own")
                    continue
                seen[slug] = source
                entry = self.read_entry(path, folder, kind, slug, source)
                if entry is not None:
                    # keep only the model object and the references, not the
                    # file's data and marks: memory stays small at any size
                    self.problems.extend(check_entry(entry, self.today, self.settings))
                    result.references.extend(references(entry))
                    self.add_to_model(result.directory, entry)
        return result

    def read_text(self, path: Path, source: str) -> str | None:
        size = path.stat().st_size
        if size > self.settings.max_file_bytes:
            self.problem(source, 1, 1, f"the file is too large ({size:,} bytes; at most {self.settings.max_file_bytes:,}); one entry per file is plenty")
            return None
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            before = raw[: err.start]
            line = before.count(b"\n") + 1
            line_start = before[before.rfind(b"\n") + 1 :]
            col = len(line_start.decode("utf-8", errors="replace")) + 1
            self.problem(source, line, col, f"the file is not UTF-8 text (byte 0x{raw[err.start]:02x} here); save it with UTF-8 encoding")
            return None
        text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        if not text.strip():
            self.problem(source, 1, 1, "the file is empty; write the entry's fields, or delete the file")
            return None
        if "\x00" in text:
            self.problem(source, 1, 1, "the file contains a NUL character; save it as plain text")
            return None
        return text

    def read_entry(self, path, folder, kind, slug, source) -> Entry | None:
        text = self.read_text(path, source)
        if text is None:
            return None
        body, offset = "", 0
        if path.suffix == ".md":
            split = self.split_front_matter(text, source)
            if split is None:
                return None
            text, body, offset = split
        try:
            data, marks = load_yaml(text, offset)
        except StrictYAMLError as err:
            self.problem(source, err.line, err.col, err.message)
            return None
        if not isinstance(data, dict):
            shape = "nothing" if data is None else ("a list" if isinstance(data, list) else "a single value")
            self.problem(source, offset + 1, 1, f"the file should hold fields written 'name: value', but holds {shape}")
            return None
        if folder == "taxonomy" and slug not in VOCABULARIES:
            self.problem(source, 1, 1, f"unknown taxonomy file; use one of: {', '.join(v + '.yaml' for v in VOCABULARIES)}")
            return None
        data = coerce(data, kind)
        problems = validate_entry(kind, data, marks, source)
        self.problems.extend(problems)
        if any(p.is_error for p in problems):
            return None
        return Entry(folder, slug, source, data, marks, body)

    def split_front_matter(self, text: str, source: str):
        lines = text.split("\n")
        if lines[0].strip() != "---":
            self.problem(source, 1, 1, "the file must start with a line of three dashes (---), then the fields, then another --- line, then the text")
            return None
        for number, line in enumerate(lines[1:], start=1):
            if line.strip() == "---":
                return "\n".join(lines[1:number]), "\n".join(lines[number + 1 :]), 1
        self.problem(source, 1, 1, "the fields at the top are not closed: add a line of three dashes (---) after them")
        return None

    # --- model ---------------------------------------------------------------

    def add_to_model(self, directory: model.Directory, entry: Entry) -> None:
        if entry.folder == "taxonomy":
            directory.taxonomy[entry.slug] = {
                slug: term(entry.slug, slug, fields) for slug, fields in sorted(entry.data.items())
            }
            return
        build = getattr(self, _BUILDERS[entry.folder])
        getattr(directory, entry.folder)[entry.slug] = build(entry)

    def md(self, text) -> str:
        return self.markdown.render(text) if text else ""

    def service(self, e: Entry) -> model.Service:
        d = e.data
        return from_data(
            model.Service, d, slug=e.slug, source=e.source,
            description_html=self.md(d["description"]),
            eligibility_html=self.md(d.get("eligibility")),
            **_dates(d, "assured_date", "status_until"),
            cost_options=tuple(
                from_data(model.CostOption, c, **_dates(c, "valid_from", "valid_to"))
                for c in d.get("cost_options", ())
            ),
            phones=_phones(d.get("phones")),
            contacts=tuple(
                from_data(model.Contact, c, phones=_phones(c.get("phones")))
                for c in d.get("contacts", ())
            ),
            locations=tuple(
                loc if isinstance(loc, str) else self.location_from(None, loc, e.source)
                for loc in d.get("locations", ())
            ),
            schedules=tuple(
                from_data(model.Schedule, x, **_dates(x, "dtstart", "valid_from", "valid_to"))
                for x in d.get("schedules", ())
            ),
        )

    def organisation(self, e: Entry) -> model.Organisation:
        d = e.data
        return from_data(
            model.Organisation, d, slug=e.slug, source=e.source,
            description_html=self.md(d["description"]),
            phones=_phones(d.get("phones")),
            maintainers=tuple(m.lstrip("@") for m in d.get("maintainers", ())),
            **_dates(d, "assured_date"),
        )

    def location(self, e: Entry) -> model.Location:
        return self.location_from(e.slug, e.data, e.source)

    def location_from(self, slug, d: dict, source: str) -> model.Location:
        return from_data(
            model.Location, d, slug=slug, source=source,
            address=from_data(model.Address, d["address"]),
            description_html=self.md(d.get("description")),
            phones=_phones(d.get("phones")),
        )

    def consultation(self, e: Entry) -> model.Consultation:
        d = e.data
        respond = d["how_to_respond"]
        return from_data(
            model.Consultation, d, slug=e.slug, source=e.source,
            body_html=self.md(e.body),
            opens=to_moment(d["opens"], False, self.tz),
            closes=to_moment(d["closes"], True, self.tz),
            how_to_respond=from_data(
                model.HowToRespond, respond,
                phones=_phones(respond.get("phones")),
                events=tuple(
                    from_data(model.ResponseEvent, ev, **_dates(ev, "date"))
                    for ev in respond.get("events", ())
                ),
            ),
            documents=tuple(from_data(model.Document, doc) for doc in d.get("documents", ())),
            outcome_html=self.md(d.get("outcome")),
            **_dates(d, "outcome_published"),
        )

    def page(self, e: Entry) -> model.Page:
        return from_data(
            model.Page, e.data, slug=e.slug, source=e.source,
            body_html=self.md(e.body), **_dates(e.data, "updated"),
        )


def from_data(cls, data: dict, **converted):
    """A model object from validated data: fields the class has are copied
    (lists become tuples), missing ones keep the class's defaults, and
    ``converted`` gives the fields that need more than copying."""
    names = {f.name for f in fields(cls)}
    copied = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items() if k in names}
    return cls(**{**copied, **converted})


def term(vocabulary: str, slug: str, d: dict) -> model.Term:
    return from_data(model.Term, d, vocabulary=vocabulary, slug=slug)


def _dates(d: dict, *names) -> dict:
    return {n: to_date(d[n]) for n in names if n in d}


def _phones(items) -> tuple:
    return tuple(model.Phone(**p) for p in items or ())


def load_directory(content_dir, settings, today: date, source_root=None) -> LoadResult:
    """Load, validate and cross-check a content folder; problems sorted by file."""
    result = Loader(Path(content_dir), settings, today, source_root).load()
    result.problems.extend(check_references(result.references, result.known()))
    result.problems.sort()
    return result
