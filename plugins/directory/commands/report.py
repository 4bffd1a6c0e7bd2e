"""``python -m directory.commands.report [content] -s pelicanconf.py [--format markdown]``

Prints what needs someone's attention (``freshness.py``): entries not checked
for too long, services nobody could reach, organisations without
maintainers, empty categories and areas. Plain text by default; Markdown for
the body of an issue, which @mentions the people who look after the stale
entries only when ``--repository`` (the host's "owner/name" of the repository
the issue goes to) is the one in the ``repository_url`` setting, or is not
given: a fork or a copy of the project never notifies the sample's people.

The day is today's real date in the council's time zone (``build_time.today``),
as for ``make validate``: an entry is stale by the calendar on the wall, not by
``SOURCE_DATE_EPOCH`` or the last commit, which only date what a build writes.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from ..freshness import find
from ..report_text import markdown, plain
from .cli import arguments, run, setup_logging
from .content import read_content


def mentions_allowed(repository: str | None, repository_url: str) -> bool:
    if not repository:
        return True
    return repository.strip("/").lower() == urlsplit(repository_url).path.strip("/").lower()


def report(path: str, conf: str, form: str, repository: str | None) -> None:
    content = read_content(path, conf)
    s = content.settings
    findings = find(content.directory, content.today, s.stale_after_days)
    if form == "markdown":
        print(markdown(findings, s, mention=mentions_allowed(repository, s.repository_url)), end="")
    else:
        print(plain(findings, s.site_name), end="")


def main() -> int:
    def extra(parser):
        parser.add_argument("--format", choices=("text", "markdown"), default="text", help="plain text, or Markdown")
        parser.add_argument("--repository", help="owner/name of the repository an issue with it goes to")

    args = arguments("Print the entries that need someone's attention.", output=False, extra=extra)
    setup_logging(args.verbose)
    return run(lambda: report(args.path, args.settings, args.format, args.repository), args.settings)


if __name__ == "__main__":
    raise SystemExit(main())
