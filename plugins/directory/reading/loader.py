"""Load a content folder: read → strict YAML → convert → validate → check → model.

Every problem is collected (not just the first) so one run tells a volunteer
everything that needs fixing.  Files with errors do not become model objects,
but their slugs are remembered so that a broken file does not also cause a
cascade of "unknown reference" errors elsewhere.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from .. import model
from ..kinds import VOCABULARIES
from ..problems import ContentProblem, DirectoryError, in_order
from .builders import Tools
from .checks import check_entry, check_references, references
from .files import FileProblem, find_entries, read_bytes
from .lookalikes import check_lookalikes, lookalike
from .postcodes import read_postcodes
from .schemas import coerce
from .strict_yaml import Marks, StrictYAMLError, hidden_character
from .strict_yaml import load as load_yaml
from .validation import validate_entry

logger = logging.getLogger(__name__)
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_BODY = 50_000  # characters of Markdown after a page's or consultation's fields: many pages' worth


@dataclass
class Entry:
    """One file's validated data, before it becomes a model object."""

    kind: object  # kinds.Kind
    slug: str
    source: str
    data: dict
    marks: Marks
    body: str = ""


@dataclass
class LoadResult:
    directory: model.Directory
    problems: list[ContentProblem]
    references: list = field(default_factory=list)  # checks.Reference
    lookalikes: list = field(default_factory=list)  # lookalikes.Record, for the duplicate check
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


def empty_directory() -> model.Directory:
    return model.Directory(taxonomy={v.name: {} for v in VOCABULARIES})


class Loader:
    def __init__(self, content_dir: Path, settings, today: date, source_root: Path | None = None):
        self.content_dir = Path(content_dir)
        self.settings = settings
        self.today = today
        # paths in messages are relative to where the command was run from
        self.source_root = source_root or Path.cwd()
        self.tools = Tools(ZoneInfo(settings.timezone))
        self.problems: list[ContentProblem] = []

    def display_path(self, path: Path) -> str:
        """``path`` as messages show it: from where the command runs, links
        left unresolved (a link's target is never shown, nor read)."""
        here = path.parent.resolve() / path.name
        try:
            return str(here.relative_to(self.source_root.resolve()))
        except ValueError:
            return str(here)

    def problem(self, source, line, col, message, severity="error"):
        self.problems.append(ContentProblem(source, line, col, severity, message))

    def load(self) -> LoadResult:
        result = LoadResult(empty_directory(), self.problems)
        root = self.content_dir
        if root.is_symlink() or not root.is_dir():
            why = "is a link; give the folder itself" if root.is_symlink() else "does not exist"
            self.problem(str(root), 1, 1, f"the content folder {why}")
            return result
        data_files = [self.settings.postcode_file] if self.settings.postcode_file else []
        for kind, path in find_entries(root, lambda p, why: self.problem(self.display_path(p), 1, 1, why), data_files):
            seen = result.slugs.setdefault(kind.folder, {})
            source = self.display_path(path)
            slug = path.stem
            if not SLUG.match(slug):
                suggestion = re.sub(r"[^a-z0-9]+", "-", slug.lower()).strip("-") or "name"
                self.problem(
                    source,
                    1,
                    1,
                    f"the file name {path.name!r} must be lower-case words joined by hyphens, "
                    f"like '{suggestion}{path.suffix}'",
                )
                continue
            if slug in seen:
                self.problem(
                    source,
                    1,
                    1,
                    f"another file in {kind.folder}/ has the same name: {seen[slug]}; "
                    "each entry needs a name of its own",
                )
                continue
            seen[slug] = source
            try:
                self.add_entry(result, path, kind, slug, source)
            except DirectoryError:
                raise
            except Exception as err:  # a bug: still name the file that set it off
                logger.debug("reading %s failed", source, exc_info=True)
                self.problem(
                    source,
                    1,
                    1,
                    f"Civic Hub could not read this file because of an internal error ({type(err).__name__}); "
                    "please report it, with the file",
                )
        if self.settings.postcode_file:
            self.read_postcodes(result, root / self.settings.postcode_file)
        return result

    def read_postcodes(self, result: LoadResult, path: Path) -> None:
        source = self.display_path(path)
        if not path.is_file() and not path.is_symlink():
            self.problem(source, 1, 1, "the postcode file named by the postcode_file setting does not exist")
            return
        result.directory.postcodes.update(
            read_postcodes(path, source, lambda line, col, message: self.problem(source, line, col, message))
        )

    def add_entry(self, result: LoadResult, path: Path, kind, slug: str, source: str) -> None:
        entry = self.read_entry(path, kind, slug, source)
        if entry is not None:
            # keep only the model object and the references, not the
            # file's data and marks: memory stays small at any size
            self.problems.extend(check_entry(entry, self.today, self.settings, self.tools.tz))
            result.references.extend(references(entry))
            record = lookalike(entry)
            if record is not None:
                result.lookalikes.append(record)
            getattr(result.directory, kind.holder)[slug] = kind.build(entry, self.tools)

    def read_text(self, path: Path, source: str) -> str | None:
        try:
            raw = read_bytes(path, self.settings.max_file_bytes)
        except FileProblem as err:
            self.problem(source, 1, 1, str(err))
            return None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            before = raw[: err.start]
            line = before.count(b"\n") + 1
            line_start = before[before.rfind(b"\n") + 1 :]
            col = len(line_start.decode("utf-8", errors="replace")) + 1
            self.problem(
                source,
                line,
                col,
                f"the file is not UTF-8 text (byte 0x{raw[err.start]:02x} here); save it with UTF-8 encoding",
            )
            return None
        text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        if not text.strip():
            self.problem(source, 1, 1, "the file is empty; write the entry's fields, or delete the file")
            return None
        if "\x00" in text:
            self.problem(source, 1, 1, "the file contains a NUL character; save it as plain text")
            return None
        return text

    def read_entry(self, path, kind, slug, source) -> Entry | None:
        text = self.read_text(path, source)
        if text is None:
            return None
        body, offset = "", 0
        if path.suffix == ".md":
            split = self.split_front_matter(text, source)
            if split is None or not self.body_is_fine(*split[1:], source):
                return None
            text, body, _ = split
            offset = 1
        try:
            data, marks = load_yaml(text, offset)
        except StrictYAMLError as err:
            self.problem(source, err.line, err.col, err.message)
            return None
        if not isinstance(data, dict):
            shape = "nothing" if data is None else ("a list" if isinstance(data, list) else "a single value")
            self.problem(source, offset + 1, 1, f"the file should hold fields written 'name: value', but holds {shape}")
            return None
        data = coerce(data, kind.name)
        problems = validate_entry(kind.name, data, marks, source)
        self.problems.extend(problems)
        if any(p.is_error for p in problems):
            return None
        return Entry(kind, slug, source, data, marks, body)

    def body_is_fine(self, body: str, first_line: int, source: str) -> bool:
        """The Markdown after the fields: within its length, no hidden characters."""
        if len(body) > MAX_BODY:
            self.problem(
                source, first_line, 1, f"the text is too long ({len(body):,} characters; at most {MAX_BODY:,})"
            )
            return False
        hidden = hidden_character(body)
        if hidden:
            before = body[: body.index(hidden)]
            line, col = first_line + before.count("\n"), len(before) - before.rfind("\n")
            self.problem(
                source,
                line,
                col,
                f"the text contains a hidden control character (U+{ord(hidden):04X}); delete it",
            )
            return False
        return True

    def split_front_matter(self, text: str, source: str):
        """``(fields, body, line where the body starts)``, or None."""
        lines = text.split("\n")
        if lines[0].strip() != "---":
            self.problem(
                source,
                1,
                1,
                "the file must start with a line of three dashes (---), then the fields, "
                "then another --- line, then the text",
            )
            return None
        for number, line in enumerate(lines[1:], start=1):
            if line.strip() == "---":
                return "\n".join(lines[1:number]), "\n".join(lines[number + 1 :]), number + 2
        self.problem(source, 1, 1, "the fields at the top are not closed: add a line of three dashes (---) after them")
        return None


def load_directory(content_dir, settings, today: date, source_root=None) -> LoadResult:
    """Load, validate and cross-check a content folder; problems sorted by file."""
    result = Loader(Path(content_dir), settings, today, source_root).load()
    result.problems.extend(check_references(result.references, result.known()))
    result.problems.extend(check_lookalikes(result.lookalikes, result.directory))
    result.problems.sort(key=in_order)
    return result
