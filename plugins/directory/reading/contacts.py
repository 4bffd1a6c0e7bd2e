"""How people reach an entry: contact details that look like a private person's,
and services nobody could reach.

Both give warnings, never errors: only a person can tell a volunteer's own
mobile from the group's, so the check asks for ``consent: true`` where the
owner of a number or address agreed to it being published (on the entry for
all its details, on a contact or a place written out in a service for theirs).
"""

from __future__ import annotations

import re

from ..kinds import LOCATIONS, ORGANISATIONS, SERVICES
from ..problems import ContentProblem
from .validation import field_name

# UK mobiles: 071-075 and 077-079, and the Isle of Man's 07624 (070 are
# "personal numbers" that forward anywhere and 076 pagers: neither is a mobile)
MOBILE = re.compile(r"^07(?:[1-57-9][0-9]{8}|624[0-9]{6})$")
SERVICE_LINES = {"sms", "text", "textphone", "video"}  # a number given to text or video call is a service's line
FREE_MAIL = {
    "aol.com", "aol.co.uk", "btinternet.com", "btopenworld.com", "gmail.com", "googlemail.com",
    "gmx.com", "gmx.co.uk", "hotmail.com", "hotmail.co.uk", "icloud.com", "live.com", "live.co.uk",
    "mac.com", "mail.com", "me.com", "msn.com", "ntlworld.com", "outlook.com", "outlook.co.uk",
    "proton.me", "protonmail.com", "sky.com", "talktalk.net", "tiscali.co.uk", "virginmedia.com",
    "yahoo.com", "yahoo.co.uk", "ymail.com",
}  # fmt: skip
# words of shared addresses: "youth.services@", "patient.experience@" name a role or a
# department, not a person
ROLE_WORDS = {
    "accounts", "admin", "adult", "adults", "advice", "appeals", "benefits", "bookings", "booking", "care",
    "carers", "centre", "chair", "children", "church", "club", "communities", "community", "complaints",
    "contact", "council", "courses", "customer", "customers", "digital", "enquiries", "enquiry", "events",
    "experience", "families", "family", "feedback", "finance", "general", "group", "health", "hello", "help",
    "helpline", "housing", "hub", "info", "jobs", "learning", "libraries", "library", "mail", "media",
    "members", "membership", "news", "office", "options", "parish", "parks", "patient", "patients",
    "planning", "press", "programmes", "projects", "reception", "referral", "referrals", "safeguarding",
    "school", "secretary", "service", "services", "support", "tax", "team", "training", "treasurer",
    "volunteer", "volunteers", "volunteering", "welcome", "youth",
}  # fmt: skip
NAME_SHAPED = re.compile(r"^([a-z]+)[._-]([a-z]+)$")  # firstname.lastname, f.lastname, first_last
PEOPLE_KINDS = (SERVICES, ORGANISATIONS, LOCATIONS)  # consultations are published by organisations
PRIVATE, UNREACHABLE = "private-contact", "unreachable"  # the codes of their warnings


def words_of(*texts) -> set[str]:
    """Lower-case words (letters only) of the given texts."""
    return {w for text in texts if text for w in re.findall(r"[a-z]+", str(text).lower().replace("'", ""))}


def is_mobile(number: str) -> bool:
    """A UK mobile number, however it is written (07…, +44 7…, +44 (0)7…, 0044 7…)."""
    digits = re.sub(r"[^0-9+]", "", number.replace("(0)", ""))
    digits = re.sub(r"^(?:\+|00)44", "0", digits)
    return bool(MOBILE.match(digits))


def personal_email(address: str, names: set[str], words: set[str] = frozenset(), person: str = "") -> str:
    """Why ``address`` looks like a private person's ("" when it does not).
    ``person``: the name of the contact it belongs to, if any ("deepa.rai@" of
    Deepa Rai). A shared address often repeats the entry's own ``names`` (its
    name, its organisation's, its file name: "knitandnatter@gmail.com"), a word
    of its other ``words`` ("council.tax@"), or a word of a role ("bookings@")."""
    local, _, domain = address.lower().rpartition("@")
    named = words_of(person) - ROLE_WORDS - names
    if any(len(w) >= 3 and w in local for w in named):
        return "looks like a named person's address"
    parts = [p for p in re.split(r"[^a-z]+", local) if p]
    if any(p in names or p in words or p in ROLE_WORDS for p in parts):
        return ""
    if any(len(w) >= 4 and w in local for w in names):
        return ""
    if domain in FREE_MAIL:
        return f"is a personal email service ({domain})"
    return "looks like a named person's address" if NAME_SHAPED.match(local) else ""


def _places(entry):
    """``(path, data, where consent goes)`` of each block of contact details in ``entry``."""
    d = entry.data
    yield (), d, "to the entry"
    for i, contact in enumerate(d.get("contacts", ())):
        yield ("contacts", i), contact, "to this contact"
    for i, place in enumerate(d.get("locations", ())):
        if isinstance(place, dict):
            yield ("locations", i), place, "to this place"


def private_contacts(entry) -> list[ContentProblem]:
    """Warnings for mobiles and personal email addresses published without ``consent: true``."""
    if entry.kind not in PEOPLE_KINDS or entry.data.get("consent") is True:
        return []
    d, problems = entry.data, []
    names = words_of(d.get("name"), d.get("organization"), entry.slug.replace("-", " "))
    summary = words_of(d.get("summary"))

    def warn(path, message):
        line, col = entry.marks.value(path)
        problems.append(ContentProblem(entry.source, line, col, "warning", f"{field_name(path)}: {message}", PRIVATE))

    for path, block, where in _places(entry):
        if path and block.get("consent") is True:
            continue
        for i, phone in enumerate(block.get("phones", ())):
            if is_mobile(phone["number"]) and phone.get("type") not in SERVICE_LINES:
                warn(
                    (*path, "phones", i, "number"),
                    f"{phone['number']} looks like a personal mobile number; if it is someone's own, publish it "
                    f"only with their agreement and add 'consent: true' {where}",
                )
        person = block.get("name", "") if path[:1] == ("contacts",) else ""
        own = names | words_of(block.get("name")) if path[:1] == ("locations",) else names
        why = personal_email(block["email"], own, summary, person) if "email" in block else ""
        if why:
            warn(
                (*path, "email"),
                f"{block['email']} {why}; if it is someone's own, publish it only with their agreement "
                f"and add 'consent: true' {where}",
            )
    return problems


def unreachable_service(entry) -> list[ContentProblem]:
    """A warning for a running service with no phone, email, website, contact or place."""
    d = entry.data
    if entry.kind is not SERVICES or d.get("status") in ("inactive", "defunct"):
        return []
    contacts = any("email" in c or "phones" in c for c in d.get("contacts", ()))
    if contacts or any(d.get(f) for f in ("phones", "email", "url", "locations")):
        return []
    line, col = entry.marks.value(("name",))
    message = (
        f"name: nobody could reach '{d['name']}': add a phone number (phones), an email address, "
        "a website (url), a contact (contacts) or where it happens (locations)"
    )
    return [ContentProblem(entry.source, line, col, "warning", message, UNREACHABLE)]
