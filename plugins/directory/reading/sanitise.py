"""Markdown to safe HTML.

Markdown is parsed by ``markdown-it-py`` (CommonMark, with tables and
definition lists), whose parser is built to take linear time on any input:
a contributor's text cannot stall a build.  It passes raw HTML through, so its
output is cleaned with an allow-list (``nh3``) that keeps only harmless tags
and attributes and only the URL schemes in :data:`schemas.SAFE_SCHEMES`.
Headings are moved down a level so that a contributor's ``#`` never competes
with the page's own ``<h1>``.
"""

from __future__ import annotations

import re

import nh3
from markdown_it import MarkdownIt
from mdit_py_plugins.deflist import deflist_plugin

from ..words import nobreak
from .schemas import SAFE_SCHEMES, is_safe_url

ALLOWED_TAGS = frozenset(
    "a abbr b blockquote br code dd dl dt em h2 h3 h4 h5 h6 hr i li ol p pre "  # noqa: SIM905
    "s strong sub sup table tbody td th thead tr ul".split()
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
_HEADING = re.compile(r"<(/?)h([1-6])\b")


_TEL_LINK_TEXT = re.compile(r'(<a href="tel:[^"]*"[^>]*>)([^<]*)(</a>)')


def _tel_nobreak(match: re.Match) -> str:
    return match.group(1) + nobreak(match.group(2)) + match.group(3)


def _demote(match: re.Match) -> str:
    level = min(int(match.group(2)) + 1, 6)
    return f"<{match.group(1)}h{level}"


class MarkdownRenderer:
    """One reusable converter: CommonMark with tables and definition lists."""

    def __init__(self):
        # maxNesting bounds how deep quotes and lists may go (and so recursion)
        self._md = MarkdownIt("commonmark", {"html": True, "maxNesting": 20}).enable("table").use(deflist_plugin)
        # every link becomes an <a>; clean_html then keeps the address only if
        # is_safe_url passes it, the one rule for links and URL fields alike
        self._md.validateLink = lambda url: True

    def render(self, text: str) -> str:
        if not text:
            return ""
        html = self._md.render(text).rstrip("\n")
        return _TEL_LINK_TEXT.sub(_tel_nobreak, clean_html(_HEADING.sub(_demote, html)))


def clean_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(SAFE_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=_safe_href,
    )


def _safe_href(tag: str, attribute: str, value: str):
    """Links in Markdown pass the same check as URL fields (``/\\host`` and
    other ways to leave the site that an allow-list of schemes lets through)."""
    if attribute == "href" and not is_safe_url(value):
        return None
    return value
