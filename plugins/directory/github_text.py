"""Contributors' text in Markdown that GitHub shows as text, never as a link.

GitHub turns runs of plain text into links in two places. Its Markdown parser
(cmark-gfm's autolink extension) links ``https://…``, ``www.…`` and e-mail
addresses; a backslash or an HTML entity stops the first two but not an
address, which is found after the text is joined up again. Then, in the
rendered page, filters link ``@someone`` (and notify them), ``#123`` and
``GH-123`` (issues) and commit ids, reading each run of text, where an entity
has already become its character.

:func:`unlinked` puts an empty HTML comment inside each such run. The comment
splits the run into two, so neither the parser nor the filters find the whole
of it, and it shows as nothing: the reader sees the text as it was written.
"""

from __future__ import annotations

import re

BREAK = "<!-- -->"

# after each of these, a BREAK; each pattern matches where a link would start
_RUNS = re.compile(
    r"""
      @                                 # an address, a mention, mailto:, xmpp:
    | :(?=//)                           # https://, ftp://, any scheme
    | (?<![0-9A-Za-z])www(?=\\?\.)      # www.example.org
    | \#(?=\d)                          # #123, owner/name#123
    | (?<![0-9A-Za-z])GH\\?-(?=\d)      # GH-123
    """,
    re.IGNORECASE | re.VERBOSE,
)
# commit ids: seven to forty hexadecimal digits on their own, cut into sixes
_HEX = re.compile(r"(?<![0-9A-Za-z])[0-9A-Fa-f]{7,}(?![0-9A-Za-z])")


def _sixes(match: re.Match) -> str:
    run = match.group(0)
    return BREAK.join(run[i : i + 6] for i in range(0, len(run), 6))


def unlinked(markdown: str) -> str:
    """Inline Markdown (contributors' text already escaped, on one line) with a
    BREAK in every run GitHub would make a link, a mention or a reference of."""
    return _HEX.sub(_sixes, _RUNS.sub(lambda m: m.group(0) + BREAK, markdown))
