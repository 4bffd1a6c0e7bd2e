"""``python -m directory.commands.devserver [content] -o output -s pelicanconf.py -p 8000``

Builds exactly as ``directory.commands.build`` does, serves the output on
loopback and shows every change to the content at once:

1. the preview (preview.py): the pages the changed entries show on most (each
   one's own page, its organisation's, its locations', its categories' and
   areas') and the files of the search index the change touched are written
   into the served folder within a second or two, from the model and the index
   this process keeps in memory;
2. then the whole site is built by ``directory.commands.build``, in a process
   of its own, into a new folder swapped in when it is done: the served site
   ends byte for byte what a clean build makes.  A change saved meanwhile stops
   that build and starts over from step 1.

A broken entry prints its ``path:line:col`` problems (never a traceback) and
the last good site stays up until the entry is fixed; the pages it serves say
so too, at their top, and load again once a change is shown (live_status.py).
A change to the theme, the plugins or the settings starts the devserver again,
so the new code runs.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import watchfiles

from ..cache import Cache, MemoryCache
from ..logs import summary_log
from ..problems import ContentError
from ..urls import url
from .build import cache_folder
from .cli import arguments, pelican_settings, run, setup_logging, stop
from .live_status import LiveStatus, start_live
from .preview import Preview

logger = logging.getLogger(__name__)
PLUGINS = Path(__file__).resolve().parents[2]  # the folder holding the directory package
SHOWN_URLS = 5  # of the pages a preview wrote, named in its message
SEARCH_FILES = url("search")  # the JSON files under it are what the search page's script reads


class Devserver:
    def __init__(self, args):
        self.args = args
        self.output = Path(args.output).resolve()
        self.content = Path(args.path).resolve()
        settings = pelican_settings(args.settings, {"PATH": str(self.content)})
        # what the build is made from besides the content: a change to any starts the devserver again
        self.code = [Path(args.settings).resolve(), Path(settings["THEME"]), *map(Path, settings["PLUGIN_PATHS"])]
        self.build: subprocess.Popen | None = None
        self.preview: Preview | None = None
        self.server = None
        self.status = LiveStatus(self.content)  # what the served pages are told

    def run(self) -> None:
        try:
            if self.output.is_dir():  # the last session's site, while the first build runs
                self.serve()
            self.start_build()
            self.build.wait()
            self.finished()
            self.preview = self.new_preview()
            self.watch()
        finally:
            stop(self.build)

    def serve(self) -> None:
        if self.server is None:
            self.server = start_live(self.output, self.status, self.args.bind, self.args.port)
            a = self.args
            print(f"Serving {a.output} on http://{a.bind}:{a.port} (Ctrl+C to stop)", flush=True)

    def watch(self) -> None:
        watched = [p for p in (self.content, *self.code) if p.exists()]
        for changes in watchfiles.watch(
            *watched,
            watch_filter=lambda change, path: not self.built_here(Path(path).resolve()),
            rust_timeout=250,
            yield_on_timeout=True,  # to notice the build ending
        ):
            self.serve()  # once watching: a change saved as soon as the site is up is seen
            self.finished()
            if not changes:
                continue
            stop(self.build)
            if any(not Path(path).resolve().is_relative_to(self.content) for _, path in changes):
                self.restart()
            if self.show_change():
                self.start_build()

    def built_here(self, path: Path) -> bool:
        """Whether ``path`` is the output, or a build's folder beside it (its work, its cache)."""
        if path.is_relative_to(self.output):
            return True
        beside = path.relative_to(self.output.parent).parts if path.is_relative_to(self.output.parent) else ()
        return bool(beside) and beside[0].startswith(f".{self.output.name}.")

    def show_change(self) -> bool:
        """The preview of a change; False if an entry is broken (the build would fail the same)."""
        started = time.perf_counter()
        try:
            if self.preview is None:
                self.preview = self.new_preview()
                return True
            written = self.preview.update()
        except ContentError as err:
            print(f"{err}; the last good site is still served", file=sys.stderr)
            self.status.refused(err.problems)
            return False
        except Exception as err:  # noqa: BLE001 - a bug in the preview must not stop the whole build
            logger.debug("the preview failed", exc_info=True)
            print(
                f"The preview failed ({type(err).__name__}: {err}), a bug in Civic Hub; building the whole site",
                file=sys.stderr,
            )
            self.preview = None
            return True
        pages = [u for u in written if not (u.startswith(SEARCH_FILES) and u.endswith(".json"))]
        if written:
            more = len(pages) - SHOWN_URLS
            named = ", ".join(pages[:SHOWN_URLS]) + (f" and {more} more" if more > 0 else "")
            shown = "1 page" if len(pages) == 1 else f"{len(pages)} pages"
            files = len(written) - len(pages)
            shown += f" and {files} file{'' if files == 1 else 's'} of the search index" if files else ""
            seconds = time.perf_counter() - started
            summary_log.info("Showed the change on %s in %.1f s (%s); building the rest", shown, seconds, named)
        self.status.shown()
        return True

    def new_preview(self) -> Preview:
        """A preview reading the folder as the build just did (from its cache)."""
        settings = pelican_settings(self.args.settings, {"PATH": str(self.content), "OUTPUT_PATH": str(self.output)})
        kept = cache_folder(self.output) if self.args.cache else None
        preview = Preview(settings, self.output, MemoryCache(first=Cache(kept)))
        problems = preview.read(jobs=self.args.jobs)  # printed by the build
        if any(p.is_error for p in problems):
            self.status.refused(problems)
        return preview

    def start_build(self) -> None:
        a = self.args
        command = [sys.executable, "-m", "directory.commands.build", str(self.content), "-o", str(self.output)]
        no_cache = [] if a.cache else ["--no-cache"]
        command += ["-s", a.settings, "-j", str(a.jobs), "--memory", str(a.memory), *no_cache]
        path = os.pathsep.join(filter(None, [str(PLUGINS), os.environ.get("PYTHONPATH", "")]))
        self.build = subprocess.Popen(command, stdin=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": path})

    def finished(self) -> None:
        """If the build has ended: say so when it built the site."""
        if self.build is not None and self.build.poll() is not None:
            if self.build.returncode == 0:
                summary_log.info("Built %s; watching for changes", self.args.output)
                self.status.shown()
            self.build = None

    def restart(self) -> None:
        """Start this command again, so that changed code, templates or settings are used."""
        summary_log.info("The theme, the plugins or the settings changed: starting again")
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
        os.execv(sys.executable, [sys.executable, "-m", "directory.commands.devserver", *sys.argv[1:]])


def main() -> int:
    args = arguments("Build, serve and show every change to the directory at once.", output=True, serve=True)
    setup_logging(False)
    return run(lambda: Devserver(args).run(), args.settings)


if __name__ == "__main__":
    raise SystemExit(main())
