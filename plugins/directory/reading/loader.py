"""Load a content folder: read → strict YAML → convert → validate → check → model.

Every problem is collected (not just the first) so one run tells a volunteer
everything that needs fixing: the references of every file are checked, also
those of a file with errors (of the part of it that is valid: entry_file.py).
Files with errors do not become model objects, but their slugs (and a broken
taxonomy file's terms) are remembered so that a broken file does not also cause
a cascade of "unknown reference" errors elsewhere.
"""

from __future__ import annotations

import logging
import os
import re
import time
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from .. import model
from ..cache import Cache, code_version, digest
from ..kinds import TAXONOMY, VOCABULARIES
from ..problems import ContentProblem, DirectoryError, in_order
from ..workers import shared
from .builders import Tools
from .checks import check_references
from .entry_file import EntryFile, EntryJob, FileRead
from .files import FileProblem, find_entries, read_file, settled, signature, stem_and_suffix
from .lookalikes import check_lookalikes
from .postcodes import read_postcodes

logger = logging.getLogger(__name__)
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")  # the whole name: fullmatch


@dataclass
class LoadResult:
    directory: model.Directory
    problems: list[ContentProblem]
    references: list = field(default_factory=list)  # checks.Reference
    lookalikes: list = field(default_factory=list)  # lookalikes.Record, for the duplicate check
    slugs: dict = field(default_factory=dict)  # folder -> {slug: source} of every file seen
    # vocabulary -> the terms of its file, which has errors (None: none could be read)
    broken_terms: dict = field(default_factory=dict)

    def known(self) -> dict:
        """Every slug a reference may name: files seen (even broken ones, so one
        broken file does not cause a cascade of errors) and taxonomy terms (those
        of a broken taxonomy file too)."""
        known = {folder: set(slugs) for folder, slugs in self.slugs.items()}
        known.update({vocab: set(terms) for vocab, terms in self.directory.taxonomy.items()})
        for vocab, terms in self.broken_terms.items():
            known[vocab] |= terms or set()
        return known

    def checkable(self) -> list:
        """The references that can be checked: not those to a vocabulary whose
        file could not be read (any term might be in it)."""
        unread = {vocab for vocab, terms in self.broken_terms.items() if terms is None}
        return [r for r in self.references if r.target not in unread] if unread else self.references

    @property
    def errors(self) -> list[ContentProblem]:
        return [p for p in self.problems if p.is_error]


def empty_directory() -> model.Directory:
    return model.Directory(taxonomy={v.name: {} for v in VOCABULARIES})


class Loader:
    def __init__(self, content_dir: Path, settings, today: date, source_root=None, jobs=1, cache=None):
        self.content_dir = Path(content_dir)
        self.jobs, self.cache = jobs, cache or Cache(None)
        self.settings = settings
        self.today = today
        # paths in messages are relative to where the command was run from
        self.source_root = source_root or Path.cwd()
        self.tools = Tools(ZoneInfo(settings.timezone))
        self.problems: list[ContentProblem] = []
        self.shown_folders: dict[str, str] = {}

    def display_path(self, path: str | Path) -> str:
        """``path`` as messages show it: from where the command runs, links
        left unresolved (a link's target is never shown, nor read)."""
        # each folder resolved once, not once per file: ten thousand files share a few folders
        # (and as strings: pathlib's objects cost more than the rest of a preview's reading)
        folder, name = os.path.split(path)
        if folder not in self.shown_folders:
            here, root = Path(folder).resolve(), self.source_root.resolve()
            shown = here.relative_to(root) if here.is_relative_to(root) else here
            self.shown_folders[folder] = "" if shown == Path() else str(shown)
        return os.path.join(self.shown_folders[folder], name)

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
        jobs = []
        for kind, path in find_entries(root, lambda p, why: self.problem(self.display_path(p), 1, 1, why), data_files):
            seen = result.slugs.setdefault(kind.folder, {})
            source = self.display_path(path)
            name = os.path.basename(path)
            slug, suffix = stem_and_suffix(name)
            if not SLUG.fullmatch(slug):
                suggestion = re.sub(r"[^a-z0-9]+", "-", slug.lower()).strip("-") or "name"
                self.problem(
                    source,
                    1,
                    1,
                    f"the file name {name!r} must be lower-case words joined by hyphens, like '{suggestion}{suffix}'",
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
            jobs.append(EntryJob(kind, slug, path, source))
        self.add_entries(result, jobs)
        if self.settings.postcode_file:
            self.read_postcodes(result, root / self.settings.postcode_file)
        return result

    def add_entries(self, result: LoadResult, jobs: list[EntryJob]) -> None:
        """Each file's problems, references and model object, in the order of the
        files; a file with errors has references too (entry_file.FileRead)."""
        for job, read in zip(jobs, self.read_all(jobs), strict=True):
            self.problems.extend(read.problems)
            result.references.extend(read.references)
            if read.built is not None:
                getattr(result.directory, job.kind.holder)[job.slug] = read.built
                if read.lookalike is not None:
                    result.lookalikes.append(read.lookalike)
            elif job.kind is TAXONOMY:
                result.broken_terms[job.slug] = read.terms

    def read_all(self, jobs: list[EntryJob]) -> list[FileRead]:
        """Every file read: from the cache when the same bytes were read before
        (same kind, name and path too), by the workers otherwise."""
        key = self.cache_key()
        kept = self.cache.load("reading", key) or {}
        unchanged = self.unchanged(jobs)
        keys, raws = [], {}
        for i, job in enumerate(jobs):
            if unchanged.get(job.path) in kept:  # the bytes need not be read again
                keys.append(unchanged[job.path])
            else:
                raws[i] = self.raw(job)
                keys.append(self.file_key(job, raws[i]))
        missing = [i for i, key in enumerate(keys) if key is None or key not in kept]
        raws = {i: raws[i] for i in missing}  # the bytes of the files found in the cache are not needed
        fresh = shared(lambda i: self.read_one(jobs[i], raws[i]), missing, self.jobs, chunk=50)
        reads = dict(zip(missing, fresh, strict=True))
        found = [reads[i] if i in reads else kept[key] for i, key in enumerate(keys)]
        if missing or len(kept) != len(keys):
            self.cache.save("reading", key, {k: read for k, read in zip(keys, found, strict=True) if k})
        return found

    def unchanged(self, jobs: list[EntryJob]) -> dict:
        """path -> key of the files whose status is what it was when last read
        (only in a process that reads again: the preview's); the record starts
        again from this read."""
        if self.cache.files is None:
            return {}
        before, self.cache.files = self.cache.files, {}
        found = {}
        for job in jobs:
            if job.path in before:
                with suppress(OSError):  # gone meanwhile: read, and reported, as any other
                    if signature(os.lstat(job.path)) == before[job.path][0]:
                        self.cache.files[job.path] = before[job.path]
                        found[job.path] = before[job.path][1]
        return found

    @staticmethod
    def file_key(job: EntryJob, raw) -> tuple | None:
        """What a file's reading depends on of its own; None for a file that could not be read."""
        return (job.kind.name, job.slug, job.source, digest(raw)) if isinstance(raw, bytes) else None

    def raw(self, job: EntryJob) -> bytes | FileProblem:
        try:
            raw, info = read_file(job.path, self.settings.max_file_bytes)
        except FileProblem as err:
            return err
        if self.cache.files is not None and settled(info, time.time_ns()):
            self.cache.files[job.path] = (signature(info), self.file_key(job, raw))
        return raw

    def read_one(self, job: EntryJob, raw) -> FileRead:
        try:
            return EntryFile(job, self.settings, self.today, self.tools).read(raw)
        except DirectoryError:
            raise
        except Exception as err:  # a bug: still name the file that set it off
            logger.debug("reading %s failed", job.source, exc_info=True)
            message = (
                f"Civic Hub could not read this file because of an internal error ({type(err).__name__}); "
                "please report it, with the file"
            )
            return FileRead([ContentProblem(job.source, 1, 1, "error", message)])

    def cache_key(self) -> str:
        """All a file's reading depends on besides its bytes and path: the code, the settings, the day."""
        return digest(code_version(), repr(self.settings), self.today.isoformat())

    def read_postcodes(self, result: LoadResult, path: Path) -> None:
        source = self.display_path(path)
        if not path.is_file() and not path.is_symlink():
            self.problem(source, 1, 1, "the postcode file named by the postcode_file setting does not exist")
            return
        result.directory.postcodes.update(
            read_postcodes(
                path,
                source,
                lambda line, col, message: self.problem(source, line, col, message),
                self.settings.postcode_file_max_bytes,
            )
        )


def load_directory(
    content_dir, settings, today: date, source_root=None, jobs=1, cache=None, lookalikes=True
) -> LoadResult:
    """Load, validate and cross-check a content folder; problems sorted by file.
    ``today`` is the day the checks compare dates with: the real date (build_time.today),
    for only their messages depend on it, never the model (what a build writes);
    ``jobs`` processes read the files; ``cache`` (cache.Cache) keeps what each gave;
    ``lookalikes=False`` leaves out the look-alike check (warnings only: the preview's)."""
    result = Loader(Path(content_dir), settings, today, source_root, jobs, cache).load()
    result.problems.extend(check_references(result.checkable(), result.known()))
    if lookalikes:
        result.problems.extend(check_lookalikes(result.lookalikes, result.directory))
    result.problems.sort(key=in_order)
    return result
