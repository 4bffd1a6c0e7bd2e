"""``python -m directory.commands.build [content] -o output -s pelicanconf.py``

Builds the site into a new folder beside the output and swaps it in only when
the whole build succeeded, so a failed build never leaves a half-written site
where a good one was.  Content problems are printed as
``path:line:col: severity: message``, never as a traceback.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

from pelican import Pelican
from pelican.log import console

from ..build_options import KEY as BUILD
from ..cache import Cache
from ..logs import summary_log
from ..problems import DirectoryError
from .cli import arguments, pelican_settings, raise_if_stopped, run, setup_logging
from .up_to_date import LastBuild, inputs_key

logger = logging.getLogger(__name__)


class UnexpectedError(DirectoryError):
    """A bug in the build itself, not in the content; its traceback is in a log file."""

    exitcode = 1


def work_folder(output: Path, what: str) -> Path:
    """A new folder beside the output, named with this process's id."""
    return Path(tempfile.mkdtemp(prefix=f".{output.name}.{what}-{os.getpid()}-", dir=output.parent))


def remove_abandoned(output: Path) -> None:
    """Remove work folders that builds killed outright (SIGKILL) left behind;
    folders of builds still running are left alone."""
    for folder in output.parent.glob(f".{output.name}.*-*-*"):
        what, pid = folder.name.removeprefix(f".{output.name}.").split("-")[:2]
        if what in ("building", "old", "preview") and pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def swap_in(new: Path, output: Path) -> None:
    old = None
    if output.exists():
        old = work_folder(output, "old")
        os.replace(output, old / output.name)
    os.replace(new, output)
    if old is not None:
        delete_in_background(old)


def delete_in_background(folder: Path) -> None:
    """Delete ``folder`` in a process of its own: tens of thousands of files take
    seconds, and the new site is already in place.  If that process is killed,
    the next build removes what it left (remove_abandoned)."""
    subprocess.Popen(
        [
            sys.executable,
            "-I",
            "-S",
            "-c",
            "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)",
            folder,
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # Ctrl+C on the build does not stop it
    )


def error_log(output: Path) -> Path:
    """Where an unexpected error's traceback is written: beside the output."""
    return output.parent / f".{output.name}.error.log"


def cache_folder(output: Path) -> Path:
    """The build cache (cache.py): beside the output, like the work folders."""
    return output.parent / f".{output.name}.cache"


def build(content: str, output: str, conf: str, jobs: int = 1, cache: bool = True, memory: int = 1000) -> None:
    """Build ``content`` into ``output`` with up to ``jobs`` processes (as many as
    fit in ``memory`` MB), keeping what the next build can reuse in the cache
    folder unless ``cache`` is False; raises a DirectoryError if it cannot."""
    output_path = Path(output).resolve()
    output_path.parent.mkdir(parents=True, exist_ok=True)
    remove_abandoned(output_path)
    kept = Cache(cache_folder(output_path) if cache else None)  # one warning if it cannot be trusted
    # a folder refused here is not handed on to the generator, which would warn again
    machine = {"jobs": jobs, "cache": str(kept.folder or ""), "memory_mb": memory}
    settings = pelican_settings(conf, {"PATH": content, BUILD: machine})
    last = LastBuild(kept, inputs_key(Path(content), settings))
    if last.is_current(output_path):
        summary_log.info("Nothing has changed since the last build: %s is up to date", output)
        return
    staging = work_folder(output_path, "building")
    settings["OUTPUT_PATH"] = str(staging)
    console.quiet = True  # Pelican's "Processed 0 articles" line: the plugin says what it built
    try:
        Pelican(settings).run()
        raise_if_stopped()
    except BaseException as err:  # whatever stops the build (a signal too), the old site stays
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(err, DirectoryError) or not isinstance(err, Exception):
            raise
        log = error_log(output_path)
        log.write_text(traceback.format_exc(), encoding="utf-8")
        raise UnexpectedError(
            f"the build failed unexpectedly ({type(err).__name__}: {err}); this is a bug in Civic Hub, "
            f"not in your content. The details are in {log}"
        ) from err  # a bug must still leave the old site, and say where to look
    swap_in(staging, output_path)
    error_log(output_path).unlink(missing_ok=True)
    last.save(output_path)


def main() -> int:
    args = arguments("Build the directory site safely.", output=True)
    setup_logging(args.verbose)
    return run(lambda: build(args.path, args.output, args.settings, args.jobs, args.cache, args.memory), args.settings)


if __name__ == "__main__":
    raise SystemExit(main())
