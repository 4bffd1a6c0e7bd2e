"""What the commands share: arguments, logging, settings, and how they end."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from pelican.settings import read_settings

from ..build_options import build_options
from ..logs import plain_output
from ..problems import ContentError, DirectoryError, counts
from ..settings import SettingsError, directory_settings
from ..workers import cores


def setup_logging(verbose: bool) -> None:
    """Pelican's messages as 'level: message'; ours plain (see logs.py)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO if verbose else logging.WARNING)
    plain_output()


def arguments(description: str, output: bool, serve: bool = False, extra=None) -> argparse.Namespace:
    """The common arguments; ``extra(parser)`` adds a command's own (before the content folder)."""
    parser = argparse.ArgumentParser(description=description)
    if extra is not None:
        extra(parser)
    parser.add_argument("path", nargs="?", default="content", help="the content folder")
    parser.add_argument("-s", "--settings", default="pelicanconf.py", help="the settings file")
    if output:
        parser.add_argument("-o", "--output", default="output", help="the output folder")
        parser.add_argument(
            "-j", "--jobs", type=int, default=cores(), help="processes to build with (default: one per core)"
        )
        parser.add_argument("--no-cache", dest="cache", action="store_false", help="build without the build cache")
        parser.add_argument(
            "--memory",
            type=int,
            default=1000,
            metavar="MB",
            help="start no more processes than fit in this much memory, in all (default 1000)",
        )
    if serve:
        parser.add_argument("-p", "--port", type=int, default=8000)
        parser.add_argument("-b", "--bind", default="127.0.0.1")
    parser.add_argument("-v", "--verbose", action="store_true")
    return parser.parse_args()


# set by make html, serve, devserver and cms (never by make publish): the address the
# local server answers at, http://localhost:<PORT>, in place of the council's own
LOCAL_URL = "CIVIC_HUB_LOCAL_URL"


def pelican_settings(conf: str, override: dict) -> dict:
    """Pelican's settings from ``conf``, with the DIRECTORY and DIRECTORY_BUILD settings validated;
    a local build's links lead to the local server (LOCAL_URL)."""
    if not Path(conf).is_file():
        raise SettingsError("the settings file does not exist")
    settings = read_settings(conf, override=override)
    local = os.environ.get(LOCAL_URL, "")
    if local and isinstance(settings.get("DIRECTORY"), dict):
        settings["DIRECTORY"] = {**settings["DIRECTORY"], "site_url": local}
        settings["SITEURL"] = local
    directory_settings(settings, conf)  # every problem at its line of conf, or of the file conf imports
    build_options(settings)
    return settings


def report(err: DirectoryError, conf: str) -> int:
    """Print what went wrong in plain words; the exit code for it."""
    if isinstance(err, ContentError):  # each problem is logged where it is found
        print(counts(err.problems), file=sys.stderr)
    elif isinstance(err, SettingsError):  # one line each, where it is written (or in conf)
        for problem in err.problems:
            print(problem if problem.place else f"{conf}: error: {problem}", file=sys.stderr)
    else:
        print(f"error: {err}", file=sys.stderr)
    return err.exitcode


class Stopped(DirectoryError):
    """The command was asked to stop (Ctrl+C, or SIGTERM from a CI time-out)."""

    exitcode = 130


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl+C: no ``except Exception`` (Pelican has some) swallows it."""


_signals_received: list[str] = []


def _stop(signum, frame):
    _signals_received.append(signal.Signals(signum).name)
    raise Terminated(_signals_received[-1])


def _quiet_about_signals(unraisable) -> None:
    """A signal dropped inside a native callback is reported by Python as "Exception
    ignored", with a traceback; it is not an error, and raise_if_stopped() handles it."""
    if not isinstance(unraisable.exc_value, Terminated):
        sys.__unraisablehook__(unraisable)


def raise_if_stopped() -> None:
    """Raise Terminated if a signal came while a library's callback ran: an exception
    raised inside a callback from native code (nh3's attribute filter) is printed and
    dropped, so the signal handler alone cannot be trusted to stop the build."""
    if _signals_received:
        raise Terminated(_signals_received[-1])


def run(command, conf: str) -> int:
    """Run ``command()``; a DirectoryError becomes messages and an exit code.
    SIGTERM and Ctrl+C stop it the same way, so it can clean up after itself."""
    main_thread = threading.current_thread() is threading.main_thread()  # only it gets signals
    previous = signal.signal(signal.SIGTERM, _stop) if main_thread else None
    _signals_received.clear()
    sys.unraisablehook = _quiet_about_signals
    try:
        command()
        raise_if_stopped()
    except KeyboardInterrupt as stop:
        how = str(stop) if isinstance(stop, Terminated) else "Ctrl+C"
        return report(Stopped(f"stopped by {how}; nothing was changed"), conf)
    except DirectoryError as err:
        return report(err, conf)
    finally:
        if main_thread:
            signal.signal(signal.SIGTERM, previous)
        sys.unraisablehook = sys.__unraisablehook__
    return 0


def stop(process: subprocess.Popen | None) -> None:
    """Stop a process this command started (SIGTERM, then SIGKILL after 10 s) and wait for it."""
    if process is not None and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
