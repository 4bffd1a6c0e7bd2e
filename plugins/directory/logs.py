"""How the directory's messages reach the person running the build.

Problems are ``path:line:col: severity: message`` lines that editors and CI
read, so they must come out one per line, whole: not wrapped to a terminal's
width or folded into a traceback (as Pelican's own log handler would).
:func:`plain_output` gives the ``directory`` loggers a plain handler of their
own, whichever command runs the build (ours, or plain ``pelican``).
"""

from __future__ import annotations

import logging
import sys

from .problems import DirectoryError

problems_log = logging.getLogger("directory.problems")
summary_log = logging.getLogger("directory.summary")


class _Stderr(logging.Handler):
    """Writes each message as it is to whatever sys.stderr is at the time."""

    def emit(self, record: logging.LogRecord) -> None:
        sys.stderr.write(self.format(record) + "\n")


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
        handler.setFormatter(logging.Formatter("%(message)s"))
        ours.addHandler(handler)
        ours.propagate = False
    summary_log.setLevel(logging.INFO)
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, _NoTracebackForOurErrors) for f in handler.filters):
            handler.addFilter(_NoTracebackForOurErrors())


def report(problems) -> None:
    """Log each problem on its own line."""
    for problem in problems:
        problems_log.log(logging.ERROR if problem.is_error else logging.WARNING, "%s", problem)
