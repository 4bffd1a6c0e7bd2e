"""One entry's file read on its own: bytes → text → strict YAML → convert →
validate → check → model object.

Nothing here looks at another file, so files can be read in any process and
in any order (``loader.py`` shares them between the cores) and each file's
result can be kept in the build cache (``cache.py``) under its own bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..kinds import TAXONOMY
from ..problems import ContentProblem
from .builders import Tools
from .checks import check_entry, references
from .files import FileProblem
from .lookalikes import lookalike
from .schemas import coerce
from .strict_yaml import Marks, StrictYAMLError, hidden_character, load_all
from .validation import valid_part, validate_entry

MAX_BODY = 50_000  # characters of Markdown after a page's or consultation's fields: many pages' worth


@dataclass(frozen=True)
class EntryJob:
    """A file to read: its kind, its slug, its path, and that path as messages show it."""

    kind: object  # kinds.Kind
    slug: str
    path: str
    source: str


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
class FileRead:
    """What one file gives the loader: its problems; the references it makes
    (also when it has errors elsewhere: see ``EntryFile.entry``); and, when it
    has no errors, its model object and its look-alike record.  Only these are
    kept, not the file's data and marks: memory stays small at any size."""

    problems: list[ContentProblem] = field(default_factory=list)
    built: object = None  # the model object
    references: list = field(default_factory=list)  # checks.Reference
    lookalike: object = None  # lookalikes.Record
    # a taxonomy file with errors: the names of its terms (a reference to one is
    # not a second mistake), or None when its fields could not be read at all
    terms: frozenset | None = None


class EntryFile:
    """Reads the bytes of one file (``read``) into a :class:`FileRead`."""

    def __init__(self, job: EntryJob, settings, today: date, tools: Tools):
        self.job, self.settings, self.today, self.tools = job, settings, today, tools
        self.out = FileRead()

    def problem(self, line, col, message) -> None:
        self.out.problems.append(ContentProblem(self.job.source, line, col, "error", message))

    def read(self, raw: bytes | FileProblem) -> FileRead:
        """``raw`` is the file's bytes, or why they could not be read."""
        entry = self.entry(raw)
        if entry is None:
            return self.out
        has_errors = any(p.is_error for p in self.out.problems)
        checked = check_entry(entry, self.today, self.settings, self.tools.tz)
        self.out.references = references(entry)
        if has_errors:  # the valid part of a file with mistakes: its other mistakes too, but no advice
            self.out.problems.extend(p for p in checked if p.is_error)
            return self.out
        self.out.problems.extend(checked)
        self.out.lookalike = lookalike(entry)
        self.out.built = self.job.kind.build(entry, self.tools)
        return self.out

    def text(self, raw: bytes | FileProblem) -> str | None:
        if isinstance(raw, FileProblem):
            self.problem(1, 1, str(raw))
            return None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            before = raw[: err.start]
            line = before.count(b"\n") + 1
            line_start = before[before.rfind(b"\n") + 1 :]
            col = len(line_start.decode("utf-8", errors="replace")) + 1
            self.problem(
                line,
                col,
                f"the file is not UTF-8 text (byte 0x{raw[err.start]:02x} here); save it with UTF-8 encoding",
            )
            return None
        text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        if not text.strip():
            self.problem(1, 1, "the file is empty; write the entry's fields, or delete the file")
            return None
        if "\x00" in text:
            self.problem(1, 1, "the file contains a NUL character; save it as plain text")
            return None
        return text

    def entry(self, raw) -> Entry | None:
        text = self.text(raw)
        if text is None:
            return None
        job, body, offset = self.job, "", 0
        if job.path.endswith(".md"):
            split = self.split_front_matter(text)
            if split is None:
                return None
            text, body, _ = split
            if not self.body_is_fine(*split[1:]):
                body = ""  # said; the fields are still read, for their own mistakes
            offset = 1
        try:
            data, marks, unsure = load_all(text, offset)
        except StrictYAMLError as err:
            for problem in (*err.earlier, err):
                self.problem(problem.line, problem.col, problem.message)
            return None
        for problem in unsure:  # a field named twice: the first is kept, and read on
            self.problem(problem.line, problem.col, problem.message)
        if not isinstance(data, dict):
            shape = "nothing" if data is None else ("a list" if isinstance(data, list) else "a single value")
            self.problem(offset + 1, 1, f"the file should hold fields written 'name: value', but holds {shape}")
            return None
        data = coerce(data, job.kind.name)
        self.out.problems.extend(validate_entry(job.kind.name, data, marks, job.source))
        if any(p.is_error for p in self.out.problems):
            data = self.valid_part(data)
        return None if data is None else Entry(job.kind, job.slug, job.source, data, marks, body)

    def valid_part(self, data: dict) -> dict | None:
        """Of a file with mistakes, the fields the checks within an entry and the
        references can still look at (validation.valid_part), so one run names
        its other mistakes too. Not a taxonomy file's: without its broken terms,
        a term under one would seem to have no parent (a false second mistake);
        the names of all its terms are kept instead, for the references to them."""
        if self.job.kind is TAXONOMY:
            self.out.terms = frozenset(name for name in data if isinstance(name, str))
            return None
        return valid_part(self.job.kind.name, data)

    def body_is_fine(self, body: str, first_line: int) -> bool:
        """The Markdown after the fields: within its length, no hidden characters."""
        if len(body) > MAX_BODY:
            self.problem(first_line, 1, f"the text is too long ({len(body):,} characters; at most {MAX_BODY:,})")
            return False
        hidden = hidden_character(body)
        if hidden:
            before = body[: body.index(hidden)]
            line, col = first_line + before.count("\n"), len(before) - before.rfind("\n")
            self.problem(line, col, f"the text contains a hidden control character (U+{ord(hidden):04X}); delete it")
            return False
        return True

    def split_front_matter(self, text: str):
        """``(fields, body, line where the body starts)``, or None."""
        lines = text.split("\n")
        if lines[0].strip() != "---":
            self.problem(
                1,
                1,
                "the file must start with a line of three dashes (---), then the fields, "
                "then another --- line, then the text",
            )
            return None
        for number, line in enumerate(lines[1:], start=1):
            if line.strip() == "---":
                return "\n".join(lines[1:number]), "\n".join(lines[number + 1 :]), number + 2
        self.problem(1, 1, "the fields at the top are not closed: add a line of three dashes (---) after them")
        return None
