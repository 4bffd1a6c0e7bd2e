"""The plugin's settings: one ``DIRECTORY`` dict, validated at start-up.

Pelican settings are a plain dict; the directory's own live in
``DIRECTORY = {...}`` and are turned into a frozen dataclass here, so a typo or
a bad value stops the build before anything is read, with a clear message.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, fields
from string import Formatter
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .problems import DirectoryError, did_you_mean
from .reading.schemas import is_email, is_safe_url
from .reading.strict_yaml import hidden_character


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
    # Where "Suggest a change" points: {source} is the entry's path from the
    # repository root, e.g. content/services/food-bank.yaml.
    suggest_change_url: str = ""
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
    timezone: str = "Europe/London"

    @property
    def namespace(self) -> uuid.UUID:
        return uuid.UUID(self.id_namespace)

    def suggest_change_for(self, source: str) -> str:
        return self.suggest_change_url.format(source=source) if self.suggest_change_url else ""


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


def parse_settings(raw: dict | None) -> DirectorySettings:
    """Validate the ``DIRECTORY`` dict; raise :class:`SettingsError` if wrong."""
    raw = dict(raw or {})
    known = {f.name: f for f in fields(DirectorySettings)}
    for key in raw:
        if key not in known:
            raise SettingsError(f"DIRECTORY setting {key!r} is not known{did_you_mean(key, known)}")
    for key, value in raw.items():
        default = known[key].default
        if type(value) is not type(default):
            raise SettingsError(
                f"DIRECTORY setting {key!r} should be {type(default).__name__}, not {type(value).__name__}"
            )
    settings = DirectorySettings(**raw)
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
}
_SITE_PATH = re.compile(r"^/(?![/\\])[A-Za-z0-9._~/-]*$")


def _check_values(s: DirectorySettings) -> None:
    for name in ("council_name", "site_name", "logo_alt"):
        value = getattr(s, name)
        if (name != "logo_alt" and not value.strip()) or len(value) > 200 or hidden_character(value):
            raise SettingsError(
                f"DIRECTORY {name} must be a name of at most 200 characters, without control characters"
            )
    if not _HEX.match(s.brand_colour):
        raise SettingsError("DIRECTORY brand_colour must be a colour like '#1d70b8'")
    if _contrast_with_white(s.brand_colour) < 4.5:
        raise SettingsError(
            f"DIRECTORY brand_colour {s.brand_colour} is too light for white text "
            "(WCAG 2.2 AA needs a contrast of 4.5:1); choose a darker shade"
        )
    if not re.match(r"^https?://[A-Za-z0-9.-]+(:\d+)?(/[A-Za-z0-9._~/-]*)?$", s.site_url) or s.site_url.endswith("/"):
        raise SettingsError(
            "DIRECTORY site_url must be the site's address without a trailing slash, "
            "like 'https://directory.example.org'"
        )
    for name in ("logo", "share_image"):
        if getattr(s, name) and not _SITE_PATH.match(getattr(s, name)):
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
    if s.suggest_change_url:
        _check_link_pattern(s.suggest_change_url)
    if s.postcode_file and not re.match(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}\.csv$", s.postcode_file):
        raise SettingsError(
            "DIRECTORY postcode_file must be the name of a .csv file at the top of the content folder, "
            "like 'postcodes.csv'"
        )
    for name, maximum in _MAXIMUM.items():
        if not 1 <= getattr(s, name) <= maximum:
            raise SettingsError(f"DIRECTORY {name} must be from 1 to {maximum:,}")


def _check_link_pattern(pattern: str) -> None:
    """suggest_change_url: an https address with {source} and no other placeholder."""
    problem = "" if pattern.startswith("https://") and is_safe_url(pattern) else "must start with https://"
    try:
        fields = [field for _, field, spec, conversion in Formatter().parse(pattern) if field is not None]
        if not problem and (set(fields) != {"source"} or "{source!" in pattern or "{source:" in pattern):
            problem = "must contain {source} and no other {placeholder}"
    except ValueError:
        problem = "has a stray { or }: write {source} for the entry's file, and {{ or }} for a brace"
    if problem:
        raise SettingsError(f"DIRECTORY suggest_change_url {problem}")
