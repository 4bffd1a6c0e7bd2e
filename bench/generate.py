"""Generate a realistic synthetic Civic Hub content folder for benchmarks.

    python bench/generate.py N OUTDIR [--seed S] [--force]

writes, for N services, the same layout as ``content/``::

    services/*.yaml         N services
    organisations/*.yaml    about N/8 organisations
    locations/*.yaml        about N/20 shared venues
    consultations/*.md      about N/50 consultations (YAML front matter + Markdown),
                            a mix of closed, open, closing soon and upcoming
                            around the reference date 2026-11-26
    taxonomy/{categories,areas,audiences,accessibility}.yaml
    pages/about.md

Every entry is valid against ``plugins/directory/schemas/*.json`` and every
reference (organisation, location, category, area, audience, accessibility
term, related service) points at an entry that exists.  The output depends
only on N and the seed, never on the clock, so benchmark inputs are
reproducible.

All names, addresses and contact details are fictional: phone numbers come
from Ofcom's drama range (01632 960xxx), postcodes use the unused ZZ area,
emails and web addresses use example.org. As in a real directory, no two
services share a name (a branch is told apart by its place or its group) and
named contacts and shared text lines are listed with their agreement
(``consent: true``), so
``make validate`` warns only of what is really missing (a few services with
no way to reach them, entries not checked for a year).

The word lists are in ``vocabulary.py``; the YAML is written by the plugin's
own entry emitter (``plugins/directory/entry_yaml.py``, through ``yamltext.py``,
so it needs PyYAML, like the build), the way a careful person would write it:
every string a reader could misread (``10:30``, ``no``, ``0123``) in double
quotes, Markdown in literal blocks, no anchors, aliases or tags.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import random
import re
import shutil
import sys
import time
import unicodedata
from datetime import date, timedelta
from pathlib import Path

# run as a script (python bench/generate.py) or imported from bench/
from vocabulary import (
    ACCESS_SENTENCES,
    ACCESSIBILITY,
    ALERTS,
    AUDIENCES,
    CONSULTATION_PHASES,
    CONSULTATION_TOPICS,
    DAYS,
    FIRST_NAMES,
    GENERIC_SENTENCES,
    LANGUAGES,
    LEAVES,
    ORG_KIND_WEIGHTS,
    ORG_NOUNS,
    ORG_SUFFIXES,
    PARENTS,
    POSTCODE_LETTERS,
    ROLES,
    SAINTS,
    SCHEDULE_NOTES,
    STATE_CYCLE,
    STREET_KINDS,
    STREET_STEMS,
    SURNAMES,
    VENUE_KINDS,
    WARDS,
)
from yamltext import Money, emit, front_matter

REFERENCE_DATE = date(2026, 11, 26)  # "today" for consultation status and checks
DEFAULT_SEED = 20261126
COUNCIL = "Kelverton"
SAMPLE = Path(__file__).resolve().parents[1] / "tests/fixtures/sample"  # its share image, which the settings name
SUBFOLDERS = ("services", "organisations", "locations", "consultations", "taxonomy", "pages")

# --------------------------------------------------------------------------

_SLUG_STRIP = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    text = text.replace("&", " and ").replace("+", " plus ")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = text.lower().replace("'", "")
    return _SLUG_STRIP.sub("-", text).strip("-")


class Slugs:
    """Hands out unique slugs within one kind: a clash gets -2, -3 ..."""

    def __init__(self):
        self.used: dict[str, int] = {}

    def take(self, text: str, limit: int = 60) -> str:
        base = slugify(text)[:limit].strip("-") or "entry"
        if base not in self.used:
            self.used[base] = 1
            return base
        n = self.used[base]
        while True:
            n += 1
            candidate = f"{base}-{n}"
            if candidate not in self.used:
                self.used[base] = n
                self.used[candidate] = 1
                return candidate


def iso(d: date) -> str:
    return d.isoformat()


def hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


class Writer:
    def __init__(self, root: Path):
        self.root = root
        self.files = 0
        self.bytes = 0

    def write(self, relative: str, text: str) -> None:
        data = text.encode("utf-8")
        with open(self.root / relative, "wb") as handle:
            handle.write(data)
        self.files += 1
        self.bytes += len(data)


# --------------------------------------------------------------------------
# The generator
# --------------------------------------------------------------------------


class Generator:
    def __init__(self, n_services: int, seed: int):
        self.n = n_services
        self.seed = seed
        self.rng = random.Random(seed)
        self.postcodes: dict[str, tuple[float, float]] = {}  # every postcode written, and its place
        self.n_orgs = max(3, round(n_services / 8))
        self.n_locations = max(2, round(n_services / 20))
        self.n_consultations = max(1, round(n_services / 50))
        self.leaves = sorted(LEAVES)
        self.siblings: dict[str, list[str]] = {}
        for leaf in self.leaves:
            self.siblings.setdefault(LEAVES[leaf].parent, []).append(leaf)
        self.areas: list[tuple[str, str]] = []  # (slug, name)
        self.service_names: set[str] = set()  # the words of every service name given, sorted

    # -- small random helpers ------------------------------------------------

    def phone_number(self) -> str:
        return f"01632 960{self.rng.randrange(1000):03d}"

    def service_name(self, name: str, ward: str, org: dict) -> str:
        """``name``, or a longer one telling it apart from a service already named
        so (real directories name a club's branches apart; ``make validate`` warns
        of entries with the same name and organisation or postcode)."""
        tries = itertools.chain(
            (name, f"{name} ({ward})", f"{name} ({org['name']})"), (f"{name} {n}" for n in itertools.count(2))
        )
        for candidate in (t[:120].rstrip() for t in tries):
            words = " ".join(sorted(re.findall(r"[a-z0-9]+", candidate.lower().replace("'", ""))))
            if words not in self.service_names:  # the same words in another order are the same name
                self.service_names.add(words)
                return candidate

    def person(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(SURNAMES)}"

    def handle(self) -> str:
        first = slugify(self.rng.choice(FIRST_NAMES))
        last = slugify(self.rng.choice(SURNAMES))
        return f"@{first}-{last}{self.rng.randrange(10, 100)}"

    def street(self) -> str:
        return f"{self.rng.choice(STREET_STEMS)} {self.rng.choice(STREET_KINDS)}"

    def postcode(self, district: int) -> str:
        letters = self.rng.choice(POSTCODE_LETTERS) + self.rng.choice(POSTCODE_LETTERS)
        postcode = f"ZZ{district} {self.rng.randrange(1, 10)}{letters}"
        if postcode not in self.postcodes:
            # a place for it near its ward, from a generator of its own, so that the
            # rest of the directory is the same with or without the postcode file
            own = random.Random(f"{self.seed}:{postcode}")
            ward = (district - 1) % len(WARDS)
            lat, lon = 53.10 + (ward // 5) * 0.018, -2.10 + (ward % 5) * 0.028
            self.postcodes[postcode] = (lat + own.uniform(-0.008, 0.008), lon + own.uniform(-0.012, 0.012))
        return postcode

    def assured(self) -> date:
        # most entries checked in the last year, about one in eight overdue
        overdue = self.rng.random() < 0.12
        days = self.rng.randrange(366, 900) if overdue else self.rng.randrange(3, 365)
        return REFERENCE_DATE - timedelta(days=days)

    def assurer(self) -> str:
        return self.rng.choice(ROLES) if self.rng.random() < 0.5 else self.person()

    def sample(self, population, k: int):
        return self.rng.sample(population, min(k, len(population)))

    # -- taxonomy --------------------------------------------------------------

    def taxonomy(self, out: Writer) -> None:
        categories: dict = {}
        for i, (slug, name, description) in enumerate(PARENTS):
            entry = {"name": name, "description": description}
            if i % 3 == 0:
                entry["mappings"] = [
                    {
                        "vocabulary": "Example service vocabulary",
                        "code": f"EX-{100 + i}",
                        "url": f"https://example.org/vocabulary/EX-{100 + i}",
                    }
                ]
            categories[slug] = entry
            for leaf in self.leaves:
                parent, leaf_name, leaf_description = LEAVES[leaf][:3]
                if parent == slug:
                    categories[leaf] = {"name": leaf_name, "description": leaf_description, "parent": slug}
        out.write("taxonomy/categories.yaml", emit(categories))

        areas: dict = {}
        for i, ward in enumerate(WARDS, start=1):
            slug = slugify(ward)
            self.areas.append((slug, ward))
            districts = [f"ZZ{i}"]
            if i % 4 == 0:
                districts.append(f"ZZ{i + 20}")
            areas[slug] = {
                "name": ward,
                "description": f"{ward} ward, {COUNCIL}.",
                "postcode_districts": districts,
            }
        out.write("taxonomy/areas.yaml", emit(areas))
        out.write(
            "taxonomy/audiences.yaml", emit({slug: {"name": name, "description": d} for slug, name, d in AUDIENCES})
        )
        out.write(
            "taxonomy/accessibility.yaml",
            emit({slug: {"name": name, "description": d} for slug, name, d in ACCESSIBILITY}),
        )
        self.area_slugs = [slug for slug, _ in self.areas]
        self.audience_slugs = [slug for slug, _, _ in AUDIENCES]
        self.access_slugs = [slug for slug, _, _ in ACCESSIBILITY]

    # -- locations -------------------------------------------------------------

    def address(self, ward_index: int, venue: str | None = None) -> dict:
        rng = self.rng
        district = ward_index + 1
        if ward_index % 4 == 3 and rng.random() < 0.3:
            district += 20
        address = {"address_1": f"{rng.randrange(1, 240)} {self.street()}"}
        if venue and rng.random() < 0.5:
            address = {"address_1": venue, "address_2": address["address_1"]}
        elif rng.random() < 0.25:
            address["address_2"] = WARDS[ward_index]
        address["city"] = COUNCIL
        address["postal_code"] = self.postcode(district)
        if rng.random() < 0.7:
            address["country"] = "GB"
        return address

    def coordinates(self, ward_index: int) -> tuple[float, float]:
        base_lat = 53.10 + (ward_index // 5) * 0.018
        base_lon = -2.10 + (ward_index % 5) * 0.028
        return (
            round(base_lat + self.rng.uniform(-0.008, 0.008), 5),
            round(base_lon + self.rng.uniform(-0.012, 0.012), 5),
        )

    def venue_name(self, ward: str) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.55:
            return f"{ward} {rng.choice(VENUE_KINDS)}"
        if roll < 0.75:
            return f"St {rng.choice(SAINTS)}'s Church Hall"
        if roll < 0.9:
            return f"{rng.choice(STREET_STEMS)} {rng.choice(['House', 'Centre', 'Hall', 'Rooms'])}"
        return f"The {rng.choice(STREET_STEMS)} Hub"

    def locations(self, out: Writer) -> None:
        rng = self.rng
        slugs = Slugs()
        names: set[str] = set()
        self.location_slugs: list[str] = []
        self.location_ward: dict[str, int] = {}
        self.locations_by_ward: list[list[str]] = [[] for _ in WARDS]
        for _ in range(self.n_locations):
            ward_index = rng.randrange(len(WARDS))
            ward = WARDS[ward_index]
            name = self.venue_name(ward)
            if name in names:
                name = f"{name}, {self.street()}"
            if name in names:
                name = f"{name} ({ward})"
            names.add(name)
            slug = slugs.take(name)
            entry: dict = {"name": name}
            if rng.random() < 0.4:
                entry["description"] = rng.choice(
                    [
                        f"{name} is a short walk from {ward} bus station. The main hall is on the ground floor.",
                        f"Use the side entrance on {self.street()}.\n\nThe building is open for booked groups in the evenings.",
                        "A light, modern building with a café, a garden and free Wi-Fi.",
                        "A Victorian building with a modern extension. Follow the signs to reception.",
                    ]
                )
            entry["address"] = self.address(ward_index, venue=name)
            lat, lon = self.coordinates(ward_index)
            entry["latitude"] = lat
            entry["longitude"] = lon
            if rng.random() < 0.85:
                entry["accessibility"] = sorted(self.sample(self.access_slugs, rng.randrange(1, 6)))
            if rng.random() < 0.6:
                entry["uprn"] = str(rng.randrange(10_000_000, 100_099_999_999))
            if rng.random() < 0.5:
                entry["transportation"] = (
                    f"Buses {rng.randrange(1, 40)} and {rng.randrange(40, 99)} stop outside. "
                    f"{rng.choice(['Free parking on site.', 'Pay and display car park opposite.', 'No parking on site.'])}"
                )
            if rng.random() < 0.5:
                entry["phones"] = [{"number": self.phone_number()}]
            if rng.random() < 0.3:
                entry["email"] = f"{slug[:40]}@example.org"
            if rng.random() < 0.3:
                entry["url"] = f"https://example.org/venues/{slug}"
            out.write(f"locations/{slug}.yaml", emit(entry))
            self.location_slugs.append(slug)
            self.location_ward[slug] = ward_index
            self.locations_by_ward[ward_index].append(slug)

    # -- organisations (names first; files after the services) ---------------

    def plan_organisations(self) -> None:
        rng = self.rng
        slugs = Slugs()
        names: set[str] = set()
        self.orgs: list[dict] = []
        fixed = [
            (f"{COUNCIL} Borough Council", "council"),
            (f"{COUNCIL} and District NHS Trust", "health"),
            (f"{COUNCIL} Homes", "housing association"),
            (f"{COUNCIL} Council for Voluntary Service", "charity"),
            (f"Citizens Advice {COUNCIL}", "charity"),
        ]
        kinds, weights = zip(*ORG_KIND_WEIGHTS, strict=True)
        for i in range(self.n_orgs):
            ward_index = rng.randrange(len(WARDS))
            ward = WARDS[ward_index]
            if i < len(fixed):
                name, kind = fixed[i]
            else:
                kind = rng.choices(kinds, weights)[0]
                name = self.org_name(kind, ward)
                tries = 0
                while name in names and tries < 5:
                    name = self.org_name(kind, WARDS[rng.randrange(len(WARDS))])
                    tries += 1
                if name in names:
                    name = f"{name} {self.street()}"
                while name in names:
                    name = f"{name} {rng.randrange(2, 100)}"
            names.add(name)
            # what the organisation mostly does: its services come from these
            focus = self.leaves if i < len(fixed) else self.sample(self.leaves, rng.choice([1, 1, 2, 3]))
            self.orgs.append(
                {
                    "slug": slugs.take(name),
                    "name": name,
                    "kind": kind,
                    "focus": focus,
                    "ward": ward_index,
                    "services": 0,
                    "categories": set(),
                }
            )
        # A few large providers run many services (the council about 8%), most
        # groups one or two: the rest share the remainder on a gentle power law.
        fixed_shares = [0.08, 0.02, 0.01, 0.01, 0.01]
        rest = [1.0 / (1 + i) ** 0.5 for i in range(max(0, self.n_orgs - len(fixed)))]
        # about one group in ten is its own offer: it has no service files
        for i, org in enumerate(self.orgs[len(fixed) :]):
            if org["kind"] in ("community group", "faith group", "other") and rng.random() < 0.25:
                rest[i] = 0.0
        # (a tiny directory has only the fixed providers)
        scale = sum(rest) / (1 - sum(fixed_shares)) or 1.0
        weights = [share * scale for share in fixed_shares[: self.n_orgs]] + rest
        total = 0.0
        self.org_cum = []
        for weight in weights:
            total += weight
            self.org_cum.append(total)

    def org_name(self, kind: str, ward: str) -> str:
        rng = self.rng
        place = ward if rng.random() < 0.6 else rng.choice(STREET_STEMS)
        if kind == "faith group":
            return rng.choice(
                [
                    f"St {rng.choice(SAINTS)}'s Church, {ward}",
                    f"{place} {rng.choice(['Methodist', 'Baptist', 'URC', 'Pentecostal', 'Catholic'])} Church",
                    f"{place} {rng.choice(['Mosque', 'Islamic Centre', 'Gurdwara', 'Hindu Temple', 'Quaker Meeting'])}",
                ]
            )
        if kind == "school":
            return f"{place} {rng.choice(['Primary School', 'Academy', 'High School', 'Nursery School', 'Community College'])}"
        if kind == "business":
            return f"{place} {rng.choice(['Pharmacy', 'Co-operative', 'Bakery', 'Leisure Ltd', 'Garden Centre'])}"
        if kind == "health":
            return f"{place} {rng.choice(['Medical Practice', 'Health Centre', 'Primary Care Network', 'Hospice'])}"
        if kind == "housing association":
            return f"{place} {rng.choice(['Housing', 'Homes', 'Housing Co-operative'])}"
        if kind == "social enterprise":
            return f"{place} {rng.choice(ORG_NOUNS)} {rng.choice(['CIC', 'Co-op', 'Enterprises'])}"
        if kind == "community group" and rng.random() < 0.35:
            return rng.choice(
                [
                    f"Friends of {place} Park",
                    f"{place} Residents' Association",
                    f"{place} Tenants' and Residents' Association",
                    f"{place} Allotment Society",
                    f"{place} Over 60s Club",
                ]
            )
        return f"{place} {rng.choice(ORG_NOUNS)} {rng.choice(ORG_SUFFIXES)}"

    def pick_org(self) -> int:
        # bisect on cumulative weights: fast and deterministic
        x = self.rng.random() * self.org_cum[-1]
        return min(bisect.bisect_right(self.org_cum, x), len(self.org_cum) - 1)

    # -- services --------------------------------------------------------------

    def schedule(self, access: list[str]) -> list[dict]:
        rng = self.rng
        result = []
        for _ in range(1 if rng.random() < 0.8 else 2):
            roll = rng.random()
            entry: dict = {}
            if roll < 0.7:
                entry["freq"] = "WEEKLY"
                if rng.random() < 0.25:
                    entry["byday"] = "MO,TU,WE,TH,FR"
                else:
                    days = sorted(self.sample(range(7), rng.choice([1, 1, 1, 2, 3])))
                    entry["byday"] = ",".join(DAYS[d] for d in days)
                if rng.random() < 0.1:
                    entry["interval"] = 2
            elif roll < 0.88:
                entry["freq"] = "MONTHLY"
                if rng.random() < 0.7:
                    week = rng.choice(["1", "2", "3", "4", "-1"])
                    entry["byday"] = week + DAYS[rng.randrange(7)]
                else:
                    entry["bymonthday"] = str(rng.choice([1, 15, -1]))
            else:
                entry["description"] = rng.choice(
                    [
                        "By appointment: call to arrange a time that suits you.",
                        "Times vary; see the website for this term's sessions.",
                        "Open 24 hours a day, every day.",
                        "Sessions arranged around your needs.",
                    ]
                )
            if "description" not in entry:
                start = rng.choice(
                    [
                        8 * 60 + 30,
                        9 * 60,
                        9 * 60 + 30,
                        10 * 60,
                        10 * 60 + 30,
                        12 * 60,
                        13 * 60,
                        14 * 60,
                        15 * 60 + 30,
                        17 * 60,
                        18 * 60,
                        18 * 60 + 30,
                        19 * 60,
                    ]
                )
                length = rng.choice([60, 90, 120, 120, 150, 180, 240, 480])
                end = min(start + length, 23 * 60)
                entry["opens_at"] = hhmm(start)
                entry["closes_at"] = hhmm(end)
            if rng.random() < 0.1:
                entry["valid_from"] = iso(REFERENCE_DATE - timedelta(days=rng.randrange(30, 400)))
                entry["valid_to"] = iso(REFERENCE_DATE + timedelta(days=rng.randrange(30, 300)))
            if rng.random() < 0.3:
                entry["notes"] = rng.choice(SCHEDULE_NOTES)
            if rng.random() < 0.4:
                entry["attending_type"] = "online" if "online" in access and rng.random() < 0.5 else "in person"
            result.append(entry)
        return result

    def description(self, name: str, org: str, leaf: str, summary: str, access: list[str], url: str) -> str:
        rng = self.rng
        data = LEAVES[leaf]
        summaries, details = data.summaries, data.details
        heading, bullets = data.bullet_heading, data.bullets
        target = rng.randrange(80, 118)
        other = [s for s in summaries if s != summary] or summaries
        intro = f"{name} is run by {org}. {rng.choice(other)}"
        closing = " ".join(rng.choice(ACCESS_SENTENCES[a]) for a in access[:2])
        if rng.random() < 0.35:
            closing += f" Find out more on [our website]({url})."
        words = len(intro.split()) + len(closing.split())
        parts = [intro]
        pool = self.sample(details, 3) + self.sample(GENERIC_SENTENCES, 6)
        middle: list[str] = []
        with_list = rng.random() < 0.4
        if with_list:
            words += 4 * 2 + len(heading.split())
        for sentence in pool:
            if words >= target:
                break
            middle.append(sentence)
            words += len(sentence.split())
        if len(middle) > 2:
            split = rng.randrange(1, len(middle))
            parts.append(" ".join(middle[:split]))
            parts.append(" ".join(middle[split:]))
        elif middle:
            parts.append(" ".join(middle))
        if with_list:
            items = self.sample(bullets, rng.randrange(3, len(bullets) + 1))
            parts.insert(
                2 if len(parts) > 2 else len(parts), heading + "\n\n" + "\n".join(f"- {item}" for item in items)
            )
        parts.append(closing)
        return "\n\n".join(parts) + "\n"

    def services(self, out: Writer) -> None:
        rng = self.rng
        slugs = Slugs()
        self.service_slugs: list[str] = []
        self.services_by_leaf: dict[str, list[str]] = {leaf: [] for leaf in self.leaves}
        for _ in range(self.n):
            org_index = self.pick_org()
            org = self.orgs[org_index]
            leaf = rng.choice(org["focus"] if rng.random() < 0.85 else self.leaves)
            data = LEAVES[leaf]
            parent = data.parent
            ward_index = org["ward"] if rng.random() < 0.7 else rng.randrange(len(WARDS))
            ward = WARDS[ward_index]
            base = rng.choice(data.service_names)
            roll = rng.random()
            if roll < 0.45:
                name = f"{ward} {base}"
            elif roll < 0.6:
                name = f"{rng.choice(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'])} {base}"
            elif roll < 0.75 and org["kind"] != "council":
                name = f"{org['name']} {base}"[:120].rstrip()
            else:
                name = base
            name = self.service_name(name, ward, org)
            # slugs read like a person would name the file
            slug = slugs.take(name if roll < 0.75 else f"{name} {ward}")
            self.service_slugs.append(slug)
            self.services_by_leaf[leaf].append(slug)
            org["services"] += 1
            org["categories"].add(leaf)

            access = self.sample(data.access, rng.randrange(1, len(data.access) + 1))
            url = f"https://example.org/{org['slug']}/{slug}"
            entry: dict = {"name": name, "organization": org["slug"]}
            entry["summary"] = rng.choice(data.summaries)
            entry["description"] = self.description(name, org["name"], leaf, entry["summary"], access, url)
            status_roll = rng.random()
            if status_roll < 0.04:
                entry["status"] = "temporarily closed"
                entry["status_until"] = iso(REFERENCE_DATE + timedelta(days=rng.randrange(10, 120)))
                entry["alert"] = rng.choice(ALERTS)
            elif status_roll < 0.06:
                entry["status"] = "inactive"
            elif status_roll < 0.07:
                entry["status"] = "defunct"
            elif status_roll < 0.3:
                entry["status"] = "active"
            categories = [leaf]
            if rng.random() < 0.25:
                categories.append(rng.choice(self.siblings[parent]))
            if rng.random() < 0.1:
                categories.append(parent)
            entry["categories"] = list(dict.fromkeys(categories))
            if rng.random() < 0.55:
                areas = {ward_index}
                for _ in range(rng.choice([0, 0, 1, 2, 3])):
                    areas.add(rng.randrange(len(WARDS)))
                entry["areas"] = [self.area_slugs[i] for i in sorted(areas)]
            if rng.random() < 0.75:
                audiences = list(data.audiences)
                if rng.random() < 0.2:
                    audiences.append(rng.choice(self.audience_slugs))
                entry["audiences"] = list(dict.fromkeys(audiences))
            ages = data.ages
            if ages and rng.random() < 0.8:
                if ages[0] is not None:
                    entry["minimum_age"] = ages[0]
                if ages[1] is not None:
                    entry["maximum_age"] = ages[1]
            if rng.random() < 0.3:
                entry["eligibility"] = rng.choice(
                    [
                        f"Open to anyone who lives, works or studies in {COUNCIL}.",
                        f"For residents of {ward} and nearby streets. Ring us if you are not sure.",
                        "You must be registered with a GP in the borough.",
                        "Open to everyone.\n\nSome activities have a minimum age; ask when you book.\n",
                    ]
                )
            if rng.random() < data.free_chance:
                entry["free"] = True
            else:
                if rng.random() < 0.85:
                    options = [
                        {
                            "option": rng.choice(
                                ["Adult session", "Per visit", "Weekly membership", "Per class", "Lunch"]
                            ),
                            "amount": Money(rng.choice([0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 5, 6.5])),
                            "amount_description": rng.choice(["per session", "per week", "per visit", "per person"]),
                        }
                    ]
                    if rng.random() < 0.4:
                        options.append(
                            {
                                "option": "Concessions",
                                "amount": Money(rng.choice([0, 0.5, 1, 1.5])),
                                "amount_description": "for people on benefits",
                            }
                        )
                    if rng.random() < 0.1:
                        options[0]["valid_from"] = iso(REFERENCE_DATE - timedelta(days=rng.randrange(10, 300)))
                    entry["cost_options"] = options
                if rng.random() < 0.3 or "cost_options" not in entry:
                    entry["fees"] = rng.choice(
                        [
                            "Pay what you can; nobody is turned away.",
                            "Small charge for refreshments.",
                            "Free for people on means-tested benefits; ask about other concessions.",
                            "£2 donation suggested.",
                        ]
                    )
                    entry["free"] = False
            entry["how_to_access"] = access
            if rng.random() < 0.6:
                entry["url"] = url
            if rng.random() < 0.6:
                entry["email"] = f"{slug[:40]}@example.org"
            if rng.random() < 0.75:
                phone: dict = {"number": self.phone_number()}
                if rng.random() < 0.2:
                    phone["type"] = "voice"
                    phone["description"] = rng.choice(
                        ["Main line", "Helpline, answered 9am to 5pm", "Leave a message and we will call back"]
                    )
                phones = [phone]
                if rng.random() < 0.1:
                    phones.append(
                        {"number": f"07700 900{rng.randrange(1000):03d}", "type": "sms", "description": "Text us"}
                    )
                    entry["consent"] = True  # a shared text line's mobile, published with its holders' agreement
                entry["phones"] = phones
            if rng.random() < 0.2:
                # a named member of staff, listed with their agreement
                contact = {"name": self.person(), "title": rng.choice(ROLES), "consent": True}
                if rng.random() < 0.5:
                    contact["email"] = f"{slugify(contact['name'])}@example.org"
                if rng.random() < 0.4:
                    contact["phones"] = [{"number": self.phone_number(), "extension": str(rng.randrange(100, 999))}]
                entry["contacts"] = [contact]
            loc_roll = rng.random()
            if loc_roll < 0.78 and self.location_slugs:
                nearby = self.locations_by_ward[ward_index] or self.location_slugs
                pool = nearby if rng.random() < 0.8 else self.location_slugs
                locations = [rng.choice(pool)]
                if rng.random() < 0.12:
                    extra = rng.choice(self.location_slugs)
                    if extra not in locations:
                        locations.append(extra)
                entry["locations"] = locations
            elif loc_roll < 0.88:
                venue = self.venue_name(ward)
                inline: dict = {"name": venue, "address": self.address(ward_index, venue=venue)}
                if rng.random() < 0.5:
                    lat, lon = self.coordinates(ward_index)
                    inline["latitude"] = lat
                    inline["longitude"] = lon
                if rng.random() < 0.5:
                    inline["accessibility"] = sorted(self.sample(self.access_slugs, rng.randrange(1, 4)))
                entry["locations"] = [inline]
            if loc_roll < 0.95 or rng.random() < 0.5:
                entry["schedules"] = self.schedule(access)
            if rng.random() < 0.3:
                entry["languages"] = ["English"] + self.sample(LANGUAGES, rng.randrange(1, 4))
            if rng.random() < 0.4:
                entry["accessibility"] = sorted(self.sample(self.access_slugs, rng.randrange(1, 4)))
            entry["assured_date"] = iso(self.assured())
            if rng.random() < 0.7:
                entry["assurer"] = self.assurer()
            out.write(f"services/{slug}.yaml", emit(entry))

    # -- organisations (files) -------------------------------------------------

    def organisations(self, out: Writer) -> None:
        rng = self.rng
        for org in self.orgs:
            slug, name, kind = org["slug"], org["name"], org["kind"]
            ward = WARDS[org["ward"]]
            entry: dict = {"name": name, "kind": kind}
            lead = {
                "council": f"{name} is the local authority for the {COUNCIL} area.",
                "health": f"{name} provides NHS health services across {COUNCIL}.",
                "housing association": f"{name} is a not-for-profit landlord with homes across {COUNCIL}.",
                "charity": f"{name} is a registered charity working with residents across {COUNCIL}.",
                "community group": f"{name} is a volunteer-run group based in {ward}.",
                "faith group": f"{name} is a faith community in {ward} that runs activities open to everyone.",
                "social enterprise": f"{name} is a social enterprise that puts its profits back into {ward}.",
                "school": f"{name} opens its doors to local families and community groups outside school hours.",
                "business": f"{name} is a local business that supports community projects in {ward}.",
                "other": f"{name} brings people together in {ward} and nearby.",
            }[kind]
            entry["summary"] = lead
            paragraphs = [
                lead
                + " "
                + rng.choice(
                    [
                        "We started in a church hall with a handful of volunteers and have grown ever since.",
                        "Everything we do is shaped by the people who use our services.",
                        "We work alongside the council, the NHS and other local groups.",
                        "Our volunteers come from every part of the community.",
                    ]
                )
            ]
            extra = self.sample(GENERIC_SENTENCES, rng.randrange(2, 5))
            paragraphs.append(" ".join(extra))
            if org["services"] == 0 and kind in ("community group", "faith group", "other"):
                paragraphs.append(
                    rng.choice(
                        [
                            "We meet every week. New members are always welcome; just come along.",
                            "Get in touch to find out when we next meet.",
                        ]
                    )
                )
            if rng.random() < 0.3:
                paragraphs.append(f"Read our annual report on [our website](https://example.org/{slug}/annual-report).")
            entry["description"] = "\n\n".join(paragraphs) + "\n"
            if rng.random() < 0.8:
                entry["url"] = f"https://example.org/{slug}"
            if rng.random() < 0.8:
                entry["email"] = f"{'hello' if rng.random() < 0.5 else 'info'}.{slug[:40]}@example.org"
            if rng.random() < 0.8:
                entry["phones"] = [{"number": self.phone_number()}]
            if rng.random() < 0.2:
                entry["logo"] = f"https://example.org/{slug}/logo.png"
            if kind == "charity":
                entry["identifiers"] = [
                    {"identifier_type": "charity number", "identifier": str(rng.randrange(1_000_000, 1_200_000))}
                ]
                if rng.random() < 0.3:
                    entry["identifiers"].append(
                        {
                            "identifier_type": "company number",
                            "identifier": f"{rng.randrange(1_000_000, 15_000_000):08d}",
                        }
                    )
            elif kind == "social enterprise":
                entry["identifiers"] = [
                    {"identifier_type": "company number", "identifier": f"{rng.randrange(1_000_000, 15_000_000):08d}"}
                ]
            if kind in ("council", "health"):
                entry["areas"] = list(self.area_slugs)
            elif rng.random() < 0.6:
                areas = {org["ward"]}
                for _ in range(rng.choice([0, 1, 2])):
                    areas.add(rng.randrange(len(WARDS)))
                entry["areas"] = [self.area_slugs[i] for i in sorted(areas)]
            if org["services"] == 0:
                # a group that is its own offer: give it categories
                entry["categories"] = sorted(org["focus"])
            elif rng.random() < 0.2:
                entry["categories"] = sorted(self.sample(sorted(org["categories"]), 2))
            if rng.random() < 0.5 and self.location_slugs:
                nearby = self.locations_by_ward[org["ward"]] or self.location_slugs
                entry["locations"] = [rng.choice(nearby)]
            if rng.random() < 0.7:
                entry["maintainers"] = list(dict.fromkeys(self.handle() for _ in range(rng.randrange(1, 4))))
            if rng.random() < 0.8:
                entry["assured_date"] = iso(self.assured())
                entry["assurer"] = self.assurer()
            out.write(f"organisations/{slug}.yaml", emit(entry))

    # -- consultations ---------------------------------------------------------

    def when(self, day: date, time_of_day: str | None) -> str:
        return iso(day) if time_of_day is None else f"{iso(day)} {time_of_day}"

    def consultations(self, out: Writer) -> None:
        rng = self.rng
        slugs = Slugs()
        titles: set[str] = set()
        council = self.orgs[0]["slug"]
        big_orgs = [o["slug"] for o in self.orgs[:5]]
        counts = dict.fromkeys(STATE_CYCLE, 0)
        for i in range(self.n_consultations):
            template, summary_t, leaf = rng.choice(CONSULTATION_TOPICS)
            ward_index = rng.randrange(len(WARDS))
            ward = WARDS[ward_index]
            # a fixed cycle, so even a small directory has every state
            phase = STATE_CYCLE[i % len(STATE_CYCLE)]
            if phase == "closed":
                closes = REFERENCE_DATE - timedelta(days=rng.randrange(1, 500))
                opens = closes - timedelta(days=rng.randrange(28, 85))
            elif phase == "open":
                opens = REFERENCE_DATE - timedelta(days=rng.randrange(0, 60))
                closes = REFERENCE_DATE + timedelta(days=rng.randrange(7, 70))
            elif phase == "closing soon":
                # within a week; a date alone on the reference day means it closes tonight
                opens = REFERENCE_DATE - timedelta(days=rng.randrange(14, 60))
                closes = REFERENCE_DATE + timedelta(days=rng.choice([0, 1, 2, 4, 6]))
            else:
                opens = REFERENCE_DATE + timedelta(days=rng.randrange(1, 60))
                closes = opens + timedelta(days=rng.randrange(28, 85))
            state = "open" if phase == "closing soon" else phase
            counts[phase] += 1
            year = opens.year + (1 if opens.month >= 9 else 0)
            fill = {"ward": ward, "year": year, "year2": year + 3}
            title = template.format(**fill)
            for phase in CONSULTATION_PHASES:
                if title + phase not in titles:
                    title += phase
                    break
            else:
                title = f"{title} ({iso(opens)})"
                while title in titles:
                    title += " (2)"
            titles.add(title)
            slug = slugs.take(title, limit=70)
            org = council if rng.random() < 0.7 else rng.choice(big_orgs)
            entry: dict = {"title": title, "organization": org, "summary": summary_t.format(**fill)}
            timed = rng.random() < 0.5
            entry["opens"] = self.when(opens, "09:00" if timed else None)
            entry["closes"] = self.when(closes, rng.choice(["17:00", "23:59"]) if timed else None)
            respond: dict = {"url": f"https://example.org/consultations/{slug}/survey"}
            if rng.random() < 0.7:
                respond["email"] = "consultation@example.org"
            if rng.random() < 0.4:
                respond["postal"] = (
                    f"Freepost {COUNCIL.upper()} CONSULTATION, {COUNCIL} Borough Council, Town Hall, {COUNCIL} ZZ1 1AA"
                )
            if rng.random() < 0.3:
                respond["phones"] = [{"number": self.phone_number(), "description": "Ask for a paper copy"}]
            if rng.random() < 0.5:
                events = []
                span = max(1, (closes - opens).days)
                for _ in range(rng.randrange(1, 4)):
                    day = opens + timedelta(days=rng.randrange(0, span))
                    event: dict = {
                        "title": rng.choice(
                            ["Drop-in session", "Public meeting", "Online briefing", "Walkabout with the project team"]
                        ),
                        "date": iso(day),
                    }
                    start = rng.choice([10 * 60, 14 * 60, 18 * 60, 18 * 60 + 30])
                    event["starts_at"] = hhmm(start)
                    event["ends_at"] = hhmm(start + rng.choice([60, 90, 120]))
                    if event["title"] == "Online briefing":
                        event["url"] = f"https://example.org/consultations/{slug}/briefing"
                    elif rng.random() < 0.75 and self.location_slugs:
                        event["location"] = rng.choice(self.locations_by_ward[ward_index] or self.location_slugs)
                    else:
                        event["place"] = f"{ward} market square, by the clock tower"
                    events.append(event)
                events.sort(key=lambda e: (e["date"], e["starts_at"]))
                respond["events"] = events
            entry["how_to_respond"] = respond
            if rng.random() < 0.5:
                entry["audiences"] = sorted(self.sample(self.audience_slugs, rng.randrange(1, 4)))
            if "{ward}" in template:
                entry["areas"] = [self.area_slugs[ward_index]]
            elif rng.random() < 0.2:
                entry["areas"] = sorted(self.sample(self.area_slugs, 3))
            if leaf:
                entry["categories"] = [leaf]
                related = self.services_by_leaf.get(leaf) or []
                if related and rng.random() < 0.6:
                    entry["related_services"] = sorted(set(self.sample(related, rng.randrange(1, 4))))
            elif rng.random() < 0.4:
                entry["categories"] = [rng.choice([p[0] for p in PARENTS])]
            if rng.random() < 0.7:
                documents = [
                    {
                        "title": "Consultation document",
                        "url": f"https://example.org/consultations/{slug}/document.pdf",
                        "format": "PDF",
                        "size": f"{rng.randrange(1, 40) / 10:.1f} MB",
                    }
                ]
                if rng.random() < 0.5:
                    documents.append(
                        {
                            "title": "Easy read version",
                            "url": f"https://example.org/consultations/{slug}/easy-read.pdf",
                            "format": "PDF",
                            "size": f"{rng.randrange(200, 900)} KB",
                        }
                    )
                if rng.random() < 0.3:
                    documents.append(
                        {
                            "title": "Equality impact assessment",
                            "url": f"https://example.org/consultations/{slug}/eia.docx",
                            "format": "DOCX",
                            "size": f"{rng.randrange(40, 400)} KB",
                        }
                    )
                entry["documents"] = documents
            if state == "closed" and (REFERENCE_DATE - closes).days > 60 and rng.random() < 0.6:
                published = closes + timedelta(days=rng.randrange(30, 60))
                entry["outcome"] = (
                    f"We received {rng.randrange(40, 2500)} responses. Thank you to everyone who took part.\n\n"
                    f"**You said:** {rng.choice(['the proposals went too far', 'you wanted longer opening hours', 'safety mattered most', 'you supported the plan but wanted more green space'])}.\n\n"
                    f"**We did:** {rng.choice(['changed the proposals', 'kept the current arrangements', 'agreed the plan with changes', 'set up a residents panel to oversee the work'])}. "
                    f"The decision was made at the cabinet meeting on {published.strftime('%d %B %Y').lstrip('0')}.\n"
                )
                entry["outcome_published"] = iso(published)
            body = self.consultation_body(title, ward, opens, closes)
            out.write(f"consultations/{slug}.md", front_matter(entry, body))
        self.consultation_counts = counts

    def consultation_body(self, title: str, ward: str, opens: date, closes: date) -> str:
        sections = [
            "## What we are proposing\n\n"
            + " ".join(
                self.sample(
                    [
                        f"We are asking residents, businesses and groups in {ward} and across {COUNCIL} for their views.",
                        "The proposals were developed with local councillors, community groups and the people who use our services.",
                        "No decision has been made yet, and we will consider every response carefully.",
                        "The full proposals, including maps and costs, are in the consultation document.",
                        "We have set out three options and would like to know which you prefer, and why.",
                    ],
                    3,
                )
            ),
            "## Why we are consulting\n\n"
            + " ".join(
                self.sample(
                    [
                        "Demand for services has grown while funding has fallen in real terms.",
                        "Residents told us in last year's survey that this was one of their top priorities.",
                        "The current arrangements were agreed more than ten years ago and need to be reviewed.",
                        "We have a legal duty to consult before making changes of this kind.",
                    ],
                    2,
                )
            ),
            "## How to have your say\n\n"
            f"The consultation runs from {opens.strftime('%d %B %Y').lstrip('0')} to {closes.strftime('%d %B %Y').lstrip('0')}. "
            "You can fill in the online survey, email us, or come to one of the events listed on this page.\n\n"
            "- Paper copies are available from every library\n"
            "- Ask for the easy read version or another format if you need one\n"
            "- Call us if you would like help to respond",
            "## What happens next\n\n"
            "We will publish a summary of the responses and explain how they shaped the final decision.",
        ]
        return "\n\n".join(sections) + "\n"

    # -- pages -------------------------------------------------------------------

    def pages(self, out: Writer) -> None:
        meta = {
            "title": "About this directory",
            "summary": f"Who runs the {COUNCIL} community directory and how to add or update an entry.",
            "updated": iso(REFERENCE_DATE - timedelta(days=14)),
            "in_footer": True,
        }
        body = (
            f"This directory lists services, community groups and consultations in {COUNCIL}. "
            "It is maintained by the council with help from the groups themselves.\n\n"
            "## Adding or changing an entry\n\n"
            "Every entry has a link to suggest a change. Groups can also edit their own entries "
            "after we add them as maintainers.\n\n"
            "## This is synthetic data\n\n"
            f"This copy was generated for benchmarking: every name, address, phone number "
            f"(01632 960xxx) and postcode (ZZ) is fictional.\n"
        )
        out.write("pages/about.md", front_matter(meta, body))

    # -- all -------------------------------------------------------------------

    def run(self, root: Path) -> Writer:
        for sub in SUBFOLDERS:
            (root / sub).mkdir(parents=True, exist_ok=True)
        out = Writer(root)
        self.taxonomy(out)
        self.locations(out)
        self.plan_organisations()
        self.services(out)
        self.organisations(out)
        self.consultations(out)
        self.pages(out)
        rows = [f"{p},{lat:.5f},{lon:.5f}" for p, (lat, lon) in sorted(self.postcodes.items())]
        out.write("postcodes.csv", "postcode,latitude,longitude\n" + "\n".join(rows) + "\n")
        # the share image the sample's settings name (share_image: /images/share.png)
        (root / "images").mkdir(exist_ok=True)
        shutil.copyfile(SAMPLE / "images/share.png", root / "images/share.png")
        return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic Civic Hub content folder for N services.")
    parser.add_argument("n", type=int, metavar="N", help="number of services (at least 1)")
    parser.add_argument("outdir", type=Path, metavar="OUTDIR", help="folder to write (created)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    parser.add_argument(
        "--force", action="store_true", help="replace the content sub-folders if OUTDIR already has them"
    )
    parser.add_argument("--quiet", action="store_true", help="print nothing on success")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("N must be at least 1")
    root: Path = args.outdir
    if root.exists() and not root.is_dir():
        parser.error(f"{root} exists and is not a folder")
    existing = [sub for sub in SUBFOLDERS if (root / sub).exists()]
    if existing:
        if not args.force:
            parser.error(f"{root} already has {', '.join(existing)}; use --force to replace them")
        for sub in existing:
            shutil.rmtree(root / sub)
    started = time.perf_counter()
    generator = Generator(args.n, args.seed)
    out = generator.run(root)
    elapsed = time.perf_counter() - started
    if not args.quiet:
        c = generator.consultation_counts
        print(
            f"wrote {out.files} files ({out.bytes / 1e6:.1f} MB) to {root} in {elapsed:.1f}s: "
            f"{generator.n} services, {generator.n_orgs} organisations, "
            f"{generator.n_locations} locations, {generator.n_consultations} consultations "
            f"({c['closed']} closed, {c['open']} open, {c['closing soon']} closing within a week, "
            f"{c['upcoming']} upcoming on {REFERENCE_DATE})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
