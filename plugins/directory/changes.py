"""What a change does to the directory: the model at a base and at the head, compared.

Pure functions of two :class:`~directory.model.Directory` objects. Entries are
matched by kind and slug (the file name). An entry whose file was renamed is
matched with the new file by its content or, failing that, by its name, so it
is "renamed", not "removed" and "added". Each difference is said in words by
the fields of :mod:`directory.change_fields`; ``commands/diff.py`` writes the
sentences.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from . import model, words
from .change_fields import FIELDS, Field, name_of
from .kinds import KINDS, VOCABULARIES
from .relations import name_order


@dataclass(frozen=True)
class FieldChange:
    label: str  # "phone number"
    before: tuple[str, ...]  # its words at the base; for style "set", only those it loses
    after: tuple[str, ...]  # at the head; for style "set", only those it gains
    style: str  # "value", "set" or "text" (change_fields.Field)


@dataclass(frozen=True)
class EntryChange:
    what: str  # "added", "removed", "changed", or "renamed" (its file, and so its page's address)
    noun: str  # "service", "category"
    name: str  # at the head (at the base when removed)
    old_name: str = ""  # at the base, when the name changed
    note: str = ""  # who runs it, or where it is: "St Mary's Church"
    url: str = ""  # its page at the head ("" when removed, or for kinds without pages)
    old_url: str = ""  # its page at the base
    file: str = ""
    old_file: str = ""
    fields: tuple[FieldChange, ...] = ()


@dataclass
class Changes:
    entries: list[EntryChange] = field(default_factory=list)
    other: list[FieldChange] = field(default_factory=list)  # the synonyms for search, the postcode file

    def pages(self) -> tuple[list[str], list[str], list[str]]:
        """The URLs of the pages the change adds, changes and removes, sorted."""
        added, changed, removed = set(), set(), set()
        for e in self.entries:
            if e.old_url and e.old_url == e.url:
                changed.add(e.url)
                continue
            if e.url:
                added.add(e.url)
            if e.old_url:
                removed.add(e.old_url)
        return sorted(added), sorted(changed), sorted(removed)


@dataclass(frozen=True)
class Group:
    """Entries of one kind, or terms of one vocabulary."""

    noun: str
    target: str  # what references call them: the folder or the vocabulary
    entries: Callable  # Directory -> {slug: object}
    url: Callable  # slug -> its page's URL, or ""


GROUPS = tuple(
    [Group(k.noun, k.folder, lambda d, k=k: getattr(d, k.holder), k.url) for k in KINDS if k.model is not None]
    + [Group(v.noun, v.name, lambda d, v=v: d.taxonomy.get(v.name, {}), v.url) for v in VOCABULARIES]
)


@dataclass
class Side:
    """One of the two directories, and how its slugs read at the head."""

    directory: model.Directory
    renamed: dict = field(default_factory=dict)  # (target, slug at the base) -> slug at the head

    def key(self, target: str, slug: str) -> str:
        return self.renamed.get((target, slug), slug)

    def name(self, target: str, slug: str) -> str:
        vocabulary = self.directory.taxonomy.get(target)
        found = (vocabulary if vocabulary is not None else getattr(self.directory, target, {})).get(slug)
        return name_of(found) if found is not None else slug


def _label(f: Field, count: int) -> str:
    return f.plural if count > 1 and f.plural else f.label


def differences(old, new, base: Side, head: Side) -> tuple[FieldChange, ...]:
    """How ``new`` differs from ``old``, field by field (not its name)."""
    found = []
    for f in FIELDS[type(old)]:
        before, after = f.values(old, base), f.values(new, head)
        if [k for k, _ in before] == [k for k, _ in after]:
            continue
        if f.style == "set" and not (len(before) == 1 and len(after) == 1):
            kept_before, kept_after = {k for k, _ in before}, {k for k, _ in after}
            lost = tuple(t for k, t in before if k not in kept_after)
            gained = tuple(t for k, t in after if k not in kept_before)
            if lost or gained:  # else only their order changed
                found.append(FieldChange(f.plural or f.label, lost, gained, "set"))
        else:
            style = "value" if f.style == "set" else f.style
            label = _label(f, max(len(before), len(after)))
            found.append(FieldChange(label, tuple(t for _, t in before), tuple(t for _, t in after), style))
    return tuple(found)


def _signature(obj, side: Side) -> tuple:
    return tuple(tuple(k for k, _ in f.values(obj, side)) for f in FIELDS[type(obj)])


def _substantial(obj, side: Side):
    """Its content, when it says enough to recognise it by (three facts or more) without its name."""
    found = _signature(obj, side)
    return found if sum(bool(f) for f in found) >= 3 else None


# how a renamed file is recognised, best first: all the same; the same name; all the same but the name
RECOGNISED = (
    lambda o, side: (_signature(o, side), name_of(o)),
    lambda o, side: name_of(o).casefold(),
    _substantial,
)


MOSTLY = 0.75  # a file renamed and edited: this share of its facts (three at least) still the same
MAX_PAIRS = 10_000  # files left to pair compared one with another, at most (a large import is not a rename)


def _alike(a: tuple, b: tuple) -> bool:
    said = [i for i in range(len(a)) if a[i] or b[i]]
    same = sum(a[i] == b[i] for i in said)
    return same >= 3 and same >= MOSTLY * len(said)


def _renames(group: Group, base: Side, head: Side) -> dict:
    """{slug at the base: slug at the head} of the files renamed."""
    old, new = group.entries(base.directory), group.entries(head.directory)
    gone, came = sorted(set(old) - set(new)), sorted(set(new) - set(old))
    found: dict[str, str] = {}
    for key in RECOGNISED if gone and came else ():
        waiting = defaultdict(list)
        for slug in came:
            if slug not in found.values() and (k := key(new[slug], head)) is not None:
                waiting[k].append(slug)
        for slug in gone:
            if slug not in found and (k := key(old[slug], base)) is not None and waiting.get(k):
                found[slug] = waiting[k].pop(0)
    gone = [s for s in gone if s not in found]
    came = [s for s in came if s not in found.values()]
    if len(gone) * len(came) <= MAX_PAIRS:
        signatures = {s: _signature(new[s], head) for s in came}
        for slug in gone:
            mine = _signature(old[slug], base)
            match = next((s for s in came if s not in found.values() and _alike(mine, signatures[s])), None)
            if match is not None:
                found[slug] = match
    return found


def note(obj, side: Side) -> str:
    """Who runs an entry, or where it is, for a sentence about it."""
    if isinstance(obj, model.Service | model.Consultation):
        return side.name("organisations", obj.organization)
    if isinstance(obj, model.Location):
        return ", ".join(p for p in (obj.address.address_1, obj.address.postal_code) if p)
    if isinstance(obj, model.Organisation):
        return words.kind(obj)
    if isinstance(obj, model.Term) and obj.parent:
        return f"under {side.name(obj.vocabulary, obj.parent)}"
    return ""


def _entry(group: Group, what: str, old, new, base: Side, head: Side) -> EntryChange | None:
    shown = new if new is not None else old
    fields_ = differences(old, new, base, head) if old is not None and new is not None else ()
    old_name = name_of(old) if old is not None and new is not None and name_of(old) != name_of(new) else ""
    if what == "changed" and not fields_ and not old_name:
        return None
    return EntryChange(
        what,
        group.noun,
        name_of(shown),
        old_name,
        note(shown, head if new is not None else base),
        group.url(new.slug) if new is not None else "",
        group.url(old.slug) if old is not None else "",
        getattr(new, "source", "") if new is not None else "",
        getattr(old, "source", "") if old is not None else "",
        fields_,
    )


def _others(base: model.Directory, head: model.Directory) -> list[FieldChange]:
    found = []
    old = {", ".join(g) for groups in base.synonyms.values() for g in groups}
    new = {", ".join(g) for groups in head.synonyms.values() for g in groups}
    if old != new:
        found.append(FieldChange("synonyms for search", tuple(sorted(old - new)), tuple(sorted(new - old)), "set"))
    if base.postcodes != head.postcodes:
        changed = {p for p in set(base.postcodes) & set(head.postcodes) if base.postcodes[p] != head.postcodes[p]}
        lost = sorted(set(base.postcodes) - set(head.postcodes))
        gained = sorted((set(head.postcodes) - set(base.postcodes)) | changed)
        found.append(FieldChange("postcodes in the postcode file", tuple(lost), tuple(gained), "set"))
    return found


ORDER = {"added": 0, "renamed": 1, "changed": 2, "removed": 3}


def compare(base: model.Directory, head: model.Directory) -> Changes:
    """Every entry the change adds, renames, changes or removes: kind by kind, in that
    order, by name."""
    plain_base, head_side = Side(base), Side(head)
    renames = {g.target: _renames(g, plain_base, head_side) for g in GROUPS}
    base_side = Side(base, {(target, old): new for target, found in renames.items() for old, new in found.items()})
    changes = Changes(other=_others(base, head))
    for g in GROUPS:
        old, new, moved = g.entries(base), g.entries(head), renames[g.target]
        found = []
        for slug, obj in new.items():
            if slug in old:
                found.append(_entry(g, "changed", old[slug], obj, base_side, head_side))
            elif slug not in moved.values():
                found.append(_entry(g, "added", None, obj, base_side, head_side))
        for slug, obj in old.items():
            if slug in moved:
                found.append(_entry(g, "renamed", obj, new[moved[slug]], base_side, head_side))
            elif slug not in new:
                found.append(_entry(g, "removed", obj, None, base_side, head_side))
        changes.entries += sorted(
            (e for e in found if e is not None), key=lambda e: (ORDER[e.what], name_order(e.name))
        )
    return changes
