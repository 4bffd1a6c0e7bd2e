"""Problems as GitHub Actions workflow commands (``make validate FORMAT=github``).

``::error file=content/services/x.yaml,line=12,col=14::message`` makes GitHub
show the message as an annotation on that line of the pull request. The runner
reads these commands from stdout and stderr alike, so whatever a contributor
wrote must not be able to end the command early or start another one: every
value is escaped the way GitHub's own toolkit (``@actions/core``) escapes it.
"""

from __future__ import annotations

import os
from pathlib import Path

from .problems import STALE, ContentProblem, printable


def escape_data(text: str) -> str:
    """The message part: ``%``, CR and LF as percent escapes (GitHub decodes them)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A ``name=value`` property: also ``:`` and ``,``, which end a value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def repository_root() -> Path:
    """Where GitHub checked the repository out (annotations name files from
    there); outside Actions, the folder the command runs in."""
    return Path(os.environ.get("GITHUB_WORKSPACE") or os.getcwd())


def _real(path: Path) -> Path:
    """``path`` absolute with its folders' links resolved but not the last part:
    a link is reported as itself, never as what it points to."""
    path = Path(os.path.abspath(path))
    return Path(os.path.realpath(path.parent)) / path.name


def file_from_root(path: str, root: Path) -> str:
    """``path`` relative to ``root`` with forward slashes, as GitHub needs;
    left as it is when it lies outside ``root`` (GitHub then shows the
    message without a line)."""
    try:
        return _real(Path(path)).relative_to(_real(root)).as_posix()
    except ValueError:
        return path


def annotation(problem: ContentProblem, root: Path) -> str:
    """One problem as one ``::error`` or ``::warning`` line, at the same file,
    line and column as the plain format. The message starts with the place too
    (``file:line:col: ``, as ruff's GitHub format does): past the ten errors and
    ten warnings a step may show as annotations, the log shows only messages.
    It goes through :func:`~directory.problems.printable`, as in the plain format,
    so control characters (a right-to-left override) show as escapes and a
    ``##[`` quoted from content is broken (the runner writes the message into
    the log, where that older form of command would be obeyed)."""
    command = "error" if problem.is_error else "warning"
    file = file_from_root(problem.path, root)
    where = ",".join(
        f"{name}={escape_property(value)}"
        for name, value in (("file", file), ("line", str(problem.line)), ("col", str(problem.col)))
    )
    message = f"{printable(file)}:{problem.line}:{problem.col}: {printable(problem.message)}"
    return f"::{command} {where}::{escape_data(message)}"


def annotation_order(problems) -> list[ContentProblem]:
    """The problems with every "not checked for a long time" warning last.
    GitHub shows only the first ten errors and ten warnings of a step as
    annotations: the entries gone stale all over a large directory must not
    crowd out a warning on the pull request's own lines (a likely duplicate,
    a private contact). Otherwise the order is the plain format's."""
    return sorted(problems, key=lambda problem: problem.code == STALE)
