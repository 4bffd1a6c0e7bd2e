"""Civic Hub's directory plugin: this module only connects signals.

Lifecycle: ``initialized`` validates the ``DIRECTORY`` settings and keeps
Pelican's own readers away from the directory's files; ``get_generators``
adds :class:`~directory.generator.DirectoryGenerator`, which reads the content
in ``generate_context`` and runs every output in ``generate_output``.
See ``docs/architecture.md``.
"""

from __future__ import annotations

from pelican import signals

from .build_options import build_options
from .kinds import KINDS
from .logs import plain_output
from .settings import directory_settings


def initialise(pelican) -> None:
    plain_output()
    settings = pelican.settings
    directory_settings(settings)
    build_options(settings)
    jinja = settings.setdefault("JINJA_ENVIRONMENT", {})
    if jinja.get("autoescape") is not True:
        # contributors are untrusted: every template escapes by default
        jinja["autoescape"] = True
    for key in ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES"):
        settings[key] = sorted(set(settings.get(key, [])) | {k.folder for k in KINDS})


def add_generator(pelican):
    from .generator import DirectoryGenerator

    return DirectoryGenerator


def register() -> None:
    signals.initialized.connect(initialise)
    signals.get_generators.connect(add_generator)
