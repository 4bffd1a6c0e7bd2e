"""``/brand.css``: the council's colour from the settings, as a CSS custom property."""

from __future__ import annotations

from ..urls import url


def write(site, out) -> None:
    out.file("brand.css", url("brand-css"), colour=site.settings.brand_colour)
