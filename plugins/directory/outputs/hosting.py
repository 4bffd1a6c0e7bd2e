"""``/_headers`` and ``/_redirects``: the headers and rewrites of ``hosting.py``
in the files Netlify and Cloudflare Pages read (and the preview server too)."""

from __future__ import annotations

from ..hosting import header_rules, rewrite_rules
from ..pelican_defaults import STATIC_PATHS, THEME_STATIC_DIR
from ..reading.characters import is_one_line
from ..urls import SECTIONS, save_as
from . import cms


def headers_file(top_folders, top_files=(), own_policies=None) -> str:
    lines = []
    for pattern, headers in header_rules(top_folders, top_files, own_policies):
        # a path with a space or a line break in it would write rules of its own (a
        # bare "/*"): the reader lets no such file name through, and none is written
        if not is_one_line(pattern) or " " in pattern:
            raise ValueError(f"no _headers rule can name the path {pattern!r}")
        lines.append(pattern)
        lines += [f"  {name}: {value}" for name, value in headers.items()]
    return "\n".join(lines) + "\n"


def redirects_file() -> str:
    lines = []
    for source, query, target in rewrite_rules():
        lines.append(" ".join(part for part in (source, query, target, "200") if part))
    return "\n".join(lines) + "\n"


def write(site, out) -> None:
    paths = [save_as(url) for url in out.written]
    folders = {path.split("/")[0] for path in paths if "/" in path}
    # the files at the top, with the sitemap, which is written after this
    files = {path for path in paths if "/" not in path} | {save_as(SECTIONS["sitemap"]), "_headers", "_redirects"}
    editor = cms.folder()
    own = {editor: cms.policy(site.settings)} if editor in folders else {}
    out.text("/_headers", headers_file(folders | {THEME_STATIC_DIR, *STATIC_PATHS}, files, own))
    out.text("/_redirects", redirects_file())
