"""The filters of the search page: their groups, values and entries.

Each group is written as its values (``[slug, label, parent]``) and, for each
value, the numbers of the entries that have it, as small deltas, so the
browser can count and filter any result set (docs/search-index.md).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .. import words
from ..kinds import CONSULTATIONS, ORGANISATIONS, SERVICES
from ..relations import by_name
from .documents import KIND_ORDER, language_slug


@dataclass(frozen=True)
class Group:
    name: str  # its URL parameter: ?category=food-banks
    legend: str  # what the filter is called on the page


# in the order the page shows them
GROUPS = (
    Group("kind", "Type"),
    Group("category", "Category"),
    Group("area", "Area"),
    Group("audience", "Who it is for"),
    Group("age", "Age"),
    Group("cost", "Cost"),
    Group("access", "How to get it"),
    Group("day", "Open on"),
    Group("language", "Language"),
    Group("accessibility", "Accessibility"),
)
KIND_LABELS = {
    SERVICES.name: "Services",
    ORGANISATIONS.name: "Groups and organisations",
    CONSULTATIONS.name: "Consultations",
}
ACCESS_LABELS = {
    "drop-in": "Drop in",
    "appointment": "By appointment",
    "referral": "By referral",
    "self-referral": "Refer yourself",
    "online": "Online",
    "phone": "By phone",
}


def _terms(directory, vocabulary: str) -> list[tuple[str, str, str | None]]:
    """A vocabulary's terms, broader before narrower, each ``(slug, name, parent)``."""
    narrower = defaultdict(list)  # parent slug (None: the top) -> its terms, by name
    for term in sorted(directory.taxonomy[vocabulary].values(), key=by_name):
        narrower[term.parent].append(term)
    # depth first with a stack of its own, not recursion: Python's stack is no
    # limit on a vocabulary (a term in a cycle is never reached from the top)
    ordered, stack = [], narrower[None][::-1]
    while stack:
        term = stack.pop()
        ordered.append((term.slug, term.name, term.parent))
        stack += narrower.get(term.slug, [])[::-1]
    return ordered


def values(directory, group: str, entries) -> list[tuple[str, str, str | None]]:
    """``(slug, label, parent slug)`` of every value of ``group``, in the page's order."""
    if group == "kind":
        return [(k.name, KIND_LABELS[k.name], None) for k in KIND_ORDER]
    if group in ("category", "area", "audience", "accessibility"):
        vocabulary = {"category": "categories", "area": "areas", "audience": "audiences"}.get(group, group)
        return _terms(directory, vocabulary)
    if group == "cost":
        return [("free", "Free", None)]
    if group == "access":
        return [(slug, label, None) for slug, label in ACCESS_LABELS.items()]
    if group == "day":
        return [(code, name, None) for code, name in words.DAYS.items()]
    if group == "language":
        names = {}  # each language as the first service (by name) writes it
        for service in sorted(directory.services.values(), key=lambda s: s.slug):
            for lang in service.languages:
                names.setdefault(language_slug(lang), lang)
        return [(key, names[key], None) for key in sorted(names)]
    return []  # age: a number, not values


def deltas(numbers) -> list[int]:
    previous, result = -1, []
    for n in numbers:
        result.append(n - previous)
        previous = n
    return result


def group_file(directory, group: str, entries) -> dict:
    """What ``/search/facets/<group>.json`` holds (without its version)."""
    if group == "age":
        flat, previous = [], -1
        for n, entry in enumerate(entries):
            if entry.ages:
                low, high = entry.ages
                flat += [n - previous, -1 if low is None else low, -1 if high is None else high]
                previous = n
        return {"ages": flat}
    listed = values(directory, group, entries)
    index = {slug: i for i, (slug, _, _) in enumerate(listed)}
    members = [[] for _ in listed]
    everywhere = []
    for n, entry in enumerate(entries):
        have = [entry.kind] if group == "kind" else entry.facets.get(group, ())
        for value in have:
            if value in index:
                members[index[value]].append(n)
        if group == "area" and not have and "area" in entry.facets:
            everywhere.append(n)  # no areas: it serves the whole council area
    data = {
        "values": [[slug, label, index.get(parent)] for slug, label, parent in listed],
        "docs": [deltas(m) for m in members],
    }
    if group == "area":
        data["all"] = deltas(everywhere)
    return data
