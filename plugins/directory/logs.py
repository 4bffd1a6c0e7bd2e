"""How the directory's messages reach the person running the build.

Problems are ``path:line:col: severity: message`` lines that editors and CI
read, so they must come out one per line, whole: not wrapped to a terminal's
width or folded into a traceback (as Pelican's own log handler would).
:func:`plain_output` gives the ``directory`` loggers a plain handler of their
own, whichever command runs the build (ours, or plain ``pelican``).

In GitHub Actions, a line of the log holding ``##[command]`` is a workflow
command: every message, ours and Pelican's, goes out with that broken
(:func:`~directory.problems.without_workflow_commands`), whatever it quotes.
"""

from __future__ import annotations

import logging
import sys

from .problems import STALE, DirectoryError, without_workflow_commands

problems_log = logging.getLogger("directory.problems")
summary_log = logging.getLogger("directory.summary")


class _Stderr(logging.Handler):
    """Writes each message as it is to whatever sys.stderr is at the time."""

    def emit(self, record: logging.LogRecord) -> None:
        sys.stderr.write(self.format(record) + "\n")


class _WithoutWorkflowCommands(logging.Formatter):
    """Another formatter's lines, traceback included, with every ``##[`` broken."""

    def __init__(self, inner: logging.Formatter | None):
        super().__init__()
        self.inner = inner or logging.Formatter()

    def format(self, record: logging.LogRecord) -> str:
        return without_workflow_commands(self.inner.format(record))


class _NoTracebackForOurErrors(logging.Filter):
    """Our errors were reported already, in plain words; their tracebacks would
    only bury those words (plain ``pelican`` logs every exception with one)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], DirectoryError):
            record.exc_info = None
            record.exc_text = None
        return True


def plain_output() -> None:
    """Send the directory's messages to stderr unchanged (once per process)."""
    ours = logging.getLogger("directory")
    if not any(isinstance(h, _Stderr) for h in ours.handlers):
        handler = _Stderr()
        handler.setFormatter(_WithoutWorkflowCommands(logging.Formatter("%(message)s")))
        ours.addHandler(handler)
        ours.propagate = False
    summary_log.setLevel(logging.INFO)
    for log in (problems_log, summary_log):
        # Pelican's loggers drop a warning already logged in this process: a second
        # build in one process (the devserver's) would hide a problem still there
        if hasattr(log, "disable_filter"):
            log.disable_filter()
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, _NoTracebackForOurErrors) for f in handler.filters):
            handler.addFilter(_NoTracebackForOurErrors())
        if not isinstance(handler.formatter, _WithoutWorkflowCommands):
            handler.setFormatter(_WithoutWorkflowCommands(handler.formatter))


def report(problems, as_line=str) -> None:
    """Log each problem on its own line: ``path:line:col: severity: message``,
    or what ``as_line(problem)`` makes of it (GitHub's annotations)."""
    for problem in problems:
        problems_log.log(logging.ERROR if problem.is_error else logging.WARNING, "%s", as_line(problem))


def report_for_build(problems, stale_after_days: int) -> None:
    """Log the problems as a build shows them: the warnings about entries not
    checked for too long summed up in one line (at 50,000 entries there were
    6,605 of them, burying everything else); `make validate` lists each, and
    `make report` lists them with their maintainers."""
    stale = sum(p.code == STALE for p in problems)
    report([p for p in problems if p.code != STALE])
    if stale:
        problems_log.warning(
            "warning: %s not been checked for over %s days; `make report` lists them",
            "1 entry has" if stale == 1 else f"{stale:,} entries have",
            f"{stale_after_days:,}",
        )
