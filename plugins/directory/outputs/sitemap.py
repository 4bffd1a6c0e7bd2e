"""``/sitemap.xml``: every page written before it, with the build date."""

from __future__ import annotations

from ..urls import url


def write(site, out) -> None:
    out.file(
        "sitemap.xml",
        url("sitemap"),
        locations=[site.settings.site_url + u for u in sorted(out.pages)],
        lastmod=site.today.isoformat(),
    )
