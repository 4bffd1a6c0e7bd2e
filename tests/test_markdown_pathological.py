"""Markdown that makes naive parsers take quadratic time, or recurse without end.

The inputs follow the pathological cases the CommonMark projects test their
parsers with (cmark's and commonmark.js's "pathological tests"), plus those
that stalled the previous parser here; each is made as long as the longest
Markdown a file may hold (the 50,000 characters of a page's text) and must be
rendered and sanitised within the bound of one file (2 seconds).
"""

from __future__ import annotations

import time

import pytest

from directory.reading.entry_file import MAX_BODY
from directory.reading.sanitise import MarkdownRenderer

BOUND_SECONDS = 2.0


def fill(unit: str, prefix: str = "", suffix: str = "") -> str:
    """``unit`` repeated to the longest text a file may hold."""
    return prefix + unit * ((MAX_BODY - len(prefix) - len(suffix)) // len(unit)) + suffix


def nested(opening: str, middle: str, closing: str) -> str:
    n = (MAX_BODY - len(middle)) // (len(opening) + len(closing))
    return opening * n + middle + closing * n


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
    "deeply nested lists": "".join("  " * i + "* a\n" for i in range(150)),
    "NUL characters": fill("abc\u0000de\u0000"),
    "backtick runs": "".join("e" + "`" * i for i in range(1, 310)),
    "unclosed links with angle brackets": fill("[a](<b"),
    "unclosed links": fill("[a](b"),
    "unclosed HTML comments": fill("<!--", prefix="</"),
    "unclosed processing instructions": fill("<?", prefix="</"),
    "unclosed declarations": fill("<!X", prefix="</"),
    "unclosed CDATA": fill("<![CDATA[", prefix="</"),
    "many link reference definitions": fill("[a]: u\n"),
    "a table of many rows": fill("| a | b |\n", prefix="| x | y |\n|---|---|\n"),
    "a table row of many cells": "| " + "a |" * 8000 + "\n|" + "-|" * 8000 + "\n",
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


@pytest.mark.parametrize("name", sorted(CASES))
def test_pathological_markdown_renders_within_the_bound(render, name):
    text = CASES[name]
    assert len(text) <= MAX_BODY
    started = time.perf_counter()
    html = render(text)
    seconds = time.perf_counter() - started
    assert seconds < BOUND_SECONDS, f"{name}: {seconds:.2f} s"
    assert "<script" not in html
