"""``python -m directory.commands.codeowners [content] -s pelicanconf.py -o .github/CODEOWNERS``

Writes the CODEOWNERS file from the organisations' ``maintainers`` and the
council's (the ``maintainers`` setting): the rules are in ``ownership.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..ownership import MAX_BYTES, codeowners
from ..problems import DirectoryError
from ..settings import SettingsError
from .cli import arguments, run, setup_logging
from .content import read_content


def write_codeowners(path: str, conf: str, output: str) -> Path:
    content = read_content(path, conf)
    if not content.settings.maintainers:
        raise SettingsError(
            "DIRECTORY maintainers is empty: name the council's maintainers, like "
            "['@millbrook-council/directory-team'], so that every file has an owner"
        )
    text = codeowners(content.directory, content.settings)
    if len(text.encode("utf-8")) >= MAX_BYTES:
        raise DirectoryError(
            f"the CODEOWNERS file would be {len(text.encode('utf-8')):,} bytes, and GitHub ignores one of "
            f"{MAX_BYTES:,} or more; ask groups to share a team handle, or own fewer entries by name"
        )
    target = Path(output)
    target.parent.mkdir(parents=True, exist_ok=True)
    draft = target.with_name(f".{target.name}.{os.getpid()}")
    draft.write_text(text, encoding="utf-8")
    os.replace(draft, target)  # never a half-written file
    return target


def main() -> int:
    def extra(parser):
        parser.add_argument("-o", "--output", default=".github/CODEOWNERS", help="the file to write")

    args = arguments("Write the CODEOWNERS file from the maintainers.", output=False, extra=extra)
    setup_logging(args.verbose)
    return run(lambda: print(write_codeowners(args.path, args.settings, args.output)), args.settings)


if __name__ == "__main__":
    raise SystemExit(main())
