"""A change to the directory in plain words, as Markdown for a pull request's
job summary (GitHub's ``$GITHUB_STEP_SUMMARY``) or a terminal.

Pure functions of :class:`~directory.changes.Changes`. Everything taken from
content is escaped, so a name cannot add links, images, HTML or headings, and
GitHub makes no link, mention or reference of it (``github_text.py``).

GitHub shows nothing of a step's summary over 1 MiB: the summary is kept under
MAX_BYTES, cut between whole lines (an entry's sentences together), and the
last line of each part says how much was left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import chain

from ..changes import Changes, EntryChange, FieldChange
from ..github_text import unlinked
from ..problems import printable
from ..words import join_words

TITLE = "## What this change does to the directory"
MAX_BYTES = 1_000_000  # GitHub shows no step summary over 1 MiB (1,048,576 bytes)
MAX_SENTENCES = 300  # a change of thousands of entries is summed up
MAX_PAGES = 100
MAX_ITEMS = 10  # items named in one sentence (postcodes, synonyms), then "and N more"
MAX_VALUE = 200  # characters of one value quoted
_MARKDOWN = re.compile(r"([\\`*_\[\]<>&|~#!])")


def md(text: str) -> str:
    """Contributors' text as plain Markdown text: one line, every mark escaped,
    nothing GitHub would link."""
    return unlinked(_MARKDOWN.sub(r"\\\1", " ".join(printable(str(text)).split())))


def em(text: str) -> str:
    return f"*{md(text)}*"


def quoted(text: str) -> str:
    text = " ".join(str(text).split())
    return f"“{md(text if len(text) <= MAX_VALUE else text[: MAX_VALUE - 1] + '…')}”"


def code(text: str) -> str:
    return f"`{printable(text)}`" if "`" not in text else md(text)


def _items(texts) -> str:
    shown = [quoted(t) for t in texts[:MAX_ITEMS]]
    if len(texts) > MAX_ITEMS:
        shown.append(f"{len(texts) - MAX_ITEMS:,} more")
    return join_words(shown)


def _a(label: str) -> str:
    return f"{'an' if label[:1] in 'aeiou' else 'a'} {label}"


def field_sentence(f: FieldChange, who: str = "") -> str:
    """One field's change in a sentence; ``who`` is the entry's name, in Markdown
    ("" for the directory's own lists: its synonyms, its postcodes)."""
    of = f" of {who}" if who else ""
    if f.style == "text":
        if f.before and f.after:
            return f"Changes the {f.label} of {who}."
        return f"Adds {_a(f.label)} to {who}." if f.after else f"Removes the {f.label} of {who}."
    if f.style == "set":
        if f.before and f.after:
            return f"Changes the {f.label}{of}: adds {_items(f.after)}; removes {_items(f.before)}."
        if f.after:
            return f"Adds {_items(f.after)} to the {f.label}{of}."
        return f"Removes {_items(f.before)} from the {f.label}{of}."
    if f.before and f.after:
        return f"Changes the {f.label} of {who} from {_items(f.before)} to {_items(f.after)}."
    if f.after:
        return f"Adds the {f.label} {_items(f.after)} to {who}."
    return f"Removes the {f.label} {_items(f.before)} from {who}."


def entry_sentences(e: EntryChange) -> list[str]:
    """What the change does to one entry, a sentence per fact."""
    note = f" ({md(e.note)})" if e.note else ""
    if e.what == "added":
        return [f"Adds the {e.noun} {em(e.name)}{note}."]
    if e.what == "removed":
        return [f"Removes the {e.noun} {em(e.name)}{note}."]
    found = []
    moves = f" (its page moves from {code(e.old_url)} to {code(e.url)})" if e.old_url and e.url else ""
    if e.old_name:
        found.append(f"Renames the {e.noun} {em(e.old_name)} to {em(e.name)}{moves if e.what == 'renamed' else ''}.")
    elif e.what == "renamed":
        found.append(f"Renames the file of the {e.noun} {em(e.name)} from {code(e.old_file)} to {code(e.file)}{moves}.")
    return found + [field_sentence(f, em(e.name)) for f in e.fields]


@dataclass(frozen=True)
class Owners:
    """Who owns the entries, by ownership.py's rule, at the base and at the head: each
    owned entry's file -> its organisation's maintainers (empty: the council's alone)."""

    council: tuple[str, ...]  # the council's maintainers, who own every file
    head: dict[str, tuple[str, ...]] = field(default_factory=dict)
    base: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def sentence(self, e: EntryChange) -> list[str]:
        """Who will own an entry the change adds or moves, or whose owners it changes;
        said because CODEOWNERS is written again only after the merge (the reviewer
        sees here who will be asked to review the entry's next change)."""
        if e.what == "removed" or not self.council or e.file not in self.head:
            return []
        group = self.head[e.file]
        if e.what == "changed" and self.base.get(e.old_file) == group:
            return []  # its owners stay who they were
        council = join_words([code(h) for h in self.council])
        if not group:
            return [f"Owned by the council's maintainers {council}."]
        return [f"Owned by {join_words([code(h) for h in group])} (the organisation's maintainers) and {council}."]


def _counted(changes: Changes) -> str:
    """'2 entries added, 1 renamed and 3 changed'."""
    counts = {what: sum(e.what == what for e in changes.entries) for what in ("added", "renamed", "changed", "removed")}
    said = [f"{n:,} {what}" for what, n in counts.items() if n]
    if not said:
        return "no entries changed"
    first = said[0].split(" ", 1)
    said[0] = f"{first[0]} {'entry' if first[0] == '1' else 'entries'} {first[1]}"
    return join_words(said)


def _size(lines) -> int:
    """The bytes ``lines`` take in the summary, each with its line break."""
    return sum(len(line.encode("utf-8")) + 1 for line in lines)


def _fitting(groups: list[list[str]], room: int, most: int) -> int:
    """How many of ``groups`` (lines that go together), from the first, fit whole
    in ``room`` bytes and ``most`` lines."""
    lines = 0
    for n, group in enumerate(groups):
        room -= _size(group)
        lines += len(group)
        if room < 0 or lines > most:
            return n
    return len(groups)


def _listed(groups: list[list[str]], room: int, most: int, more) -> list[str]:
    """The groups that fit in ``room`` bytes, then ``more(n)``, the line saying
    what the ``n`` left out were (its room kept for it first)."""
    shown = _fitting(groups, room - _size([more(len(groups))]), most)
    lines = [line for group in groups[:shown] for line in group]
    return lines + ([more(len(groups) - shown)] if shown < len(groups) else [])


def _pages(changes: Changes, room: int) -> list[str]:
    lists = [(h, urls) for h, urls in zip(("Added", "Changed", "Removed"), changes.pages(), strict=True) if urls]
    lines = ["", "### Pages"] if lists else []
    for n, (heading, urls) in enumerate(lists):
        lines += ["", f"**{heading} ({len(urls):,})**", ""]
        share = (room - _size(lines)) // (len(lists) - n)  # the lists after it keep their share
        lines += _listed([[f"- {code(u)}"] for u in urls], share, MAX_PAGES, _and_more)
    return lines


def _and_more(n: int) -> str:
    return f"- and {n:,} more"


def _more_warnings(n: int) -> str:
    return f"- … and {n:,} more, not listed here"


def _checks(warnings, room: int) -> list[str]:
    if not warnings:
        return []
    lines = ["", "### To check", "", "Warnings that come with this change (`make validate` lists them all):", ""]
    found = [[f"- {code(f'{w.path}:{w.line}:{w.col}')} {md(w.message)}"] for w in warnings]
    return lines + _listed(found, room - _size(lines), MAX_SENTENCES, _more_warnings)


def _left_out(entries: int, others: int, whole: str) -> str:
    said = [f"{entries:,} more {'entry' if entries == 1 else 'entries'} changed"] if entries else []
    said += [f"{others:,} more {'change' if others == 1 else 'changes'} to the directory's lists"] if others else []
    return f"- … and {join_words(said)}, not listed here{': ' + whole if whole else ''}."


def _entry_lines(e: EntryChange, owners: Owners) -> list[str]:
    """An entry's sentences as bullets; who will own it, a bullet inside the first."""
    first, *rest = entry_sentences(e)
    return [f"- {first}", *(f"  - {s}" for s in owners.sentence(e)), *(f"- {s}" for s in rest)]


def _sentences(changes: Changes, base: str, room: int, whole: str, owners: Owners) -> list[str]:
    """What the change does, entry by entry: an entry's sentences are listed
    together or not at all, so what is left out is whole entries (whose
    sentences are not even made: a change of thousands of entries is quick)."""
    if not changes.entries and not changes.other:
        return [f"Compared with {base}, the change leaves the directory's content as it was."]
    lines = [f"Compared with {base}: {_counted(changes)}.", ""]
    total, others = len(changes.entries) + len(changes.other), len(changes.other)
    room -= _size(lines) + _size([_left_out(total, others, whole)])
    said = (_entry_lines(e, owners) for e in changes.entries)
    groups = chain(said, ([f"- {field_sentence(f)}"] for f in changes.other))
    shown, listed = 0, 0
    for bullets in groups:
        room -= _size(bullets)
        if room < 0 or listed + len(bullets) > MAX_SENTENCES:
            break
        lines += bullets
        shown, listed = shown + 1, listed + len(bullets)
    if shown < total:
        cut_others = min(others, total - shown)
        lines.append(_left_out(total - shown - cut_others, cut_others, whole))
    return lines


def markdown(
    changes: Changes,
    base: str,
    notes: list[str] = (),
    warnings=(),
    whole: str = "",
    max_bytes=MAX_BYTES,
    owners: Owners = Owners(()),
) -> str:
    """The whole summary, at most ``max_bytes`` of UTF-8. ``base`` names the
    commit compared with (Markdown); ``notes`` are said first (the base could
    not be read…); ``warnings`` are the problems the change brings, for the
    reviewer to check; ``whole`` says where to see what a cut summary leaves out.
    The pages and the warnings have up to a quarter of the room each (what they
    do not use goes to the sentences), so a large change keeps all three parts.
    ``owners`` says who will own each entry added or moved (none without the council's)."""
    head = [TITLE, ""] + [f"> {n}" for n in notes] + ([""] if notes else [])
    room = max_bytes - _size(head)
    pages = _pages(changes, room // 4)
    checks = _checks(warnings, room // 4)
    sentences = _sentences(changes, base, room - _size(pages + checks), whole, owners)
    return "\n".join(head + sentences + pages + checks) + "\n"


def broken(problems, base: str, max_bytes=MAX_BYTES) -> str:
    """The summary when the head's content has errors: what to fix, not what changed."""
    errors = [str(p) for p in problems if p.is_error]
    fence = "`" * max(3, 1 + max((len(run) for line in errors for run in re.findall(r"`+", line)), default=0))
    head = [
        TITLE,
        "",
        f"**The content has {len(errors):,} error(s), so the change cannot be compared with {base}.** "
        "Fix them first (`make validate` lists them too):",
        "",
        fence + "text",
    ]
    room = max_bytes - _size([*head, fence, ""])
    listed = _listed([[e] for e in errors], room, MAX_SENTENCES, lambda n: f"… and {n:,} more")
    return "\n".join([*head, *listed, fence, ""])
