"""``python -m directory.commands.validate [content] [-s pelicanconf.py]``

Checks the content only (nothing is written) and prints one line per problem
as ``path:line:col: error|warning: message``; exits 1 if there is any error.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..build_time import build_moment
from ..logs import report
from ..problems import ContentError, counts
from ..reading.loader import load_directory
from ..settings import directory_settings
from .cli import arguments, pelican_settings, run, setup_logging


def validate(path: str, conf: str) -> None:
    """Check the content folder; print its problems; raise ContentError on any error."""
    directory = directory_settings(pelican_settings(conf, {"PATH": path}))
    today = build_moment(Path(path), directory.timezone).date()
    result = load_directory(path, directory, today)
    report(result.problems)
    if result.errors:
        raise ContentError(result.problems)
    print(counts(result.problems), file=sys.stderr)


def main() -> int:
    args = arguments("Check the directory's content files.", output=False)
    setup_logging(args.verbose)
    return run(lambda: validate(args.path, args.settings), args.settings)


if __name__ == "__main__":
    raise SystemExit(main())
