"""The fast build: both cores, the build cache, and a build with nothing to do.

Every way of building must give the same bytes as a clean one-process build:
in parallel, from the cache after any kind of change, and after the cache was
damaged.  A wrong cache would be a wrong site, so each case compares whole trees.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from directory.cache import FORMAT, Cache
from directory.commands.build import cache_folder
from directory.workers import affordable, resident_bytes

from .conftest import CONF, SAMPLE, settings_file

ROOT = Path(__file__).resolve().parent.parent


def tree(folder: Path) -> dict:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def sample(tmp_path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    return content


@pytest.fixture
def clean(build, tmp_path):
    """The tree a clean build gives: one process, no cache, a new folder."""

    def clean_tree(content: Path, conf: Path = CONF) -> dict:
        output = tmp_path / "clean"
        shutil.rmtree(output, ignore_errors=True)
        assert build(content, output, conf, jobs=1, cache=False)[0] == 0
        return tree(output)

    return clean_tree


def cached(build, content: Path, output: Path, conf: Path = CONF) -> dict:
    assert build(content, output, conf, jobs=2)[0] == 0
    return tree(output)


def test_the_parallel_and_one_process_builds_of_the_sample_are_identical(build, sample, tmp_path, clean):
    assert build(sample, tmp_path / "parallel", jobs=2, cache=False)[0] == 0
    assert tree(tmp_path / "parallel") == clean(sample)


@pytest.fixture(scope="module")
def thousand(tmp_path_factory) -> Path:
    content = tmp_path_factory.mktemp("generated") / "content"
    subprocess.run(
        [sys.executable, str(ROOT / "bench/generate.py"), "1000", str(content)], check=True, capture_output=True
    )
    return content


def test_a_generated_thousand_services_build_the_same_in_parallel_and_from_the_cache(build, thousand, tmp_path, clean):
    one_process = clean(thousand)
    assert build(thousand, tmp_path / "parallel", jobs=2, cache=False)[0] == 0
    assert tree(tmp_path / "parallel") == one_process
    output = tmp_path / "cached"
    assert cached(build, thousand, output) == one_process  # writes the cache
    shutil.rmtree(output)  # so the second build reads every file from the cache, and writes every page
    assert cached(build, thousand, output) == one_process


# --- each kind of change, built from the cache, gives what a clean build gives ---


def edit_entry(content: Path, conf: Path) -> None:
    path = content / "services/baby-bank.yaml"
    path.write_text(path.read_text().replace("name: Baby Bank Bundles", "name: Millbrook Baby Bank"))


def add_entry(content: Path, conf: Path) -> None:
    text = (content / "services/baby-bank.yaml").read_text()
    (content / "services/toy-library.yaml").write_text(text.replace("name: Baby Bank Bundles", "name: Toy Library"))


def rename_entry(content: Path, conf: Path) -> None:
    (content / "services/baby-bank.yaml").rename(content / "services/baby-and-toddler-bank.yaml")


def delete_entry(content: Path, conf: Path) -> None:
    (content / "services/baby-bank.yaml").unlink()


def edit_term(content: Path, conf: Path) -> None:
    path = content / "taxonomy/categories.yaml"
    text = path.read_text()
    assert "name: Food" in text
    path.write_text(text.replace("name: Food", "name: Food and drink", 1))


def change_setting(content: Path, conf: Path) -> None:
    # a setting the reading itself depends on (which entries are stale), and the pages too
    conf.write_text(conf.read_text() + 'DIRECTORY = {**DIRECTORY, "stale_after_days": 30}\n')


def change_template(content: Path, conf: Path) -> None:
    template = conf.parent / "theme/templates/service.html"
    text = template.read_text()
    assert "{% block content %}" in text
    template.write_text(text.replace("{% block content %}", "{% block content %}<p>Changed.</p>", 1))


@pytest.fixture
def own_settings(tmp_path) -> Path:
    """A copy of the settings and the theme, for the cases that change them."""
    shutil.copytree(ROOT / "theme", tmp_path / "site/theme", ignore=shutil.ignore_patterns("node_modules"))
    return settings_file(tmp_path / "site/pelicanconf.py", f"THEME = {str(tmp_path / 'site/theme')!r}\n")


@pytest.mark.parametrize(
    "change",
    [edit_entry, add_entry, rename_entry, delete_entry, edit_term, change_setting, change_template],
    ids=lambda f: f.__name__.replace("_", " "),
)
def test_after_a_change_the_cached_build_is_the_clean_build(build, sample, tmp_path, clean, own_settings, change):
    output = tmp_path / "output"
    before = cached(build, sample, output, own_settings)
    change(sample, own_settings)
    after = cached(build, sample, output, own_settings)
    assert after != before, "the change should show in the site"
    assert after == clean(sample, own_settings)


def test_a_second_build_with_nothing_changed_has_nothing_to_do(build, sample, tmp_path, capsys):
    output = tmp_path / "output"
    first = cached(build, sample, output)
    marker = output.stat().st_mtime_ns
    capsys.readouterr()
    assert build(sample, output, jobs=2)[0] == 0
    assert "Nothing has changed since the last build" in capsys.readouterr().err
    assert output.stat().st_mtime_ns == marker, "the output was not replaced"
    assert tree(output) == first


def test_an_output_file_changed_by_hand_is_built_again(build, sample, tmp_path):
    output = tmp_path / "output"
    first = cached(build, sample, output)
    (output / "index.html").write_text("changed by hand")
    assert cached(build, sample, output) == first


# --- a damaged cache is reported and ignored, never trusted ---


def damage(path: Path, how: str) -> None:
    raw = path.read_bytes()
    if how == "cut short":
        path.write_bytes(raw[: len(raw) // 2])
    elif how == "one byte changed":
        middle = len(raw) // 2
        path.write_bytes(raw[:middle] + bytes([raw[middle] ^ 0xFF]) + raw[middle + 1 :])
    else:
        path.write_bytes(b"not a cache at all\n")


@pytest.mark.parametrize("how", ["cut short", "one byte changed", "another format"])
@pytest.mark.parametrize("name", ["reading", "last-build"])
def test_a_damaged_cache_file_is_ignored_with_a_warning(build, sample, tmp_path, clean, capsys, name, how):
    output = tmp_path / "output"
    cached(build, sample, output)
    if name == "reading":  # else the record of the last build says there is nothing to read
        edit_entry(sample, CONF)
    kept = cache_folder(output) / f"{name}.pickle"
    damage(kept, how)
    capsys.readouterr()
    after = cached(build, sample, output)
    assert f"the build cache {kept} was not used" in capsys.readouterr().err
    assert not kept.exists() or kept.read_bytes()[: len(FORMAT)] == FORMAT, "the damaged file is replaced"
    assert after == clean(sample)


def test_a_cache_made_under_another_key_is_not_used(tmp_path, capsys):
    cache = Cache(tmp_path)
    cache.save("reading", "key-of-other-code", {"made": "elsewhere"})
    assert cache.load("reading", "key-of-other-code") == {"made": "elsewhere"}
    capsys.readouterr()
    assert cache.load("reading", "key-of-this-code") is None
    assert capsys.readouterr().err == ""  # out of date is not damage: no warning


def test_without_a_folder_the_cache_keeps_nothing(tmp_path):
    cache = Cache(None)
    cache.save("reading", "key", {"a": 1})
    assert cache.load("reading", "key") is None
    assert list(tmp_path.iterdir()) == []


def test_problems_are_the_same_however_many_processes_read_the_files(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    for n, path in enumerate(sorted((content / "services").glob("*.yaml"))[::20]):
        path.write_text(path.read_text() + f"minimum_age: {'x' * (n + 1)}\n")
    outputs = []
    for jobs in ("1", "2"):
        run = subprocess.run(
            [sys.executable, "-m", "directory.commands.build", str(content), "-o", str(tmp_path / jobs), "-j", jobs]
            + ["-s", str(CONF)],
            capture_output=True,
            text=True,
            env={
                "PYTHONPATH": str(ROOT / "plugins"),
                "SOURCE_DATE_EPOCH": "1795000000",
                "PATH": "/usr/bin:/bin",
                "XDG_CACHE_HOME": str(tmp_path / "xdg-cache"),
            },
            cwd=ROOT,
        )
        assert run.returncode == 1, run.stderr
        outputs.append(run.stderr)
    assert outputs[0] == outputs[1]
    assert outputs[0].count("minimum_age") >= 4


def test_no_more_workers_start_than_fit_in_the_memory_limit():
    held = resident_bytes()
    assert held > 0
    assert affordable(2, 0) == 2  # no limit
    assert affordable(2, 100 * held) == 2
    assert affordable(8, 4 * held) == 3  # this process and three workers, each about as large
    assert affordable(2, 2 * held) == 1  # not even two: the work stays in this process
