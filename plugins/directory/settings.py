"""The plugin's settings: one ``DIRECTORY`` dict, validated at start-up.

Pelican settings are a plain dict; the directory's own live in
``DIRECTORY = {...}`` and are turned into a frozen dataclass here, so a typo or
a bad value stops the build before anything is read. Every problem is found in
one run (settings_checks.py, settings_files.py, sample_values.py) and each is
reported at the line of the settings file that holds it (settings_source.py).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, fields
from pathlib import Path

from .problems import did_you_mean
from .sample_values import check_sample_values
from .settings_checks import check_one_line, check_values
from .settings_files import check_files
from .settings_problems import Problems, SettingsError, SettingsProblem
from .settings_source import Place, key_places, shown

# SettingsError and SettingsProblem are asked for here, with the settings they are about
__all__ = ["DirectorySettings", "SettingsError", "SettingsProblem", "directory_settings", "parse_settings"]


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
    # True in publishconf.py alone: the build is the council's published site, so
    # the Millbrook sample's values left in these settings are errors (sample_values.py)
    publishing: bool = False
    # True for the software's own demonstration of the sample: its values may be
    # published, and every page says the directory is made up
    demonstration: bool = False

    @property
    def namespace(self) -> uuid.UUID:
        return uuid.UUID(self.id_namespace)


def directory_settings(pelican_settings: dict, conf: str | None = None) -> DirectorySettings:
    """The validated ``DIRECTORY`` settings of a Pelican settings dict: parsed
    the first time they are asked for (at start-up) and kept in the dict. The
    files they name are checked in the content folder (PATH) and the theme;
    ``conf``, the settings file, says where each problem is written."""
    parsed = pelican_settings.get("DIRECTORY_SETTINGS")
    if isinstance(parsed, DirectorySettings):
        return parsed
    raw = pelican_settings.get("DIRECTORY")
    found = Problems()
    try:
        parsed = parse_settings(raw)
    except SettingsError as err:
        found.extend(err.problems)
    if "PATH" in pelican_settings:
        usable = parsed or _usable(raw, found)
        content, theme = Path(pelican_settings["PATH"]), Path(pelican_settings.get("THEME") or "theme")
        check_files(usable, content, theme, found)
        check_sample_values(usable, content, theme, found)
    if found.found:
        error = SettingsError(found.found)
        raise error.placed(key_places(conf), Place(shown(conf))) if conf else error
    pelican_settings["DIRECTORY_SETTINGS"] = parsed
    return parsed


# settings an older pelicanconf.py may still hold, and what replaced them
_RETIRED = {
    "suggest_change_url": "the entry pages' edit and suggest links are made from repository_url and "
    "repository_branch; remove it",
}
_KNOWN = {f.name: f for f in fields(DirectorySettings)}


def parse_settings(raw: dict | None) -> DirectorySettings:
    """Validate the ``DIRECTORY`` dict; raise :class:`SettingsError` with every problem."""
    found = Problems()
    if raw is not None and not isinstance(raw, dict):
        found.add(None, f"DIRECTORY must be a dict, like {{'council_name': 'Millbrook'}}, not {type(raw).__name__}")
        found.raise_any()
    values = _typed(raw or {}, found)
    settings = DirectorySettings(**values)
    check_one_line(settings, found)
    check_values(settings, found)
    found.raise_any()
    return settings


def _typed(raw: dict, found: Problems) -> dict:
    """The known keys whose values have the type their default has (a list
    taken for a tuple: it is how people write one); every other key a problem."""
    values = {}
    for key, value in raw.items():
        if key in _RETIRED:
            found.add(key, f"DIRECTORY setting {key!r} is no longer used: {_RETIRED[key]}")
        elif key not in _KNOWN:
            found.add(key, f"DIRECTORY setting {key!r} is not known{did_you_mean(key, _KNOWN)}")
        else:
            default = _KNOWN[key].default
            if type(default) is tuple and type(value) is list:
                value = tuple(value)
            if type(value) is type(default):
                values[key] = value
            else:
                wanted = "a list" if type(default) is tuple else type(default).__name__
                found.add(key, f"DIRECTORY setting {key!r} should be {wanted}, not {type(value).__name__}")
    return values


def _usable(raw, found: Problems) -> DirectorySettings:
    """The settings as far as they are right: each key found wrong left at its default."""
    values = _typed(raw if isinstance(raw, dict) else {}, Problems())
    return DirectorySettings(**{key: value for key, value in values.items() if not found.has(key)})


def _check_values(s: DirectorySettings) -> None:
    """Each value's own check on settings made directly; raise SettingsError if any is wrong."""
    found = Problems()
    check_values(s, found)
    found.raise_any()
