"""Places for "near me": every entry's points, and the council's postcodes by district."""

from __future__ import annotations

from ..reading.postcodes import district
from .facets import deltas

SCALE = 100_000  # coordinates to 5 decimal places: about a metre


def geo_file(entries) -> dict:
    """``points`` (each place once) and, per entry, its point numbers."""
    numbers, points, docs = {}, [], []
    for entry in entries:
        mine = []
        for lat, lon in entry.points:
            key = (round(lat * SCALE), round(lon * SCALE))
            if key not in numbers:
                numbers[key] = len(numbers)
                points += key
            mine.append(numbers[key])
        docs.append(deltas(sorted(set(mine))))
    return {"points": points, "docs": docs}


def postcode_files(directory) -> dict[str, dict]:
    """District -> what ``/search/postcodes/<district>.json`` holds: its postcodes,
    and the areas whose postcode districts include it."""
    by_district = {}
    for postcode, (lat, lon) in sorted(directory.postcodes.items()):
        by_district.setdefault(district(postcode), {})[postcode] = [round(lat, 5), round(lon, 5)]
    areas = {}
    for term in directory.taxonomy["areas"].values():
        for d in term.postcode_districts:
            areas.setdefault(d, []).append(term.slug)
    return {d: {"p": postcodes, "areas": sorted(areas.get(d, []))} for d, postcodes in by_district.items()}
