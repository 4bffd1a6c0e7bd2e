"""Contact details that look like a private person's (reading/contacts.py): a
mobile however it is written and whatever its type (but relay and video lines),
``mailto:`` and ``tel:`` addresses, numbers and addresses written in an entry's
text and in a consultation's ways to respond; not the council's own numbers,
public ones or shared mailboxes. ``consent: true`` still says one is agreed, and
the council's ``private_contacts`` setting makes them errors that stop the build."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import directory
from directory.reading.contacts import PRIVATE, is_mobile, national, personal_email
from directory.reading.loader import load_directory
from directory.settings import SettingsError, parse_settings

from .conftest import ROOT, project_settings, settings_file

TODAY = date(2026, 11, 18)
SETTINGS = project_settings()
NAMES = {"riverside", "pantry"}  # the words of a group's own name
AGREED = "if it is someone's own, publish it only with their agreement and add 'consent: true'"


@pytest.fixture
def site(copy_fixture):
    return copy_fixture()


def service(site: Path, extra: str) -> str:
    """Write the service ``lunch`` of the Riverside Pantry; ``extra`` holds more fields, one per line (from 7)."""
    text = (
        "name: Lunch\norganization: riverside-pantry\nsummary: Help for people.\n"
        "description: What we do.\ncategories: [advice]\nurl: https://example.org/lunch\n"
        f"{extra}assured_date: 2026-10-01\n"
    )
    (site / "services/lunch.yaml").write_text(text, encoding="utf-8")
    return "services/lunch.yaml"


def described(site: Path, text: str, field: str = "description") -> str:
    """The service ``lunch`` with the Markdown ``text`` in ``field`` (a literal block from line 4)."""
    block = "".join(f"  {line}\n" for line in text.splitlines())
    path = site / "services/lunch.yaml"
    path.write_text(
        "name: Lunch\norganization: riverside-pantry\nsummary: Help for people.\n"
        f"{field}: |\n{block}categories: [advice]\nurl: https://example.org/lunch\nassured_date: 2026-10-01\n"
        + ("" if field == "description" else "description: What we do.\n"),
        encoding="utf-8",
    )
    return "services/lunch.yaml"


def found(site: Path, settings=SETTINGS) -> list[tuple]:
    """The private-contact problems as (file, line, col, severity, message)."""
    root = site.resolve()
    return [
        (Path(p.path).resolve().relative_to(root).as_posix(), p.line, p.col, p.severity, p.message)
        for p in load_directory(site, settings, TODAY).problems
        if p.code == PRIVATE
    ]


def messages(site: Path) -> list[str]:
    return [message for *_, message in found(site)]


# --- numbers, however they are written ------------------------------------------------------

WRITTEN = [
    "+44 07700 900124",  # +44 and the trunk 0 both: a common honest form
    "+44 0 7700 900 124",
    "(+44) 07700-900-124",
    "0044 07700 900124",
    "44 7700 900124",
    "7700 900125",  # the leading 0 left off
    "7700900125",
    "77009 00125",
    "(07700) 900 126",
    "07700-900-126",
    "07700.900.126",
    "+44 (0)7700-900-126",
]


@pytest.mark.parametrize("number", WRITTEN)
def test_a_mobile_is_a_mobile_however_it_is_written(number):
    assert is_mobile(number)
    assert national(number).startswith("07700")


PUBLIC = [
    "01632 960 000",  # the council's switchboard (Ofcom's drama numbers)
    "+44 1632 960000",
    "1632 960000",  # a landline with its 0 left off is still a landline
    "0800 123 4567",
    "0808 800 5000",
    "0300 123 4567",
    "+44 300 123 4567",
    "070 1234 5678",  # a "personal number" that forwards anywhere, not a mobile
    "07612 345678",  # a pager
    "999",
    "+33 6 12 34 56 78",  # another country's
]


@pytest.mark.parametrize("number", PUBLIC)
def test_public_numbers_are_not_mobiles(number):
    assert not is_mobile(number)


@pytest.mark.parametrize("number", ["+44 07700 900124", "7700 900125", "+44 (0)7700-900-126", "0044 7700 900127"])
def test_a_mobile_in_a_phone_field_is_pointed_at_however_it_is_written(site, number):
    new = service(site, f"phones:\n  - number: {number}\n")
    assert found(site) == [
        (
            new,
            8,
            13,
            "warning",
            f"phones[1].number: {number} looks like a personal mobile number; {AGREED} to the entry",
        )
    ]


def test_public_numbers_in_phone_fields_give_no_warning(site):
    numbers = [n for n in PUBLIC if re.fullmatch(r"\+?[0-9][0-9 ()-]{4,24}", n)]
    service(site, "phones:\n" + "".join(f"  - number: {n}\n" for n in numbers[:10]))
    assert found(site) == []


# --- the type of a phone ------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["sms", "text", "voice"])
def test_a_mobile_given_for_texts_is_as_personal_as_one_given_for_calls(site, kind):
    service(site, f"phones:\n  - number: 07700 900 123\n    type: {kind}\n    description: Text Jo\n")
    assert messages(site) == [
        f"phones[1].number: 07700 900 123 looks like a personal mobile number; {AGREED} to the entry"
    ]


@pytest.mark.parametrize("kind", ["textphone", "video"])
def test_relay_and_video_lines_are_a_services(site, kind):
    service(site, f"phones:\n  - number: 07700 900 123\n    type: {kind}\n")
    assert found(site) == []


# --- mailto: and tel: addresses ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("mailto:jane.smith@gmail.com", "is a personal email service (gmail.com)"),
        ("MAILTO:sunnydays1980@hotmail.co.uk", "is a personal email service (hotmail.co.uk)"),
        ("mailto:j.bloggs@example.org", "looks like a named person's address"),
        ("tel:+447700900123", "looks like a personal mobile number"),
    ],
)
def test_a_mailto_or_tel_web_address_is_read_like_an_email_or_a_phone(site, url, why):
    new = service(site, "")
    path = site / new
    path.write_text(path.read_text(encoding="utf-8").replace("https://example.org/lunch", url), encoding="utf-8")
    assert found(site) == [(new, 6, 6, "warning", f"url: {url} {why}; {AGREED} to the entry")]


def test_a_mailto_address_of_a_place_written_out_asks_consent_of_the_place(site):
    place = "locations:\n  - name: The hall\n    address:\n      address_1: 1 Mill Lane\n"
    place += "      city: Millbrook\n      postal_code: ZZ9 9ZZ\n    url: mailto:mary.jones@outlook.com\n"
    service(site, place)
    (message,) = messages(site)
    assert message.startswith(
        "locations[1].url: mailto:mary.jones@outlook.com is a personal email service (outlook.com)"
    )
    assert message.endswith("to this place")
    service(site, place + "    consent: true\n")
    assert found(site) == []


@pytest.mark.parametrize("url", ["mailto:info@riverside.example.org", "mailto:help@gmail.com", "tel:01632960000"])
def test_shared_mailto_and_tel_addresses_give_no_warning(site, url):
    path = site / service(site, "")
    path.write_text(path.read_text(encoding="utf-8").replace("https://example.org/lunch", url), encoding="utf-8")
    assert found(site) == []


# --- a role word added to a person's address --------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "jane.smith.help@gmail.com",
        "j.bloggs.info@hotmail.co.uk",
        "office.mary.jones@outlook.com",  # before the name too
        "sam_lee-bookings@yahoo.co.uk",
    ],
)
def test_a_role_word_added_to_a_name_at_a_mail_service_does_not_hide_the_person(address):
    assert personal_email(address, NAMES) == "looks like a named person's address"


@pytest.mark.parametrize(
    "address",
    [
        "help@gmail.com",
        "info@example.org",
        "office@millbrook.example",
        "info@btinternet.com",
        "youth.services@millbrook.example",
        "food.safety.team@millbrook.example",  # a department at the council's own domain
        "knitting.club@gmail.com",  # one word and a role: a group's
        "info.pantry@btinternet.com",
        "riverside.help@gmail.com",  # the group's own name
    ],
)
def test_role_and_shared_addresses_are_fine(address):
    assert personal_email(address, NAMES) == ""


def test_a_role_word_added_to_a_name_is_pointed_at_in_an_entry(site):
    new = service(site, "email: jane.smith.help@gmail.com\n")
    assert found(site) == [
        (
            new,
            7,
            8,
            "warning",
            f"email: jane.smith.help@gmail.com looks like a named person's address; {AGREED} to the entry",
        )
    ]


# --- numbers and addresses written in the text ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "what", "why"),
    [
        ("Ring Jane on 07700 900 126 after six.", "07700 900 126", "looks like a personal mobile number"),
        ("Or call\n+44 7700 900127 (Sam).", "+44 7700 900127", "looks like a personal mobile number"),
        ("Text 7700 900128 to book.", "7700 900128", "looks like a personal mobile number"),
        ("Ring 01632 960 000 07700 900 132.", "07700 900 132", "looks like a personal mobile number"),
        ("Email jane.smith@gmail.com to book.", "jane.smith@gmail.com", "is a personal email service (gmail.com)"),
        ("[Email Sam](mailto:sam.lee@example.org)", "sam.lee@example.org", "looks like a named person's address"),
        ("[Call Sam](tel:+447700900129)", "+447700900129", "looks like a personal mobile number"),
        (
            "Write to sunnydays1980@outlook.com.",
            "sunnydays1980@outlook.com",
            "is a personal email service (outlook.com)",
        ),
    ],
)
def test_a_number_or_an_address_in_a_description_is_pointed_at(site, text, what, why):
    new = described(site, text, "description")
    assert found(site) == [(new, 4, 14, "warning", f"description: {what} {why}; {AGREED} to the entry")]


@pytest.mark.parametrize("field", ["eligibility", "alert", "fees"])
def test_the_other_text_fields_are_read_too(site, field):
    new = described(site, "Speak to Jo on 07700 900 130 first.", field)
    ((path, line, _, _, message),) = found(site)
    assert (path, line) == (new, 4) and message.startswith(f"{field}: 07700 900 130 looks like a personal mobile")


def test_public_numbers_and_shared_addresses_in_a_description_give_no_warning(site):
    described(
        site,
        "Call 0800 123 4567 (free), 0300 123 4567 or the council on 01632 960 000\n"
        "(+44 1632 960001 from abroad), open 09:00-17:00 since 2026-10-01.\n"
        "Email info@riverside.example.org, help@millbrook.example or\n"
        "[our office](mailto:office@millbrook.example). Charity 1234567.",
        "description",
    )
    assert found(site) == []


def test_an_organisations_and_a_locations_description_are_read(site):
    pantry = site / "organisations/riverside-pantry.yaml"
    text = pantry.read_text(encoding="utf-8")
    pantry.write_text(text.replace("in crisis.", "in crisis. Ask for Jo: 07700 900 131."), encoding="utf-8")
    hall = site / "locations/st-marys-hall.yaml"
    hall.write_text(hall.read_text(encoding="utf-8") + "description: Keys from mary.jones@btinternet.com\n")
    assert [(f, line, m.split(":")[0]) for f, line, _, _, m in found(site)] == [
        ("locations/st-marys-hall.yaml", 9, "description"),
        ("organisations/riverside-pantry.yaml", 4, "description"),
    ]


def test_consent_covers_what_the_text_gives_too(site):
    described(site, "Ring Jane on 07700 900 126.", "description")
    path = site / "services/lunch.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "consent: true\n", encoding="utf-8")
    assert found(site) == []


# --- consultations ------------------------------------------------------------------------------

CONSULTATION = """---
title: Bus shelters
organization: millbrook-council
summary: Where should new shelters go?
opens: 2026-01-01
closes: 2026-03-01
how_to_respond:
{how}---
Tell us where you wait.
{body}
"""


def consultation(site: Path, how: str, body: str = "") -> str:
    (site / "consultations/bus-shelters.md").write_text(CONSULTATION.format(how=how, body=body), encoding="utf-8")
    return "consultations/bus-shelters.md"


@pytest.mark.parametrize(
    ("how", "line", "col", "field", "what", "why"),
    [
        (
            "  email: jane.smith@example.org\n",
            8,
            10,
            "how_to_respond.email",
            "jane.smith@example.org",
            "named person's",
        ),
        (
            "  phones:\n    - number: 07700 900 140\n",
            9,
            15,
            "how_to_respond.phones[1].number",
            "07700 900 140",
            "mobile",
        ),
        ("  url: mailto:sam.lee@gmail.com\n", 8, 8, "how_to_respond.url", "mailto:sam.lee@gmail.com", "(gmail.com)"),
        ("  postal: c/o Jo, 07700 900 141\n", 8, 11, "how_to_respond.postal", "07700 900 141", "mobile"),
    ],
)
def test_a_consultations_ways_to_respond_are_read(site, how, line, col, field, what, why):
    new = consultation(site, how)
    ((path, at_line, at_col, severity, message),) = found(site)
    assert (path, at_line, at_col, severity) == (new, line, col, "warning")
    assert message.startswith(f"{field}: {what} ") and why in message
    assert message.endswith(f"{AGREED} to the entry")
    consultation(site, how + "consent: true\n")  # agreed: published as it is
    assert found(site) == []


def test_a_consultations_text_is_read(site):
    new = consultation(site, "  email: transport@millbrook.example\n", "Questions? Ring Sam on 07700 900 142.")
    assert found(site) == [
        (
            new,
            2,
            1,
            "warning",
            f"the text (its line 2): 07700 900 142 looks like a personal mobile number; {AGREED} to the entry",
        )
    ]


def test_a_consultations_shared_ways_to_respond_give_no_warning(site):
    how = "  email: transport@millbrook.example\n  url: mailto:consultations@millbrook.example\n"
    how += "  phones:\n    - number: 01632 960 000\n  postal: Freepost MILLBROOK COUNCIL\n"
    consultation(site, how, "Or ring 0300 123 4567.")
    assert found(site) == []


# --- the council's setting: warning or error ------------------------------------------------------


def test_the_setting_is_a_warning_unless_the_council_says_error():
    assert parse_settings({}).private_contacts == "warning"
    assert parse_settings({"private_contacts": "error"}).private_contacts == "error"
    with pytest.raises(SettingsError, match=r"private_contacts must be 'warning' or 'error', not 'fatal'"):
        parse_settings({"private_contacts": "fatal"})
    with pytest.raises(SettingsError, match=r"'private_contacts' should be str, not bool"):
        parse_settings({"private_contacts": True})


def test_error_makes_each_finding_an_error(site):
    service(site, "phones:\n  - number: 07700 900 123\n")
    strict = dataclasses.replace(SETTINGS, private_contacts="error")
    assert [(line, severity) for _, line, _, severity, _ in found(site, strict)] == [(8, "error")]
    assert [(line, severity) for _, line, _, severity, _ in found(site)] == [(8, "warning")]


def conf_with(tmp_path: Path, value: str | None) -> Path:
    conf = tmp_path / f"conf-{value}.py"
    setting = f"DIRECTORY = {{**DIRECTORY, 'private_contacts': {value!r}}}\n" if value else ""
    settings_file(conf, setting)
    return conf


def validate(content: Path, conf: Path) -> tuple[int, str]:
    """The real validate command, in a process of its own: its exit code and stderr."""
    plugins = str(Path(directory.__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": plugins, "PYTHONDONTWRITEBYTECODE": "1"}
    command = [sys.executable, "-m", "directory.commands.validate", str(content), "-s", str(conf)]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    return done.returncode, done.stderr


def test_validate_and_the_build_fail_when_the_council_says_error(site, build, tmp_path):
    new = service(site, "phones:\n  - number: 07700 900 123\n")
    finding = f"{new}:8:13: %s: phones[1].number: 07700 900 123 looks like a personal mobile number"

    code, err = validate(site, conf_with(tmp_path, None))
    assert code == 0 and finding % "warning" in err
    code, err = validate(site, conf_with(tmp_path, "warning"))
    assert code == 0 and finding % "warning" in err
    code, err = validate(site, conf_with(tmp_path, "error"))
    assert code == 1 and finding % "error" in err and "Traceback" not in err

    code, out = build(site, tmp_path / "site", conf=conf_with(tmp_path, "error"))
    assert code == 1 and not out.exists()
    code, out = build(site, tmp_path / "site", conf=conf_with(tmp_path, None))
    assert code == 0 and (out / "index.html").exists()
