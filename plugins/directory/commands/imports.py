"""What the importer commands share: their arguments, the plan, the report.

The report is one line per file created, replaced, skipped or taken out again
(on stdout), then the errors, warnings and notes as ``source:line: severity:
message`` (on stderr), then the counts. A row or document with an error writes
nothing, and the command then exits 1.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..build_time import build_moment
from ..importing.drafts import Notice
from ..importing.plan import Plan
from ..problems import DirectoryError, printable
from ..settings import directory_settings
from .cli import pelican_settings


class ImportFailed(DirectoryError):
    """Some rows or documents could not be imported (each is reported)."""

    exitcode = 1


def force_option(parser) -> None:
    parser.add_argument(
        "-f", "--force", action="store_true", help="replace entries that are there already (their files are rewritten)"
    )


def plan_for(content: str, conf: str, force: bool) -> Plan:
    """The plan for importing into ``content``: refuses a folder with no categories,
    where every imported service would fail."""
    settings = directory_settings(pelican_settings(conf, {"PATH": content}))
    if Path(content).is_symlink() or not Path(content).is_dir():
        why = "is a link; give the folder itself" if Path(content).is_symlink() else "does not exist"
        raise DirectoryError(f"{content}: the content folder {why}")
    today = build_moment(Path(content), settings.timezone).date()
    plan = Plan(content, settings, today, force)
    if plan.errors_before:
        why = f"{plan.errors_before} error(s) already (make validate lists them); the imported entries are checked"
        plan.notices.append(Notice(content, 1, "note", f"the content folder has {why} on their own"))
    if not plan.known.get("categories"):
        raise DirectoryError(
            f"{content} has no categories (taxonomy/categories.yaml): copy in the taxonomy files first "
            "(docs/importing.md)"
        )
    return plan


def finish(plan: Plan, drafts, notices) -> None:
    """Plan and write every draft; print what was done; fail if anything failed."""
    for draft in drafts:
        plan.add(draft)
    plan.write()
    for action in plan.actions:
        print(printable(str(action)))  # it may quote a source's text: one line, no workflow command
    everything = sorted([*notices, *plan.notices], key=lambda n: (n.source, n.line))
    for notice in everything:
        print(notice, file=sys.stderr)
    done = {verb: sum(a.verb == verb for a in plan.actions) for verb in ("created", "replaced", "skipped")}
    done["created"] -= sum(a.verb == "removed" for a in plan.actions)  # taken out again after writing
    done["replaced"] -= sum(a.verb == "restored" for a in plan.actions)
    errors = sum(n.is_error for n in everything)
    warnings = sum(n.severity == "warning" for n in everything)
    print(
        f"{done['created']} file(s) created, {done['replaced']} replaced, {done['skipped']} skipped; "
        f"{errors} error(s), {warnings} warning(s)",
        file=sys.stderr,
    )
    if errors:
        failed = len({(n.source, n.line) for n in everything if n.is_error})
        raise ImportFailed(
            f"{failed} row(s) or document(s) could not be imported (listed above); nothing was written for them"
        )
