"""How people reach an entry: contact details that look like a private person's,
and services nobody could reach.

Only a person can tell a volunteer's own mobile from the group's, so the check
asks for ``consent: true`` where the owner of a number or address agreed to it
being published (on the entry for all its details, on a contact or a place
written out in a service for theirs). Its findings are warnings, or errors
that stop the build when the council's ``private_contacts`` setting says
``error``. Services nobody could reach are always warnings; ``make report``
lists the same services, by the same rule (``nobody_can_reach``).

What is read: phone numbers (any ``type`` but textphone and video relay lines,
which are services'), email addresses, ``mailto:`` and ``tel:`` web addresses,
and the numbers and addresses written in the entry's text (descriptions,
eligibility, a consultation's text, outcome and ``how_to_respond``). Only
mobiles count as personal numbers: a switchboard, 0800, 0300 or 01632 number
is never one.
"""

from __future__ import annotations

import re

from ..kinds import CONSULTATIONS, LOCATIONS, ORGANISATIONS, SERVICES
from ..problems import ContentProblem
from .validation import field_name

# UK mobiles: 071-075 and 077-079, and the Isle of Man's 07624 (070 are
# "personal numbers" that forward anywhere and 076 pagers: neither is a mobile)
MOBILE = re.compile(r"^07(?:[1-57-9][0-9]{8}|624[0-9]{6})$")
# relay (textphone) and video lines are a service's; a mobile given for texts
# (sms, text) is as much a person's own as one given for calls
SERVICE_LINES = {"textphone", "video"}
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
# consultations are published by organisations, but their ways to respond name people too
PEOPLE_KINDS = (SERVICES, ORGANISATIONS, LOCATIONS, CONSULTATIONS)
PRIVATE, UNREACHABLE = "private-contact", "unreachable"  # the codes of their warnings
# fields of free text (Markdown or plain) where a number or an address may be written out
TEXT_FIELDS = {
    "alert", "description", "eligibility", "fees", "notes", "outcome", "place", "postal", "summary", "transportation",
}  # fmt: skip
# a run of digits as people write a phone number (+44 (0)7700 900-123), and an email address
PHONE_IN_TEXT = re.compile(r"(?<![\w+(])[+(]*[0-9][0-9 ().\u00a0-]*[0-9](?![0-9])")
EMAIL_IN_TEXT = re.compile(r"(?<![\w.+'-])[A-Za-z0-9][\w.+'-]{0,63}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
MOBILE_WHY = "looks like a personal mobile number"


def words_of(*texts) -> set[str]:
    """Lower-case words (letters only) of the given texts."""
    return {w for text in texts if text for w in re.findall(r"[a-z]+", str(text).lower().replace("'", ""))}


def national(number: str) -> str:
    """A number's digits as dialled in the UK (07700900123), however it is written:
    +44 or 0044 with or without the trunk 0 (+44 (0)7700…, +44 07700…), spaces,
    dashes, dots and brackets, or the leading 0 left off (7700 900123). Another
    country's number keeps its + (+33612345678)."""
    digits = re.sub(r"[^0-9]", "", number)
    if re.match(r"[\s(]*(\+|00)", number) or (len(digits) in (12, 13) and digits.startswith("44")):
        digits = digits.removeprefix("00")
        if not digits.startswith("44"):
            return f"+{digits}"
        digits = digits.removeprefix("44")
    return digits if digits.startswith("0") else f"0{digits}"


def is_mobile(number: str) -> bool:
    """A UK mobile number, however it is written (see :func:`national`)."""
    return bool(MOBILE.fullmatch(national(number)))


def personal_email(address: str, names: set[str], words: set[str] = frozenset(), person: str = "") -> str:
    """Why ``address`` looks like a private person's ("" when it does not).
    ``person``: the name of the contact it belongs to, if any ("deepa.rai@" of
    Deepa Rai). A shared address often repeats the entry's own ``names`` (its
    name, its organisation's, its file name: "knitandnatter@gmail.com"), a word
    of its other ``words`` ("council.tax@"), or a word of a role ("bookings@").
    A role word added to a person's name at a personal email service does not
    make it shared ("jane.smith.help@gmail.com" is Jane Smith's account); at the
    group's own domain it does ("food.safety.team@")."""
    local, _, domain = address.lower().rpartition("@")
    named = words_of(person) - ROLE_WORDS - names
    if any(len(w) >= 3 and w in local for w in named):
        return "looks like a named person's address"
    parts = [p for p in re.split(r"[^a-z]+", local) if p]
    if any(p in names for p in parts) or any(len(w) >= 4 and w in local for w in names):
        return ""
    rest = [p for p in parts if p not in words and p not in ROLE_WORDS]
    if rest != parts:
        return "looks like a named person's address" if domain in FREE_MAIL and len(rest) == 2 else ""
    if domain in FREE_MAIL:
        return f"is a personal email service ({domain})"
    return "looks like a named person's address" if NAME_SHAPED.fullmatch(local) else ""


def _blocks(entry):
    """``(path, data, where consent goes)`` of each block of contact details in ``entry``."""
    d = entry.data
    yield (), {k: v for k, v in d.items() if k not in ("contacts", "locations")}, "to the entry"
    for i, contact in enumerate(d.get("contacts", ())):
        yield ("contacts", i), contact, "to this contact"
    for i, place in enumerate(d.get("locations", ())):
        if isinstance(place, dict):
            yield ("locations", i), place, "to this place"


def _strings(data, path=()):
    """``(path, value, the object holding it)`` of every string in ``data``, in order."""
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        if isinstance(value, str):
            yield (*path, key), value, data
        else:
            yield from _strings(value, (*path, key))


class _Finder:
    """What in one entry looks like a private person's contact details."""

    def __init__(self, entry):
        d = entry.data
        self.names = words_of(d.get("name") or d.get("title"), d.get("organization"), entry.slug.replace("-", " "))
        self.summary = d.get("summary") or ""

    def email(self, address: str, block_path: tuple, block: dict) -> str:
        person = block.get("name", "") if block_path[:1] == ("contacts",) else ""
        own = self.names | words_of(block.get("name")) if block_path[:1] == ("locations",) else self.names
        # the summary's words, but not those of the address itself when the summary gives it
        return personal_email(address, own, words_of(self.summary.replace(address, " ")), person)

    def found(self, path: tuple, value: str, holder: dict, block_path: tuple, block: dict):
        """``(what, why)`` for each personal-looking detail in the string at ``path``."""
        key = next((p for p in reversed(path) if isinstance(p, str)), "")
        if key == "number" and path[-3:-2] == ("phones",):
            if holder.get("type") not in SERVICE_LINES and is_mobile(value):
                yield value, MOBILE_WHY
        elif key == "email" or (key == "url" and value.lower().startswith("mailto:")):
            address = value[7:] if key == "url" else value
            why = self.email(address, block_path, block)
            if why:
                yield value, why
        elif key == "url" and value.lower().startswith("tel:") and is_mobile(value[4:]):
            yield value, MOBILE_WHY
        elif key in TEXT_FIELDS:
            yield from self.in_text(value, block_path, block)

    def in_text(self, text: str, block_path: tuple = (), block: dict | None = None):
        for match in PHONE_IN_TEXT.finditer(text):
            for number in _mobiles(match.group()):
                yield number, MOBILE_WHY
        for match in EMAIL_IN_TEXT.finditer(text):
            why = self.email(match.group(), block_path, block or {})
            if why:
                yield match.group(), why


def _mobiles(run: str):
    """The mobile numbers in a run of digits and spaces: one number, or several
    side by side ("07700 900123 07700 900456"), each written in at most 5 groups."""
    if is_mobile(run):
        yield run
        return
    groups = [(m.start(), m.end(), sum(c.isdigit() for c in m.group())) for m in re.finditer(r"\S+", run)]
    i = 0
    while i < len(groups):
        end, digits = None, 0
        for j in range(i, min(len(groups), i + 5)):
            digits += groups[j][2]
            if 10 <= digits <= 13 and is_mobile(run[groups[i][0] : groups[j][1]]):
                end = j  # the longest that is one
        if end is not None:
            yield run[groups[i][0] : groups[end][1]]
        i = i + 1 if end is None else end + 1


AGREED = "publish it only with their agreement and add 'consent: true'"


def private_contacts(entry, severity: str = "warning") -> list[ContentProblem]:
    """Mobiles and personal email addresses published without ``consent: true``:
    problems of ``severity`` (the ``private_contacts`` setting)."""
    if entry.kind not in PEOPLE_KINDS or entry.data.get("consent") is True:
        return []
    finder, problems = _Finder(entry), []

    def add(line, col, field, what, why, where):
        message = f"{field}: {what} {why}; if it is someone's own, {AGREED} {where}"
        problems.append(ContentProblem(entry.source, line, col, severity, message, PRIVATE))

    for block_path, block, where in _blocks(entry):
        if block_path and block.get("consent") is True:
            continue
        for path, value, holder in _strings(block, block_path):
            for what, why in finder.found(path, value, holder, block_path, block):
                add(*entry.marks.value(path), field_name(path), what, why, where)
    for n, text in enumerate(entry.body.split("\n"), start=1):  # a page's or consultation's text
        for what, why in finder.in_text(text):
            add(*entry.marks.value(()), f"the text (its line {n})", what, why, "to the entry")
    return problems


def _field(item, name: str):
    """A field of an entry's data as written (a dict) or of its model object."""
    return item.get(name) if isinstance(item, dict) else getattr(item, name, None)


def nobody_can_reach(service) -> bool:
    """The one rule for a service nobody could reach, for ``make validate``'s warning
    and ``make report``'s list alike: it is running (not inactive or defunct) and has
    no phone, email, website, place (locations) or contact with a phone or an email.
    ``service`` is a service's data as written, or its model object (model.Service)."""
    if _field(service, "status") in ("inactive", "defunct"):
        return False
    contacts = any(_field(c, "email") or _field(c, "phones") for c in _field(service, "contacts") or ())
    return not (contacts or any(_field(service, f) for f in ("phones", "email", "url", "locations")))


def unreachable_service(entry) -> list[ContentProblem]:
    """A warning for a running service nobody could reach (``nobody_can_reach``)."""
    d = entry.data
    if entry.kind is not SERVICES or not nobody_can_reach(d):
        return []
    line, col = entry.marks.value(("name",))
    message = (
        f"name: nobody could reach '{d['name']}': add a phone number (phones), an email address, "
        "a website (url), a contact (contacts) or where it happens (locations)"
    )
    return [ContentProblem(entry.source, line, col, "warning", message, UNREACHABLE)]
