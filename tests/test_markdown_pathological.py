"""Markdown that makes naive parsers take quadratic time, or recurse without end.

The inputs follow the pathological cases the CommonMark projects test their
parsers with (cmark's and commonmark.js's "pathological tests"), plus those
that stalled the previous parser here; each is made as long as the longest
Markdown a file may hold (the 50,000 characters of a page's text) and must be
rendered and sanitised in time that grows with its length, not with its
square: the whole text may take at most eight times what a quarter of it takes
(four times is linear, sixteen quadratic), or a fifth of a second.  A ratio,
not a number of seconds, so the test says the same on a slow machine as on a
fast one; bench/ measures the seconds.
"""

from __future__ import annotations

import time

import pytest

from directory.reading.entry_file import MAX_BODY
from directory.reading.sanitise import MarkdownRenderer

GROWTH = 8  # at most, from a quarter of the text to the whole of it
NOISE_SECONDS = 0.2  # below this, the ratio of two timings says nothing


def fill(unit: str, prefix: str = "", suffix: str = ""):
    """``unit`` repeated to ``size`` characters (the longest text a file may hold)."""
    return lambda size=MAX_BODY: prefix + unit * ((size - len(prefix) - len(suffix)) // len(unit)) + suffix


def nested(opening: str, middle: str, closing: str):
    def made(size=MAX_BODY):
        n = (size - len(middle)) // (len(opening) + len(closing))
        return opening * n + middle + closing * n

    return made


def lines(line, count: int):
    """``count`` lines made by ``line(i)``, a quarter as many for a quarter of the size."""
    return lambda size=MAX_BODY: "".join(line(i) for i in range(count * size // MAX_BODY))


CASES = {
    # the CommonMark projects' cases
    "nested strong emphasis": nested("*a **a ", "b", " a** a*"),
    "emphasis closers without openers": fill("a_ "),
    "emphasis openers without closers": fill("_a "),
    "triple emphasis openers without closers": fill("a***"),
    "link closers without openers": fill("a]"),
    "link openers without closers": fill("[a"),
    "mismatched openers and closers": fill("*a_ "),
    "openers and closers in multiples of three": fill("c* ", prefix="a**b"),
    "link openers and emphasis closers": fill("[ a_"),
    "brackets and parentheses": fill("[ (]("),
    "nested brackets": nested("[", "a", "]"),
    "nested block quotes": fill(">", suffix=" a"),
    "deeply nested lists": lines(lambda i: "  " * i + "* a\n", 150),
    "NUL characters": fill("abc\u0000de\u0000"),
    "backtick runs": lines(lambda i: "e" + "`" * (i + 1), 309),
    "unclosed links with angle brackets": fill("[a](<b"),
    "unclosed links": fill("[a](b"),
    "unclosed HTML comments": fill("<!--", prefix="</"),
    "unclosed processing instructions": fill("<?", prefix="</"),
    "unclosed declarations": fill("<!X", prefix="</"),
    "unclosed CDATA": fill("<![CDATA[", prefix="</"),
    "many link reference definitions": fill("[a]: u\n"),
    "a table of many rows": fill("| a | b |\n", prefix="| x | y |\n|---|---|\n"),
    "a table row of many cells": lambda size=MAX_BODY: (
        "| " + "a |" * (8000 * size // MAX_BODY) + "\n|" + "-|" * (8000 * size // MAX_BODY) + "\n"
    ),
    # what stalled or crashed Python-Markdown here
    "runs of [": fill("["),
    "runs of ![": fill("!["),
    "runs of [x](": fill("[x]("),
    "abbreviation definitions": fill("*[abbr]: text\n"),
    "definition list markers": fill("a\n: b\n"),
    "entities": fill("&amp;"),
    "raw HTML tags": fill("<a "),
}


@pytest.fixture(scope="module")
def render():
    return MarkdownRenderer().render


def timed(render, text: str) -> tuple[float, str]:
    started = time.perf_counter()
    html = render(text)
    return time.perf_counter() - started, html


@pytest.mark.parametrize("name", sorted(CASES))
def test_pathological_markdown_renders_in_time_that_grows_with_its_length(render, name):
    text = CASES[name]()
    assert len(text) <= MAX_BODY
    quarter, _ = timed(render, CASES[name](MAX_BODY // 4))
    seconds, html = timed(render, text)
    assert seconds < max(GROWTH * quarter, NOISE_SECONDS), f"{name}: {seconds:.2f} s, a quarter {quarter:.2f} s"
    assert "<script" not in html
