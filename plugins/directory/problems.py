"""Problems found in content, reported in the GNU ``file:line:col`` format,
and the errors library code raises (only a command's ``main()`` exits)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from operator import attrgetter


def printable(text: str) -> str:
    """``text`` safe for one line of a log: line breaks, terminal escapes and
    other invisible characters written as escapes (``\\n``, ``\\x1b``, ``\\u202e``),
    so a file name cannot forge a second message or hide what it says."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


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
