"""What a one-line value or a file name may hold, and words for what it may not.

One rule, the log printer's (``problems.printable``): a character it would
escape (``not str.isprintable()``: a line break, a tab, a no-break space, a
line separator, a zero-width or control character) has no place in a name, a
title, an address line, a web address, a time or a file name.  A line break
there splits the lines of ``_headers`` or CODEOWNERS, or puts a break in a URL;
the others hide in what people see.  Text of several lines (descriptions,
summaries) is the schemas' ``text`` and ``markdown``, which keep line breaks.
"""

from __future__ import annotations

import unicodedata

# what people call the ones they meet (copied from a word processor, a web page,
# or a value written after | or > in YAML, which ends with a line break)
_WORDS = {
    "\n": "a line break",
    "\r": "a carriage return",
    "\x85": "a next-line character",
    "\u2028": "a line separator",
    "\u2029": "a paragraph separator",
    "\t": "a tab",
    "\u00a0": "a no-break space",
    "\u00ad": "a soft hyphen",
    "\u200b": "a zero-width space",
    "\ufeff": "a byte order mark",
}
_LINE_BREAKS = frozenset("\n\r\x85\u2028\u2029\x0b\x0c")


def is_one_line(text: str) -> bool:
    """True when ``text`` holds only characters a log line shows as they are."""
    return text.isprintable()


def first_unprintable(text: str) -> int | None:
    """The index of the first character ``is_one_line`` refuses, or None."""
    if text.isprintable():
        return None
    return next(i for i, c in enumerate(text) if not c.isprintable())


def character_words(char: str) -> str:
    """``"\\n"`` -> ``"a line break (U+000A)"``: the character, named for people."""
    words = _WORDS.get(char)
    if words is None:
        name = unicodedata.name(char, "").lower()
        invisible = "a space" if unicodedata.category(char) == "Zs" else "an invisible character"
        words = f"{invisible} ({name})" if name else ("a control character" if ord(char) < 0xA0 else invisible)
    return f"{words} (U+{ord(char):04X})"


def _where(text: str, index: int) -> str:
    if index == len(text) - 1:
        return "at its end"
    if index == 0:
        return "at its start"
    before = text[:index] if index <= 20 else "…" + text[index - 20 : index]
    return f"after {before!r}"


def unprintable_character(text: str) -> str | None:
    """The first character ``is_one_line`` refuses and where it is, in words, or
    None: ``"a line break (U+000A) at its end"``."""
    index = first_unprintable(text)
    return None if index is None else f"{character_words(text[index])} {_where(text, index)}"


def unprintable_words(text: str, spaces: bool = True) -> str | None:
    """:func:`unprintable_character`, and how to put it right (``spaces``: whether
    an ordinary space may take its place, as in a name, not in a time or an address)."""
    index = first_unprintable(text)
    if index is None:
        return None
    char = text[index]
    if char == "\n" and index == len(text) - 1:
        fix = "delete it (a value written on the lines after | or > ends with a line break: write |- or >- instead)"
    elif char in _LINE_BREAKS:
        fix = "delete it: this is a line break, and this must be on one line"
    elif spaces and (char == "\t" or unicodedata.category(char) == "Zs"):
        fix = "replace it with an ordinary space"
    else:
        fix = "delete it (retype the text if you cannot see it)"
    return f"{unprintable_character(text)}; {fix}"


def without_unprintable(text: str) -> str:
    """``text`` with the characters ``is_one_line`` refuses left out (a suggested name)."""
    return "".join(c for c in text if c.isprintable())
