"""Write a plain Pelican site of N Markdown articles: the baseline for benchmarks.

    python bench/baseline.py N OUTDIR [--seed S] [--force]

This is what a council would have without Civic Hub: one blog article per
service, written in Markdown with Pelican's usual metadata (title, date,
category, tags, summary), built with Pelican's default theme and the
``pelicanconf.py`` that ``pelican-quickstart`` writes (feeds off while
developing, pagination of 10).  The article text comes from the same phrase
tables as ``generate.py`` (a description of about 80–120 words plus a short
list of the practical details people would otherwise type in by hand), so the
amount of Markdown per entry is similar.

Writes::

    OUTDIR/pelicanconf.py
    OUTDIR/content/<slug>.md        N articles
    OUTDIR/content/pages/about.md

Build it with ``python -m pelican OUTDIR/content -o OUT -s OUTDIR/pelicanconf.py``.
Standard library only; deterministic for a given N and seed.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from datetime import timedelta
from pathlib import Path

from generate import COUNCIL, DEFAULT_SEED, REFERENCE_DATE, Generator, Slugs
from vocabulary import DAYS, LEAVES, PARENTS, WARDS

# What `pelican-quickstart` writes (Pelican 4.12 template), with the answers a
# user would give: title, author, time zone Europe/London, pagination 10.
PELICANCONF = """AUTHOR = "{council} Council"
SITENAME = "{council} Community Directory"
SITEURL = ""

PATH = "content"

TIMEZONE = "Europe/London"

DEFAULT_LANG = "en"

# Feed generation is usually not desired when developing
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Blogroll
LINKS = [
    ("Pelican", "https://getpelican.com/"),
    ("Python.org", "https://www.python.org/"),
    ("Jinja2", "https://palletsprojects.com/p/jinja/"),
    ("You can modify those links in your config file", "#"),
]

# Social widget
SOCIAL = [
    ("You can add links in your config file", "#"),
    ("Another social link", "#"),
]

DEFAULT_PAGINATION = 10

# Uncomment following line if you want document-relative URLs when developing
# RELATIVE_URLS = True
"""

DAY_NAMES = dict(
    zip(DAYS, ["Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays"], strict=True)
)
PARENT_NAMES = {slug: name for slug, name, _ in PARENTS}


def metadata_value(text: str) -> str:
    """Pelican's Markdown metadata is one line per field."""
    return " ".join(text.split())


class Baseline(Generator):
    def article(self, slug: str, name: str, org: dict, leaf: str, ward: str) -> str:
        rng = self.rng
        data = LEAVES[leaf]
        summary = rng.choice(data.summaries)
        access = self.sample(data.access, rng.randrange(1, len(data.access) + 1))
        url = f"https://example.org/{org['slug']}/{slug}"
        body = self.description(name, org["name"], leaf, summary, access, url)
        days = sorted(self.sample(range(7), rng.choice([1, 1, 2])))
        start = rng.choice([9, 10, 13, 14, 18])
        when = " and ".join(DAY_NAMES[DAYS[d]] for d in days)
        details = [
            f"- **When:** {when}, {start}:00 to {start + rng.choice([1, 2, 3])}:00",
            f"- **Where:** {self.venue_name(ward)}, {rng.randrange(1, 240)} {self.street()}, "
            f"{COUNCIL} {self.postcode(WARDS.index(ward) + 1)}",
            f"- **Cost:** {'Free' if rng.random() < data.free_chance else '£' + rng.choice(['1', '2', '2.50', '3.50'])}",  # noqa: E501
            f"- **Phone:** {self.phone_number()}",
            f"- **Email:** <{slug[:40]}@example.org>",
        ]
        published = self.assured()
        meta = [
            f"Title: {metadata_value(name)}",
            f"Date: {published.isoformat()} {rng.randrange(8, 18):02d}:{rng.choice(['00', '15', '30', '45'])}",
            f"Category: {PARENT_NAMES[data.parent]}",
            f"Tags: {data.name}, {ward}",
            f"Slug: {slug}",
            f"Summary: {metadata_value(summary)}",
        ]
        return "\n".join(meta) + "\n\n" + body.rstrip("\n") + "\n\n## Details\n\n" + "\n".join(details) + "\n"

    def write_site(self, root: Path) -> int:
        rng = self.rng
        content = root / "content"
        (content / "pages").mkdir(parents=True, exist_ok=True)
        (root / "pelicanconf.py").write_text(PELICANCONF.format(council=COUNCIL), encoding="utf-8")
        self.plan_organisations()
        slugs = Slugs()
        written = 0
        for _ in range(self.n):
            org = self.orgs[self.pick_org()]
            leaf = rng.choice(org["focus"] if rng.random() < 0.85 else self.leaves)
            ward = WARDS[org["ward"] if rng.random() < 0.7 else rng.randrange(len(WARDS))]
            name = f"{ward} {rng.choice(LEAVES[leaf].service_names)}"
            slug = slugs.take(name)
            text = self.article(slug, name, org, leaf, ward)
            (content / f"{slug}.md").write_text(text, encoding="utf-8")
            written += 1
        about = (
            "Title: About this directory\n"
            f"Date: {(REFERENCE_DATE - timedelta(days=14)).isoformat()}\n\n"
            f"This directory lists services and community groups in {COUNCIL}. "
            "Every name, address and phone number here is fictional.\n"
        )
        (content / "pages" / "about.md").write_text(about, encoding="utf-8")
        return written + 2


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Write a plain Pelican site of N Markdown articles (the baseline).")
    parser.add_argument("n", type=int, metavar="N", help="number of articles (at least 1)")
    parser.add_argument("outdir", type=Path, metavar="OUTDIR", help="folder to write (created)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    parser.add_argument(
        "--force", action="store_true", help="replace OUTDIR/content and OUTDIR/pelicanconf.py if present"
    )
    parser.add_argument("--quiet", action="store_true", help="print nothing on success")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("N must be at least 1")
    root: Path = args.outdir
    existing = [p for p in (root / "content", root / "pelicanconf.py") if p.exists()]
    if existing:
        if not args.force:
            parser.error(f"{root} already has {', '.join(p.name for p in existing)}; use --force to replace them")
        for path in existing:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    started = time.perf_counter()
    files = Baseline(args.n, args.seed).write_site(root)
    if not args.quiet:
        print(
            f"wrote {files} files to {root} in {time.perf_counter() - started:.1f}s: "
            f"{args.n} articles, pelicanconf.py, pages/about.md"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
