"""``python -m directory.commands.devserver [content] -o output -s pelicanconf.py -p 8000``

Builds exactly as ``directory.commands.build`` does, serves the output on
loopback and rebuilds whenever the content, the theme, the plugins or the
settings change.  A broken entry prints its ``path:line:col`` problems (never
a traceback) and the last good site stays up until the entry is fixed.
"""

from __future__ import annotations

import logging
from pathlib import Path

import watchfiles

from .build import build
from .cli import Stopped, arguments, run, setup_logging
from .serve import start

logger = logging.getLogger(__name__)


def rebuild(args) -> int:
    code = run(lambda: build(args.path, args.output, args.settings, args.jobs, args.cache, args.memory), args.settings)
    if code == 0:
        logger.warning("Built %s; watching for changes", args.output)
    return code


def main() -> int:
    args = arguments("Build, serve and rebuild the directory on every change.", output=True, serve=True)
    setup_logging(False)
    if rebuild(args) == Stopped.exitcode:
        return Stopped.exitcode
    start(Path(args.output), args.bind, args.port)
    print(f"Serving {args.output} on http://{args.bind}:{args.port} (Ctrl+C to stop)")
    here = Path(args.settings).resolve().parent
    watched = [Path(args.path), here / "theme/templates", here / "theme/static", here / "plugins", Path(args.settings)]
    output = Path(args.output).resolve()
    for _ in watchfiles.watch(
        *[p for p in watched if p.exists()],
        watch_filter=lambda change, path: not Path(path).resolve().is_relative_to(output),
    ):
        if rebuild(args) == Stopped.exitcode:  # Ctrl+C or SIGTERM during a rebuild stops the server too
            return Stopped.exitcode
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
