"""Cross-file checks (references, dates, ages, times, taxonomy, page names) and
the relations between entries, on small edits of the minimal fixture site."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from directory.reading.loader import load_directory
from directory.relations import ancestors, relate, service_locations
from directory.settings import parse_settings
from directory.urls import RESERVED_PAGE_SLUGS

from .conftest import project_settings

TODAY = date(2026, 11, 18)  # the fixed build date of the tests (SOURCE_DATE_EPOCH)
SETTINGS = project_settings()
FOOD_BANK = "services/riverside-food-bank.yaml"
HALL = "locations/st-marys-hall.yaml"
LIBRARY = "consultations/library-hours.md"


@pytest.fixture
def site(copy_fixture):
    return copy_fixture()


def edit(site: Path, name: str, old: str, new: str) -> None:
    path = site / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def write(site: Path, name: str, text: str) -> None:
    path = site / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def problems(site: Path, today: date = TODAY, settings=SETTINGS):
    """Every problem as (file from the content folder, line, col, severity, message)."""
    result = load_directory(site, settings, today)
    found = []
    for p in result.problems:
        name = Path(p.path).resolve().relative_to(site.resolve()).as_posix()
        found.append((name, p.line, p.col, p.severity, p.message))
    return found


def problems_in(site: Path, name: str, **kwargs):
    return [p[1:] for p in problems(site, **kwargs) if p[0] == name]


def errors_in(site: Path, name: str, **kwargs):
    return [p for p in problems_in(site, name, **kwargs) if p[2] == "error"]


def test_the_minimal_site_has_only_its_stale_warning(site):
    assert problems(site) == [
        (
            "services/money-advice.yaml",
            21,
            15,
            "warning",
            "assured_date 2025-01-10 is more than 365 days old; check the entry is still right and update the date",
        )
    ]


# --- unknown references ----------------------------------------------------------------


@pytest.mark.parametrize(
    "old, new, line, col, message",
    [
        (
            "organization: riverside-pantry",
            "organization: riverside-pantri",
            2,
            15,
            "organization: there is no organisation (content/organisations/) called 'riverside-pantri'"
            " (did you mean 'riverside-pantry'?)",
        ),
        (
            "locations: [st-marys-hall]",
            "locations: [st-marys-hal]",
            18,
            13,
            "locations: there is no location (content/locations/) called 'st-marys-hal'"
            " (did you mean 'st-marys-hall'?)",
        ),
        (
            "categories: [food-banks]",
            "categories: [food-bank]",
            9,
            14,
            "categories: there is no category (content/taxonomy/categories.yaml) called 'food-bank'"
            " (did you mean 'food-banks'?)",
        ),
        (
            "areas: [north-ward]",
            "areas: [north-wrd]",
            10,
            9,
            "areas: there is no area (content/taxonomy/areas.yaml) called 'north-wrd' (did you mean 'north-ward'?)",
        ),
        (
            "audiences: [families]",
            "audiences: [familys]",
            11,
            13,
            "audiences: there is no audience (content/taxonomy/audiences.yaml) called 'familys'"
            " (did you mean 'families'?)",
        ),
        (
            "accessibility: [step-free-access]",
            "accessibility: [step-free-acess]",
            25,
            17,
            "accessibility: there is no accessibility term (content/taxonomy/accessibility.yaml)"
            " called 'step-free-acess' (did you mean 'step-free-access'?)",
        ),
        (
            "categories: [food-banks]",
            "categories: [zzzzzz]",
            9,
            14,
            "categories: there is no category (content/taxonomy/categories.yaml) called 'zzzzzz'",
        ),
    ],
)
def test_unknown_references_in_a_service(site, old, new, line, col, message):
    edit(site, FOOD_BANK, old, new)
    assert problems_in(site, FOOD_BANK) == [(line, col, "error", message)]


def test_the_second_item_of_a_list_is_pointed_at(site):
    edit(site, FOOD_BANK, "categories: [food-banks]", "categories: [food-banks, fod]")
    assert problems_in(site, FOOD_BANK) == [
        (
            9,
            26,
            "error",
            "categories: there is no category (content/taxonomy/categories.yaml) called 'fod' (did you mean 'food'?)",
        ),
    ]


def test_unknown_references_in_an_inline_location_and_a_location_file(site):
    edit(
        site,
        "services/money-advice.yaml",
        "      postal_code: ZZ2 2BB\n",
        "      postal_code: ZZ2 2BB\n    accessibility: [hearing-lop]\n",
    )
    edit(site, HALL, "hearing-loop]", "hearing-lop]")
    money = errors_in(site, "services/money-advice.yaml")
    assert money == [
        (
            16,
            21,
            "error",
            "locations[1].accessibility: there is no accessibility term (content/taxonomy/accessibility.yaml)"
            " called 'hearing-lop' (did you mean 'hearing-loop'?)",
        )
    ]
    assert [p[3] for p in errors_in(site, HALL)] == [
        "accessibility: there is no accessibility term (content/taxonomy/accessibility.yaml)"
        " called 'hearing-lop' (did you mean 'hearing-loop'?)"
    ]


def test_unknown_references_in_a_consultation(site):
    edit(site, LIBRARY, "organization: millbrook-council", "organization: millbrook-counsil")
    edit(site, LIBRARY, "location: st-marys-hall", "location: st-mary-hall")
    edit(site, LIBRARY, "related_services: [riverside-food-bank]", "related_services: [riverside-foodbank]")
    found = errors_in(site, LIBRARY)
    assert [(line, col) for line, col, _, _ in found] == [(3, 15), (13, 17), (14, 20)]
    messages = [m for _, _, _, m in found]
    assert "called 'millbrook-counsil' (did you mean 'millbrook-council'?)" in messages[0]
    assert messages[1] == (
        "how_to_respond.events[1].location: there is no location (content/locations/)"
        " called 'st-mary-hall' (did you mean 'st-marys-hall'?)"
    )
    assert messages[0].startswith("organization: there is no organisation")
    assert messages[2].startswith("related_services: there is no service")
    assert (
        "no service (content/services/) called 'riverside-foodbank' (did you mean 'riverside-food-bank'?)"
        in messages[2]
    )


def test_a_broken_file_does_not_cause_a_cascade_of_unknown_references(site):
    write(site, "organisations/riverside-pantry.yaml", "name: [unclosed\n")
    found = problems(site)
    assert {p[0] for p in found if p[3] == "error"} == {"organisations/riverside-pantry.yaml"}


def test_an_unknown_organisation_in_an_organisation_free_site(site):
    for path in (site / "organisations").iterdir():
        path.unlink()
    messages = [m for _, _, _, m in errors_in(site, FOOD_BANK)]
    assert messages == ["organization: there is no organisation (content/organisations/) called 'riverside-pantry'"]


# --- consultations -----------------------------------------------------------------------


def test_consultation_closing_before_it_opens(site):
    edit(site, LIBRARY, "closes: 2027-01-31 17:00", "closes: 2026-10-31")
    assert problems_in(site, LIBRARY) == [(6, 9, "error", "closes (2026-10-31) is before opens (2026-11-01)")]


def test_consultation_closing_earlier_the_same_day(site):
    edit(site, LIBRARY, "opens: 2026-11-01", "opens: 2026-11-01 12:00")
    edit(site, LIBRARY, "closes: 2027-01-31 17:00", "closes: 2026-11-01 09:00")
    assert [m for *_, m in problems_in(site, LIBRARY)] == [
        "closes (2026-11-01 09:00) is before opens (2026-11-01 12:00)"
    ]


def test_a_date_only_close_on_the_day_a_timed_opening_is_not_an_error(site):
    # a date alone means the end of that day for closes
    edit(site, LIBRARY, "opens: 2026-11-01", "opens: 2026-11-01 09:00")
    edit(site, LIBRARY, "closes: 2027-01-31 17:00", "closes: 2026-11-01")
    assert problems_in(site, LIBRARY) == []


def test_a_consultation_that_opens_and_closes_on_one_date_is_fine(site):
    edit(site, LIBRARY, "closes: 2027-01-31 17:00", "closes: 2026-11-01")
    assert problems_in(site, LIBRARY) == []


# --- assured dates -------------------------------------------------------------------------


def test_stale_assured_date_is_a_warning(site):
    old = TODAY - timedelta(days=366)
    edit(site, FOOD_BANK, "assured_date: 2026-09-14", f"assured_date: {old}")
    assert problems_in(site, FOOD_BANK) == [
        (
            26,
            15,
            "warning",
            f"assured_date {old} is more than 365 days old; check the entry is still right and update the date",
        ),
    ]


def test_an_assured_date_exactly_a_year_old_is_still_fresh(site):
    edit(site, FOOD_BANK, "assured_date: 2026-09-14", f"assured_date: {TODAY - timedelta(days=365)}")
    assert problems_in(site, FOOD_BANK) == []


def test_staleness_follows_the_setting(site):
    short = parse_settings({"stale_after_days": 30})
    assert [p[2] for p in problems_in(site, FOOD_BANK, settings=short)] == ["warning"]
    assert problems_in(site, FOOD_BANK, today=date(2026, 9, 20), settings=short) == []


def test_stale_organisations_are_warned_about_too(site):
    edit(site, "organisations/riverside-pantry.yaml", "assured_date: 2026-10-01", "assured_date: 2024-10-01")
    assert [p[2] for p in problems_in(site, "organisations/riverside-pantry.yaml")] == ["warning"]


def test_future_assured_date_is_reported(site):
    edit(site, FOOD_BANK, "assured_date: 2026-09-14", "assured_date: 2026-11-19")
    found = problems_in(site, FOOD_BANK)
    assert len(found) == 1
    line, col, _severity, message = found[0]
    assert (line, col) == (26, 15)
    assert message.startswith("assured_date 2026-11-19 is in the future")


def test_assured_today_is_fine(site):
    edit(site, FOOD_BANK, "assured_date: 2026-09-14", f"assured_date: {TODAY}")
    assert problems_in(site, FOOD_BANK) == []


# --- categories ----------------------------------------------------------------------------


CATEGORIES = "taxonomy/categories.yaml"


def test_category_parent_cycle(site):
    edit(
        site,
        CATEGORIES,
        "  description: Help with food, household goods and bills.\n",
        "  description: Help with food, household goods and bills.\n  parent: food-banks\n",
    )
    found = errors_in(site, CATEGORIES)
    messages = [m for *_, m in found]
    assert (4, 11) in [(line, col) for line, col, _, _ in found]
    assert "food.parent: categories cannot be their own ancestor (food → food-banks → … → food)" in messages
    assert "food-banks.parent: categories cannot be their own ancestor (food-banks → food → … → food-banks)" in messages


def test_category_that_is_its_own_parent(site):
    edit(
        site,
        CATEGORIES,
        "advice:\n  name: Advice and support\n",
        "advice:\n  name: Advice and support\n  parent: advice\n",
    )
    assert errors_in(site, CATEGORIES) == [
        (9, 11, "error", "advice.parent: categories cannot be their own ancestor (advice → advice → … → advice)"),
    ]


def test_unknown_parent_category(site):
    edit(site, CATEGORIES, "parent: food\n", "parent: fodo\n")
    assert errors_in(site, CATEGORIES) == [
        (6, 11, "error", "food-banks.parent: there is no category called 'fodo' (did you mean 'food'?)"),
    ]


def test_ancestors_stop_at_a_cycle():
    from directory.model import Term

    terms = {
        "a": Term("categories", "a", "A", parent="b"),
        "b": Term("categories", "b", "B", parent="a"),
        "c": Term("categories", "c", "C", parent="a"),
    }
    assert ancestors("c", terms) == ["c", "a", "b"]
    assert ancestors("missing", terms) == []


def test_a_category_under_a_cycle_is_not_called_its_own_ancestor(site):
    """Only the terms in the cycle are named: one below it is not its own ancestor."""
    advice = "advice:\n  name: Advice and support\n"
    edit(site, CATEGORIES, advice, advice + "  parent: b\n")
    cycle = "a:\n  name: A\n  parent: b\nb:\n  name: B\n  parent: a\n"
    write(site, CATEGORIES, (site / CATEGORIES).read_text() + cycle)
    assert [m for *_, m in errors_in(site, CATEGORIES)] == [
        "a.parent: categories cannot be their own ancestor (a → b → … → a)",
        "b.parent: categories cannot be their own ancestor (b → a → … → b)",
    ]


def test_only_the_first_category_too_deep_on_each_branch_is_named(site):
    """Eight levels are allowed; the ninth of each branch is an error at its parent
    (those below it move up with it), and the other branch's eighth is not."""
    levels = "".join(f"l{n}:\n  name: L{n}\n  parent: {f'l{n - 1}' if n > 1 else 'food'}\n" for n in range(1, 11))
    branch = "m8:\n  name: M8\n  parent: l6\nm9:\n  name: M9\n  parent: m8\nn8:\n  name: N8\n  parent: l6\n"
    write(site, CATEGORIES, (site / CATEGORIES).read_text() + levels + branch)
    text = (site / CATEGORIES).read_text().splitlines()
    at = {slug: text.index(f"{slug}:") + 3 for slug in ("l8", "m9")}
    said = "categories can be at most 8 levels deep, and this is level 9"
    above = "food › l1 › l2 › l3 › l4 › l5 › l6"
    assert errors_in(site, CATEGORIES) == [
        (at["l8"], 11, "error", f"l8.parent: {said} ({above} › l7 › l8); move it nearer the top"),
        (at["m9"], 11, "error", f"m9.parent: {said} ({above} › m8 › m9); move it nearer the top"),
    ]


# --- ages and times ------------------------------------------------------------------------


def test_maximum_age_below_minimum_age(site):
    edit(site, FOOD_BANK, "minimum_age: 0", "minimum_age: 18\nmaximum_age: 11")
    assert problems_in(site, FOOD_BANK) == [(13, 14, "error", "maximum_age (11) is below minimum_age (18)")]


def test_equal_ages_are_fine(site):
    edit(site, FOOD_BANK, "minimum_age: 0", "minimum_age: 18\nmaximum_age: 18")
    assert problems_in(site, FOOD_BANK) == []


@pytest.mark.parametrize("closes", ["10:00", "09:59"])
def test_closes_at_not_after_opens_at(site, closes):
    edit(site, FOOD_BANK, 'closes_at: "12:30"', f'closes_at: "{closes}"')
    assert problems_in(site, FOOD_BANK) == [
        (
            22,
            16,
            "error",
            f"it closes at {closes}, which is not after it opens at 10:00 "
            "(schedules[1]: closes_at must be later than opens_at)",
        ),
    ]


def test_a_schedule_with_only_one_of_the_times(site):
    edit(site, FOOD_BANK, '    closes_at: "12:30"\n', "")
    assert problems_in(site, FOOD_BANK) == [
        (20, 5, "error", "schedules[1] needs both opens_at and closes_at, or neither"),
    ]


def test_temporarily_closed_without_a_date_is_a_warning(site):
    edit(site, FOOD_BANK, "minimum_age: 0", "minimum_age: 0\nstatus: temporarily closed")
    assert [p[2] for p in problems_in(site, FOOD_BANK)] == ["warning"]


# --- pages -------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", ["search", "services", "a-z", "404"])
def test_reserved_page_slugs(site, slug):
    assert slug in RESERVED_PAGE_SLUGS
    write(site, f"pages/{slug}.md", "---\ntitle: Mine\n---\nText.\n")
    # pointed at the first field, on the line after the opening ---
    assert problems_in(site, f"pages/{slug}.md") == [
        (2, 1, "error", f"the page name {slug!r} is used by the site itself; rename the file"),
    ]


def test_an_ordinary_page_slug_is_fine(site):
    write(site, "pages/privacy.md", "---\ntitle: Privacy\n---\nText.\n")
    assert problems_in(site, "pages/privacy.md") == []


# --- relate() ------------------------------------------------------------------------------


def test_relate_puts_a_service_in_its_category_and_every_parent(site):
    result = load_directory(site, SETTINGS, TODAY)
    rel = relate(result.directory)
    slugs = {k: [s.slug for s in v] for k, v in rel.services_by_category.items()}
    assert slugs["food-banks"] == ["riverside-food-bank"]
    assert slugs["food"] == ["riverside-food-bank"]
    assert slugs["advice"] == ["money-advice"]
    assert [t.slug for t in rel.narrower("categories", "food")] == ["food-banks"]
    assert rel.narrower("areas", "food") == []


def test_relate_a_service_listed_in_a_category_and_its_parent_appears_once(site):
    edit(site, FOOD_BANK, "categories: [food-banks]", "categories: [food-banks, food]")
    rel = relate(load_directory(site, SETTINGS, TODAY).directory)
    assert [s.slug for s in rel.services_by_category["food"]] == ["riverside-food-bank"]


def test_relate_links_organisations_locations_areas_and_consultations(site):
    directory = load_directory(site, SETTINGS, TODAY).directory
    rel = relate(directory)
    assert [s.slug for s in rel.services_by_org["riverside-pantry"]] == ["riverside-food-bank"]
    assert [s.slug for s in rel.services_by_org["millbrook-council"]] == ["money-advice"]
    assert [s.slug for s in rel.services_by_location["st-marys-hall"]] == ["riverside-food-bank"]
    assert [s.slug for s in rel.services_by_area["north-ward"]] == ["riverside-food-bank"]
    assert [o.slug for o in rel.orgs_by_area["north-ward"]] == ["riverside-pantry"]
    # sorted by closing date: the parks plan closed first
    assert [c.slug for c in rel.consultations_by_org["millbrook-council"]] == ["parks-plan", "library-hours"]
    assert [c.slug for c in rel.consultations_by_service["riverside-food-bank"]] == ["library-hours"]
    money = directory.services["money-advice"]
    assert [loc.name for loc in service_locations(money, directory)] == ["Civic Centre"]


def test_relate_sorts_services_by_name(site):
    write(
        site,
        "services/aardvark-advice.yaml",
        (
            "name: aardvark advice\norganization: millbrook-council\nsummary: S.\ndescription: D.\n"
            "categories: [advice]\nassured_date: 2026-10-01\n"
        ),
    )
    rel = relate(load_directory(site, SETTINGS, TODAY).directory)
    assert [s.slug for s in rel.services_by_category["advice"]] == ["aardvark-advice", "money-advice"]
