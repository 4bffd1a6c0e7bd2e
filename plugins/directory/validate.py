"""``python -m directory.validate [content] [-s pelicanconf.py]``

Checks the content only (nothing is written) and prints one line per problem
as ``path:line:col: error|warning: message``; exits 1 if there is any error.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from .build_time import BuildTimeError, build_moment
from .cli import arguments, directory_settings, pelican_settings, print_problems, setup_logging
from .loader import load_directory


def main() -> int:
    args = arguments("Check the directory's content files.", output=False)
    setup_logging(args.verbose)
    settings = pelican_settings(args.settings, {"PATH": args.path})
    directory = directory_settings(settings, args.settings)
    try:
        today = build_moment(Path(args.path), directory.timezone).date()
    except BuildTimeError:  # content not in Git yet: judge it as of today
        today = datetime.now(ZoneInfo(directory.timezone)).date()
    result = load_directory(args.path, directory, today)
    print_problems(result.problems)
    return 1 if result.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
