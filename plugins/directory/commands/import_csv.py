"""``python -m directory.commands.import_csv SRC [content] [-s pelicanconf.py] [--force]``

Imports a spreadsheet saved as CSV (UTF-8), one row per service, in the layout
of docs/importing.md (``docs/import-template.csv`` has every column), into the
content folder. A row with a problem is reported at its line and not written;
the other rows are.
"""

from __future__ import annotations

from pathlib import Path

from ..importing.spreadsheet import draft, read
from ..problems import DirectoryError
from .cli import arguments, run, setup_logging
from .imports import finish, force_option, plan_for


def import_csv(source: str, content: str, conf: str, force: bool = False) -> None:
    plan = plan_for(content, conf, force)
    if not Path(source).is_file():
        raise DirectoryError(f"{source}: there is no such file")
    notices = []
    rows = read(Path(source), source, notices)
    finish(plan, [draft(source, line, cells, plan.terms) for line, cells in rows], notices)


def options(parser) -> None:
    parser.add_argument("source", help="the CSV file (UTF-8), one row per service")
    force_option(parser)


def main() -> int:
    args = arguments("Import a spreadsheet (CSV) of services into the content folder.", output=False, extra=options)
    setup_logging(args.verbose)
    return run(lambda: import_csv(args.source, args.path, args.settings, args.force), args.settings)


if __name__ == "__main__":
    raise SystemExit(main())
