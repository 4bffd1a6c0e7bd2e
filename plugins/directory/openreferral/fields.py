"""Open Referral UK objects as our fields: a service, an organisation, a place.

The mapping is the export's (``export.py``) read backwards; docs/open-referral.md
has the table and what neither side can carry. Values of the wrong type are
ignored with a warning; a value in the wrong form is passed on, for the
reader's own checks to explain. Taxonomy terms are found in the content
folder's own taxonomy (by code, slug or name) and never made up: one that is
not there is reported and left out.
"""

from __future__ import annotations

import math
import re

from ..importing.text import clock, day, lines, summary_from, tidy_postcode
from ..reading.schemas import inlined
from .export import FREE

# our words, from the service schema; and Open Referral's words for some of them
_FIELDS = inlined("service")["properties"]
ACCESS = tuple(_FIELDS["how_to_access"]["items"]["enum"])
PHONE_TYPES = {k: k for k in _FIELDS["phones"]["items"]["properties"]["type"]["enum"]} | {"cell": "voice"}
ATTENDING = {k: k for k in _FIELDS["schedules"]["items"]["properties"]["attending_type"]["enum"]} | {
    "in-person": "in person"
}
# identifier_scheme (org-id.guide) or identifier_type -> ours
IDENTIFIERS = {
    "gb-chc": "charity number",
    "gb-coh": "company number",
    "gb-sc": "scottish charity number",
    "gb-mpr": "mutual society number",
    "charity number": "charity number",
    "registered charity number": "charity number",
    "company number": "company number",
    "scottish charity number": "scottish charity number",
    "mutual society number": "mutual society number",
}


class Reader:
    """Reads the values of Open Referral objects for one draft, noting on it
    what does not fit; ``terms`` are the content folder's (importing.drafts.Terms)."""

    def __init__(self, draft, terms, terms_by_id: dict):
        self.draft, self.terms, self.terms_by_id = draft, terms, terms_by_id

    def value(self, obj: dict, key: str, kinds, what: str):
        value = obj.get(key) if isinstance(obj, dict) else None
        if value is None or value == "":
            return None
        if isinstance(value, bool) or not isinstance(value, kinds):
            self.draft.warn(f"{key} is not {what}; it is ignored")
            return None
        return value

    def text(self, obj: dict, key: str) -> str | None:
        """A short value (surrounding spaces taken off)."""
        value = self.value(obj, key, (str, int, float), "text")
        return (lines(str(value)).strip() or None) if value is not None else None

    def long_text(self, obj: dict, key: str) -> str | None:
        """Text that may run over lines (Markdown), kept as it is."""
        value = self.value(obj, key, (str,), "text")
        if value is None or not value.strip():
            return None
        value = lines(value)
        return value if "\n" in value.rstrip("\n") else value.strip()

    def number(self, obj: dict, key: str):
        value = self.value(obj, key, (int, float, str), "a number")
        if isinstance(value, str):
            try:
                value = float(value) if "." in value else int(value)
            except ValueError:
                self.draft.warn(f"{key} is not a number; it is ignored")
                return None
        if isinstance(value, float) and not math.isfinite(value):
            return None
        return value

    def whole(self, obj: dict, key: str):
        value = self.number(obj, key)
        return int(value) if isinstance(value, float) and value.is_integer() else value

    def items(self, obj: dict, key: str) -> list[dict]:
        value = self.value(obj, key, (list,), "a list")
        return [item for item in value or () if isinstance(item, dict)]

    # --- taxonomy terms ------------------------------------------------------------------

    def attributes(self, obj: dict) -> dict[str, list[str]]:
        """The terms of an object's attributes, by vocabulary: ``{"categories": [...]}``."""
        found: dict[str, list[str]] = {}
        for attribute in self.items(obj, "attributes"):
            term = attribute.get("taxonomy_term")
            if not isinstance(term, dict):
                term = self.terms_by_id.get(attribute.get("taxonomy_term_id"))
            if not isinstance(term, dict):
                self.draft.warn("an attribute names no taxonomy term; it is left out")
                continue
            hint = term.get("taxonomy") if isinstance(term.get("taxonomy"), str) else None
            words = [term.get(k) for k in ("code", "term", "name")]
            match = self.terms.find_any(hint, *words)
            if match is None:
                name = next((w for w in words[::-1] if isinstance(w, str) and w.strip()), "(no name)")
                where = f" (taxonomy {hint!r})" if hint else ""
                self.draft.warn(f"the taxonomy term {name!r}{where} is not in content/taxonomy/; it is left out")
                continue
            vocabulary, slug = match
            if slug not in found.setdefault(vocabulary, []):
                found[vocabulary].append(slug)
        return found

    def areas(self, service: dict, found: list[str]) -> list[str]:
        return self.known_terms(service, "service_areas", ("service_area", "name"), ("areas", "service area"), found)

    def known_terms(self, obj: dict, key: str, names: tuple, terms: tuple[str, str], found: list[str]) -> list[str]:
        """The slugs that ``obj[key]``'s items name (by any of ``names``) in the vocabulary
        ``terms`` = (vocabulary, what one is called), added to ``found``; an item that
        matches no term is reported and left out."""
        vocabulary, what = terms
        for item in self.items(obj, key):
            words = tuple(self.text(item, name) for name in names)
            slug = self.terms.find(vocabulary, *words)
            if slug is None:
                name = next((w for w in words if w), "(no name)")
                where = f"content/taxonomy/{vocabulary}.yaml"
                self.draft.warn(f"the {what} {name[:80]!r} is not in {where}; it is left out")
            elif slug not in found:
                found.append(slug)
        return found

    # --- parts ---------------------------------------------------------------------------

    def phones(self, obj: dict) -> list[dict]:
        found = []
        for phone in self.items(obj, "phones"):
            kind = (self.text(phone, "type") or "").lower()
            if kind and kind not in PHONE_TYPES:
                self.draft.warn(f"the phone type {kind!r} is not one of ours; it is left out")
            found.append(
                {
                    "number": self.text(phone, "number"),
                    "extension": self.text(phone, "extension"),
                    "type": PHONE_TYPES.get(kind),
                    "description": self.text(phone, "description"),
                }
            )
        return found

    def schedule(self, x: dict) -> dict:
        out = {
            "freq": (self.text(x, "freq") or "").upper() or None,
            "interval": None if (every := self.whole(x, "interval")) == 1 else every,  # 1 is ours by default
            "byday": re.sub(r"\s+", "", (self.text(x, "byday") or "").upper()) or None,
            "bymonthday": re.sub(r"\s+", "", self.text(x, "bymonthday") or "") or None,
            "dtstart": self.date_of(x, "dtstart"),
            "valid_from": self.date_of(x, "valid_from"),
            "valid_to": self.date_of(x, "valid_to"),
            "description": self.text(x, "description"),
            "notes": self.text(x, "notes"),
        }
        for key in ("opens_at", "closes_at"):
            raw = self.text(x, key)
            out[key] = clock(raw) or raw if raw else None
        attending = self.text(x, "attending_type")
        if attending and attending.lower() not in ATTENDING:
            self.draft.warn(f"attending_type {attending!r} is not in person, online or phone; it is left out")
        out["attending_type"] = ATTENDING.get((attending or "").lower())
        if out["freq"] != "MONTHLY" and out["bymonthday"]:
            self.draft.warn(f"bymonthday {out['bymonthday']!r} is left out: days of the month need freq MONTHLY")
            out["bymonthday"] = None
        if bool(out["opens_at"]) != bool(out["closes_at"]):
            self.draft.warn("a schedule has only one of opens_at and closes_at; its times are left out")
            out["opens_at"] = out["closes_at"] = None
        elif clock(out["opens_at"] or "") and clock(out["closes_at"] or "") and out["closes_at"] <= out["opens_at"]:
            times = f"{out['opens_at']} to {out['closes_at']}"
            self.draft.warn(f"a schedule's times ({times}) do not close after they open; they are left out")
            out["opens_at"] = out["closes_at"] = None
        return out

    def date_of(self, obj: dict, key: str) -> str | None:
        raw = self.text(obj, key)
        return (day(raw) or raw) if raw else None

    def costs(self, service: dict) -> tuple[bool | None, list[dict]]:
        """``(free, cost_options)``: the export's "Free" option of 0 is ``free: true``."""
        free, found = None, []
        for c in self.items(service, "cost_options"):
            option = {
                "option": self.text(c, "option"),
                "amount": self.number(c, "amount"),
                "amount_description": self.text(c, "amount_description"),
                "valid_from": self.date_of(c, "valid_from"),
                "valid_to": self.date_of(c, "valid_to"),
            }
            if option["option"] == FREE and option["amount"] == 0 and not any(option[k] for k in list(option)[2:]):
                free = True
            else:
                found.append(option)
        return free, found

    def contacts(self, service: dict) -> list[dict]:
        return [
            {
                "name": self.text(c, "name"),
                "title": self.text(c, "title"),
                "department": self.text(c, "department"),
                "email": self.text(c, "email"),
                "phones": self.phones(c),
            }
            for c in self.items(service, "contacts")
        ]

    def languages(self, service: dict) -> list[str]:
        found = []
        for language in self.items(service, "languages"):
            name = self.text(language, "name")
            if name is None:
                self.draft.warn("a language with no name is left out")
            elif name not in found:
                found.append(name)
        return found

    def identifiers(self, org: dict) -> list[dict]:
        found = []
        for i in self.items(org, "organization_identifiers"):
            keys = [(self.text(i, k) or "").lower() for k in ("identifier_scheme", "identifier_type")]
            kind = next((IDENTIFIERS[k] for k in keys if k in IDENTIFIERS), "other")
            found.append({"identifier_type": kind, "identifier": self.text(i, "identifier")})
        return found

    def how_to_access(self, service: dict) -> list[str]:
        value = service.get("how_to_access")
        words = [w for w in value if isinstance(w, str)] if isinstance(value, list) else []
        for word in words:
            if word not in ACCESS:
                self.draft.warn(f"how_to_access {word!r} is not one of {', '.join(ACCESS)}; it is left out")
        return [w for w in dict.fromkeys(words) if w in ACCESS]

    def summary(self, description: str | None) -> str | None:
        return summary_from(description) if description else None

    def postcode(self, text: str | None) -> str | None:
        return tidy_postcode(text) if text else None
