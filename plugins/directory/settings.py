"""The plugin's settings: one ``DIRECTORY`` dict, validated at start-up.

Pelican settings are a plain dict; the directory's own live in
``DIRECTORY = {...}`` and are turned into a frozen dataclass here, so a typo or
a bad value stops the build before anything is read, with a clear message.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, fields
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .problems import DirectoryError, did_you_mean
from .reading.characters import is_one_line, unprintable_words
from .reading.schemas import is_email


class SettingsError(DirectoryError):
    """A DIRECTORY setting is wrong."""


@dataclass(frozen=True)
class DirectorySettings:
    council_name: str = "Your Council"
    site_name: str = "Community Directory"
    site_url: str = "http://localhost:8000"
    logo: str = ""
    logo_alt: str = ""
    # The picture share previews show (Open Graph): a PNG or JPEG path on this site.
    share_image: str = ""
    brand_colour: str = "#1d70b8"
    contact_email: str = ""
    # The Git repository the content is kept in, on GitHub (or GitLab), e.g.
    # https://github.com/millbrook/directory: the entry pages' edit and suggest
    # links, the web editor and CODEOWNERS are made from it, never from the folder
    # the build runs in.
    repository_url: str = ""
    repository_branch: str = "main"
    # Where the content folder is inside that repository: entries' files are
    # named from it in links and in CODEOWNERS (repository.py).
    repository_content_path: str = "content"
    # Git host handles of the council's maintainers ("@user" or "@org/team"):
    # they own every entry no group owns, and review the rest too (ownership.py).
    maintainers: tuple[str, ...] = ()
    # The web editor (/admin/, Decap CMS): the OAuth service that signs editors in
    # to the Git host (Decap's base_url; empty: Netlify's, for sites it hosts), and
    # Decap's local backend, which only `make cms` sets (docs/cms.md).
    cms_auth_url: str = ""
    cms_local_backend: str = ""
    # UUIDv5 namespace of the public ids: keep it for the life of the site,
    # or every id in the open data changes.
    id_namespace: str = "6f1d3a54-8b1c-5d6e-9a0f-2c4b7e8d9f10"
    stale_after_days: int = 365
    closing_soon_days: int = 14
    recent_count: int = 6
    page_size: int = 50  # entries on one page of a category or area
    max_file_bytes: int = 500_000  # an entry is a few KB; a large taxonomy a few hundred
    # A CSV of postcodes with their latitude and longitude, in the content
    # folder (an ONS Postcode Directory or Code-Point Open extract): "near me".
    postcode_file: str = ""
    # every build reads the postcode file, a pull request's too: a larger one is refused
    postcode_file_max_bytes: int = 50_000_000
    timezone: str = "Europe/London"
    # A phone number or email address that looks like a private person's, published
    # without consent: true (reading/contacts.py): "warning", or "error" to stop the build.
    private_contacts: str = "warning"

    @property
    def namespace(self) -> uuid.UUID:
        return uuid.UUID(self.id_namespace)


_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def _contrast_with_white(hex_colour: str) -> float:
    """WCAG contrast ratio of white text on ``hex_colour``."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (luminance + 0.05)


def directory_settings(pelican_settings: dict) -> DirectorySettings:
    """The validated ``DIRECTORY`` settings of a Pelican settings dict: parsed
    the first time they are asked for (at start-up) and kept in the dict."""
    parsed = pelican_settings.get("DIRECTORY_SETTINGS")
    if not isinstance(parsed, DirectorySettings):
        parsed = parse_settings(pelican_settings.get("DIRECTORY"))
        pelican_settings["DIRECTORY_SETTINGS"] = parsed
    return parsed


# settings an older pelicanconf.py may still hold, and what replaced them
_RETIRED = {
    "suggest_change_url": "the entry pages' edit and suggest links are made from repository_url and "
    "repository_branch; remove it",
}


def parse_settings(raw: dict | None) -> DirectorySettings:
    """Validate the ``DIRECTORY`` dict; raise :class:`SettingsError` if wrong."""
    raw = dict(raw or {})
    known = {f.name: f for f in fields(DirectorySettings)}
    for key in raw:
        if key in _RETIRED:
            raise SettingsError(f"DIRECTORY setting {key!r} is no longer used: {_RETIRED[key]}")
        if key not in known:
            raise SettingsError(f"DIRECTORY setting {key!r} is not known{did_you_mean(key, known)}")
    for key, value in raw.items():
        default = known[key].default
        if type(default) is tuple and type(value) is list:  # a list is how people write one
            value = raw[key] = tuple(value)
        if type(value) is not type(default):
            wanted = "a list" if type(default) is tuple else type(default).__name__
            raise SettingsError(f"DIRECTORY setting {key!r} should be {wanted}, not {type(value).__name__}")
    settings = DirectorySettings(**raw)
    _check_one_line(settings)
    _check_values(settings)
    return settings


# the largest value each number may take: beyond these a setting is a mistake
# (and max_file_bytes bounds how long one file can take to read)
_MAXIMUM = {
    "stale_after_days": 3650,
    "closing_soon_days": 365,
    "recent_count": 100,
    "page_size": 1000,
    "max_file_bytes": 2_000_000,
    "postcode_file_max_bytes": 100_000_000,  # the whole UK's postcodes with three columns: about 75 MB
}
_REPOSITORY = re.compile(r"^https://[A-Za-z0-9.-]+(:\d+)?(/[A-Za-z0-9._-]+){2,}$")
_BRANCH = re.compile(r"^(?!/)(?!.*\.\.)[A-Za-z0-9._/-]{1,100}(?<![/.])$")
_CONTENT_PATH = re.compile(r"^(?!.*(^|/)\.\.?(/|$))[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$")
# "@user" or "@organisation/team": GitHub's user names (GitLab's may hold . and _ too)
HANDLE = re.compile(r"^@[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,38})(?:/[A-Za-z0-9][A-Za-z0-9_.-]{0,99})?$")
_SITE_PATH = re.compile(r"^/(?![/\\])[A-Za-z0-9._~/-]*$")
_AUTH_URL = re.compile(r"^https://[A-Za-z0-9.-]+(:\d+)?$")
_LOCAL_BACKEND = re.compile(r"^http://(127\.0\.0\.1|localhost):\d{1,5}/api/v1$")


def _check_one_line(s: DirectorySettings) -> None:
    """Every text setting is one line: a line break would end up in a header, an
    address or CODEOWNERS, and an invisible character hides in what people see."""
    for f in fields(s):
        value = getattr(s, f.name)
        for text in value if isinstance(value, tuple) else (value,):
            if isinstance(text, str) and not is_one_line(text):
                raise SettingsError(
                    f"DIRECTORY {f.name} must be one line of plain text, but has {unprintable_words(text)}"
                )


def _check_values(s: DirectorySettings) -> None:
    for name in ("council_name", "site_name", "logo_alt"):
        value = getattr(s, name)
        if (name != "logo_alt" and not value.strip()) or len(value) > 200:  # one line: _check_one_line
            raise SettingsError(f"DIRECTORY {name} must be a name of at most 200 characters")
    if not _HEX.fullmatch(s.brand_colour):
        raise SettingsError("DIRECTORY brand_colour must be a colour like '#1d70b8'")
    if _contrast_with_white(s.brand_colour) < 4.5:
        raise SettingsError(
            f"DIRECTORY brand_colour {s.brand_colour} is too light for white text "
            "(WCAG 2.2 AA needs a contrast of 4.5:1); choose a darker shade"
        )
    if not re.fullmatch(r"https?://[A-Za-z0-9.-]+(:\d+)?(/[A-Za-z0-9._~/-]*)?", s.site_url) or s.site_url.endswith("/"):
        raise SettingsError(
            "DIRECTORY site_url must be the site's address without a trailing slash, "
            "like 'https://directory.example.org'"
        )
    for name in ("logo", "share_image"):
        if getattr(s, name) and not _SITE_PATH.fullmatch(getattr(s, name)):
            raise SettingsError(
                f"DIRECTORY {name} must be a path on this site, like '/theme/images/logo.svg': an image from "
                "another site would make every resident's browser contact it"
            )
    if s.contact_email and not is_email(s.contact_email):
        raise SettingsError(
            f"DIRECTORY contact_email {s.contact_email!r} is not an email address like 'hello@example.org'"
        )
    try:
        uuid.UUID(s.id_namespace)
    except ValueError:
        raise SettingsError("DIRECTORY id_namespace must be a UUID") from None
    try:
        ZoneInfo(s.timezone)
    except (ValueError, ZoneInfoNotFoundError):
        raise SettingsError(
            f"DIRECTORY timezone {s.timezone!r} is not a time zone; use a name like 'Europe/London'"
        ) from None
    if s.repository_url and not _REPOSITORY.fullmatch(s.repository_url):
        raise SettingsError(
            "DIRECTORY repository_url must be the repository's https address without a trailing slash, "
            "like 'https://github.com/millbrook/directory'"
        )
    if not _BRANCH.fullmatch(s.repository_branch):
        raise SettingsError("DIRECTORY repository_branch must be a branch name like 'main'")
    if not _CONTENT_PATH.fullmatch(s.repository_content_path):
        raise SettingsError(
            "DIRECTORY repository_content_path must be the content folder's path inside the repository, "
            "like 'content' or 'site/content'"
        )
    _check_handles(s.maintainers)
    if s.cms_auth_url and not _AUTH_URL.fullmatch(s.cms_auth_url):
        raise SettingsError(
            "DIRECTORY cms_auth_url must be the https address of the sign-in service without a path, "
            "like 'https://auth.millbrook.example'"
        )
    if s.cms_local_backend and not _LOCAL_BACKEND.fullmatch(s.cms_local_backend):
        raise SettingsError(
            "DIRECTORY cms_local_backend must be Decap's local backend on this machine, "
            "like 'http://127.0.0.1:8081/api/v1' (make cms sets it)"
        )
    if s.postcode_file and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}\.csv", s.postcode_file):
        raise SettingsError(
            "DIRECTORY postcode_file must be the name of a .csv file at the top of the content folder, "
            "like 'postcodes.csv'"
        )
    if s.private_contacts not in ("warning", "error"):
        raise SettingsError(f"DIRECTORY private_contacts must be 'warning' or 'error', not {s.private_contacts!r}")
    for name, maximum in _MAXIMUM.items():
        if not 1 <= getattr(s, name) <= maximum:
            raise SettingsError(f"DIRECTORY {name} must be from 1 to {maximum:,}")


def _check_handles(handles: tuple) -> None:
    """maintainers: Git host handles as CODEOWNERS writes them, each once."""
    for handle in handles:
        if not isinstance(handle, str) or not HANDLE.fullmatch(handle):
            raise SettingsError(
                f"DIRECTORY maintainers: {handle!r} is not a Git host handle; write '@user' or '@organisation/team'"
            )
    if len(set(handles)) != len(handles) or len(handles) > 20:
        raise SettingsError("DIRECTORY maintainers must name each handle once, at most 20 of them")
