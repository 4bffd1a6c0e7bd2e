"""The content folder read whole, for the commands that work from the model
(``codeowners``, ``new``, ``report``): errors stop them, as they stop a build."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..build_time import today
from ..logs import report
from ..model import Directory
from ..problems import ContentError
from ..reading.loader import load_directory
from ..settings import DirectorySettings, directory_settings
from .cli import pelican_settings


@dataclass(frozen=True)
class Content:
    directory: Directory
    settings: DirectorySettings
    today: date  # the real date in the council's time zone: these commands tell a person, they write no page


def read_content(path: str, conf: str) -> Content:
    """The model of the content folder ``path``; raises ContentError (after
    printing the errors) when it has any. Warnings are ``make validate``'s to list."""
    settings = directory_settings(pelican_settings(conf, {"PATH": path}))
    day = today(settings.timezone)
    result = load_directory(path, settings, day)
    if result.errors:
        report(result.errors)
        raise ContentError(result.errors)
    return Content(result.directory, settings, day)
