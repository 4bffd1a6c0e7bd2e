"""The bad-input corpus: one broken file at a time in a copy of the minimal site.

Each case runs the real commands a volunteer or CI runs,
``python -m directory.commands.validate`` and (for a representative subset)
``python -m directory.commands.build``, as subprocesses, and checks that the file is
rejected with ``path:line:col: error: message`` naming the field in plain
English, that nothing crashes with a traceback, that a failed build leaves no
output (or leaves a previous good build exactly as it was), and that the
content folder is never modified.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import CONF as SAMPLE_CONF
from .conftest import PROBLEM

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
CONF = str(SAMPLE_CONF)

FOOD_BANK = "services/riverside-food-bank.yaml"
PANTRY = "organisations/riverside-pantry.yaml"
COUNCIL = "organisations/millbrook-council.yaml"
HALL = "locations/st-marys-hall.yaml"
LIBRARY = "consultations/library-hours.md"


# --- helpers ----------------------------------------------------------------------------


def replace(site: Path, name: str, old: bytes | str, new: bytes | str) -> None:
    path = site / name
    raw = path.read_bytes()
    old = old.encode() if isinstance(old, str) else old
    new = new.encode() if isinstance(new, str) else new
    assert raw.count(old) == 1, f"{old!r} should be in {name} once"
    path.write_bytes(raw.replace(old, new))


def put(site: Path, name: str, content: bytes | str) -> None:
    (site / name).write_bytes(content.encode() if isinstance(content, str) else content)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (names and bytes) as relative path -> sha256."""
    return {
        p.relative_to(folder).as_posix(): os.readlink(p)
        if p.is_symlink()
        else hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_symlink() or p.is_file()
    }


def command(module: str, *args: str) -> list[str]:
    return [str(PYTHON), "-m", module, *args]


def start(args: list[str]) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": "plugins", "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(process: subprocess.Popen) -> tuple[int, str, str]:
    stdout, stderr = process.communicate(timeout=120)
    return process.returncode, stdout, stderr


def problems(stderr: str) -> list[dict]:
    found = []
    for line in stderr.splitlines():
        match = PROBLEM.match(line)
        if match:
            found.append({**match.groupdict(), "line": int(match["line"]), "col": int(match["col"])})
    return found


def same_file(reported: str, expected: Path) -> bool:
    """The same path, with links left unresolved (a link is the file reported on)."""
    path = Path(reported)
    path = path if path.is_absolute() else ROOT / path
    return path.parent.resolve() / path.name == expected.parent.resolve() / expected.name


def assert_no_crash(code: int, stdout: str, stderr: str) -> None:
    assert "Traceback" not in stderr and "Traceback" not in stdout, stderr
    assert code in (0, 1), f"exit code {code}\n{stderr}"


# --- the corpus --------------------------------------------------------------------------


@dataclass
class Case:
    id: str
    breaks: Callable[[Path], None]
    file: str  # the broken file, from the content folder
    line: int = 1
    col: int = 1
    says: tuple[str, ...] = ()  # fragments of the message, in plain English
    accepted: bool = False
    build: bool = False  # also run the real build command
    not_said: tuple[str, ...] = ()  # must not appear in any output (what a link points to)


def _huge(site: Path) -> None:
    path = site / FOOD_BANK
    path.write_bytes(path.read_bytes() + b"# " + b"x" * 1_100_000 + b"\n")


def _crlf(site: Path, name: str) -> None:
    path = site / name
    raw = path.read_bytes()
    assert b"\r" not in raw
    path.write_bytes(raw.replace(b"\n", b"\r\n"))


def _crlf_with_an_error_on_line_3(site: Path) -> None:
    replace(site, HALL, "  address_1: 1 Church Lane", "  adress_1: 1 Church Lane")
    _crlf(site, HALL)


def _no_front_matter(site: Path) -> None:
    text = (site / LIBRARY).read_text(encoding="utf-8")
    put(site, LIBRARY, text.replace("---\n", ""))


def _badly_named(site: Path) -> None:
    put(site, "organisations/New Group.yaml", "name: New Group\nkind: community group\ndescription: We meet.\n")


AREAS = "taxonomy/areas.yaml"
# a file outside the content folder that a pull request links to
SECRET = "minimum_age: TOKEN-ghp-not-for-the-log\n"


def _link(site: Path, name: str, target) -> None:
    os.symlink(target, site / name)


def _link_to_an_outside_secret(site: Path) -> None:
    secret = site.parent / "runner-config.yaml"
    secret.write_text(SECRET)
    _link(site, "services/config.yaml", secret)


def _link_to_an_outside_entry(site: Path) -> None:
    outside = site.parent / "outside.yaml"
    outside.write_bytes((site / FOOD_BANK).read_bytes().replace(b"Riverside Food Bank", b"Smuggled In"))
    _link(site, "services/outside.yaml", outside)


def _looping_link(site: Path) -> None:
    _link(site, "services/a.yaml", "a.yaml")


def _nested(depth: int) -> str:
    return "assurer:\n" + "".join("  " * i + "a:\n" for i in range(1, depth)) + "  " * depth + "a: b\n"


def _closed_with_an_outcome_on(site: Path, published: str) -> None:
    replace(site, LIBRARY, "closes: 2027-01-31 17:00", "closes: 2026-11-10")
    replace(
        site,
        LIBRARY,
        "areas: [north-ward]\n",
        f"areas: [north-ward]\noutcome: We did.\noutcome_published: {published}\n",
    )


def _tag(site: Path) -> None:
    marker = site.parent / "tag-was-run"
    replace(site, HALL, "name: St Mary's Hall", f'name: !!python/object/apply:os.system ["touch {marker}"]')


CASES = [
    Case(
        "malformed-yaml-unclosed-quote",
        lambda s: replace(s, COUNCIL, "url: https://millbrook.example", 'url: "https://millbrook.example'),
        COUNCIL,
        4,
        6,
        ("quote", "never closed"),
        build=True,
    ),
    Case(
        "malformed-yaml-bad-indentation",
        lambda s: replace(s, HALL, "  city: Millbrook", "   city: Millbrook"),
        HALL,
        4,
        8,
        ("indentation",),
    ),
    Case(
        "wrong-type",
        lambda s: replace(s, FOOD_BANK, "minimum_age: 0", "minimum_age: ten"),
        FOOD_BANK,
        12,
        14,
        ("minimum_age should be a whole number, not 'ten'",),
    ),
    Case(
        "unknown-field-typo",
        lambda s: replace(s, FOOD_BANK, "categories: [food-banks]", "catgories: [food-banks]"),
        FOOD_BANK,
        9,
        1,
        ("unknown field 'catgories'", "did you mean 'categories'?"),
    ),
    Case(
        "unknown-organisation",
        lambda s: replace(s, FOOD_BANK, "organization: riverside-pantry", "organization: riverside-pantri"),
        FOOD_BANK,
        2,
        15,
        ("organization: there is no organisation", "'riverside-pantri'", "did you mean 'riverside-pantry'?"),
        build=True,
    ),
    Case(
        "unknown-category",
        lambda s: replace(s, FOOD_BANK, "categories: [food-banks]", "categories: [food-bank]"),
        FOOD_BANK,
        9,
        14,
        ("categories: there is no category", "did you mean 'food-banks'?"),
    ),
    Case(
        "unknown-location",
        lambda s: replace(s, FOOD_BANK, "locations: [st-marys-hall]", "locations: [st-marys-hal]"),
        FOOD_BANK,
        18,
        13,
        ("locations: there is no location", "did you mean 'st-marys-hall'?"),
    ),
    Case(
        "duplicate-keys",
        lambda s: put(s, FOOD_BANK, (s / FOOD_BANK).read_text() + "name: Another Name\n"),
        FOOD_BANK,
        28,
        1,
        ("the field 'name' appears twice", "first on line 1"),
        build=True,
    ),
    Case(
        "duplicate-slugs",
        lambda s: put(s, "services/riverside-food-bank.yml", (s / FOOD_BANK).read_bytes()),
        "services/riverside-food-bank.yml",
        1,
        1,
        ("another file in services/ has the same name",),
    ),
    Case(
        "bad-date",
        lambda s: replace(s, FOOD_BANK, "assured_date: 2026-09-14", "assured_date: 2026-13-45"),
        FOOD_BANK,
        26,
        15,
        ("assured_date is '2026-13-45'", "YYYY-MM-DD"),
    ),
    Case(
        "bad-time",
        lambda s: replace(s, FOOD_BANK, 'opens_at: "10:00"', 'opens_at: "25:00"'),
        FOOD_BANK,
        21,
        15,
        ("schedules[1].opens_at is '25:00'", "24-hour time"),
    ),
    Case(
        "bad-url",
        lambda s: replace(s, PANTRY, "url: https://example.org/pantry", "url: javascript:alert(1)"),
        PANTRY,
        6,
        6,
        ("url is 'javascript:alert(1)'", "web address"),
    ),
    Case(
        "bad-email",
        lambda s: replace(s, PANTRY, "email: hello@example.org", "email: hello at example.org"),
        PANTRY,
        7,
        8,
        ("email is 'hello at example.org'", "email address"),
    ),
    Case(
        "missing-required-field",
        lambda s: replace(s, FOOD_BANK, "summary: Emergency food parcels for people in crisis.\n", ""),
        FOOD_BANK,
        1,
        1,
        ("the required field 'summary' is missing",),
    ),
    Case("empty-file", lambda s: put(s, FOOD_BANK, b""), FOOD_BANK, 1, 1, ("the file is empty",)),
    Case(
        "only-whitespace-and-comments",
        lambda s: put(s, FOOD_BANK, "# a comment\n\n   \n# another comment\n"),
        FOOD_BANK,
        1,
        1,
        ("should hold fields", "holds nothing"),
    ),
    Case(
        "not-utf-8",
        # a latin-1 é (byte 0xe9) on line 3, column 19
        lambda s: replace(s, HALL, b"  address_1: 1 Church Lane", b"  address_1: 1 Caf\xe9 Lane"),
        HALL,
        3,
        19,
        ("not UTF-8", "0xe9"),
        build=True,
    ),
    Case(
        "utf-8-bom-is-accepted",
        lambda s: put(s, FOOD_BANK, b"\xef\xbb\xbf" + (s / FOOD_BANK).read_bytes()),
        FOOD_BANK,
        accepted=True,
        build=True,
    ),
    Case("crlf-is-accepted", lambda s: _crlf(s, FOOD_BANK), FOOD_BANK, accepted=True),
    Case(
        "crlf-error-keeps-its-line",
        _crlf_with_an_error_on_line_3,
        HALL,
        3,
        3,
        ("unknown field 'adress_1' in address", "did you mean 'address_1'?"),
    ),
    Case("huge-file", _huge, FOOD_BANK, 1, 1, ("too large",), build=True),
    Case(
        "consultation-closes-before-it-opens",
        lambda s: replace(s, LIBRARY, "closes: 2027-01-31 17:00", "closes: 2026-10-01"),
        LIBRARY,
        6,
        9,
        ("closes (2026-10-01) is before opens (2026-11-01)",),
        build=True,
    ),
    Case(
        "consultation-without-front-matter",
        _no_front_matter,
        LIBRARY,
        1,
        1,
        ("must start with a line of three dashes (---)",),
    ),
    Case(
        "top-level-list",
        lambda s: put(s, HALL, "- name: St Mary's Hall\n- city: Millbrook\n"),
        HALL,
        1,
        1,
        ("should hold fields written 'name: value'", "holds a list"),
    ),
    Case(
        "file-name-with-spaces-and-capitals",
        _badly_named,
        "organisations/New Group.yaml",
        1,
        1,
        ("the file name 'New Group.yaml' must be lower-case words joined by hyphens", "'new-group.yaml'"),
    ),
    Case(
        "anchors-and-aliases",
        lambda s: replace(
            s,
            HALL,
            "name: St Mary's Hall\naddress:\n  address_1: 1 Church Lane",
            "name: &hall St Mary's Hall\naddress:\n  address_1: *hall",
        ),
        HALL,
        1,
        7,
        ("anchors (&name) are not allowed",),
    ),
    Case(
        "python-tag",
        _tag,
        HALL,
        1,
        7,
        ("tags such as", "python/object/apply:os.system", "not allowed"),
        build=True,
    ),
    # --- hostile pull requests (issue: can't stall, crash or leak the build) ---
    Case(
        "link-to-an-entry-outside-the-repository",
        _link_to_an_outside_entry,
        "services/outside.yaml",
        1,
        1,
        ("is a link (a symbolic link), which is never followed",),
        build=True,
        not_said=("Smuggled In",),
    ),
    Case(
        "link-to-a-secret-on-the-runner",
        _link_to_an_outside_secret,
        "services/config.yaml",
        1,
        1,
        ("is a link",),
        build=True,
        not_said=("TOKEN-ghp",),
    ),
    Case(
        "link-to-dev-zero",
        lambda s: _link(s, "services/zero.yaml", "/dev/zero"),
        "services/zero.yaml",
        1,
        1,
        ("is a link",),
        build=True,
    ),
    Case(
        "dangling-link",
        lambda s: _link(s, "services/gone.yaml", "nowhere.yaml"),
        "services/gone.yaml",
        1,
        1,
        ("is a link",),
    ),
    Case("looping-links", _looping_link, "services/a.yaml", 1, 1, ("is a link",), build=True),
    Case("link-as-a-folder", lambda s: _link(s, "misc", "/etc"), "misc", 1, 1, ("is a link",), not_said=("passwd",)),
    Case(
        "yaml-nested-600-deep",
        lambda s: replace(s, FOOD_BANK, "assurer: Jo\n", _nested(600)),
        FOOD_BANK,
        40,
        27,
        ("nested more than 12 levels deep",),
        build=True,
    ),
    Case(
        "an-integer-of-5000-digits",
        lambda s: replace(s, FOOD_BANK, "minimum_age: 0", "minimum_age: 1" + "0" * 5000),
        FOOD_BANK,
        12,
        14,
        ("minimum_age has too many digits",),
        build=True,
    ),
    Case(
        "an-amount-of-401-digits",
        lambda s: replace(s, FOOD_BANK, "free: yes", "cost_options:\n  - amount: 1" + "0" * 400),
        FOOD_BANK,
        14,
        13,
        ("cost_options[1].amount has too many digits",),
    ),
    Case(
        "an-amount-of-a-million",
        lambda s: replace(s, FOOD_BANK, "free: yes", "cost_options:\n  - amount: 1000000"),
        FOOD_BANK,
        14,
        13,
        ("cost_options[1].amount must be at most 999999.99",),
    ),
    Case(
        "markdown-that-recursed",
        lambda s: replace(s, FOOD_BANK, "  Food parcels with three days of food.\n", "  a\n  : b\n" * 500),
        FOOD_BANK,
        accepted=True,
        build=True,
    ),
    Case(
        "monthly-byday-without-a-number",
        lambda s: replace(s, FOOD_BANK, "  - byday: MO,WE", "  - freq: MONTHLY\n    byday: -TU"),
        FOOD_BANK,
        21,
        12,
        ("schedules[1].byday is '-TU'",),
        build=True,
    ),
    Case(
        "monthly-byday-minus-five",
        lambda s: replace(s, FOOD_BANK, "  - byday: MO,WE", "  - freq: MONTHLY\n    byday: -5TU"),
        FOOD_BANK,
        21,
        12,
        ("schedules[1].byday is '-5TU'",),
    ),
    Case(
        "weekly-byday-with-a-number",
        lambda s: replace(s, FOOD_BANK, "  - byday: MO,WE", "  - byday: 2TU"),
        FOOD_BANK,
        20,
        5,
        ("byday '2TU' names a day of the month; add freq: MONTHLY",),
    ),
    Case(
        "mailto-header-injection-in-an-email",
        lambda s: replace(
            s, PANTRY, "email: hello@example.org", "email: help?cc=spy%40evil.example&body=Hi@millbrook.example"
        ),
        PANTRY,
        7,
        8,
        ("email is 'help?cc=spy%40evil.example&body=Hi@mi...'", "email address"),
    ),
    Case(
        "mailto-header-injection-in-a-url",
        lambda s: replace(
            s, PANTRY, "url: https://example.org/pantry", "url: mailto:x@example.org?bcc=spy@evil.example"
        ),
        PANTRY,
        6,
        6,
        ("url is 'mailto:x@example.org?bcc=spy@evil.exa...'",),
    ),
    Case(
        "a-folder-named-like-a-file",
        lambda s: (s / "services/x.yaml").mkdir(),
        "services/x.yaml",
        1,
        1,
        ("folders inside services/ are not read",),
    ),
    Case(
        "a-file-in-a-subfolder",
        lambda s: ((s / "services/sub").mkdir(), put(s, "services/sub/a.yaml", "name: A\n")),
        "services/sub",
        1,
        1,
        ("folders inside services/ are not read",),
    ),
    Case(
        "an-unknown-folder",
        lambda s: ((s / "misc").mkdir(), put(s, "misc/a.yaml", "name: A\n")),
        "misc",
        1,
        1,
        ("the folder misc/ is not read; entries go in one of services/, organisations/",),
    ),
    Case(
        "a-hidden-file",
        lambda s: put(s, "services/.hidden.yaml", "name: A\n"),
        "services/.hidden.yaml",
        1,
        1,
        ("hidden files are not read", "'hidden.yaml'"),
    ),
    Case(
        "markdown-at-the-top",
        lambda s: put(s, "notes.md", "# Notes\n"),
        "notes.md",
        1,
        1,
        ("this file is not read here",),
    ),
    Case(
        "a-name-ending-in-capitals",
        lambda s: put(s, "services/extra.YAML", (s / FOOD_BANK).read_bytes()),
        "services/extra.YAML",
        1,
        1,
        ("rename it to 'extra.yaml'",),
    ),
    Case(
        "a-text-file-among-services",
        lambda s: put(s, "services/notes.txt", "notes\n"),
        "services/notes.txt",
        1,
        1,
        ("files in services/ must end in .yaml or .yml",),
    ),
    Case(
        "an-area-with-an-unknown-parent",
        lambda s: replace(s, AREAS, "  name: South Ward\n", "  name: South Ward\n  parent: nowhere\n"),
        AREAS,
        6,
        11,
        ("south-ward.parent: there is no area called 'nowhere'",),
    ),
    Case(
        "a-right-to-left-override-in-a-name",
        lambda s: replace(s, FOOD_BANK, "name: Riverside Food Bank", "name: Riverside \u202eknaB dooF"),
        FOOD_BANK,
        1,
        7,
        ("hidden control character (U+202E)",),
        build=True,
    ),
    Case(
        "a-consultation-text-too-long",
        lambda s: replace(s, LIBRARY, "We are reviewing **library hours**.", "x" * 50_001),
        LIBRARY,
        18,
        1,
        ("the text is too long", "at most 50,000"),
    ),
    Case(
        "too-many-categories",
        lambda s: replace(
            s, FOOD_BANK, "categories: [food-banks]", f"categories: [{', '.join(f'c{i}' for i in range(51))}]"
        ),
        FOOD_BANK,
        9,
        13,
        ("categories lists 51 items; at most 50 are allowed",),
    ),
    # --- one line where one line is meant ---
    Case(
        "a-time-ending-in-a-line-break",
        lambda s: replace(s, FOOD_BANK, 'opens_at: "10:00"', 'opens_at: "10:00\\n"'),
        FOOD_BANK,
        21,
        15,
        ("schedules[1].opens_at must be one line of plain text", "a line break (U+000A) at its end"),
        build=True,
    ),
    Case(
        "a-maintainer-ending-in-a-line-break",
        lambda s: replace(s, PANTRY, '["@pantry-volunteer"]', '["@pantry-volunteer\\n"]'),
        PANTRY,
        14,
        15,
        ("maintainers[1] must be one line of plain text", "a line break (U+000A)"),
    ),
    Case(
        "a-name-folded-after-a-greater-than-sign",
        lambda s: replace(s, HALL, "name: St Mary's Hall", "name: >\n  St Mary's Hall"),
        HALL,
        1,
        7,
        ("name must be one line of plain text", "write |- or >- instead"),
    ),
    Case(
        "a-tab-in-an-address-line",
        lambda s: replace(s, HALL, "  address_1: 1 Church Lane", '  address_1: "1\\tChurch Lane"'),
        HALL,
        3,
        14,
        ("address.address_1 must be one line of plain text", "a tab (U+0009) after '1'", "ordinary space"),
    ),
    Case(
        "a-windows-device-name",
        lambda s: put(s, "services/con.yaml", (s / FOOD_BANK).read_bytes()),
        "services/con.yaml",
        1,
        1,
        ("Windows cannot have a file called con.yaml: choose another name",),
        build=True,
    ),
    # --- search: synonyms and postcodes ---
    Case(
        "synonyms-not-in-groups",
        lambda s: put(s, "taxonomy/synonyms.yaml", "groups:\n  - GP\n"),
        "taxonomy/synonyms.yaml",
        2,
        5,
        ("groups[1] should be a list",),
        build=True,
    ),
    Case(
        "synonyms-group-of-one",
        lambda s: put(s, "taxonomy/synonyms.yaml", "groups:\n  - [GP, doctor]\n  - [ESOL]\n"),
        "taxonomy/synonyms.yaml",
        3,
        5,
        ("groups[2] needs at least 2 items",),
    ),
    Case(
        "synonyms-unknown-field",
        lambda s: put(s, "taxonomy/synonyms.yaml", "gropus:\n  - [GP, doctor]\n"),
        "taxonomy/synonyms.yaml",
        1,
        1,
        ("unknown field 'gropus'", "did you mean 'groups'?"),
    ),
    Case(
        "postcode-file-with-a-broken-line",
        lambda s: put(s, "postcodes.csv", "postcode,latitude,longitude\nZZ1 1AA,52.41,-1.51\nZZ1 1AB,52.41x,-1.5\n"),
        "postcodes.csv",
        3,
        9,
        ("'52.41x' is not a latitude or longitude",),
        build=True,
    ),
    Case(
        "postcode-file-with-a-bad-postcode",
        lambda s: put(s, "postcodes.csv", "postcode,latitude,longitude\nZZZ 1AB,52.41,-1.51\n"),
        "postcodes.csv",
        2,
        1,
        ("'ZZZ 1AB' is not a UK postcode",),
    ),
    Case(
        "postcode-file-without-a-longitude-column",
        lambda s: put(s, "postcodes.csv", "pcd,lat\nZZ1 1AA,52.41\n"),
        "postcodes.csv",
        1,
        1,
        ("with a longitude column",),
    ),
    Case(
        "postcode-file-with-a-postcode-twice",
        lambda s: put(s, "postcodes.csv", "postcode,latitude,longitude\nZZ1 1AA,52.41,-1.51\nzz11aa,52.42,-1.52\n"),
        "postcodes.csv",
        3,
        1,
        ("ZZ1 1AA is in the file twice",),
    ),
    # (a postcode file the settings name that is missing: tests/test_settings_problems.py)
    # --- the council's images: pictures copied as they are, nothing else ---
    Case(
        "a-link-among-the-images",
        lambda s: _link(s, "images/logo.svg", s.parent / "runner-config.yaml"),
        "images/logo.svg",
        1,
        1,
        ("is a link",),
        build=True,
    ),
    Case(
        "a-page-among-the-images",
        lambda s: put(s, "images/page.html", "<script>alert(1)</script>"),
        "images/page.html",
        1,
        1,
        ("images/ holds pictures ending in .svg, .png, .jpg, .ico",),
        build=True,
    ),
    Case("an-image-in-capitals", lambda s: put(s, "images/logo.PNG", b"PNG"), "images/logo.PNG", 1, 1, ("logo.png",)),
    # --- consultations: dates and times ---
    Case(
        "outcome-published-in-the-future",
        lambda s: _closed_with_an_outcome_on(s, "2030-01-01"),
        LIBRARY,
        18,
        20,
        ("outcome_published 2030-01-01 is in the future",),
        build=True,
    ),
    Case(
        "outcome-while-still-open",
        lambda s: replace(
            s,
            LIBRARY,
            "areas: [north-ward]\n",
            "areas: [north-ward]\noutcome: We did.\noutcome_published: 2026-11-02\n",
        ),
        LIBRARY,
        17,
        10,
        ("an outcome is given but the consultation is still open until 2027-01-31 17:00",),
    ),
    Case(
        "closing-date-in-words",
        lambda s: replace(s, LIBRARY, "closes: 2027-01-31 17:00", "closes: next Tuesday"),
        LIBRARY,
        6,
        9,
        ("closes is 'next Tuesday'", "YYYY-MM-DD"),
    ),
    Case(
        "closing-date-without-a-year",
        lambda s: replace(s, LIBRARY, "closes: 2027-01-31 17:00", 'closes: "01-31"'),
        LIBRARY,
        6,
        9,
        ("closes is '01-31'",),
    ),
    Case(
        "a-time-that-does-not-exist-in-uk-time",
        lambda s: replace(s, LIBRARY, "closes: 2027-01-31 17:00", "closes: 2027-03-28 01:30"),
        LIBRARY,
        6,
        9,
        ("closes 2027-03-28 01:30 in UK time does not exist: the clocks go forward that night",),
        build=True,
    ),
    Case(
        "a-time-that-happens-twice",
        lambda s: replace(s, LIBRARY, "closes: 2027-01-31 17:00", "closes: 2027-10-31 01:30"),
        LIBRARY,
        6,
        9,
        ("closes 2027-10-31 01:30 in UK time happens twice: the clocks go back that night",),
    ),
    Case(
        "an-event-in-the-missing-hour",
        lambda s: replace(
            s,
            LIBRARY,
            '      date: 2026-12-05\n      starts_at: "10:00"',
            '      date: 2027-03-28\n      starts_at: "01:15"',
        ),
        LIBRARY,
        12,
        18,
        ("events[1].starts_at 2027-03-28 01:15 in UK time does not exist",),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(case: Case, copy_fixture, tmp_path):
    site = copy_fixture()
    case.breaks(site)
    before = snapshot(site)
    output = tmp_path / "out"

    validating = start(command("directory.commands.validate", str(site), "-s", CONF))
    building = (
        start(command("directory.commands.build", str(site), "-o", str(output), "-s", CONF)) if case.build else None
    )
    code, stdout, stderr = finish(validating)

    assert_no_crash(code, stdout, stderr)
    found = problems(stderr)
    errors = [p for p in found if p["severity"] == "error"]
    broken = site / case.file
    if case.accepted:
        assert code == 0, stderr
        assert errors == [], stderr
    else:
        assert code == 1, stderr
        assert errors, stderr
        assert all(same_file(p["path"], broken) for p in errors), stderr
        at = [p for p in errors if (p["line"], p["col"]) == (case.line, case.col)]
        assert at, f"no error at {case.file}:{case.line}:{case.col}\n{stderr}"
        message = " / ".join(p["message"] for p in at)
        for words in case.says:
            assert words in message, stderr
    for secret in case.not_said:
        assert secret not in stdout + stderr
    assert not (tmp_path / "tag-was-run").exists()

    if building is not None:
        code, stdout, build_stderr = finish(building)
        assert_no_crash(code, stdout, build_stderr)
        if case.accepted:
            assert code == 0, build_stderr
            assert (output / "services/riverside-food-bank/index.html").is_file()
        else:
            assert code == 1, build_stderr
            # the build reports the same problem in the same form
            assert [p for p in problems(build_stderr) if p["severity"] == "error"] == errors
            assert not output.exists()
        # no half-built or swapped-out folder is left beside the output
        assert work_folders(tmp_path) == []
        assert not (tmp_path / "tag-was-run").exists()

    assert snapshot(site) == before, "the content folder must not be modified"


def work_folders(folder: Path) -> list[str]:
    """What a build left beside its output but the build cache (which is meant to stay)."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".out") and not p.name.endswith(".cache"))


def test_a_failed_build_leaves_the_previous_good_build_untouched(copy_fixture, build, tmp_path):
    site = copy_fixture()
    code, output = build(site, tmp_path / "out")
    assert code == 0
    good = snapshot(output)
    assert "services/riverside-food-bank/index.html" in good

    replace(site, FOOD_BANK, "minimum_age: 0", "minimum_age: ten")
    before = snapshot(site)
    code, stdout, stderr = finish(start(command("directory.commands.build", str(site), "-o", str(output), "-s", CONF)))

    assert_no_crash(code, stdout, stderr)
    assert code == 1
    assert any(
        same_file(p["path"], site / FOOD_BANK)
        and (p["line"], p["col"]) == (12, 14)
        and "minimum_age should be a whole number" in p["message"]
        for p in problems(stderr)
    ), stderr
    assert snapshot(output) == good
    assert work_folders(tmp_path) == []
    assert snapshot(site) == before


def test_the_corpus_is_well_formed():
    assert len({c.id for c in CASES}) == len(CASES)
    assert sum(c.build for c in CASES) >= 6
    assert all(c.says for c in CASES if not c.accepted)
