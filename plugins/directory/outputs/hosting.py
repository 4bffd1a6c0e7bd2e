"""``/_headers`` and ``/_redirects``: the headers and rewrites of ``hosting.py``
in the files Netlify and Cloudflare Pages read (and the preview server too)."""

from __future__ import annotations

from ..hosting import header_rules, rewrite_rules


def headers_file(top_folders) -> str:
    lines = []
    for pattern, headers in header_rules(top_folders):
        lines.append(pattern)
        lines += [f"  {name}: {value}" for name, value in headers.items()]
    return "\n".join(lines) + "\n"


def redirects_file() -> str:
    lines = []
    for source, query, target in rewrite_rules():
        lines.append(" ".join(part for part in (source, query, target, "200") if part))
    return "\n".join(lines) + "\n"


def write(site, out) -> None:
    folders = {path.lstrip("/").split("/")[0] for path in out.written if "/" in path.lstrip("/")}
    out.text("/_headers", headers_file(folders | {"theme"}))
    out.text("/_redirects", redirects_file())
