"""Shared parts of the command-line entry points (build and validate)."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from pelican.settings import read_settings

from .settings import SettingsError, parse_settings


class PlainFormatter(logging.Formatter):
    """Our problems are already 'path:line:col: severity: message'; others get a level."""

    def format(self, record):
        message = record.getMessage()
        if record.name.startswith("directory"):
            return message
        return f"{record.levelname.lower()}: {message}"


def setup_logging(verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(PlainFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO if verbose else logging.WARNING)


def arguments(description: str, output: bool, serve: bool = False) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("path", nargs="?", default="content", help="the content folder")
    parser.add_argument("-s", "--settings", default="pelicanconf.py", help="the settings file")
    if output:
        parser.add_argument("-o", "--output", default="output", help="the output folder")
    if serve:
        parser.add_argument("-p", "--port", type=int, default=8000)
        parser.add_argument("-b", "--bind", default="127.0.0.1")
    parser.add_argument("-v", "--verbose", action="store_true")
    return parser.parse_args()


def pelican_settings(conf: str, override: dict) -> dict:
    if not Path(conf).is_file():
        fail(f"{conf}: error: the settings file does not exist", 2)
    return read_settings(conf, override=override)


def directory_settings(settings: dict, conf: str):
    try:
        return parse_settings(settings.get("DIRECTORY"))
    except SettingsError as err:
        fail(f"{conf}: error: {err}", 2)


def print_problems(problems) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)


def fail(message: str, code: int = 1):
    print(message, file=sys.stderr)
    raise SystemExit(code)
