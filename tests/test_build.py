"""Build tests: build small sites into tmp_path and read the output."""

from __future__ import annotations

import re


def test_minimal_site_builds_every_page_type(copy_fixture, build):
    code, out = build(copy_fixture())
    assert code == 0
    for page in [
        "index.html", "services/riverside-food-bank/index.html", "organisations/riverside-pantry/index.html",
        "locations/st-marys-hall/index.html", "categories/index.html", "categories/food/index.html",
        "areas/north-ward/index.html", "a-z/index.html", "consultations/index.html",
        "consultations/library-hours/index.html", "about/index.html", "search/index.html",
        "search/index.json", "404.html", "sitemap.xml", "brand.css",
    ]:
        assert (out / page).is_file(), page


def test_parent_category_lists_services_of_its_children(copy_fixture, build):
    code, out = build(copy_fixture())
    html = (out / "categories/food/index.html").read_text()
    assert "Riverside Food Bank" in html
