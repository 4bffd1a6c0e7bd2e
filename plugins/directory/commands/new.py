"""``python -m directory.commands.new --kind service --name "Friday Lunch Club" [content]``

Writes a new entry's file, commented, valid once its example text is replaced
(``scaffold.py``; ``reading/placeholders.py`` refuses the example text), into
its kind's folder of the content folder and prints its path. It never replaces
a file: an entry of that name already there is an error.

Fields naming other entries are filled in from the content folder (the
organisation given with ``--organisation``, else the council's; the first
category), with a note to check them. ``assured_date`` is today's real date in
the council's time zone (``build_time.today``), whatever ``SOURCE_DATE_EPOCH``
or the last commit says: the entry is being written now, and ``make validate``
compares with the same date.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..build_time import today
from ..importing.text import slugify
from ..kinds import KINDS, ORGANISATIONS
from ..problems import did_you_mean
from ..reading.loader import load_directory
from ..reading.schemas import inlined
from ..reading.strict_yaml import hidden_character
from ..scaffold import Choices, ScaffoldError, scaffold
from ..settings import directory_settings
from .cli import arguments, pelican_settings, run, setup_logging

BY_NAME = {k.name: k for k in KINDS}


def _kind(name: str):
    if name not in BY_NAME:
        raise ScaffoldError(
            f"KIND {name!r} is not a kind of entry{did_you_mean(name, BY_NAME)}; use one of: {', '.join(BY_NAME)}"
        )
    return BY_NAME[name]


def _check_name(kind, name: str) -> str:
    """The file's slug for ``name``, or a ScaffoldError saying what is wrong with it."""
    props = inlined(kind.name).get("properties", {})
    longest = next((props[f].get("maxLength", 120) for f in ("name", "title") if f in props), 60)
    if not name.strip() or len(name) > longest or hidden_character(name) or "\n" in name:
        raise ScaffoldError(
            f"NAME must be the {kind.noun}'s name, on one line of at most {longest} characters, "
            'like NAME="Friday Lunch Club"'
        )
    slug = slugify(name, kind.name)
    if kind.file_stems and slug not in kind.file_stems:
        raise ScaffoldError(f"a {kind.noun} is named one of: {', '.join(kind.file_stems)}")
    return slug


def _choices(directory, known: dict, organisation: str) -> Choices:
    slugs = {target: sorted(values) for target, values in known.items()}
    orgs = slugs.get(ORGANISATIONS.folder, [])
    if organisation and organisation not in orgs:
        raise ScaffoldError(
            f"ORG {organisation!r}: there is no organisation of that name in content/organisations/"
            f"{did_you_mean(organisation, orgs)}"
        )
    council = sorted(o.slug for o in directory.organisations.values() if o.kind == "council")
    return Choices(slugs, organisation or (council or orgs or [""])[0])


def new_entry(path: str, conf: str, kind_name: str, name: str, organisation: str = "") -> Path:
    kind = _kind(kind_name)
    name = " ".join(name.split())  # as the page would show it
    slug = _check_name(kind, name)
    settings = directory_settings(pelican_settings(conf, {"PATH": path}))
    day = today(settings.timezone)
    content = Path(path)
    if not content.is_dir():
        raise ScaffoldError(f"{path}: the content folder does not exist")
    folder = content / kind.folder
    there = [folder / f"{slug}{suffix}" for suffix in kind.suffixes if (folder / f"{slug}{suffix}").exists()]
    if there:
        raise ScaffoldError(f"{there[0]} is there already: choose another NAME, or edit that file")
    result = load_directory(content, settings, day)  # only for the names of entries: errors are validate's
    text = scaffold(kind, name, _choices(result.directory, result.known(), organisation), day)
    folder.mkdir(exist_ok=True)
    target = folder / f"{slug}{kind.suffixes[0]}"
    with open(target, "x", encoding="utf-8") as file:  # "x": never over a file made meanwhile
        file.write(text)
    return target


def main() -> int:
    def extra(parser):
        parser.add_argument("--kind", required=True, help="service, organisation, location, consultation, page, …")
        parser.add_argument("--name", required=True, help="its name: the file is named after it")
        parser.add_argument("--organisation", default="", help="the organisation that runs it (a file name)")

    args = arguments("Write a new entry's file, ready to fill in.", output=False, extra=extra)
    setup_logging(args.verbose)

    def work():
        target = new_entry(args.path, args.settings, args.kind, args.name, args.organisation)
        print(target)
        print(f"Fill in {target.name} (the notes in it say how), then run: make validate", file=sys.stderr)

    return run(work, args.settings)


if __name__ == "__main__":
    raise SystemExit(main())
