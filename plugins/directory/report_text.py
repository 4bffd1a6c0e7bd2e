"""The freshness report (``freshness.py``) as plain text or as Markdown.

Plain text is for a terminal: one line per entry, its file first (as editors and
terminals link it). Markdown is the body of the issue the weekly workflow keeps
up to date: entries linked to their files on the Git host, grouped by the people
who look after them, each group headed by their @handles so the host notifies
them. Contributors' text (names) is escaped, so a name can neither format the
issue nor mention anyone, and GitHub links nothing in it (``github_text.py``);
in plain text, a name is one line with no workflow command for GitHub's runner
(``problems.printable``). The body stays under GitHub's 65,536 characters: past
that, lists end with "… and N more".
"""

from __future__ import annotations

import re
from itertools import groupby

from .github_text import unlinked
from .kinds import BY_MODEL, VOCABULARY
from .problems import printable
from .repository import entry_path, file_url
from .urls import url_for
from .words import format_date

MAX_MARKDOWN = 60_000  # characters; GitHub refuses an issue body over 65,536
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~&-])")


def _name(entry) -> str:
    return " ".join((getattr(entry, "name", None) or entry.title).split())


def _line(text: str) -> str:
    """Content in a line of the plain report: no control character, no ``##[``."""
    return printable(" ".join(str(text).split()))


def _when(checked) -> str:
    return f"last checked {format_date(checked)}" if checked else "never checked (no assured_date)"


def _plural(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def _sections(findings):
    """(heading, items) of each part of the report, in order."""
    days = findings.stale_after_days
    yield (
        (_plural(len(findings.unchecked), "entry", "entries") + f" not checked for over {days:,} days, or never"),
        (findings.unchecked),
    )
    yield (
        (
            _plural(len(findings.unreachable), "service", "services")
            + " nobody could reach (no phone, email, website, contact or place)"
        ),
        findings.unreachable,
    )
    yield (
        (_plural(len(findings.without_maintainers), "organisation", "organisations") + " without maintainers"),
        (findings.without_maintainers),
    )
    for vocabulary, terms in findings.empty_terms.items():
        noun = VOCABULARY[vocabulary].noun
        yield _plural(len(terms), noun, vocabulary) + " with nothing in them", terms


def plain(findings, site_name: str) -> str:
    lines = [f"Freshness and quality report: {site_name}, {format_date(findings.today)}"]
    for heading, items in _sections(findings):
        lines += ["", f"{heading}{':' if items else ''}"]
        for item in items:
            if hasattr(item, "checked"):
                owners = f" ({_line(' '.join(item.owners))})" if item.owners else ""
                lines.append(f"  {_line(item.entry.source)}: {_line(_name(item.entry))}, {_when(item.checked)}{owners}")
            elif hasattr(item, "vocabulary"):
                lines.append(f"  {VOCABULARY[item.vocabulary].where}: {_line(item.name)} ({item.slug})")
            else:
                lines.append(f"  {_line(item.source)}: {_line(_name(item))}")
    return "\n".join(lines) + "\n"


def escape(text: str) -> str:
    """Contributors' text as Markdown that shows it as it is: no formatting, no
    HTML, no link, @mention or reference (``github_text.unlinked``), on one line."""
    return unlinked(_MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split())))


class _Budget:
    """Lines while they fit in MAX_MARKDOWN; how many did not."""

    def __init__(self):
        self.left = MAX_MARKDOWN - 2_000  # the headings and the closing words always fit

    def fits(self, line: str) -> bool:
        if len(line) + 1 > self.left:
            self.left = 0
            return False
        self.left -= len(line) + 1
        return True


def markdown(findings, settings, mention: bool = True) -> str:
    """The issue body; ``mention`` False writes handles as code, which notifies nobody."""

    def handle(h: str) -> str:
        return h if mention else f"`{h}`"

    def link(entry) -> str:
        path = entry_path(settings, entry)
        target = file_url(settings, path) if settings.repository_url else ""
        name = escape(_name(entry))
        return f"[{name}]({target})" if target else f"{name} (`{path}`)"

    def page(entry) -> str:
        return f" · [page]({settings.site_url}{url_for(entry)})" if BY_MODEL[type(entry)].url_pattern else ""

    budget, out = _Budget(), []

    def bullets(lines) -> None:
        lines = list(lines)
        shown = [line for line in lines if budget.fits(line)]
        out.extend(shown)
        if len(shown) < len(lines):
            out.append(f"- … and {len(lines) - len(shown):,} more: run `make report` for the whole list")

    council = " ".join(handle(h) for h in settings.maintainers) or "the council's maintainers"
    out += [
        f"Entries of {escape(settings.site_name)} that need someone to look at them, on "
        f"{format_date(findings.today)}. To confirm an entry is still right, open its file, edit it "
        "(the pencil button), set `assured_date` to the day you checked, and propose the change.",
    ]
    for heading, items in _sections(findings):
        out += ["", f"## {heading}", ""]
        if not items:
            out.append("None.")
        elif hasattr(items[0], "checked"):
            by_owners = groupby(sorted(items, key=lambda u: u.owners), key=lambda u: u.owners)
            for owners, group in by_owners:
                who = " ".join(handle(h) for h in owners) if owners else f"Looked after by {council}"
                out += [f"### {who}", ""]
                bullets(f"- {link(u.entry)}: {_when(u.checked)}{page(u.entry)}" for u in group)
                out.append("")
        elif hasattr(items[0], "vocabulary"):
            bullets(f"- {escape(t.name)} (`{t.slug}` in `{VOCABULARY[t.vocabulary].where}`)" for t in items)
        else:
            bullets(f"- {link(entry)}{page(entry)}" for entry in items)
    out += ["", "---", "", "_Written by `make report FORMAT=markdown`; this issue is updated every week._"]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)) + "\n"
