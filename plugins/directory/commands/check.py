"""``python -m directory.commands.check [content] -s pelicanconf.py [-o output]``

The content checks (``make check``): what a pull request that changes only a
council's content must pass. They hold for any valid directory, so they read
nothing of the software's tests:

1. validate: the content's errors end the check (warnings are printed);
2. build: the whole site, into ``-o`` (by default a temporary folder, removed after);
3. html-validate on every page of the build;
4. axe-core in Chromium on one page of every type, at a phone's width and a desktop's
   (``CHROMIUM``, default /usr/bin/chromium);
5. every link inside the site leads to a file of the build (and a ``#part`` of a page
   to an id on it);
6. the size budgets (check_budgets.py), which ``--budget NAME=BYTES`` can change.

Each problem is printed as ``file-in-the-site:line:col: error: message`` (axe's as the
page's address and width), and each check says what it looked at and how long it
took. Exits 1 if any check found an error, 2 if a check could not run.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from ..logs import report
from ..settings import directory_settings
from ..workers import cores
from .build import build
from .check_axe import check_axe, chromium, page_types
from .check_budgets import check_budgets, with_limits
from .check_findings import ChecksFailed
from .check_html import html_validate_running
from .check_links import check_links
from .cli import arguments, pelican_settings, run, setup_logging
from .validate import validate

DEFAULT_CHROMIUM = "/usr/bin/chromium"


@contextmanager
def output_folder(output: str | None):
    """The folder to build into: ``output`` as given, or a temporary one removed after."""
    if output:
        yield Path(output).resolve()
        return
    with tempfile.TemporaryDirectory(prefix="civic-hub-check-") as work:
        yield Path(work) / "site"


def timed(name: str, what: str, check, seconds=None) -> list:
    """Run one check; say how many problems it found, in what and in how long
    (``seconds()`` for a check that ran in the background)."""
    start = time.monotonic()
    found = check()
    report(found)
    errors = sum(f.is_error for f in found)
    verdict = f"{errors} problem(s)" if errors else "passed"
    took = seconds() if seconds else time.monotonic() - start
    print(f"{name}: {verdict} in {what} ({took:.1f} s)", file=sys.stderr)
    return found


def check(path: str, conf: str, output: str | None, limits: dict[str, int], browser: str) -> None:
    """Run every content check on the content folder ``path``; raise ChecksFailed if any fails."""
    path, conf = str(Path(path).resolve()), str(Path(conf).resolve())
    budgets = with_limits(limits)  # a wrong name, or no browser, is said before anything runs
    chromium(browser)
    validate(path, conf)
    settings = pelican_settings(conf, {"PATH": path})
    site_url, theme = directory_settings(settings).site_url, Path(settings["THEME"])
    with output_folder(output) as site:
        start = time.monotonic()
        build(path, str(site), conf, jobs=cores(), cache=output is not None)
        print(f"build: built into {site} ({time.monotonic() - start:.1f} s)", file=sys.stderr)
        pages = sum(1 for _ in site.rglob("*.html"))
        types = len(page_types(site))
        with html_validate_running(site, theme) as html:  # beside the browser, on the other core
            found = timed("axe", f"{types} types of page, 2 widths", lambda: check_axe(site, theme, browser))
            found += timed("links", f"{pages:,} pages", lambda: check_links(site, site_url))
            found += timed("budgets", "the built files", lambda: check_budgets(site, budgets))
            found += timed("html-validate", f"{pages:,} pages", html.findings, lambda: html.seconds)
    errors = sum(f.is_error for f in found)
    if errors:
        raise ChecksFailed(f"the content checks found {errors} problem(s), listed above")
    print("All the content checks passed.", file=sys.stderr)


def _options(parser) -> None:
    parser.add_argument("-o", "--output", default=None, help="build into this folder (default: a temporary one)")
    parser.add_argument(
        "--budget",
        action="append",
        default=[],
        metavar="NAME=BYTES",
        help="change a size budget (gzipped bytes), e.g. widget-script=8192",
    )


def _limits(pairs: list[str]) -> dict[str, int]:
    limits = {}
    for pair in pairs:
        name, _, size = pair.partition("=")
        if not size.isdigit():
            raise SystemExit(f"error: --budget {pair!r}: write NAME=BYTES, e.g. widget-script=8192")
        limits[name] = int(size)
    return limits


def main() -> int:
    args = arguments("Run the content checks on a content folder.", output=False, extra=_options)
    setup_logging(args.verbose)
    browser = os.environ.get("CHROMIUM") or DEFAULT_CHROMIUM
    limits = _limits(args.budget)
    return run(lambda: check(args.path, args.settings, args.output, limits, browser), args.settings)


if __name__ == "__main__":
    raise SystemExit(main())
