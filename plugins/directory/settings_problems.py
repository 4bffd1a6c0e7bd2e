"""The problems of the ``DIRECTORY`` settings: every one found in one run,
each at the setting it is about (settings_source.py says where that is)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .problems import DirectoryError, printable
from .settings_source import Place


@dataclass(frozen=True)
class SettingsProblem:
    key: str | None  # the DIRECTORY key it is about; None: the whole DIRECTORY
    message: str  # starts "DIRECTORY <key> …"
    place: Place | None = None

    def __str__(self) -> str:
        if self.place is None:
            return printable(self.message)
        return f"{self.place}: error: {printable(self.message)}"

    def sort_key(self) -> tuple:
        place = self.place or Place("")
        return (place.path, place.line or 0, place.col or 0, self.message)


class SettingsError(DirectoryError):
    """DIRECTORY settings are wrong; ``problems`` holds every one, in order."""

    def __init__(self, problems: list[SettingsProblem] | str):
        if isinstance(problems, str):  # one problem of no particular key (a command's own)
            problems = [SettingsProblem(None, problems)]
        self.problems = sorted(problems, key=SettingsProblem.sort_key)
        super().__init__("\n".join(str(p) for p in self.problems))

    def placed(self, places: dict[str, Place], fallback: Place) -> SettingsError:
        """The same problems, each at its key's place (``fallback`` when unknown)."""
        return SettingsError([replace(p, place=places.get(p.key, fallback)) for p in self.problems])


class Problems:
    """What the checks found so far: one problem per key at most, so a value
    that is wrong in two ways is not reported twice."""

    def __init__(self):
        self.found: list[SettingsProblem] = []

    def add(self, key: str | None, message: str) -> None:
        if not self.has(key):
            self.found.append(SettingsProblem(key, message))

    def extend(self, problems) -> None:
        self.found.extend(problems)

    def has(self, key: str | None) -> bool:
        return any(p.key == key for p in self.found)

    def raise_any(self) -> None:
        if self.found:
            raise SettingsError(self.found)
