"""Write a content folder of N services made by copying the sample's own services.

The second kind of synthetic content the benchmark builds (``generate.py`` is
the first): real entries, as volunteers wrote them, each copied under a new
file name until there are N.  Everything else (organisations, places,
consultations, taxonomy, pages, postcodes) is the sample's, unchanged.

    python bench/copies.py 10000 /tmp/copies-10k
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "sample"  # the pinned sample, not a council's
NAME = re.compile(r"^name: (.*)$", re.MULTILINE)


def copy_sample(size: int, target: Path, force: bool = False) -> None:
    if target.exists() and any(target.iterdir()) and not force:
        raise SystemExit(f"{target} is not empty; give --force to write over it")
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(SAMPLE, target, ignore=shutil.ignore_patterns("services"))
    originals = sorted((SAMPLE / "services").glob("*.yaml"))
    folder = target / "services"
    folder.mkdir()
    for n in range(size):
        original = originals[n % len(originals)]
        copy = n // len(originals)
        text = original.read_text(encoding="utf-8")
        if copy:  # the first copy of each keeps its own name; the others are numbered
            text = NAME.sub(lambda m, n=copy: f"name: {numbered(m.group(1), n)}", text, count=1)
        name = original.stem if not copy else f"{original.stem}-{copy}"
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")


def numbered(name: str, copy: int) -> str:
    """``name`` with the copy's number, inside its quotes if it has any."""
    if len(name) > 1 and name[0] == name[-1] and name[0] in "\"'":
        return f"{name[:-1]} {copy}{name[-1]}"
    return f"{name} {copy}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", type=int, help="how many services")
    parser.add_argument("target", type=Path, help="the content folder to write")
    parser.add_argument("--force", action="store_true", help="write over a folder that is not empty")
    args = parser.parse_args(argv)
    copy_sample(args.size, args.target, args.force)
    return 0


if __name__ == "__main__":
    sys.exit(main())
