"""``/404.html``, the page hosts serve for an unknown address."""

from __future__ import annotations

from ..urls import url


def write(site, out) -> None:
    out.page(
        "404.html", url("not-found"), title="Page not found", in_sitemap=False, top_categories=site.top_categories()
    )
