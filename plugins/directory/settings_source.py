"""Where each ``DIRECTORY`` key is written: the file, line and column a
settings message points at.

The settings files are read as Python syntax (``ast``), never run again: a
top-level ``DIRECTORY = {...}`` literal places its keys; ``{**DIRECTORY, ...}``
keeps the places of the keys it spreads; ``DIRECTORY["key"] = ...`` places one
key; ``from pelicanconf import *`` brings in the places of the file it imports
(the module Pelican's run of the settings already imported, or the file of
that name beside the settings). A key written again only to carry its earlier
value on (``"site_url": os.environ.get("SITE_URL") or DIRECTORY["site_url"]``)
keeps its earlier place: that is where the value a person must change is.
"""

from __future__ import annotations

import ast
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from .problems import printable

NAME = "DIRECTORY"
MAX_BYTES = 1_000_000  # a settings file is a few KB


@dataclass(frozen=True)
class Place:
    """A file, and the line and column in it when they are known."""

    path: str
    line: int | None = None
    col: int | None = None

    def __str__(self) -> str:
        where = [self.path] + ([str(self.line), str(self.col)] if self.line else [])
        return printable(":".join(where))


def shown(path: str | Path) -> str:
    """``path`` as messages show it: from where the command runs when it is
    inside that folder (as problems.ContentProblem's paths are), else whole."""
    absolute = Path(os.path.abspath(path))
    here = Path.cwd()
    return str(absolute.relative_to(here)) if absolute.is_relative_to(here) else str(absolute)


def key_places(conf: str | Path) -> dict[str, Place]:
    """Each DIRECTORY key of the settings file ``conf`` → where it is written."""
    return _places_in(Path(conf), set())


def _places_in(path: Path, seen: set) -> dict[str, Place]:
    resolved = path.resolve()
    if resolved in seen:
        return {}
    seen.add(resolved)
    try:
        with open(resolved, "rb") as file:
            tree = ast.parse(file.read(MAX_BYTES))
    except (OSError, SyntaxError, ValueError):  # Pelican has read it: what cannot be parsed here is not placed
        return {}
    places: dict[str, Place] = {}
    for statement in tree.body:
        if isinstance(statement, ast.ImportFrom) and any(alias.name == "*" for alias in statement.names):
            imported = _module_file(statement.module or "", path)
            if imported is not None:
                places.update(_places_in(imported, seen))
        elif isinstance(statement, ast.Assign | ast.AnnAssign):
            places = _assigned(statement, places, shown(path))
    return places


def _assigned(statement, places: dict[str, Place], path: str) -> dict[str, Place]:
    targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
    value = statement.value
    for target in targets:
        if isinstance(target, ast.Name) and target.id == NAME:
            if not isinstance(value, ast.Dict):
                return {}  # made some other way: nothing known of its keys
            return _literal(value, places, path)
        key = _subscript_key(target)
        if key is not None:
            places = {**places, key: _place_of(key, target, value, places, path)}
    return places


def _literal(literal: ast.Dict, before: dict[str, Place], path: str) -> dict[str, Place]:
    places: dict[str, Place] = {}
    for key, value in zip(literal.keys, literal.values, strict=True):
        if key is None:  # **spread: the keys of DIRECTORY as it was keep their places
            if isinstance(value, ast.Name) and value.id == NAME:
                places.update(before)
        elif isinstance(key, ast.Constant) and isinstance(key.value, str):
            places[key.value] = _place_of(key.value, key, value, before, path)
    return places


def _place_of(key: str, node: ast.AST, value: ast.AST, before: dict[str, Place], path: str) -> Place:
    carried = any(_subscript_key(part) == key for part in ast.walk(value))
    if carried and key in before:
        return before[key]
    return Place(path, node.lineno, node.col_offset + 1)


def _subscript_key(node: ast.AST) -> str | None:
    """``key`` of ``DIRECTORY["key"]``, else None."""
    if (
        isinstance(node, ast.Subscript)
        and isinstance(node.value, ast.Name)
        and node.value.id == NAME
        and isinstance(node.slice, ast.Constant)
        and isinstance(node.slice.value, str)
    ):
        return node.slice.value
    return None


def _module_file(module: str, importer: Path) -> Path | None:
    """The file ``from module import *`` in ``importer`` read: the module as
    already imported (the settings file's run put it in sys.modules), else
    ``module.py`` beside the importer."""
    loaded = getattr(sys.modules.get(module), "__file__", None)
    if loaded and loaded.endswith(".py"):
        return Path(loaded)
    beside = importer.parent / (module.replace(".", "/") + ".py")
    return beside if beside.is_file() else None
