"""``python -m directory.commands.diff --base REF [content] [-s pelicanconf.py]``

Says in words what the content folder as it is now does to the directory,
compared with the same folder at commit REF (a branch, a tag, ``HEAD~1``, a
commit id): the entries it adds, changes, renames and removes, the pages it
adds, changes and removes, and the warnings it brings. It prints Markdown, for
a pull request's job summary (``>> "$GITHUB_STEP_SUMMARY"``) or a terminal.

Both folders are read by the build's own loader into the model and compared
there (``changes.py``); the folder at REF is copied out of Git into a temporary
folder (``git_snapshot.py``). If it has errors there, the summary says so and
describes what could be read. If the content has errors now, they are printed
(``path:line:col: error: message``) and the command exits 1; it exits 2 when
REF or Git cannot be read.
"""

from __future__ import annotations

import shlex
import sys
import tempfile
from pathlib import Path

from ..build_time import build_moment
from ..changes import Changes, compare
from ..kinds import CONSULTATIONS, LOCATIONS, ORGANISATIONS, SERVICES
from ..logs import report
from ..ownership import Ownership
from ..problems import ContentError
from ..reading.loader import empty_directory, load_directory
from ..settings import directory_settings
from .change_summary import Owners, broken, code, markdown
from .cli import arguments, pelican_settings, run, setup_logging
from .git_snapshot import commit_of, copy_folder, repository_of

MAX_FILES_NAMED = 10
OWNED_KINDS = (ORGANISATIONS, SERVICES, CONSULTATIONS, LOCATIONS)  # the kinds a group may own (ownership.py)


def base_notes(base, existed: bool, label: str) -> list[str]:
    """What the reader should know about the content at the base."""
    if not existed:
        return [f"There was no content folder at {label}: everything in it is new."]
    errors = [p for p in base.problems if p.is_error]
    if not errors:
        return []
    files = sorted({p.path for p in errors})
    named = ", ".join(code(f) for f in files[:MAX_FILES_NAMED]) + (" and more" if len(files) > MAX_FILES_NAMED else "")
    return [
        f"**The content at {label} has {len(errors):,} error(s)**, in {named}: entries that could not be read "
        "there are described as if they were new."
    ]


def owned_files(directory) -> dict[str, tuple[str, ...]]:
    """Each file ownership.py gives owners -> its organisation's maintainers (empty when
    only the council's own it), as CODEOWNERS will say once it is written after the merge."""
    ownership = Ownership(directory)
    return {
        entry.source: ownership.of(entry) for kind in OWNED_KINDS for entry in getattr(directory, kind.holder).values()
    }


def new_warnings(base, head, changes: Changes) -> list:
    """The head's warnings the base did not have (by file and message: lines move)."""
    renamed = {e.old_file: e.file for e in changes.entries if e.what == "renamed"}
    before = {(renamed.get(p.path, p.path), p.message) for p in base.problems if not p.is_error} if base else set()
    return [p for p in head.problems if not p.is_error and (p.path, p.message) not in before]


def diff(path: str, conf: str, ref: str) -> None:
    settings = directory_settings(pelican_settings(conf, {"PATH": path}))
    content = Path(path)
    top, inside = repository_of(content)
    commit = commit_of(top, ref)
    label = f"{code(ref)} ({code(commit[:12])})" if not commit.startswith(ref) else code(commit[:12])
    today = build_moment(content, settings.timezone).date()
    head = load_directory(content, settings, today, source_root=top)
    if head.errors:
        print(broken(head.problems, label), end="")
        report(head.errors)
        raise ContentError(head.errors)
    with tempfile.TemporaryDirectory(prefix="civic-hub-diff-") as copy:
        existed = copy_folder(top, commit, inside, Path(copy))
        base = load_directory(Path(copy, inside), settings, today, source_root=Path(copy)) if existed else None
    changes = compare(base.directory if base else empty_directory(), head.directory)
    notes = base_notes(base, existed, label)
    owners = Owners(settings.maintainers, owned_files(head.directory), owned_files(base.directory) if base else {})
    # a summary cut to fit GitHub's limit says where to see the rest
    command = f"git diff {commit[:12]} -- {shlex.quote(inside or '.')}"
    whole = f"{code(command)} shows the whole change"
    print(markdown(changes, label, notes, new_warnings(base, head, changes), whole, owners=owners), end="")
    sys.stdout.flush()


def _base(parser) -> None:
    parser.add_argument("--base", required=True, help="the commit to compare with: a branch, a tag, HEAD~1, an id")


def main() -> int:
    args = arguments("Say what a change does to the directory, in Markdown.", output=False, extra=_base)
    setup_logging(args.verbose)
    return run(lambda: diff(args.path, args.settings, args.base), args.settings)


if __name__ == "__main__":
    raise SystemExit(main())
