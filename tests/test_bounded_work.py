"""Work bounded on untrusted input: how deep a vocabulary goes, and the postcode file.

CI builds every contributor's branch, so what a file holds must not decide how
deep Python's stack goes or how much memory a build takes. A category or area
chain deeper than the limit is a plain validation error (never a
RecursionError); every walk up or down a vocabulary is a loop; the postcode
file is read a line at a time, in memory that grows with the postcodes kept,
and refused over its size limit. (The browser's half, search queries, is
tests/browser/test_search_bounds.py.)
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import string
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from directory.model import Term
from directory.reading import postcodes
from directory.reading.checks import MAX_TERM_LEVELS
from directory.reading.loader import load_directory
from directory.relations import ancestors, relate
from directory.search import documents, facets

from .conftest import FIXED_EPOCH, ROOT, project_settings
from .test_bad_input import CONF, PYTHON, assert_no_crash, command, finish, problems, start

NOW = datetime.fromtimestamp(FIXED_EPOCH, ZoneInfo("Europe/London"))
# the vocabulary files of the minimal fixture, and the entry put in the deepest term
VOCABULARIES = {
    "categories": ("taxonomy/categories.yaml", "services/money-advice.yaml", "categories: [advice]"),
    "areas": ("taxonomy/areas.yaml", "services/riverside-food-bank.yaml", "areas: [north-ward]"),
}


def chain(prefix: str, levels: int) -> str:
    """YAML of ``levels`` terms, each under the one before: t0 › t1 › …"""
    return "".join(
        f"{prefix}{n}:\n  name: Level {n + 1} {prefix}\n" + (f"  parent: {prefix}{n - 1}\n" if n else "")
        for n in range(levels)
    )


def deep_site(copy_fixture, vocabulary: str, levels: int) -> Path:
    """The minimal fixture with a chain of ``levels`` terms, and an entry in the deepest."""
    site = copy_fixture()
    file, entry, tagged = VOCABULARIES[vocabulary]
    prefix = vocabulary[0]
    with (site / file).open("a", encoding="utf-8") as terms:
        terms.write(chain(prefix, levels))
    text = (site / entry).read_text(encoding="utf-8")
    assert tagged in text
    (site / entry).write_text(text.replace(tagged, f"{vocabulary}: [{prefix}{levels - 1}]"), encoding="utf-8")
    return site


def parent_line(site: Path, vocabulary: str, slug: str) -> int:
    """The line of ``slug``'s ``parent:`` in the vocabulary's file (1 = the first)."""
    lines = (site / VOCABULARIES[vocabulary][0]).read_text(encoding="utf-8").splitlines()
    return lines.index(f"{slug}:") + 3  # the term, its name, its parent


# --- vocabularies ------------------------------------------------------------------------------


@pytest.mark.parametrize("vocabulary, levels", [("categories", 2000), ("areas", 1000)])
def test_a_chain_deeper_than_the_limit_is_one_plain_error_and_no_build(copy_fixture, tmp_path, vocabulary, levels):
    site = deep_site(copy_fixture, vocabulary, levels)
    output = tmp_path / "out"
    validating = start(command("directory.commands.validate", str(site), "-s", CONF))
    building = start(command("directory.commands.build", str(site), "-o", str(output), "-s", CONF))
    prefix = vocabulary[0]
    first_too_deep = f"{prefix}{MAX_TERM_LEVELS}"
    said = " › ".join(f"{prefix}{n}" for n in range(MAX_TERM_LEVELS + 1))
    for code, stdout, stderr in (finish(validating), finish(building)):
        assert_no_crash(code, stdout, stderr)
        assert "RecursionError" not in stderr and "unexpectedly" not in stderr, stderr
        assert code == 1, stderr
        errors = [p for p in problems(stderr) if p["severity"] == "error"]
        # only the first term too deep is named: moving it up moves the rest with it
        assert [(p["line"], p["col"], p["message"]) for p in errors] == [
            (
                parent_line(site, vocabulary, first_too_deep),
                11,
                f"{first_too_deep}.parent: {vocabulary} can be at most {MAX_TERM_LEVELS} levels deep, "
                f"and this is level {MAX_TERM_LEVELS + 1} ({said}); move it nearer the top",
            )
        ], stderr
        assert errors[0]["path"].endswith(VOCABULARIES[vocabulary][0])
    assert not output.exists()
    assert not (tmp_path / ".out.error.log").exists()  # the build knew what was wrong: no bug to report


@pytest.mark.parametrize("vocabulary", VOCABULARIES)
def test_a_chain_at_the_limit_builds_and_its_top_holds_the_deepest_entry(copy_fixture, build, vocabulary):
    site = deep_site(copy_fixture, vocabulary, MAX_TERM_LEVELS)
    code, output = build(site)
    assert code == 0
    prefix = vocabulary[0]
    entry = Path(VOCABULARIES[vocabulary][1]).stem
    for n in range(MAX_TERM_LEVELS):  # every broader term lists what its narrowest holds
        page = (output / vocabulary / f"{prefix}{n}/index.html").read_text(encoding="utf-8")
        assert f"/services/{entry}/" in page, n
    group = "category" if vocabulary == "categories" else "area"
    values = json.loads((output / f"search/facets/{group}.json").read_text(encoding="utf-8"))["values"]
    listed = {slug: parent for slug, _, parent in values}
    index = {slug: i for i, (slug, _, _) in enumerate(values)}
    assert [listed[f"{prefix}{n}"] for n in range(MAX_TERM_LEVELS)] == [None] + [
        index[f"{prefix}{n}"] for n in range(MAX_TERM_LEVELS - 1)
    ]


def frames() -> int:
    frame, count = sys._getframe(), 0
    while frame:
        frame, count = frame.f_back, count + 1
    return count


def test_walking_a_deep_vocabulary_never_recurses(copy_fixture):
    """What reads a vocabulary after validation walks it in loops: given a chain
    far deeper than validation lets through, and a stack of only a few frames
    more than this test's own, each still answers."""
    site = copy_fixture()
    directory = load_directory(site, project_settings(), NOW.date()).directory
    levels = 3000
    directory.taxonomy["categories"].update(
        (f"c{n}", Term("categories", f"c{n}", f"Level {n:04}", parent=f"c{n - 1}" if n else None))
        for n in range(levels)
    )
    service = directory.services["money-advice"]
    directory.services["money-advice"] = dataclasses.replace(service, categories=(f"c{levels - 1}",))
    every = {f"c{n}" for n in range(levels)}
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(frames() + 40)
    try:
        related = relate(directory)
        listed = facets.values(directory, "category", [])
        found = documents.entries(directory, NOW, 14)
        above = ancestors(f"c{levels - 1}", directory.taxonomy["categories"])
    finally:
        sys.setrecursionlimit(limit)
    assert all(related.services_by_category[slug] == [directory.services["money-advice"]] for slug in every)
    chained = [(slug, parent) for slug, _, parent in listed if slug in every]
    assert chained == [(f"c{n}", f"c{n - 1}" if n else None) for n in range(levels)]
    assert every <= set(next(e for e in found if e.item.slug == "money-advice").facets["category"])
    assert above == [f"c{n}" for n in reversed(range(levels))]


# --- the postcode file -------------------------------------------------------------------------

LINES = 2_000_000
# Each postcode kept is a dict entry of its text (8 characters: 57 bytes, 64 as
# Python allocates it), a tuple of two floats (56 + 2 × 24 bytes) and its slot in
# the dict's tables (about 40 bytes, more while they grow): about 220 bytes, so
# 2 million take about 440 MB, the least any reader that keeps them all can use.
# Measured on this machine: 430 MB over the process's size before reading (the
# reader that read the file whole and split it into lines: 660 MB). 256 bytes a
# postcode leaves room for another allocator and nothing for a second copy.
BYTES_PER_POSTCODE = 256

MEASURE = """
import json, resource, sys, time
from directory.reading.postcodes import read_postcodes
said = []
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
found = read_postcodes(sys.argv[1], "postcodes.csv", lambda *p: said.append(p), max_bytes=int(sys.argv[2]))
seconds = time.perf_counter() - started
grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before  # KiB on Linux
print(json.dumps({"count": len(found), "seconds": seconds, "grown": grown * 1024, "said": said,
                  "first": found.get("AA0 0AA"), "last": found.get(max(found))}))
"""


@pytest.fixture(scope="module")
def two_million_postcodes(tmp_path_factory) -> Path:
    """A postcode file of 2,000,000 different postcodes (56 MB), written in a few seconds."""
    path = tmp_path_factory.mktemp("postcodes") / "postcodes.csv"
    letters, digits = string.ascii_uppercase, string.digits
    shapes = itertools.product(letters, letters, digits, digits, letters, letters)
    with path.open("w", encoding="utf-8", newline="") as file:
        file.write("postcode,latitude,longitude\n")
        for n, (a, b, d, e, x, y) in enumerate(itertools.islice(shapes, LINES)):
            file.write(f"{a}{b}{d} {e}{x}{y},{52 + n % 99991 / 100000:.6f},{-1 - n % 99989 / 100000:.6f}\n")
    return path


def test_two_million_postcodes_are_read_a_line_at_a_time_in_proportionate_memory(two_million_postcodes):
    """In a process of its own, so its peak size is the reader's: the limit is
    raised to let the file in (it is over the default, as the next test shows)."""
    result = subprocess.run(
        [str(PYTHON), "-c", MEASURE, str(two_million_postcodes), str(100_000_000)],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT / "plugins"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    measured = json.loads(result.stdout)
    print(f"\n{LINES:,} postcodes: {measured['grown'] / 1e6:.0f} MB more at the peak, {measured['seconds']:.1f} s")
    assert measured["said"] == []
    assert measured["count"] == LINES
    assert measured["first"] == [52.0, -1.0] and measured["last"] is not None
    assert measured["grown"] < LINES * BYTES_PER_POSTCODE


def test_a_postcode_file_over_the_limit_is_refused_with_a_clear_error(two_million_postcodes, tmp_path):
    said = []
    found = postcodes.read_postcodes(two_million_postcodes, "postcodes.csv", lambda *p: said.append(p))
    assert found == {}
    assert said == [
        (
            1,
            1,
            f"the postcode file is {two_million_postcodes.stat().st_size:,} bytes, over the limit of "
            f"{postcodes.MAX_BYTES:,}; keep only the council's own postcodes and the postcode, latitude and "
            "longitude columns, or raise the postcode_file_max_bytes setting",
        )
    ]
    small = tmp_path / "small.csv"
    small.write_text("postcode,latitude,longitude\nZZ1 1AA,52.41,-1.51\nZZ1 1AB,52.42,-1.52\n", encoding="utf-8")
    said.clear()
    assert postcodes.read_postcodes(small, "small.csv", lambda *p: said.append(p), max_bytes=40) == {}
    assert said and said[0][:2] == (1, 1) and "over the limit of 40" in said[0][2]


def test_the_build_refuses_a_postcode_file_over_the_limit_at_its_first_line(copy_fixture, two_million_postcodes):
    site = copy_fixture()
    (site / "postcodes.csv").unlink()
    (site / "postcodes.csv").symlink_to(two_million_postcodes)  # a link is refused before its size
    code, stdout, stderr = finish(start(command("directory.commands.validate", str(site), "-s", CONF)))
    assert_no_crash(code, stdout, stderr)
    assert code == 1 and "postcodes.csv:1:1: error: the file cannot be read" in stderr
    (site / "postcodes.csv").unlink()
    (site / "postcodes.csv").write_bytes(two_million_postcodes.read_bytes())
    code, stdout, stderr = finish(start(command("directory.commands.validate", str(site), "-s", CONF)))
    assert_no_crash(code, stdout, stderr)
    assert code == 1
    errors = [p for p in problems(stderr) if p["severity"] == "error"]
    assert [(Path(p["path"]).name, p["line"], p["col"]) for p in errors] == [("postcodes.csv", 1, 1)]
    assert "over the limit of 50,000,000" in errors[0]["message"]


@pytest.mark.parametrize(
    "content, line, col, message",
    [
        ('"postcode","lat","long"\n"ZZ1 1AA","52.41","-1.51"\n"ZZ1 1AB","52.4x","-1.5"\n', 3, 11, "'52.4x' is not"),
        ("pcds,lat,long\r\nZZ1 1AA,52.41,-1.51\r\n\r\nZZ1 1AB,52.41,-1.51,extra\r\nZZ1,1,1\r\n", 5, 1, "'ZZ1' is not"),
        ("postcode,latitude,longitude\nZZ1 1AA,52.41,-1.51\nZZ1 1AB,52.41\n", 3, 1, "this line has 2 columns"),
    ],
)
def test_postcode_rows_are_read_as_csv_with_their_line_and_column(tmp_path, content, line, col, message):
    path = tmp_path / "postcodes.csv"
    path.write_text(content, encoding="utf-8")
    said = []
    found = postcodes.read_postcodes(path, "postcodes.csv", lambda *p: said.append(p))
    assert [(p[0], p[1]) for p in said] == [(line, col)] and said[0][2].startswith(message), said
    assert found["ZZ1 1AA"] == (52.41, -1.51)
