"""The checks of each DIRECTORY value on its own; every problem is collected
(settings_problems.Problems), with the help a person needs to put it right."""

from __future__ import annotations

import colorsys
import math
import re
import uuid
from dataclasses import fields
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .reading.characters import is_one_line, unprintable_words
from .reading.schemas import is_email
from .settings_problems import Problems

# the largest value each number may take: beyond these a setting is a mistake
# (and max_file_bytes bounds how long one file can take to read)
MAXIMUM = {
    "stale_after_days": 3650,
    "closing_soon_days": 365,
    "recent_count": 100,
    "page_size": 1000,
    "max_file_bytes": 2_000_000,
    "postcode_file_max_bytes": 100_000_000,  # the whole UK's postcodes with three columns: about 75 MB
}
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
_SITE_URL = re.compile(r"https?://[A-Za-z0-9.-]+(:\d+)?(/[A-Za-z0-9._~/-]*)?")
_REPOSITORY = re.compile(r"^https://[A-Za-z0-9.-]+(:\d+)?(/[A-Za-z0-9._-]+){2,}$")
_BRANCH = re.compile(r"^(?!/)(?!.*\.\.)[A-Za-z0-9._/-]{1,100}(?<![/.])$")
_CONTENT_PATH = re.compile(r"^(?!.*(^|/)\.\.?(/|$))[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$")
# "@user" or "@organisation/team": GitHub's user names (GitLab's may hold . and _ too)
HANDLE = re.compile(r"^@[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,38})(?:/[A-Za-z0-9][A-Za-z0-9_.-]{0,99})?$")
# a path on this site, no "." or ".." part (it names a file in a folder of the site's)
_SITE_PATH = re.compile(r"^/(?![/\\])(?!.*(^|/)\.\.?(/|$))[A-Za-z0-9._~/-]*$")
_AUTH_URL = re.compile(r"^https://[A-Za-z0-9.-]+(:\d+)?$")
_LOCAL_BACKEND = re.compile(r"^http://(127\.0\.0\.1|localhost):\d{1,5}/api/v1$")
_POSTCODE_FILE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}\.csv")
WCAG_AA = 4.5  # the contrast normal-size text needs (WCAG 2.2 AA)
NEW_UUID = 'python3 -c "import uuid; print(uuid.uuid4())"'


def contrast_with_white(hex_colour: str) -> float:
    """WCAG contrast ratio of white text on ``hex_colour``."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (luminance + 0.05)


def darker_shade(hex_colour: str) -> str:
    """The lightest shade of ``hex_colour``'s hue (HLS lightness lowered a
    step at a time) that white text can be read on; black at the very end."""
    red, green, blue = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    hue, lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
    while lightness > 0:
        lightness = max(0.0, lightness - 0.005)
        shade = "#" + "".join(f"{round(c * 255):02x}" for c in colorsys.hls_to_rgb(hue, lightness, saturation))
        if contrast_with_white(shade) >= WCAG_AA:
            return shade
    return "#000000"


def ratio_words(ratio: float) -> str:
    """'2.9:1': rounded down, so a ratio short of 4.5 never reads as 4.5."""
    return f"{math.floor(ratio * 10) / 10:.1f}:1"


def check_one_line(s, found: Problems) -> None:
    """Every text setting is one line: a line break would end up in a header, an
    address or CODEOWNERS, and an invisible character hides in what people see."""
    for f in fields(s):
        value = getattr(s, f.name)
        for text in value if isinstance(value, tuple) else (value,):
            if isinstance(text, str) and not is_one_line(text):
                words = unprintable_words(text)
                found.add(f.name, f"DIRECTORY {f.name} must be one line of plain text, but has {words}")


def check_values(s, found: Problems) -> None:
    """Each value's own check; a key already found wrong is not checked again."""
    checks = {
        **{name: _name_check(name) for name in ("council_name", "site_name", "logo_alt")},
        "brand_colour": _brand_colour,
        "site_url": _site_url,
        "logo": _site_path("logo"),
        "share_image": _site_path("share_image"),
        "contact_email": _contact_email,
        "id_namespace": _id_namespace,
        "timezone": _timezone,
        "repository_url": _repository_url,
        "repository_branch": _repository_branch,
        "repository_content_path": _content_path,
        "maintainers": _maintainers,
        "cms_auth_url": _cms_auth_url,
        "cms_local_backend": _cms_local_backend,
        "postcode_file": _postcode_file,
        "private_contacts": _private_contacts,
        **{name: _number(name, maximum) for name, maximum in MAXIMUM.items()},
    }
    for key, check in checks.items():
        if not found.has(key):
            message = check(getattr(s, key))
            if message:
                found.add(key, message)


def _name_check(name: str):
    def check(value: str) -> str | None:
        if (name != "logo_alt" and not value.strip()) or len(value) > 200:  # one line: check_one_line
            return f"DIRECTORY {name} must be a name of at most 200 characters"
        return None

    return check


def _brand_colour(value: str) -> str | None:
    if not _HEX.fullmatch(value):
        return f"DIRECTORY brand_colour must be a colour like '#1d70b8', not {value!r}"
    ratio = contrast_with_white(value)
    if ratio < WCAG_AA:
        return (
            f"DIRECTORY brand_colour {value} is too light for white text: its contrast is "
            f"{ratio_words(ratio)}, and WCAG 2.2 AA needs {WCAG_AA}:1; a darker shade of the same colour, "
            f"{darker_shade(value)}, has enough"
        )
    return None


def _site_url(value: str) -> str | None:
    if not _SITE_URL.fullmatch(value) or value.endswith("/"):
        return (
            "DIRECTORY site_url must be the site's address without a trailing slash, "
            "like 'https://directory.example.org'"
        )
    return None


def _site_path(name: str):
    def check(value: str) -> str | None:
        if value and not _SITE_PATH.fullmatch(value):
            return (
                f"DIRECTORY {name} must be a path on this site, like '/images/logo.svg' (a file in the content "
                "folder's images/): an image from another site would make every resident's browser contact it"
            )
        return None

    return check


def _contact_email(value: str) -> str | None:
    if value and not is_email(value):
        return f"DIRECTORY contact_email {value!r} is not an email address like 'hello@example.org'"
    return None


def _id_namespace(value: str) -> str | None:
    try:
        uuid.UUID(value)
    except ValueError:
        return (
            f"DIRECTORY id_namespace must be a UUID, not {value!r}: make one with {NEW_UUID}, "
            "put it here, and never change it afterwards (every public id in the open data is made from it)"
        )
    return None


def _timezone(value: str) -> str | None:
    try:
        ZoneInfo(value)
    except (ValueError, ZoneInfoNotFoundError):
        return f"DIRECTORY timezone {value!r} is not a time zone; use a name like 'Europe/London'"
    return None


def _repository_url(value: str) -> str | None:
    if value and not _REPOSITORY.fullmatch(value):
        return (
            "DIRECTORY repository_url must be the repository's https address without a trailing slash, "
            "like 'https://github.com/millbrook/directory'"
        )
    return None


def _repository_branch(value: str) -> str | None:
    return None if _BRANCH.fullmatch(value) else "DIRECTORY repository_branch must be a branch name like 'main'"


def _content_path(value: str) -> str | None:
    if not _CONTENT_PATH.fullmatch(value):
        return (
            "DIRECTORY repository_content_path must be the content folder's path inside the repository, "
            "like 'content' or 'site/content'"
        )
    return None


def _maintainers(handles: tuple) -> str | None:
    """Git host handles as CODEOWNERS writes them, each once."""
    for handle in handles:
        if not isinstance(handle, str) or not HANDLE.fullmatch(handle):
            return f"DIRECTORY maintainers: {handle!r} is not a Git host handle; write '@user' or '@organisation/team'"
    if len(set(handles)) != len(handles) or len(handles) > 20:
        return "DIRECTORY maintainers must name each handle once, at most 20 of them"
    return None


def _cms_auth_url(value: str) -> str | None:
    if value and not _AUTH_URL.fullmatch(value):
        return (
            "DIRECTORY cms_auth_url must be the https address of the sign-in service without a path, "
            "like 'https://auth.millbrook.example'"
        )
    return None


def _cms_local_backend(value: str) -> str | None:
    if value and not _LOCAL_BACKEND.fullmatch(value):
        return (
            "DIRECTORY cms_local_backend must be Decap's local backend on this machine, "
            "like 'http://127.0.0.1:8081/api/v1' (make cms sets it)"
        )
    return None


def _postcode_file(value: str) -> str | None:
    if value and not _POSTCODE_FILE.fullmatch(value):
        return (
            "DIRECTORY postcode_file must be the name of a .csv file at the top of the content folder, "
            "like 'postcodes.csv'"
        )
    return None


def _private_contacts(value: str) -> str | None:
    if value not in ("warning", "error"):
        return f"DIRECTORY private_contacts must be 'warning' or 'error', not {value!r}"
    return None


def _number(name: str, maximum: int):
    def check(value: int) -> str | None:
        return None if 1 <= value <= maximum else f"DIRECTORY {name} must be from 1 to {maximum:,}"

    return check
