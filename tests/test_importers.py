"""The importers (docs/importing.md): Open Referral UK JSON and the spreadsheet
layout into a content folder. A round trip through the feed loses only what
docs/open-referral.md says it cannot carry; the standard's own examples import
and export valid documents; a broken row or document is reported at its line
and writes nothing, the others go ahead; nothing is overwritten without --force;
organisations and places are matched, not duplicated; values survive exactly."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from directory.commands.cli import run
from directory.commands.import_csv import import_csv
from directory.commands.import_openreferral import import_openreferral
from directory.importing.spreadsheet import NAMES
from directory.reading.loader import load_directory

from . import oruk
from .conftest import CONF, ROOT, SAMPLE, project_settings

TEMPLATE = ROOT / "docs/import-template.csv"
LINE = re.compile(r"^(?P<source>\S.*?):(?P<line>\d+): (?P<severity>error|warning|note): (?P<message>.+)$")
SUMMARY = re.compile(r"^\d+ file\(s\) created, \d+ replaced, \d+ skipped; \d+ error\(s\), \d+ warning\(s\)$")


def empty_content(folder: Path) -> Path:
    """A content folder with nothing but what an import needs: the taxonomy
    files (terms are matched, never made up) and the postcode file the
    settings name."""
    (folder / "taxonomy").mkdir(parents=True)
    for vocabulary in ("categories", "areas", "audiences", "accessibility"):
        shutil.copy(SAMPLE / f"taxonomy/{vocabulary}.yaml", folder / "taxonomy")
    shutil.copy(SAMPLE / "postcodes.csv", folder)
    shutil.copytree(SAMPLE / "images", folder / "images")  # the share image the settings name
    return folder


def importing(capsys, command, *args, **options) -> tuple[int, list[str], list[str]]:
    """Run an import as its command does: exit code, lines out, lines on stderr."""
    capsys.readouterr()  # what ran before (a build's summary)
    code = run(lambda: command(*map(str, args), str(CONF), **options), str(CONF))
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert "Traceback" not in err
    # every line a problem in GNU form, the counts, or the command's last word
    strays = [n for n in lines if not (LINE.match(n) or SUMMARY.match(n) or n.startswith("error: "))]
    assert strays == []
    return code, out.splitlines(), lines


def problems(lines: list[str], severity: str = "error") -> list[tuple[str, int, str]]:
    found = [LINE.match(n) for n in lines]
    return [(m["source"], int(m["line"]), m["message"]) for m in found if m and m["severity"] == severity]


def loaded(folder: Path):
    return load_directory(folder, project_settings(), date(2026, 11, 26))


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.yaml"))}


# --- Open Referral -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def feed(tmp_path_factory) -> Path:
    """The sample directory built: its site (with /openreferral/)."""
    from directory.commands.build import build

    out = tmp_path_factory.mktemp("feed") / "site"
    build(str(SAMPLE), str(out), str(CONF))
    return out


def comparable(document, parent: str = ""):
    """A feed document without what docs/open-referral.md ("What a round trip
    changes") lists: every id (``id`` and ``*_id``: they follow file names and
    the site's namespace), an organisation's ``uri`` (its page address), and the
    order of an organisation's services (by file name)."""
    if isinstance(document, dict):
        return {
            k: comparable(v, k)
            for k, v in document.items()
            if k != "id" and not k.endswith("_id") and not (k == "uri" and parent in ("organization", "document"))
        }
    if isinstance(document, list):
        found = [comparable(v, parent) for v in document]
        return sorted(found, key=lambda v: json.dumps(v, sort_keys=True)) if parent == "services" else found
    return document


def exported(site: Path, name: str) -> dict[str, dict]:
    return {d["name"]: comparable(d, "document") for d in oruk.items(oruk.read_feed(site), name).values()}


def test_a_folder_of_service_documents_round_trips(feed, tmp_path, build, capsys):
    source = tmp_path / "services"
    source.mkdir()
    for path in (feed / "openreferral/services").glob("*.json"):
        shutil.copy(path, source)
    content = empty_content(tmp_path / "content")
    code, out, err = importing(capsys, import_openreferral, source, content)
    assert code == 0 and problems(err) == []
    assert len([n for n in out if n.startswith("created services/")]) == 83
    assert loaded(content).errors == []
    code, site = build(content, tmp_path / "site")
    assert code == 0
    assert exported(site, "services") == exported(feed, "services")


def test_a_whole_feed_round_trips_with_its_organisations(feed, tmp_path, build, capsys):
    content = empty_content(tmp_path / "content")
    code, out, err = importing(capsys, import_openreferral, feed / "openreferral", content)
    assert code == 0 and problems(err) == []
    # organisations of their own come first, and every one is imported once, with its own fields
    assert len([n for n in out if n.startswith("created organisations/")]) == 32
    assert problems(err, "note")[-1][2].startswith("taxonomy documents (this and")
    code, site = build(content, tmp_path / "site")
    assert code == 0
    assert exported(site, "organizations") == exported(feed, "organizations")
    assert exported(site, "services") == exported(feed, "services")


def test_a_generated_directory_round_trips(tmp_path, build, capsys):
    """150 synthetic services (bench/generate.py): several of one name, organisation
    and place, places shared and written out, every kind of schedule."""
    source = tmp_path / "generated"
    subprocess.run([sys.executable, str(ROOT / "bench/generate.py"), "150", str(source), "--quiet"], check=True)
    assert build(source, tmp_path / "one")[0] == 0
    content = tmp_path / "content"
    content.mkdir()
    shutil.copytree(source / "taxonomy", content / "taxonomy")
    shutil.copy(source / "postcodes.csv", content)
    shutil.copytree(SAMPLE / "images", content / "images")  # the share image the settings name
    code, out, err = importing(capsys, import_openreferral, tmp_path / "one/openreferral", content)
    assert code == 0 and problems(err) == []
    assert build(content, tmp_path / "two")[0] == 0
    for name in ("services", "organizations"):
        docs = [oruk.items(oruk.read_feed(tmp_path / site), name).values() for site in ("one", "two")]
        before, after = ([json.dumps(comparable(d, "document"), sort_keys=True) for d in found] for found in docs)
        assert sorted(after) == sorted(before), name


def test_importing_again_skips_everything(feed, tmp_path, capsys):
    content = empty_content(tmp_path / "content")
    importing(capsys, import_openreferral, feed / "openreferral/services", content)
    before = files(content)
    code, out, err = importing(capsys, import_openreferral, feed / "openreferral/services", content)
    assert code == 0 and files(content) == before
    assert len(out) == 83 and all(n.startswith("skipped services/") and "--force" in n for n in out)


EXAMPLES = [
    "service_full.json",
    "service_list.json",
    "organization_full.json",
    "organization_list.json",
    "service_at_location_full.json",
    "service_at_location_list.json",
]


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_standards_examples_import_and_export_valid_documents(name, tmp_path, build, capsys):
    content = empty_content(tmp_path / "content")
    code, out, err = importing(
        capsys, import_openreferral, oruk.STANDARD / "examples" / name, content, category="mental-health"
    )
    assert code == 0 and problems(err) == []
    assert "created organisations/example-organization-inc.yaml" in out[0]
    assert loaded(content).errors == []
    code, site = build(content, tmp_path / "site")
    assert code == 0
    published = oruk.read_feed(site)
    for doc in oruk.items(published, "services").values():
        assert oruk.errors(oruk.validator("service.json"), doc) == []
    for doc in oruk.items(published, "organizations").values():
        assert oruk.errors(oruk.validator("organization.json"), doc) == []
    assert len(oruk.items(published, "services")) == (0 if name == "organization_list.json" else 1)


def test_the_full_example_service_carries_what_we_keep(tmp_path, capsys):
    content = empty_content(tmp_path / "content")
    source = oruk.STANDARD / "examples/service_full.json"
    code, _, err = importing(capsys, import_openreferral, source, content, category="mental-health")
    assert code == 0
    d = loaded(content).directory
    (s,) = d.services.values()
    assert (s.name, s.status, s.minimum_age, s.maximum_age) == ("Community Counselling", "active", 12, 100)
    assert s.categories == ("mental-health",) and s.url == "http://example.com/counselling"
    assert [(c.amount, c.amount_description, str(c.valid_to)) for c in s.cost_options] == [
        (35, "per 1 hour session", "2022-12-31")
    ]
    assert [(c.name, c.title) for c in s.contacts] == [("Ann Persona", "Reception Manager")]
    (times,) = s.schedules
    assert (times.byday, times.opens_at, times.closes_at, times.bymonthday) == ("TH,FR", "10:00", "18:00", "")
    org = d.organisations[s.organization]
    assert org.identifiers == ({"identifier_type": "company number", "identifier": "1234567"},)
    assert (org.kind, org.url) == ("other", "http://example.com")
    # what could not be kept is said, each at the document's line
    said = [m for _, _, m in problems(err, "warning")]
    assert any("the taxonomy term 'name' (taxonomy 'taxonomy') is not in content/taxonomy/" in m for m in said)
    assert any("bymonthday '2,3,4' is left out" in m for m in said)
    assert any("'ABC 1234', which is not valid" in m and m.endswith("the place is left out") for m in said)
    assert problems(err, "note")[0][2].endswith("it is put in 'mental-health'")


def test_a_service_with_none_of_our_categories_is_an_error(tmp_path, capsys):
    content = empty_content(tmp_path / "content")
    code, out, err = importing(capsys, import_openreferral, oruk.STANDARD / "examples/service_full.json", content)
    assert code == 1 and out == []
    ((source, line, message),) = problems(err)
    assert source.endswith("service_full.json") and line == 1
    assert "none of its taxonomy terms is a category" in message and "--category" in message
    assert sorted(p.name for p in content.rglob("*.yaml")) == sorted(p.name for p in (content / "taxonomy").iterdir())


def test_a_broken_item_is_reported_at_its_line_and_the_others_imported(tmp_path, capsys):
    page = oruk.example("service_list.json")
    good = page["contents"][0]
    broken = {**good, "id": "00000000-0000-4000-8000-000000000001", "name": "Broken", "email": "not an email"}
    other = {**good, "id": "00000000-0000-4000-8000-000000000002", "name": "Second Counselling"}
    page["contents"] = [good, broken, other]
    source = tmp_path / "page.json"
    source.write_text(json.dumps(page, indent=2), encoding="utf-8")
    content = empty_content(tmp_path / "content")
    code, out, err = importing(capsys, import_openreferral, source, content, category="mental-health")
    assert code == 1
    ((where, line, message),) = problems(err)
    text = source.read_text(encoding="utf-8").splitlines()
    assert text[line - 1].strip() == "{" and '"Broken"' in "".join(text[line : line + 4])
    assert message.startswith("service 'Broken': email is 'not an email', which is not valid")
    assert sorted(p.stem for p in (content / "services").iterdir()) == ["community-counselling", "second-counselling"]


@pytest.mark.parametrize(
    "text, line, said",
    [
        ('{\n  "name": "x",\n  "status" "active"\n}', 3, "this is not valid JSON"),
        ("[1, 2]", 1, "is not an Open Referral service"),
        ('{"id": "x", "name": "A", "status": "active", "latitude": NaN}', 1, "NaN is not a number"),
        ('{"contents": [{"nothing": 1}], "total_items": 1}', 1, "this item is not an Open Referral"),
        ("[" * 100_000, 1, "nested too deeply"),
        ("\xff\xfe", 1, "not UTF-8"),
        ('{"name": ["a list"], "status": 5, "organization": {"name": ["x"]}}', 1, "its organisation has no name"),
        ('{"name": "A", "status": "active", "organization_id": "nowhere"}', 1, "names no organisation"),
        ('{"name": "A \\ud800", "status": "active", "organization": {"name": "B"}}', 1, "character (U+D800)"),
    ],
)
def test_a_broken_document_is_an_error_in_plain_words(text, line, said, tmp_path, capsys):
    source = tmp_path / "broken.json"
    source.write_bytes(text.encode("utf-8") if not text.startswith("\xff") else b"\xff\xfe")
    content = empty_content(tmp_path / "content")
    code, out, err = importing(capsys, import_openreferral, source, content, category="food")
    assert code == 1 and out == []
    found = problems(err)
    assert found and all(source.name in s for s, _, _ in found)
    assert any(n == line and said in m for _, n, m in found), found
    assert not (content / "services").exists()


# --- the spreadsheet -----------------------------------------------------------------------------


def write_csv(path: Path, rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=NAMES)
        writer.writeheader()
        writer.writerows(rows)
    return path


def template_rows() -> list[dict]:
    return list(csv.DictReader(io.StringIO(TEMPLATE.read_text(encoding="utf-8"))))


def test_the_template_has_every_column_and_the_docs_describe_them():
    header = TEMPLATE.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert tuple(header) == NAMES
    docs = (ROOT / "docs/importing.md").read_text(encoding="utf-8")
    assert [name for name in NAMES if f"| `{name}` |" not in docs] == []


def test_the_template_imports_into_an_empty_folder(tmp_path, build, capsys):
    content = empty_content(tmp_path / "content")
    code, out, err = importing(capsys, import_csv, TEMPLATE, content)
    assert code == 0 and problems(err) == [] and problems(err, "warning") == []
    result = loaded(content)
    assert result.errors == []
    d = result.directory
    assert len(d.services) == len(template_rows()) == 3 and len(d.organisations) == 3 and len(d.locations) == 2
    yoga = next(s for s in d.services.values() if s.name == "Eastgate Seated Yoga")
    assert [(x.freq, x.byday, x.opens_at, x.closes_at) for x in yoga.schedules] == [
        ("WEEKLY", "WE", "10:30", "11:30"),
        ("MONTHLY", "1SA", "10:00", "11:00"),
    ]
    assert [(c.amount, c.amount_description) for c in yoga.cost_options] == [(2.5, "per class")]
    assert (str(yoga.assured_date), yoga.audiences) == ("2026-10-28", ("older-people", "disabled-people"))
    assert d.locations[yoga.locations[0]].address.postal_code == "ZZ3 4SM"  # written zz3 4sm
    assert build(content, tmp_path / "site")[0] == 0


def test_the_template_matches_the_samples_organisations_and_places(tmp_path, capsys):
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    before = files(content)
    code, out, _ = importing(capsys, import_csv, TEMPLATE, content)
    assert code == 0
    created = sorted(set(files(content)) - set(before))
    assert created == [
        "organisations/eastgate-movement-collective.yaml",
        "services/council-tax-reduction-helpline.yaml",
        "services/eastgate-seated-yoga.yaml",
        "services/northfield-homework-club.yaml",
    ]
    d = loaded(content).directory
    club = d.services["northfield-homework-club"]
    assert (club.organization, club.locations) == ("northfield-residents-association", ("northfield-community-centre",))
    assert d.services["eastgate-seated-yoga"].locations == ("st-marys-church-hall",)
    assert d.services["council-tax-reduction-helpline"].organization == "millbrook-borough-council"
    assert all(before[p] == files(content)[p] for p in before)  # nothing there was changed


def test_names_and_postcodes_match_whatever_their_case_and_spacing(tmp_path, capsys):
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    row = template_rows()[0] | {
        "name": "Loosely Matched Club",
        "organisation": "  northfield   RESIDENTS' association ",
        "organisation_kind": "",
        "organisation_description": "",
        "place": "NORTHFIELD  community centre",
        "postcode": "zz23nf",
    }
    code, out, _ = importing(capsys, import_csv, write_csv(tmp_path / "rows.csv", [row]), content)
    assert code == 0 and out == ["created services/loosely-matched-club.yaml (from " + str(tmp_path / "rows.csv:2)")]
    club = loaded(content).directory.services["loosely-matched-club"]
    assert (club.organization, club.locations) == ("northfield-residents-association", ("northfield-community-centre",))


def test_broken_rows_are_errors_at_their_lines_and_the_others_are_written(tmp_path, capsys):
    good = template_rows()[0] | {"description": "One line."}
    rows = [
        good | {"name": "First Good Row"},
        good | {"name": "Bad Email", "email": "not-an-email"},
        good | {"name": "", "summary": "No name at all."},
        good | {"name": "Unknown Category", "categories": "Knitting; food"},
        good | {"name": "Bad Time", "opening_times": "Mon 25:00-26:00"},
        good | {"name": "Multi-line\nRow", "description": "Two\nlines"},
        good | {"name": "Last Good Row"},
    ]
    source = write_csv(tmp_path / "rows.csv", rows)
    content = empty_content(tmp_path / "content")
    code, out, err = importing(capsys, import_csv, source, content)
    assert code == 1
    found = {(line, message) for _, line, message in problems(err)}
    assert found == {
        (3, "service 'Bad Email': email is 'not-an-email', which is not valid: "
         "An email address such as hello@example.org. (column email)"),
        (4, "the service (no name): the required field 'name' is missing (column name)"),
        (5, "service 'Unknown Category': there is no category called 'Knitting' in "
         "content/taxonomy/categories.yaml (column categories)"),
        (6, "service 'Bad Time': '25:00' is not a time of day; write 24-hour times as HH:MM, "
         "for example 'Mon-Fri 09:00-17:00; Sat 10:00-12:00' (column opening_times)"),
    }  # fmt: skip
    assert all(problem.startswith(f"{source}:") for problem in err if LINE.match(problem))
    names = sorted(s.name for s in loaded(content).directory.services.values())
    assert names == ["First Good Row", "Last Good Row", "Multi-line Row"]  # one line, as names are
    assert out[-1].endswith(f"(from {source}:10)")  # the row before it runs over lines 7 to 9
    assert err[-1].startswith("error: 4 row(s) or document(s) could not be imported")


def test_existing_entries_are_replaced_only_with_force(tmp_path, capsys):
    content = empty_content(tmp_path / "content")
    first = write_csv(tmp_path / "one.csv", template_rows())
    importing(capsys, import_csv, first, content)
    before = files(content)
    changed = write_csv(tmp_path / "two.csv", [r | {"summary": "A new summary."} for r in template_rows()])
    code, out, _ = importing(capsys, import_csv, changed, content)
    assert code == 0 and files(content) == before
    assert [n.split(" (")[0] for n in out] == [
        "skipped services/northfield-homework-club.yaml",
        "skipped services/eastgate-seated-yoga.yaml",
        "skipped services/council-tax-reduction-helpline.yaml",
    ]
    code, out, _ = importing(capsys, import_csv, changed, content, force=True)
    assert code == 0 and all(n.startswith("replaced services/") for n in out) and len(out) == 3
    after = files(content)
    assert set(after) == set(before)  # the same files, not new ones beside them
    assert {p for p in before if before[p] != after[p]} == {p for p in before if p.startswith("services/")}
    assert {s.summary for s in loaded(content).directory.services.values()} == {"A new summary."}


def test_hostile_and_yaml_looking_values_survive_exactly(tmp_path, build, capsys):
    values = {
        "name": "<script>alert(1)</script> Club",
        "summary": "yes",
        "eligibility": "10:30",
        "fees": "0123",
        "alert": "no",
        "assurer": "~",
        "description": "Café … ł, 日本語: a *list*\n\n- one\n- two: three # not a comment\n",
        "languages": "Ελληνικά; null; 2026-04-29",
        "cost": "0",
        "cost_description": "on",
        "opening_notes": "Open: yes",
    }
    row = template_rows()[2] | values
    content = empty_content(tmp_path / "content")
    code, _, err = importing(capsys, import_csv, write_csv(tmp_path / "rows.csv", [row]), content)
    assert code == 0, err
    (s,) = loaded(content).directory.services.values()
    got = {
        "name": s.name,
        "summary": s.summary,
        "eligibility": s.eligibility,
        "fees": s.fees,
        "alert": s.alert,
        "assurer": s.assurer,
        "description": s.description,
        "languages": "; ".join(s.languages),
        "cost": str(s.cost_options[0].amount),
        "cost_description": s.cost_options[0].amount_description,
        "opening_notes": s.schedules[0].notes,
    }
    assert got == values
    code, site = build(content, tmp_path / "site")
    html = next((site / "services").glob("*/index.html")).read_text(encoding="utf-8")
    assert code == 0 and "&lt;script&gt;alert(1)&lt;/script&gt; Club" in html and "<script>alert(1)" not in html


@pytest.mark.parametrize(
    "text, said",
    [
        ("name,organisation,summary,descripton,categories,assured_date\n", "unknown column 'descripton'"),
        ("name,organisation,summary\n", "the file has no column 'description', 'categories', 'assured_date'"),
        ("name,name,organisation,summary,description,categories,assured_date\n", "the column 'name' is there twice"),
    ],
)
def test_a_spreadsheet_with_a_wrong_header_writes_nothing(text, said, tmp_path, capsys):
    source = tmp_path / "rows.csv"
    source.write_text(text + "A,B,C,D,food,2026-01-01,x\n", encoding="utf-8")
    content = empty_content(tmp_path / "content")
    code, out, err = importing(capsys, import_csv, source, content)
    assert code == 1 and out == []
    ((_, line, message),) = problems(err)
    assert line == 1 and said in message


def test_a_spreadsheet_that_is_not_utf8_is_an_error(tmp_path, capsys):
    source = tmp_path / "rows.csv"
    source.write_bytes(TEMPLATE.read_bytes() + b"Caf\xe9,x\n")  # Latin-1, as an old spreadsheet saves it
    content = empty_content(tmp_path / "content")
    code, _, err = importing(capsys, import_csv, source, content)
    lines = len(TEMPLATE.read_text(encoding="utf-8").splitlines())
    said = "the file is not UTF-8 text; save it as 'CSV UTF-8'"
    assert code == 1 and problems(err) == [(str(source), lines + 1, said)]


def test_a_folder_without_categories_is_refused(tmp_path, capsys):
    (tmp_path / "content").mkdir()
    shutil.copy(SAMPLE / "postcodes.csv", tmp_path / "content")  # the files the settings name
    shutil.copytree(SAMPLE / "images", tmp_path / "content/images")
    code, _, err = importing(capsys, import_csv, TEMPLATE, tmp_path / "content")
    assert code == 2 and "has no categories" in err[-1]


def test_a_file_that_does_not_pass_after_writing_is_taken_out(tmp_path, capsys, monkeypatch):
    """The last line of defence: the folder is read again after writing, and a
    written file with an error does not stay."""
    from directory.importing import checking

    real = checking.Checker.check

    def broken(self, kind, slug, data, strict, pending):
        found = real(self, kind, slug, data, strict, pending)
        if kind.name == "service" and found.text:
            found.text = found.text.replace("categories:\n", "categories:\n  - not-a-category\n")
        return found

    monkeypatch.setattr(checking.Checker, "check", broken)
    content = empty_content(tmp_path / "content")
    code, out, err = importing(capsys, import_csv, TEMPLATE, content)
    assert code == 1
    assert sorted(n.split(" (")[0] for n in out if n.startswith("removed")) == [
        "removed services/council-tax-reduction-helpline.yaml",
        "removed services/eastgate-seated-yoga.yaml",
        "removed services/northfield-homework-club.yaml",
    ]
    assert not (content / "services").exists() or not list((content / "services").iterdir())
    assert all("did not pass and was taken out" in m for _, _, m in problems(err))


def test_the_make_targets_run_the_importers():
    def dry_run(*args):
        command = ["make", "-n", "--no-print-directory", *args]  # under make test, make prints its folder too
        return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True).stdout

    csv_command = dry_run("import-csv", "SRC=rows.csv", "FORCE=1").splitlines()[-1]
    assert '-m directory.commands.import_csv "rows.csv" ' in csv_command and csv_command.endswith("--force")
    feed_command = dry_run("import-openreferral", "SRC=feed", "CATEGORY=food").splitlines()[-1]
    assert '-m directory.commands.import_openreferral "feed"' in feed_command and "--force" not in feed_command
    assert feed_command.endswith('--category "food"')


def test_a_place_given_by_name_alone_is_the_one_of_that_name(tmp_path, capsys):
    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content)
    row = template_rows()[0] | {"name": "Library Club", "place": "millbrook central library"}
    row |= {"address_1": "", "city": "", "postcode": ""}
    code, out, _ = importing(capsys, import_csv, write_csv(tmp_path / "rows.csv", [row]), content)
    assert code == 0 and len(out) == 1
    assert loaded(content).directory.services["library-club"].locations == ("millbrook-library",)
