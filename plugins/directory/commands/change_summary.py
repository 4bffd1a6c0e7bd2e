"""A change to the directory in plain words, as Markdown for a pull request's
job summary (GitHub's ``$GITHUB_STEP_SUMMARY``) or a terminal.

Pure functions of :class:`~directory.changes.Changes`. Everything taken from
content is escaped, so a name cannot add links, images, HTML or headings.
"""

from __future__ import annotations

import re

from ..changes import Changes, EntryChange, FieldChange
from ..problems import printable
from ..words import join_words

TITLE = "## What this change does to the directory"
MAX_SENTENCES = 300  # a job summary holds at most 1 MB; a change of thousands of entries is summed up
MAX_PAGES = 100
MAX_ITEMS = 10  # items named in one sentence (postcodes, synonyms), then "and N more"
MAX_VALUE = 200  # characters of one value quoted
_MARKDOWN = re.compile(r"([\\`*_\[\]<>&|~#!])")


def md(text: str) -> str:
    """Contributors' text as plain Markdown text: one line, every mark escaped."""
    return _MARKDOWN.sub(r"\\\1", " ".join(printable(str(text)).split()))


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


def _counted(changes: Changes) -> str:
    """'2 entries added, 1 renamed and 3 changed'."""
    counts = {what: sum(e.what == what for e in changes.entries) for what in ("added", "renamed", "changed", "removed")}
    said = [f"{n:,} {what}" for what, n in counts.items() if n]
    if not said:
        return "no entries changed"
    first = said[0].split(" ", 1)
    said[0] = f"{first[0]} {'entry' if first[0] == '1' else 'entries'} {first[1]}"
    return join_words(said)


def _pages(changes: Changes) -> list[str]:
    lines = []
    for heading, urls in zip(("Added", "Changed", "Removed"), changes.pages(), strict=True):
        if urls:
            lines += ["", f"**{heading} ({len(urls):,})**", ""]
            lines += [f"- {code(u)}" for u in urls[:MAX_PAGES]]
            if len(urls) > MAX_PAGES:
                lines.append(f"- and {len(urls) - MAX_PAGES:,} more")
    return ["", "### Pages", *lines] if lines else []


def markdown(changes: Changes, base: str, notes: list[str] = (), warnings=()) -> str:
    """The whole summary. ``base`` names the commit compared with (Markdown);
    ``notes`` are said first (the base could not be read…); ``warnings`` are
    the problems the change brings, for the reviewer to check."""
    lines = [TITLE, ""]
    lines += [f"> {n}" for n in notes] + ([""] if notes else [])
    sentences = [s for e in changes.entries for s in entry_sentences(e)]
    sentences += [field_sentence(f) for f in changes.other]
    if not sentences:
        lines.append(f"Compared with {base}, the change leaves the directory's content as it was.")
    else:
        lines += [f"Compared with {base}: {_counted(changes)}.", ""]
        lines += [f"- {s}" for s in sentences[:MAX_SENTENCES]]
        if len(sentences) > MAX_SENTENCES:
            lines.append(f"- … and {len(sentences) - MAX_SENTENCES:,} more changes")
    lines += _pages(changes)
    if warnings:
        lines += ["", "### To check", "", "Warnings that come with this change (`make validate` lists them all):", ""]
        lines += [f"- {code(f'{w.path}:{w.line}:{w.col}')} {md(w.message)}" for w in warnings[:MAX_SENTENCES]]
    return "\n".join(lines) + "\n"


def broken(problems, base: str) -> str:
    """The summary when the head's content has errors: what to fix, not what changed."""
    errors = [str(p) for p in problems if p.is_error]
    fence = "`" * max(3, 1 + max((len(run) for line in errors for run in re.findall(r"`+", line)), default=0))
    return "\n".join(
        [
            TITLE,
            "",
            f"**The content has {len(errors):,} error(s), so the change cannot be compared with {base}.** "
            "Fix them first (`make validate` lists them too):",
            "",
            fence + "text",
            *errors[:MAX_SENTENCES],
            *([f"… and {len(errors) - MAX_SENTENCES:,} more"] if len(errors) > MAX_SENTENCES else []),
            fence,
            "",
        ]
    )
