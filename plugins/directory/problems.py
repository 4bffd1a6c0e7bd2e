"""Problems found in content, reported in the GNU ``file:line:col`` format,
and the errors library code raises (only a command's ``main()`` exits)."""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass, field
from operator import attrgetter

# Characters a culture-aware comparison (as .NET's, so GitHub's runner's) may pass
# over as if absent: marks, formatting and control characters, the Hangul fillers
_FILLERS = frozenset("\u115f\u1160\u3164\uffa0")


def _unseen(c: str) -> bool:
    return c in _FILLERS or (unicodedata.category(c) in ("Mn", "Me", "Cf", "Cc") and c not in "\t\n\r")


def without_workflow_commands(text: str) -> str:
    """``text`` with every ``##[`` broken by a backslash (``##\\[add-mask]``).

    GitHub's runner obeys ``::command::`` at the start of a line of a job's log
    and also its older form, ``##[command]``, anywhere in a line (actions/runner,
    ActionCommand.TryParse), so a name quoted in a message could mask a value,
    open a group or forge an error. The runner finds ``##[`` as .NET compares
    text, which can pass over invisible characters and marks, so those do not
    keep a ``#`` from counting. ``::`` never starts a line the software prints:
    every line starts with a path, a word or Markdown of its own."""
    if "#" not in text or "[" not in text:
        return text
    out, hashes = [], 0
    for c in text:
        if c == "[" and hashes >= 2:
            out.append("\\")
        if c == "#":
            hashes += 1
        elif not _unseen(c):
            hashes = 0
        out.append(c)
    return "".join(out)


def printable(text: str) -> str:
    """``text`` safe for one line of a log: line breaks, terminal escapes and
    other invisible characters written as escapes (``\\n``, ``\\x1b``, ``\\u202e``),
    so a file name cannot forge a second message or hide what it says, and no
    ``##[`` that GitHub's runner would obey (:func:`without_workflow_commands`)."""
    if not text.isprintable():
        text = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)
    return without_workflow_commands(text)


STALE = "stale"  # the code of the warning that an entry has not been checked for too long


@dataclass(frozen=True, order=True)
class ContentProblem:
    path: str
    line: int
    col: int
    severity: str  # "error" or "warning"
    message: str
    # what kind of problem, when something treats it apart ("stale": the build
    # sums these up in one line); not part of its identity or order
    code: str = field(default="", compare=False)

    def __str__(self) -> str:
        return f"{printable(self.path)}:{self.line}:{self.col}: {self.severity}: {printable(self.message)}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


# sorts problems as their dataclass order does, but comparing plain tuples
# (ten times faster for the thousands of problems of a broken directory)
in_order = attrgetter("path", "line", "col", "severity", "message")


class DirectoryError(Exception):
    """A problem the person running a command must fix; ``exitcode`` says how
    the command ends."""

    exitcode = 2

    def __str__(self) -> str:
        # commands print this message (cli.report) and logs show it: it may quote
        # content (a file name), so it never carries a workflow command either
        return without_workflow_commands(super().__str__())


class ContentError(DirectoryError):
    """Raised when content has errors; carries every problem found."""

    exitcode = 1

    def __init__(self, problems):
        self.problems = sorted(problems, key=in_order)
        super().__init__(f"{counts(self.problems)} in the content (listed above)")


def counts(problems) -> str:
    """'2 error(s), 1 warning(s)'."""
    errors = sum(p.is_error for p in problems)
    return f"{errors} error(s), {len(problems) - errors} warning(s)"


def did_you_mean(word: str, choices) -> str:
    """`` (did you mean 'x'?)`` when a close match exists, else ``""``; ``choices``
    in a fixed order (sorted), so the suggestion is the same on every run."""
    ordered = choices if isinstance(choices, list) else sorted(choices)
    matches = difflib.get_close_matches(str(word), ordered, n=1, cutoff=0.6)
    return f" (did you mean {matches[0]!r}?)" if matches else ""
