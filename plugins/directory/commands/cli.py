"""What the commands share: arguments, logging, settings, and how they end."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from pelican.settings import read_settings

from ..problems import ContentError, DirectoryError
from ..settings import SettingsError, directory_settings


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
    """Pelican's settings from ``conf``, with the DIRECTORY settings validated."""
    if not Path(conf).is_file():
        raise SettingsError("the settings file does not exist")
    settings = read_settings(conf, override=override)
    directory_settings(settings)
    return settings


def print_problems(problems) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)


def report(err: DirectoryError, conf: str) -> int:
    """Print what went wrong in plain words; the exit code for it."""
    if isinstance(err, ContentError):
        print_problems(err.problems)
    elif isinstance(err, SettingsError):
        print(f"{conf}: error: {err}", file=sys.stderr)
    else:
        print(f"error: {err}", file=sys.stderr)
    return err.exitcode


def run(command, conf: str) -> int:
    """Run ``command()``; a DirectoryError becomes messages and an exit code."""
    try:
        command()
    except DirectoryError as err:
        return report(err, conf)
    return 0
