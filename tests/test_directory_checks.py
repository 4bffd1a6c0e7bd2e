"""The checks only a directory needs, as warnings at the offending field: entries
that look like duplicates, contact details that look like a private person's
without consent, and services nobody could reach."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from directory.reading.contacts import is_mobile, nobody_can_reach, personal_email
from directory.reading.loader import load_directory
from directory.reading.lookalikes import WINDOW, _neighbours, name_words, prepared, similar

from .conftest import SAMPLE, project_settings

TODAY = date(2026, 11, 18)
SETTINGS = project_settings()
OURS = re.compile(r"looks like a duplicate|personal mobile|personal email service|named person's|nobody could reach")


@pytest.fixture
def site(copy_fixture):
    return copy_fixture()


def service(site: Path, slug: str, name: str, extra: str = "", organisation: str = "riverside-pantry") -> str:
    """Write a service file; ``extra`` holds its contact fields (one per line)."""
    text = (
        f"name: {name}\norganization: {organisation}\nsummary: Help for people.\n"
        f"description: What we do.\ncategories: [advice]\n{extra}assured_date: 2026-10-01\n"
    )
    (site / "services" / f"{slug}.yaml").write_text(text, encoding="utf-8")
    return f"services/{slug}.yaml"


def warnings(site: Path) -> list[tuple]:
    """Our warnings as (file in the content folder, line, col, message)."""
    found = []
    for p in load_directory(site, SETTINGS, TODAY).problems:
        if p.severity == "warning" and OURS.search(p.message):
            found.append((Path(p.path).resolve().relative_to(site.resolve()).as_posix(), p.line, p.col, p.message))
    return found


PHONE = "phones:\n  - number: 01632 960 123\n"
FOOD = "services/riverside-food-bank.yaml"


# --- duplicates ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Riverside Food Bank", "Riverside Foodbank"),  # spaces
        ("Lunch Club, Wednesday", "Wednesday Lunch Club"),  # word order and punctuation
        ("Riverside Community Centre", "Riverside Community Center"),  # a mistyped word
        ("St Mary's Café", "St Marys Cafe"),  # apostrophes and accents
        ("Knit & Natter", "Knit and Natter"),
        ("Youth Club", "Youth Clubs"),
    ],
)
def test_similar_names(a, b):
    assert similar(name_words(a), name_words(b))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Tuesday Lunch Club", "Thursday Lunch Club"),
        ("Eastgate Youth Club", "Westgate Youth Club"),
        ("Lunch Club", "Wednesday Lunch Club"),
        ("Budget 2027-28", "Budget 2028-29"),
        ("Group 1", "Group 2"),
        ("Men's Shed", "Women's Shed"),
        ("Walking Group", "Talking Group"),
        ("Foodbank Centre at Northfield", "Foodbank Centre at Eastgate"),
        ("Baby Bank", "Bobby Band"),
    ],
)
def test_different_names(a, b):
    assert not similar(name_words(a), name_words(b))


def test_two_services_of_one_organisation_with_nearly_the_same_name(site):
    # the minimal site's food bank is "Riverside Food Bank", run by riverside-pantry
    new = service(site, "riverside-foodbank", "Riverside Foodbank", PHONE)
    found = warnings(site)
    assert [(f, line, col) for f, line, col, _ in found] == [(FOOD, 1, 7), (new, 1, 7)]
    old_message, new_message = found[0][3], found[1][3]
    assert old_message.startswith("name: 'Riverside Food Bank' looks like a duplicate of 'Riverside Foodbank' (")
    assert old_message.endswith(
        "/services/riverside-foodbank.yaml), run by the same organisation; if they are the same service, "
        "keep one file; if not, give them names that tell them apart"
    )
    assert new_message.startswith("name: 'Riverside Foodbank' looks like a duplicate of 'Riverside Food Bank' (")
    assert "/services/riverside-food-bank.yaml), run by the same organisation;" in new_message


def test_the_same_postcode_and_another_organisation(site):
    # the food bank meets at St Mary's Hall (ZZ1 1AA); the council's copy is written out in place
    place = "locations:\n  - name: The hall\n    address:\n      address_1: 1 Church Lane\n"
    place += "      city: Millbrook\n      postal_code: zz1 1aa\n"
    new = service(site, "food-bank", "Riverside Food-Bank", place, organisation="millbrook-council")
    found = warnings(site)
    assert [(f, line, col) for f, line, col, _ in found] == [("services/food-bank.yaml", 1, 7), (FOOD, 1, 7)]
    assert all(m.split("), ")[1].startswith("at the same postcode (ZZ1 1AA);") for *_, m in found)
    assert new in found[1][3]


def test_names_alike_elsewhere_or_of_other_groups_are_not_duplicates(site):
    service(site, "food-bank-north", "Riverside Food Bank", PHONE, organisation="millbrook-council")  # no place
    service(site, "riverside-food-bank-thursdays", "Riverside Food Bank Thursdays", PHONE)
    assert warnings(site) == []


def test_locations_organisations_and_consultations_are_checked_too(site):
    hall = (site / "locations/st-marys-hall.yaml").read_text(encoding="utf-8")
    (site / "locations/st-marys-church-hall.yaml").write_text(
        hall.replace("St Mary's Hall", "St Marys Hall"), encoding="utf-8"
    )
    pantry = (site / "organisations/riverside-pantry.yaml").read_text(encoding="utf-8")
    (site / "organisations/riverside-pantry-2.yaml").write_text(
        pantry.replace("Riverside Pantry", "The Riverside Pantry") + "locations: [st-marys-hall]\n", encoding="utf-8"
    )
    (site / "organisations/riverside-pantry.yaml").write_text(pantry + "locations: [st-marys-hall]\n", encoding="utf-8")
    library = (site / "consultations/library-hours.md").read_text(encoding="utf-8")
    (site / "consultations/library-hours-2.md").write_text(
        library.replace("Library opening hours", "Library Opening Hours"), encoding="utf-8"
    )
    found = {(f, line, col, m.split(" looks like")[0]) for f, line, col, m in warnings(site)}
    assert found == {
        ("locations/st-marys-church-hall.yaml", 1, 7, "name: 'St Marys Hall'"),
        ("locations/st-marys-hall.yaml", 1, 7, "name: 'St Mary's Hall'"),
        ("organisations/riverside-pantry.yaml", 1, 7, "name: 'Riverside Pantry'"),
        ("organisations/riverside-pantry-2.yaml", 1, 7, "name: 'The Riverside Pantry'"),
        ("consultations/library-hours.md", 2, 8, "title: 'Library opening hours'"),
        ("consultations/library-hours-2.md", 2, 8, "title: 'Library Opening Hours'"),
    }
    consultation = next(m for f, *_, m in warnings(site) if f == "consultations/library-hours.md")
    assert "from the same organisation; if they are the same consultation" in consultation


def test_a_large_group_is_compared_in_linear_time_and_still_finds_a_typo(site):
    """One organisation with 2,000 services: each is compared with a few neighbours
    (two sort orders), not with every other one, and a mistyped twin is found."""
    items = [(n, prepared(name_words(f"Service number {n} of {n % 7} kinds"))) for n in range(2000)]
    pairs = sum(1 for _ in _neighbours(items))
    assert pairs <= 2 * WINDOW * len(items)
    for n in range(300):
        service(site, f"club-{n}", f"Club {n} for everyone", PHONE)
    twin = service(site, "club-41-for-everyon", "Club 41 for everyone!", PHONE)
    service(site, "clubb-41", "Clubb 41 for everyone", PHONE)
    found = warnings(site)
    expected = ["services/club-41-for-everyon.yaml", "services/club-41.yaml", "services/clubb-41.yaml"]
    assert sorted(f for f, *_ in found) == expected
    assert twin in {f for f, *_ in found}


# --- contact details that look like a private person's ------------------------------


MOBILES = ["07700 900 123", "07700900123", "+44 7700 900123", "+44 (0)7700 900 123", "0044 7700 900123", "07624 123456"]
OTHER_NUMBERS = ["01632 960 123", "0800 123 4567", "070 1234 5678", "07612 345678", "+44 20 7946 0000", "999"]


@pytest.mark.parametrize("number", MOBILES)
def test_mobile_numbers(number):
    assert is_mobile(number)


@pytest.mark.parametrize("number", OTHER_NUMBERS)
def test_numbers_that_are_not_mobiles(number):
    assert not is_mobile(number)


@pytest.mark.parametrize(
    ("address", "why"),
    [
        ("jane.smith@millbrook.example", "looks like a named person's address"),
        ("j.smith@example.org", "looks like a named person's address"),
        ("jane_smith@example.org", "looks like a named person's address"),
        ("janesmith1974@hotmail.co.uk", "is a personal email service (hotmail.co.uk)"),
        ("lunchclub@gmail.com", "is a personal email service (gmail.com)"),
        ("hello@example.org", ""),
        ("youth.services@millbrook.example", ""),
        ("patient.experience@health.example.org", ""),
        ("riversidepantry@gmail.com", ""),  # the group's own name: the group's own address
        ("info.pantry@btinternet.com", ""),
    ],
)
def test_personal_email_addresses(address, why):
    assert personal_email(address, {"riverside", "pantry"}) == why


def test_a_contacts_own_name_in_the_address(site):
    named = "looks like a named person's address"
    assert personal_email("deeparai@advice.example.org", set(), set(), "Deepa Rai") == named
    assert personal_email("deepa.advice@advice.example.org", set(), set(), "Deepa Rai") == named
    assert personal_email("support@advice.example.org", set(), set(), "Carers Support Team") == ""


def test_a_mobile_without_consent_is_pointed_at(site):
    new = service(site, "lunch", "Lunch", "phones:\n  - number: 01632 960 123\n  - number: 07700 900 123\n")
    assert warnings(site) == [
        (
            new,
            8,
            13,
            "phones[2].number: 07700 900 123 looks like a personal mobile number; if it is someone's own, "
            "publish it only with their agreement and add 'consent: true' to the entry",
        )
    ]


@pytest.mark.parametrize(
    "extra",
    [
        "phones:\n  - number: 07700 900 123\nconsent: true\n",
        "phones:\n  - number: 07700 900 123\nconsent: yes\n",
        "phones:\n  - number: 07700 900 123\n    type: textphone\n    description: Relay UK\n",
        "email: jane.smith@gmail.com\nconsent: true\n",
        "email: lunch@gmail.com\n",  # the service's own name
    ],
)
def test_consent_or_a_relay_line_or_the_groups_own_address_gives_no_warning(site, extra):
    service(site, "lunch", "Lunch", extra)
    assert warnings(site) == []


def test_a_contacts_email_and_consent_on_that_contact(site):
    contact = "contacts:\n  - name: Jane Smith\n    email: jane.smith@pantry.example.org\n"
    new = service(site, "lunch", "Lunch", PHONE + contact)
    assert warnings(site) == [
        (
            new,
            10,
            12,
            "contacts[1].email: jane.smith@pantry.example.org looks like a named person's address; if it is "
            "someone's own, publish it only with their agreement and add 'consent: true' to this contact",
        )
    ]
    service(site, "lunch", "Lunch", PHONE + contact + "    consent: true\n")
    assert warnings(site) == []


def test_a_place_written_out_and_a_location_file(site):
    place = "locations:\n  - name: The hall\n    address:\n      address_1: 1 Mill Lane\n"
    place += "      city: Millbrook\n      postal_code: ZZ9 9ZZ\n    phones:\n      - number: 07700 900 555\n"
    new = service(site, "lunch", "Lunch", place)
    hall = site / "locations/st-marys-hall.yaml"
    hall.write_text(hall.read_text(encoding="utf-8") + "email: mary.jones@outlook.com\n", encoding="utf-8")
    found = warnings(site)
    assert [(f, line, col) for f, line, col, _ in found] == [("locations/st-marys-hall.yaml", 9, 8), (new, 13, 17)]
    assert found[0][3].startswith("email: mary.jones@outlook.com is a personal email service (outlook.com);")
    assert found[1][3].startswith("locations[1].phones[1].number: 07700 900 555 looks like a personal mobile")
    assert found[1][3].endswith("add 'consent: true' to this place")


def test_consent_must_be_true_or_false(site):
    service(site, "lunch", "Lunch", PHONE + "consent: maybe\n")
    problems = load_directory(site, SETTINGS, TODAY).problems
    assert [(p.line, p.severity) for p in problems if p.path.endswith("lunch.yaml")] == [(8, "error")]


def test_each_warning_has_a_code(site):
    """Codes let other tools treat a kind of warning apart (as the build does the stale ones)."""
    service(site, "riverside-foodbank", "Riverside Foodbank", "phones:\n  - number: 07700 900 123\n")
    service(site, "lunch", "Lunch")
    codes = {
        (Path(p.path).name, p.code) for p in load_directory(site, SETTINGS, TODAY).problems if OURS.search(p.message)
    }
    assert codes == {
        ("riverside-food-bank.yaml", "duplicate"),
        ("riverside-foodbank.yaml", "duplicate"),
        ("riverside-foodbank.yaml", "private-contact"),
        ("lunch.yaml", "unreachable"),
    }


# --- services nobody could reach ----------------------------------------------------


def test_a_service_with_no_way_to_reach_it(site):
    new = service(site, "lunch", "Lunch", "contacts:\n  - name: Jo\n")  # a name alone reaches nobody
    assert warnings(site) == [
        (
            new,
            1,
            7,
            "name: nobody could reach 'Lunch': add a phone number (phones), an email address, a website (url), "
            "a contact (contacts) or where it happens (locations)",
        )
    ]


WAYS_IN = [
    PHONE,
    "email: lunch@pantry.example.org\n",
    "url: https://example.org/lunch\n",
    "locations: [st-marys-hall]\n",
    "locations:\n  - name: The hall\n    address:\n      address_1: 1 High Street\n"
    "      city: Millbrook\n      postal_code: ZZ2 2BB\n",  # a place written out
    "contacts:\n  - name: Jo\n    email: lunch@pantry.example.org\n",
    "contacts:\n  - name: Jo\n    phones:\n      - number: 01632 960 123\n",
    "status: defunct\n",  # closed down: nobody needs to reach it
    "status: inactive\n",
]


@pytest.mark.parametrize("extra", WAYS_IN)
def test_one_way_to_reach_it_is_enough(site, extra):
    service(site, "lunch", "Lunch", extra)
    assert warnings(site) == []


@pytest.mark.parametrize("extra", ["", "contacts:\n  - name: Jo\n", *WAYS_IN])
def test_the_model_is_judged_by_the_same_rule_as_the_file(site, extra):
    """make report asks the model object what make validate asked the file's data."""
    service(site, "lunch", "Lunch", extra)
    warned = any("nobody could reach" in m for f, *_, m in warnings(site) if f == "services/lunch.yaml")
    model = load_directory(site, SETTINGS, TODAY).directory.services["lunch"]
    assert nobody_can_reach(model) == warned == (extra in ("", "contacts:\n  - name: Jo\n"))


# --- the sample and the build -------------------------------------------------------


def test_the_sample_directory_has_none_of_these_warnings():
    assert warnings(SAMPLE) == []  # the tests' own sample: the software's tests never read content/


def test_the_build_prints_the_warnings(site, build, capsys):
    service(site, "lunch", "Lunch")
    code, _ = build(site)
    assert code == 0
    assert "lunch.yaml:1:7: warning: name: nobody could reach 'Lunch'" in capsys.readouterr().err
