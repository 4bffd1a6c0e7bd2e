"""``python -m directory.build [content] -o output -s pelicanconf.py``

Builds the site into a new folder beside the output and swaps it in only when
the whole build succeeded, so a failed build never leaves a half-written site
where a good one was.  Content problems are printed as
``path:line:col: severity: message``, never as a traceback.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

from pelican import Pelican

from .build_time import BuildTimeError
from .cli import arguments, directory_settings, fail, pelican_settings, print_problems, setup_logging
from .problems import ContentError
from .settings import SettingsError

logger = logging.getLogger(__name__)


def swap_in(new: Path, output: Path) -> None:
    old = None
    if output.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{output.name}.old-", dir=output.parent))
        os.replace(output, old / output.name)
    os.replace(new, output)
    if old is not None:
        shutil.rmtree(old)


def build(content: str, output: str, conf: str) -> int:
    output_path = Path(output).resolve()
    output_path.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output_path.name}.building-", dir=output_path.parent))
    built = False
    try:
        settings = pelican_settings(conf, {"PATH": content, "OUTPUT_PATH": str(staging)})
        directory_settings(settings, conf)
        Pelican(settings).run()
        built = True
    except ContentError as err:
        print_problems(err.problems)
    except (BuildTimeError, SettingsError) as err:
        fail(f"error: {err}", 2)
    except Exception as err:  # noqa: BLE001 - a build bug must still leave the old site
        logger.error("the build failed: %s: %s", type(err).__name__, err)
    finally:
        if not built:
            shutil.rmtree(staging, ignore_errors=True)
    if not built:
        return 1
    swap_in(staging, output_path)
    return 0


def main() -> int:
    args = arguments("Build the directory site safely.", output=True)
    setup_logging(args.verbose)
    return build(args.path, args.output, args.settings)


if __name__ == "__main__":
    raise SystemExit(main())
