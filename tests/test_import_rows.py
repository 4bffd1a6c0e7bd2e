"""The importers never lose a row in silence: every row or record is imported
or reported at its line, whatever the size of a cell; two records of an Open
Referral feed with one id are both named, and never merged; and the files an
import writes have the mode the user's umask gives, as any program's would."""

from __future__ import annotations

import csv
import json
import os
import stat
from pathlib import Path

import pytest

from directory.commands.cli import run
from directory.commands.import_csv import import_csv
from directory.commands.import_openreferral import import_openreferral

from . import oruk
from .conftest import settings_file
from .test_importers import TEMPLATE, empty_content, importing, loaded, problems, template_rows, write_csv

BIG = 200_000  # characters: more than csv's own field limit (131,072)


# --- a cell larger than csv reads by default ------------------------------------------------------


def test_a_huge_cell_is_refused_at_its_row_and_every_other_row_is_written(tmp_path, capsys):
    good = template_rows()[0] | {"description": "One line."}
    rows = [good | {"name": f"Row {n}"} for n in range(1, 6)]
    rows[2]["description"] = "x" * BIG
    source = write_csv(tmp_path / "rows.csv", rows)
    content = empty_content(tmp_path / "content")
    limit = csv.field_size_limit()

    code, out, err = importing(capsys, import_csv, source, content)

    assert code == 1
    assert problems(err) == [
        (
            str(source),
            4,  # the header is line 1, so the third row is line 4
            f"service 'Row 3': description is too long ({BIG} characters; at most 20000) (column description)",
        )
    ]
    assert sorted(s.name for s in loaded(content).directory.services.values()) == ["Row 1", "Row 2", "Row 4", "Row 5"]
    assert [n.split(" (")[0] for n in out if n.startswith("created services/")] == [
        f"created services/row-{n}.yaml" for n in (1, 2, 4, 5)
    ]
    assert err[-1] == (
        "error: 1 row(s) or document(s) could not be imported (listed above); nothing was written for them"
    )
    assert csv.field_size_limit() == limit  # the process's csv is as it was


def test_a_huge_cell_in_the_last_row_is_still_read_and_reported(tmp_path, capsys):
    good = template_rows()[0] | {"description": "One line."}
    rows = [good | {"name": "First"}, good | {"name": "Last", "summary": "y" * BIG}]
    source = write_csv(tmp_path / "rows.csv", rows)
    content = empty_content(tmp_path / "content")
    code, _, err = importing(capsys, import_csv, source, content)
    assert code == 1
    ((_, line, message),) = problems(err)
    assert line == 3 and message.startswith(f"service 'Last': summary is too long ({BIG} characters")
    assert [s.name for s in loaded(content).directory.services.values()] == ["First"]


def test_a_private_contact_is_a_warning_or_with_the_councils_setting_an_error(tmp_path, capsys):
    row = template_rows()[0] | {"name": "Knit Club", "phone": "+44 07700 900123"}
    source = write_csv(tmp_path / "rows.csv", [row])
    said = "service 'Knit Club': phones[1].number: +44 07700 900123 looks like a personal mobile number"

    content = empty_content(tmp_path / "content")
    code, out, err = importing(capsys, import_csv, source, content)
    assert code == 0 and "created services/knit-club.yaml" in out[-1]
    assert [m for _, _, m in problems(err, "warning") if m.startswith(said)]

    conf = tmp_path / "strict.py"
    settings_file(conf, "DIRECTORY = {**DIRECTORY, 'private_contacts': 'error'}\n")
    strict = empty_content(tmp_path / "strict")
    capsys.readouterr()
    code = run(lambda: import_csv(str(source), str(strict), str(conf)), str(conf))
    err = capsys.readouterr().err.splitlines()
    assert code == 1 and [m for _, _, m in problems(err) if m.startswith(said) and m.endswith("(column phone)")]
    assert not (strict / "services").exists()


# --- the mode of the files written -------------------------------------------------------------------


def written(content: Path) -> dict[str, int]:
    """The mode of every file an import wrote (the taxonomy and postcodes were copied in)."""
    return {
        p.relative_to(content).as_posix(): stat.S_IMODE(p.stat().st_mode)
        for p in sorted(content.rglob("*.yaml"))
        if p.parent.name != "taxonomy"
    }


def with_umask(mask: int, work):
    old = os.umask(mask)
    try:
        return work()
    finally:
        os.umask(old)


IMPORTS = {
    "csv": lambda capsys, content: importing(capsys, import_csv, TEMPLATE, content),
    "openreferral": lambda capsys, content: importing(
        capsys, import_openreferral, oruk.STANDARD / "examples/service_full.json", content, category="mental-health"
    ),
}


@pytest.mark.parametrize("importer", sorted(IMPORTS))
@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)], ids=oct)
def test_files_are_written_with_the_users_umask(importer, mask, mode, tmp_path, capsys):
    content = empty_content(tmp_path / "content")
    code, out, _ = with_umask(mask, lambda: IMPORTS[importer](capsys, content))
    assert code == 0 and out
    modes = written(content)
    assert any(path.startswith("services/") for path in modes) and any(p.startswith("organisations/") for p in modes)
    assert set(modes.values()) == {mode}


def test_a_replaced_file_keeps_its_own_mode(tmp_path, capsys):
    content = empty_content(tmp_path / "content")
    with_umask(0o022, lambda: importing(capsys, import_csv, TEMPLATE, content))
    club = content / "services/northfield-homework-club.yaml"
    club.chmod(0o640)
    changed = write_csv(tmp_path / "two.csv", [r | {"summary": "A new summary."} for r in template_rows()])
    code, _, _ = with_umask(0o022, lambda: importing(capsys, import_csv, changed, content, force=True))
    assert code == 0 and "A new summary." in club.read_text(encoding="utf-8")
    assert stat.S_IMODE(club.stat().st_mode) == 0o640


# --- Open Referral records with one id ----------------------------------------------------------------


def counselling() -> dict:
    return oruk.example("service_list.json")["contents"][0]


def page(*contents) -> dict:
    return {"total_items": len(contents), "page_number": 1, "contents": list(contents)}


def line_of(source: Path, text: str) -> int:
    """The line of the ``{`` that opens the object holding ``text``."""
    lines = source.read_text(encoding="utf-8").splitlines()
    at = next(n for n, line in enumerate(lines) if text in line)
    return next(n for n in range(at, -1, -1) if lines[n].strip() == "{") + 1


def test_two_services_with_one_id_are_both_named_and_only_the_first_imported(tmp_path, capsys):
    first = counselling()
    second = first | {"name": "Youth Drop-in", "description": "Games and advice.", "email": "youth@example.org"}
    source = tmp_path / "page.json"
    source.write_text(json.dumps(page(first, second), indent=2), encoding="utf-8")
    content = empty_content(tmp_path / "content")

    code, out, err = importing(capsys, import_openreferral, source, content, category="mental-health")

    assert code == 0  # a warning: the first is imported, the second said to be skipped
    here, there = line_of(source, '"Youth Drop-in"'), line_of(source, '"Community Counselling"')
    assert [(line, m) for s, line, m in problems(err, "warning") if "same id" in m] == [
        (
            here,
            f"service 'Youth Drop-in' has the same id ({first['id']}) as service 'Community Counselling' at "
            f"{source}:{there}, but is not the same service: only the first is imported, this one is skipped",
        )
    ]
    assert [n.split(" (")[0] for n in out if "services/" in n] == ["created services/community-counselling.yaml"]
    (kept,) = loaded(content).directory.services.values()
    assert (kept.name, kept.email) == ("Community Counselling", "email@example.com")  # nothing of the second
    assert "Games and advice" not in (content / "services/community-counselling.yaml").read_text(encoding="utf-8")


def test_one_id_in_two_files_names_both_files(tmp_path, capsys):
    folder = tmp_path / "feed"
    folder.mkdir()
    first = counselling()
    (folder / "a.json").write_text(json.dumps(first, indent=2), encoding="utf-8")
    (folder / "b.json").write_text(json.dumps(first | {"name": "Other Service"}, indent=2), encoding="utf-8")
    content = empty_content(tmp_path / "content")
    code, _, err = importing(capsys, import_openreferral, folder, content, category="mental-health")
    assert code == 0
    ((source, line, message),) = [p for p in problems(err, "warning") if "same id" in p[2]]
    assert (source, line) == (str(folder / "b.json"), 1)
    assert f"as service 'Community Counselling' at {folder / 'a.json'}:1," in message
    assert [s.name for s in loaded(content).directory.services.values()] == ["Community Counselling"]


def test_a_brief_and_its_full_copy_are_one_service_without_a_warning(tmp_path, capsys):
    full = oruk.example("service_full.json")
    brief = {k: v for k, v in full.items() if not isinstance(v, list)}  # the one-to-one fields, as on a page
    folder = tmp_path / "feed"
    (folder / "services").mkdir(parents=True)
    (folder / "services/page.json").write_text(json.dumps(page(brief), indent=2), encoding="utf-8")
    (folder / "services/full.json").write_text(json.dumps(full, indent=2), encoding="utf-8")
    content = empty_content(tmp_path / "content")
    code, _, err = importing(capsys, import_openreferral, folder, content, category="mental-health")
    assert code == 0
    assert [m for _, _, m in problems(err, "warning") if "same id" in m] == []
    (kept,) = loaded(content).directory.services.values()
    assert kept.schedules  # from the full copy, which the brief lacks


def test_two_organisations_with_one_id_are_both_named_and_only_the_first_imported(tmp_path, capsys):
    alpha = {"id": "org-1", "name": "Alpha Trust", "description": "Alpha helps.", "website": "https://alpha.example"}
    beta = {"id": "org-1", "name": "Beta Trust", "description": "Beta helps.", "website": "https://beta.example"}
    source = tmp_path / "organisations.json"
    source.write_text(json.dumps(page(alpha, beta), indent=2), encoding="utf-8")
    content = empty_content(tmp_path / "content")
    code, out, err = importing(capsys, import_openreferral, source, content)
    assert code == 0
    ((line, message),) = [(line, m) for _, line, m in problems(err, "warning") if "same id" in m]
    first = line_of(source, '"Alpha Trust"')
    assert line == line_of(source, '"Beta Trust"')
    assert message.startswith(
        f"organisation 'Beta Trust' has the same id (org-1) as organisation 'Alpha Trust' at {source}:{first}, "
        "but is not the same organisation"
    )
    assert out == [f"created organisations/alpha-trust.yaml (from {source}:{first})"]
