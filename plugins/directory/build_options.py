"""How one build runs on this machine: processes, the build cache, memory.

Not the council's settings (they never change what is built, only how fast):
the build command sets them as one Pelican setting, ``DIRECTORY_BUILD``, from
its options, and a settings file may set them for plain ``pelican content``.
Validated at start-up with the ``DIRECTORY`` settings, read through one object.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from .problems import did_you_mean
from .settings_problems import SettingsError

KEY = "DIRECTORY_BUILD"  # the Pelican setting; up_to_date.py leaves it out of what a build depends on


@dataclass(frozen=True)
class BuildOptions:
    jobs: int = 1  # processes to build with
    cache: str = ""  # the build cache's folder (cache.py); empty: no cache
    memory_mb: int = 0  # start no more processes than fit in this much memory; 0: no limit


_RANGE = {"jobs": (1, 256), "memory_mb": (0, 1_000_000)}


def build_options(pelican_settings: dict) -> BuildOptions:
    """The validated DIRECTORY_BUILD of a Pelican settings dict (kept in it once parsed)."""
    parsed = pelican_settings.get(f"{KEY}_PARSED")
    if not isinstance(parsed, BuildOptions):
        parsed = parse_build_options(pelican_settings.get(KEY))
        pelican_settings[f"{KEY}_PARSED"] = parsed
    return parsed


def parse_build_options(raw) -> BuildOptions:
    if raw is None:
        return BuildOptions()
    if not isinstance(raw, dict):
        raise SettingsError(f"{KEY} should be a dict like {{'jobs': 2}}, not {type(raw).__name__}")
    known = {f.name: f for f in fields(BuildOptions)}
    for key, value in raw.items():
        if key not in known:
            raise SettingsError(f"{KEY} setting {key!r} is not known{did_you_mean(key, known)}")
        if type(value) is not type(known[key].default):
            wanted = type(known[key].default).__name__
            raise SettingsError(f"{KEY} {key} should be {wanted}, not {type(value).__name__}")
    options = BuildOptions(**raw)
    for key, (lowest, highest) in _RANGE.items():
        if not lowest <= getattr(options, key) <= highest:
            raise SettingsError(f"{KEY} {key} must be from {lowest} to {highest:,}")
    return options
