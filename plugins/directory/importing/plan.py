"""Drafts into files of a content folder: matched, named, checked, written.

* An organisation is the one of the same name (case and spacing aside) in the
  folder or earlier in this import, else a new file; a place likewise by name
  and postcode. Those are never rewritten by an import of a service.
* A service is the one of the same name and organisation (at the same places, when
  there are several); if it is there, it is skipped, or with ``force`` replaced
  (keeping its file name). An organisation imported on its own (an Open Referral
  organisation document) likewise.
* A new file is named from the name; a name already taken gets the postcode
  (places) or the first place's name (services; else the organisation's) added,
  then a number.
* Every file is checked in memory (``checking.py``) before it is kept; after
  writing, the whole folder is read again and any written file with an error
  is taken back out (or its old text put back). Nothing is written for a draft
  with an error.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from ..kinds import LOCATIONS, ORGANISATIONS, SERVICES
from ..reading.loader import load_directory
from ..relations import service_locations
from .checking import Checker
from .drafts import Draft, Notice, Terms
from .text import loose, postcode_key, slugify
from .writing import write_whole

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Action:
    """One line of what an import did: ``created services/lunch-club.yaml (from rows.csv:4)``."""

    verb: str  # "created", "replaced", "skipped"; after writing, "removed" or "restored"
    path: str  # in the content folder
    why: str

    def __str__(self) -> str:
        return f"{self.verb} {self.path} ({self.why})"


@dataclass
class File:
    kind: object  # kinds.Kind
    slug: str
    text: str | None  # None: it did not pass (its draft is then not written)
    key: tuple  # what it is matched by: ("organisations", name) and so on
    replaces: bool = False

    @property
    def path(self) -> str:
        return f"{self.kind.folder}/{self.slug}.yaml"


class Plan:
    def __init__(self, content_dir, settings, today, force: bool = False):
        self.root, self.settings, self.today, self.force = Path(content_dir), settings, today, force
        loaded = load_directory(self.root, settings, today)
        d = loaded.directory
        self.errors_before = len(loaded.errors)
        self.known = {k: set(v) for k, v in loaded.known().items()}
        for kind in (SERVICES, ORGANISATIONS, LOCATIONS):
            self.known.setdefault(kind.folder, set())
        self.terms = Terms(d.taxonomy)
        places = d.locations.items()
        self.index = {  # how organisations and places are matched -> slug
            **{(ORGANISATIONS.folder, loose(o.name)): s for s, o in sorted(d.organisations.items())},
            **{(LOCATIONS.folder, loose(p.name), postcode_key(p.address.postal_code)): s for s, p in places},
        }
        self.services: dict[tuple, list] = {}  # (name, organisation) -> [(where, slug)]
        for slug, s in sorted(d.services.items()):
            where = _where((p.name, p.address.postal_code) for p in service_locations(s, d))
            self.services.setdefault((loose(s.name), s.organization), []).append((where, slug))
        self.checker = Checker(settings, today, self.known)
        self.files: dict[str, tuple[File, Draft]] = {}  # path -> the file and the draft it is from
        self.notices: list[Notice] = []
        self.actions: list[Action] = []

    # --- planning ---------------------------------------------------------------------------

    def add(self, draft: Draft) -> None:
        """Plan the files of one draft, or report why there are none. Every
        problem of a draft is found (not just its first); only a draft without
        any is written."""
        try:
            self._add(draft)
        except Exception as err:  # a bug: still name the row or document that set it off
            logger.debug("importing %s:%s failed", draft.source, draft.line, exc_info=True)
            why = type(err).__name__
            draft.error(f"it could not be imported because of an internal error ({why}); please report it")
        for n in draft.notices:
            self.notices.append(Notice(n.source, n.line, n.severity, f"{draft.label}: {n.message}"))

    def _add(self, draft: Draft) -> None:
        files: list[File] = []
        org = draft.organisation or {}
        name = org.get("name")
        if not isinstance(name, str) or not name.strip():
            return None if draft.failed else draft.error("its organisation has no name")
        key = (ORGANISATIONS.folder, loose(name))
        if draft.service is None:  # an organisation on its own
            slug = self.index.get(key)
            if slug and not self._replace(draft, ORGANISATIONS, slug, f"an organisation called {name!r} is there"):
                return None
            self._new(draft, ORGANISATIONS, org, key, files, slug)
            return self._commit(draft, files)
        org_slug = self.index.get(key) or self._new(draft, ORGANISATIONS, org, key, files)
        service = draft.service
        where = _where((p.get("name"), (p.get("address") or {}).get("postal_code")) for p in draft.places)
        key = (SERVICES.folder, loose(service.get("name") or ""), org_slug, where)
        slug = self._same_service(*key[1:])
        first = self.files.get(f"{SERVICES.folder}/{slug}.yaml", (None, None))[1]
        if first is not None and draft.ident and first.ident and draft.ident != first.ident:
            slug = None  # the source says they are two services: both are imported
        if slug and not self._replace(draft, SERVICES, slug, "a service of that name and organisation is there"):
            return None
        places = []
        for place in draft.places:
            address = place.get("address") or {}
            where = (LOCATIONS.folder, loose(place.get("name") or ""), postcode_key(address.get("postal_code") or ""))
            found = self.index.get(where) or next((f.slug for f in files if f.key == where), None)
            if not found and not any(address.values()):  # a place named, with no address: the one of that name
                same = {s for k, s in self.index.items() if k[:2] == where[:2]}
                found = same.pop() if len(same) == 1 else None
            found = found or self._new(draft, LOCATIONS, place, where, files, extra=address.get("postal_code"))
            if found and found not in places:
                places.append(found)
        data = {**service, "organization": org_slug, "locations": places}
        self._new(draft, SERVICES, data, key, files, slug, extra=(draft.places[0].get("name") if places else name))
        return self._commit(draft, files)

    def _same_service(self, name: str, organisation: str, where: tuple) -> str | None:
        """The service of that name and organisation: the one at the same places,
        else the only one there was before this import (it has moved)."""
        found = self.services.get((name, organisation), [])
        for places, slug in found:
            if places == where:
                return slug
        before = [slug for _, slug in found if f"{SERVICES.folder}/{slug}.yaml" not in self.files]
        return before[0] if len(found) == 1 and before else None

    def _replace(self, draft: Draft, kind, slug: str, why: str) -> bool:
        """Whether to write over an entry that is there; says why not."""
        path = f"{kind.folder}/{slug}.yaml"
        if path in self.files:
            first = self.files[path][1]
            draft.error(f"it is the same as {first.source}:{first.line} ({why} already); only the first is imported")
            return False
        if not self.force and not draft.failed:
            self.actions.append(Action("skipped", path, f"{draft.source}:{draft.line}: {why}; --force replaces it"))
        return self.force

    def _new(self, draft: Draft, kind, data: dict, key: tuple, files: list, slug=None, extra=None) -> str | None:
        """Check ``data`` as a file of ``kind`` (a new one, unless ``slug`` is
        given: the file it replaces) and add it to ``files``; its slug. A place
        that does not pass, in a lenient draft, is left out: None."""
        replaces = slug is not None
        pending: dict[str, set] = {}
        for f in files:
            pending.setdefault(f.kind.folder, set()).add(f.slug)
        slug = slug or self._free_slug(kind, data.get("name") or "", extra, {f.path for f in files})
        checked = self.checker.check(kind, slug, data, draft.strict, pending)
        named = repr(data["name"]) if data.get("name") else "(no name)"
        new = "" if kind is SERVICES or draft.service is None else f"new {kind.label.lower()} {named}: "
        left_out = checked.text is None and not draft.strict and kind is LOCATIONS
        for severity, found in (("warning", checked.warnings), ("error", checked.errors)):
            for field, message in found:
                if severity == "error" and {f.split(".")[0] for f in self._fields(field, message)} & draft.bad_fields:
                    continue  # its mapping said what is wrong with it already
                draft.note(
                    "warning" if left_out else severity,
                    f"{new}{message}{self._column(draft, kind, field, message)}"
                    + ("; the place is left out" if left_out else ""),
                )
        if left_out:
            return None
        files.append(File(kind, slug, checked.text, key, replaces))
        return slug

    def _free_slug(self, kind, name: str, extra, planned: set) -> str:
        taken = self.known[kind.folder] | {p.split("/")[1].removesuffix(".yaml") for p in planned}
        base = slugify(name, kind.name)
        for slug in (base, slugify(f"{name} {extra}", kind.name) if extra else base):
            if slug not in taken:
                return slug
        n = 2
        while f"{base}-{n}" in taken:
            n += 1
        return f"{base}-{n}"

    @staticmethod
    def _fields(field: str, message: str) -> list[str]:
        """The fields a message is about, the most precise first: a missing
        field's name is in the message, not in its path."""
        missing = re.search(r"required field '(\w+)'", message)
        found = [f"{field}.{missing.group(1)}" if field else missing.group(1)] if missing else []
        return [f for f in [*found, field, field.split(".")[0]] if f]

    def _column(self, draft: Draft, kind, field: str, message: str) -> str:
        """`` (column X)``: the source's own name for the field, when it has one."""
        columns = draft.columns.get(kind.name, {})
        column = next((columns[c] for c in self._fields(field, message) if c in columns), None)
        return f" (column {column})" if column else ""

    def _commit(self, draft: Draft, files: list[File]) -> None:
        """Keep the files of a draft that passed; nothing of one that did not."""
        if draft.failed or any(f.text is None for f in files):
            return
        for f in files:
            self.files[f.path] = (f, draft)
            self.known[f.kind.folder].add(f.slug)
            if f.kind is SERVICES:
                self.services.setdefault(f.key[1:3], []).append((f.key[3], f.slug))
            else:
                self.index[f.key] = f.slug
            verb = "replaced" if f.replaces else "created"
            self.actions.append(Action(verb, f.path, f"from {draft.source}:{draft.line}"))

    # --- writing ----------------------------------------------------------------------------

    def write(self) -> None:
        """Write the planned files, then read the folder again and take back
        out any written file that does not pass (the old text put back)."""
        old: dict[str, bytes | None] = {}
        for path, (f, draft) in self.files.items():
            target = self.root / path
            why = ""
            if target.parent.is_symlink() or target.is_symlink():
                why = "is a link, and nothing is written through a link"
            elif not f.replaces and target.exists():
                why = "is there now, though it was not when the import began"
            if why:
                message = f"{draft.label}: {path} {why}; it was not written"
                self.notices.append(Notice(draft.source, draft.line, "error", message))
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            old[path] = target.read_bytes() if f.replaces and target.exists() else None
            write_whole(target, f.text)
        for _ in range(5):  # a file taken out can break one that names it: read again
            bad = self._failing(old)
            if not bad:
                return
            for path, problem in bad.items():
                f, draft = self.files[path]
                previous = old.pop(path)
                if previous is None:
                    (self.root / path).unlink()
                else:
                    write_whole(self.root / path, previous)
                verb = "removed" if previous is None else "restored"
                self.actions.append(Action(verb, path, f"it did not pass: {problem.message}"))
                message = f"{draft.label}: {path} did not pass and was taken out: {problem.message}"
                self.notices.append(Notice(draft.source, draft.line, "error", message))

    def _failing(self, written: dict) -> dict:
        result = load_directory(self.root, self.settings, self.today)
        root, bad = self.root.resolve(), {}
        for problem in result.errors:
            try:
                path = Path(problem.path).resolve().relative_to(root).as_posix()
            except ValueError:
                continue
            if path in written:
                bad.setdefault(path, problem)
        return bad


def _where(places) -> tuple:
    """Where a service is, to tell apart services of one name and organisation:
    its places' names and postcodes, compared loosely."""
    return tuple(sorted({(loose(name or ""), postcode_key(postcode or "")) for name, postcode in places}))
