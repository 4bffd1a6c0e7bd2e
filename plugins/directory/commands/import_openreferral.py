"""``python -m directory.commands.import_openreferral SRC [content] [-s pelicanconf.py] [--force] [--category SLUG]``

Imports Open Referral UK 3.0 JSON into the content folder: SRC is a service
document (``GET /services/{id}``), a page of a list (``GET /services``), an
organisation or service-at-location document, or a folder of such ``.json``
files (a saved ``/openreferral/`` feed). See docs/importing.md.
"""

from __future__ import annotations

from pathlib import Path

from ..openreferral.documents import read_source
from ..openreferral.importer import drafts
from ..problems import DirectoryError
from .cli import arguments, run, setup_logging
from .imports import finish, force_option, plan_for


def import_openreferral(source: str, content: str, conf: str, force: bool = False, category: str = "") -> None:
    plan = plan_for(content, conf, force)
    if category and category not in plan.known["categories"]:
        where = f"{content}/taxonomy/categories.yaml"
        raise DirectoryError(f"--category: there is no category called {category!r} in {where}")
    if not Path(source).exists():
        raise DirectoryError(f"{source}: there is no such file or folder")
    notices = []
    documents = read_source(Path(source), notices)
    found, more = drafts(documents, plan.terms, category or None)
    finish(plan, found, notices + more)


def options(parser) -> None:
    parser.add_argument("source", help="an Open Referral JSON file, or a folder of them")
    force_option(parser)
    parser.add_argument(
        "-c", "--category", default="", help="the category (a slug) for services none of whose terms is one of yours"
    )


def main() -> int:
    args = arguments("Import Open Referral UK JSON into the content folder.", output=False, extra=options)
    setup_logging(args.verbose)
    work = lambda: import_openreferral(args.source, args.path, args.settings, args.force, args.category)  # noqa: E731
    return run(work, args.settings)


if __name__ == "__main__":
    raise SystemExit(main())
