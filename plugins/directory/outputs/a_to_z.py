"""``/a-z/`` lists the letters; each letter has a page of its own, so the page a
resident downloads stays small in a directory of any size."""

from __future__ import annotations

from .. import words
from ..kinds import SERVICES
from ..relations import name_order
from ..urls import LETTERS, letter_of, letter_url, url, url_for


def write(site, out) -> None:
    d = site.directory
    entries = [(s.name, url_for(s), SERVICES.label, s.summary) for s in d.services.values()]
    entries += [(o.name, url_for(o), words.kind(o), o.summary) for o in d.organisations.values()]
    entries.sort(key=lambda e: (name_order(e[0]), e[1]))
    by_letter = {letter: [] for letter in LETTERS}
    for entry in entries:
        by_letter[letter_of(entry[0])].append(entry)
    letters = [(k, len(v), letter_url(k) if v else "") for k, v in by_letter.items()]
    out.page("az.html", url("a-z"), title="A to Z", letters=letters, current=None, entries=[])
    for letter, items in by_letter.items():
        if items:
            out.page(
                "az.html",
                letter_url(letter),
                title=f"A to Z: {letter}",
                crumbs=[("A to Z", url("a-z"))],
                letters=letters,
                current=letter,
                entries=items,
            )
