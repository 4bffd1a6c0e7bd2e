"""``python -m directory.commands.validate [--format plain|github] [content] [-s pelicanconf.py]``

Checks the content only (nothing is written) and prints one line per problem
as ``path:line:col: error|warning: message``; exits 1 if there is any error.
Dates are checked against today's real date in the council's time zone
(``build_time.today``), whatever ``SOURCE_DATE_EPOCH`` or the last commit says.
``--format github`` prints each as a GitHub Actions workflow command instead
(``::error file=…,line=…,col=…::message``), an annotation on its line.
"""

from __future__ import annotations

import sys

from ..build_time import today
from ..logs import report
from ..problems import ContentError, counts
from ..reading.loader import load_directory
from ..settings import directory_settings
from ..workflow_commands import annotation, annotation_order, repository_root
from .cli import arguments, pelican_settings, run, setup_logging

FORMATS = ("plain", "github")


def print_problems(problems, format: str) -> None:
    """One line per problem: ``path:line:col: severity: message``, or GitHub
    annotations (files named from the repository's root, stale entries last)."""
    if format == "github":
        root = repository_root()
        report(annotation_order(problems), lambda problem: annotation(problem, root))
    else:
        report(problems)


def validate(path: str, conf: str, format: str = "plain") -> None:
    """Check the content folder; print its problems; raise ContentError on any error."""
    directory = directory_settings(pelican_settings(conf, {"PATH": path}))
    # what a person is told: dates "in the future" and stale entries are as of the real
    # date, not the last commit's (build_time.py: the two clocks)
    result = load_directory(path, directory, today(directory.timezone))
    print_problems(result.problems, format)
    if result.errors:
        raise ContentError(result.problems)
    print(counts(result.problems), file=sys.stderr)


def main() -> int:
    args = arguments("Check the directory's content files.", output=False, extra=_format_option)
    setup_logging(args.verbose)
    return run(lambda: validate(args.path, args.settings, args.format), args.settings)


def _format_option(parser) -> None:
    parser.add_argument(
        "--format", choices=FORMATS, default="plain", help="plain (path:line:col: message) or github (annotations)"
    )


if __name__ == "__main__":
    raise SystemExit(main())
