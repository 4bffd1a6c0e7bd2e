"""The devserver's preview: after a change, the pages it shows on, written at once.

Each page the preview writes must be byte for byte the page a clean build of the
changed content writes, and it must write the pages the change shows on most:
the entry's own, its organisation's (before and after), its locations', and
those of its categories and areas with every broader one.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from directory.commands.cli import pelican_settings
from directory.commands.preview import Preview
from directory.problems import ContentError
from directory.urls import save_as

from .conftest import SAMPLE, settings_file
from .test_build_cache import CONF, tree
from .test_search_index import shard_of

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def sample(tmp_path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    return content


@pytest.fixture
def served(build, sample, tmp_path):
    """The sample built, and a preview that has read it."""
    output = tmp_path / "served"
    assert build(sample, output, jobs=1)[0] == 0
    preview = Preview(pelican_settings(str(CONF), {"PATH": str(sample), "OUTPUT_PATH": str(output)}), output)
    preview.read()
    return preview


def clean_build(build, content: Path, tmp_path: Path) -> Path:
    output = tmp_path / "clean"
    assert build(content, output, jobs=1, cache=False)[0] == 0
    return output


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1))


def summary_changed(content):
    replace(content / "services/baby-bank.yaml", "summary: ", "summary: Open again after the summer. ")


def name_changed(content):
    replace(content / "services/baby-bank.yaml", "name: Baby Bank Bundles", "name: Millbrook Baby Bank")


def organisation_moved(content):
    replace(content / "services/baby-bank.yaml", "organization: ", "organization: riverside-kitchen-cic\n#")


def category_added(content):
    replace(content / "services/baby-bank.yaml", "categories:\n", "categories:\n  - debt-advice\n")


def service_added(content):
    text = (content / "services/baby-bank.yaml").read_text()
    (content / "services/toy-library.yaml").write_text(text.replace("name: Baby Bank Bundles", "name: Toy Library"))


def service_deleted(content):
    (content / "services/baby-bank.yaml").unlink()


def organisation_edited(content):
    path = next(iter(sorted((content / "organisations").glob("*.yaml"))))
    replace(path, "summary: ", "summary: Now with evening hours. ")


def location_edited(content):
    replace(content / "locations/millbrook-library.yaml", "name: ", "name: The ")


def consultation_edited(content):
    replace(content / "consultations/food-poverty-strategy.md", "summary: ", "summary: Extended. ")


def term_renamed(content):
    replace(content / "taxonomy/categories.yaml", "name: Food", "name: Food and drink")


CHANGES = [
    summary_changed,
    name_changed,
    organisation_moved,
    category_added,
    service_added,
    service_deleted,
    organisation_edited,
    location_edited,
    consultation_edited,
    term_renamed,
]


@pytest.mark.parametrize("change", CHANGES, ids=lambda f: f.__name__.replace("_", " "))
def test_every_page_the_preview_writes_is_the_clean_builds_page(build, sample, served, tmp_path, change):
    change(sample)
    written = served.update()
    assert written, "the change shows on some page"
    clean = clean_build(build, sample, tmp_path)
    for url in written:
        assert (served.output / save_as(url)).read_bytes() == (clean / save_as(url)).read_bytes(), url
    assert tree(served.output / "search") == tree(clean / "search"), "the search index is the clean build's"


def test_an_edited_summary_rewrites_only_the_index_files_of_its_terms(sample, served):
    from directory.search.documents import SearchEntry
    from directory.search.index import Postings

    old = next(e for e in served.search.entries if e.record["u"] == "/services/baby-bank/")
    summary_changed(sample)
    written = [u for u in served.update() if u.startswith("/search/")]
    number, new = next((n, e) for n, e in enumerate(served.search.entries) if e.record["u"] == "/services/baby-bank/")
    summaries = Postings.of([SearchEntry("", "", {"summary": e.text["summary"]}, {}) for e in (old, new)])
    prefixes = [prefix for prefix, _ in served.search.shards]
    shards = sorted({shard_of(prefixes, t) for t in summaries.terms})
    assert sorted(written) == sorted(
        [f"/search/{folder}/{n}.json" for n in shards for folder in ("terms", "words")]
        + [f"/search/records/{number // 20}.json", "/search/index.json"]
    )
    assert len(shards) < len(prefixes) / 2


def test_a_changed_service_shows_on_its_own_organisations_locations_categories_and_areas_pages(sample, served):
    before = served.site.directory.services["baby-bank"]
    organisation_moved(sample)
    category_added(sample)
    written = served.update()
    after = served.site.directory.services["baby-bank"]
    assert before.organization != after.organization
    expected = {
        "/services/baby-bank/",
        f"/organisations/{before.organization}/",
        f"/organisations/{after.organization}/",
    }
    expected |= {f"/locations/{place}/" for place in after.locations if isinstance(place, str)}
    expected |= {f"/categories/{slug}/" for slug in after.categories}
    expected |= {f"/areas/{slug}/" for slug in after.areas}
    assert "debt-advice" in after.categories
    expected.add(
        "/categories/" + served.site.directory.taxonomy["categories"]["debt-advice"].parent + "/"
    )  # it lists it too
    assert expected <= set(written)


def test_a_changed_consultation_shows_on_its_organisations_page_and_the_services_it_names(sample, served):
    consultation_edited(sample)
    written = served.update()
    c = served.site.directory.consultations["food-poverty-strategy"]
    assert c.related_services, "the sample's consultation names services"
    expected = {f"/consultations/{c.slug}/", f"/organisations/{c.organization}/"}
    assert expected | {f"/services/{slug}/" for slug in c.related_services} <= set(written)


def test_an_unchanged_folder_writes_nothing(served):
    assert served.update() == []


def test_a_broken_entry_writes_nothing_and_the_next_good_save_is_shown(sample, served, capsys):
    site = tree(served.output)
    path = sample / "services/baby-bank.yaml"
    good = path.read_text()
    path.write_text(good.replace("name: Baby Bank Bundles", "name: Baby Bank Bundles\nnmae: typo"))
    with pytest.raises(ContentError):
        served.update()
    assert "baby-bank.yaml:2:1: error: unknown field 'nmae'" in capsys.readouterr().err
    assert tree(served.output) == site
    path.write_text(good.replace("name: Baby Bank Bundles", "name: Millbrook Baby Bank"))
    assert "/services/baby-bank/" in served.update()
    assert "Millbrook Baby Bank" in (served.output / "services/baby-bank/index.html").read_text()


def test_of_a_terms_pages_only_those_that_show_something_new_are_written(build, sample, tmp_path):
    """A service at one to a page: of each of its terms' pages, the preview writes
    the one it is on, and every term page the clean build changed."""
    conf = tmp_path / "conf.py"
    settings_file(conf, "DIRECTORY = {**DIRECTORY, 'page_size': 1}\n")
    output = tmp_path / "served"
    assert build(sample, output, conf=conf)[0] == 0
    old = tree(output)
    preview = Preview(pelican_settings(str(conf), {"PATH": str(sample), "OUTPUT_PATH": str(output)}), output)
    preview.read()
    summary_changed(sample)
    written = {u for u in preview.update() if u.startswith(("/categories/", "/areas/"))}
    clean = build(sample, tmp_path / "clean", conf=conf, cache=False)[1]
    new = tree(clean)
    changed = {f"/{path.removesuffix('index.html')}" for path in new if new[path] != old.get(path)}
    assert written == {u for u in changed if u.startswith(("/categories/", "/areas/"))}
    for url in written:
        page = (output / save_as(url)).read_bytes()
        assert page == (clean / save_as(url)).read_bytes(), url
        assert b"Baby Bank Bundles" in page, url  # the page it is on, of each of its terms
    assert sum("/page/" in path for path in new if path.startswith(("categories/", "areas/"))) > 3 * len(written)


@pytest.fixture
def settled_at_once(monkeypatch):
    """Files count as settled as soon as they are written (a test's are all new)."""
    from directory.reading import files

    monkeypatch.setattr(files, "SETTLED_NS", 0)


@pytest.fixture
def reads(monkeypatch) -> list:
    """The paths whose bytes the loader reads."""
    from directory.reading import loader

    done, read_file = [], loader.read_file
    monkeypatch.setattr(loader, "read_file", lambda path, limit: done.append(path) or read_file(path, limit))
    return done


def test_the_preview_reads_again_only_the_files_whose_status_changed(sample, served, settled_at_once, reads):
    served.update()  # now every file is settled, and its status kept
    reads.clear()
    summary_changed(sample)
    assert "/services/baby-bank/" in served.update()
    assert reads == [str(sample / "services/baby-bank.yaml")]


def test_a_file_rewritten_with_its_size_and_times_put_back_is_read_again(sample, served, settled_at_once):
    served.update()
    path = sample / "services/baby-bank.yaml"
    before = path.stat()
    replace(path, "name: Baby Bank Bundles", "name: Baby Bank Bundlez")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    assert "/services/baby-bank/" in served.update()
    assert served.site.directory.services["baby-bank"].name == "Baby Bank Bundlez"


def test_a_file_that_changed_too_lately_to_trust_its_times_is_read_every_time(sample, served, reads, monkeypatch):
    from directory.reading import files

    monkeypatch.setattr(files, "SETTLED_NS", 3600 * 10**9)  # an hour: however slow the machine
    path = sample / "services/baby-bank.yaml"
    summary_changed(sample)
    served.update()
    reads.clear()
    assert served.update() == []
    assert str(path) in reads, "its times could be those of a second write within the same tick"


def test_the_search_entry_of_a_deleted_file_is_let_go(sample, served):
    from directory.model import Service

    assert (Service, "baby-bank") in served.kept.made
    service_deleted(sample)
    served.update()
    assert (Service, "baby-bank") not in served.kept.made
    assert (Service, "adult-learning-esol") in served.kept.made  # the others are kept
