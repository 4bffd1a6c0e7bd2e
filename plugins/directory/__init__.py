"""Civic Hub's directory plugin: this module only connects signals.

Lifecycle: ``initialized`` validates the ``DIRECTORY`` settings and keeps
Pelican's own readers away from the directory's files; ``get_generators``
adds :class:`DirectoryGenerator`, which loads the content in
``generate_context`` and writes every page in ``generate_output``.
"""

from __future__ import annotations

from pelican import signals

from .loader import FOLDERS
from .settings import parse_settings


def initialise(pelican) -> None:
    settings = pelican.settings
    settings["DIRECTORY_SETTINGS"] = parse_settings(settings.get("DIRECTORY"))
    jinja = settings.setdefault("JINJA_ENVIRONMENT", {})
    if jinja.get("autoescape") is not True:
        # contributors are untrusted: every template escapes by default
        jinja["autoescape"] = True
    for key in ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES"):
        settings[key] = sorted(set(settings.get(key, [])) | set(FOLDERS))


def add_generator(pelican):
    from .generator import DirectoryGenerator

    return DirectoryGenerator


def register() -> None:
    signals.initialized.connect(initialise)
    signals.get_generators.connect(add_generator)
