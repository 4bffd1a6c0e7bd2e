"""A folder of the repository as it was at a commit, copied into a temporary folder.

Read-only: ``git ls-tree`` lists the folder's files at the commit and ``git
cat-file --batch`` gives their bytes, one file at a time; nothing in the
repository changes (no checkout, no worktree, no index). Only ordinary files
are copied: a link or a submodule in the history is left out, and no path may
lead outside the temporary folder.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path, PurePosixPath

from ..problems import DirectoryError

BLOB_MODES = {b"100644", b"100755"}


class GitError(DirectoryError):
    """Git could not give what was asked: no repository, an unknown commit."""

    exitcode = 2


def git(where: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(where), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed; it is needed to compare with another commit") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {args[0]} failed: {said[-1] if said else 'no message'}")
    return done.stdout


def repository_of(folder: Path) -> tuple[Path, str]:
    """The top folder of the repository holding ``folder``, and ``folder`` from there
    (in Git's spelling, '' for the top itself)."""
    existing = folder if folder.is_dir() else folder.parent
    try:
        top = Path(git(existing, "rev-parse", "--show-toplevel").decode().strip())
    except GitError:
        raise GitError(f"{folder} is not in a Git repository, so there is nothing to compare it with") from None
    try:
        inside = folder.resolve().relative_to(top.resolve())
    except ValueError:
        raise GitError(f"{folder} is not inside the repository at {top}") from None
    return top, inside.as_posix() if inside.parts else ""


def commit_of(top: Path, ref: str) -> str:
    """The full id of the commit ``ref`` names (a branch, a tag, HEAD~1, an id)."""
    if not ref or ref.startswith("-"):
        raise GitError(f"{ref!r} is not a branch, tag or commit")
    try:
        return git(top, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").decode().strip()
    except GitError:
        raise GitError(
            f"{ref!r} is not a branch, tag or commit of this repository (in CI, fetch it first: "
            "actions/checkout with fetch-depth: 0)"
        ) from None


def _safe(path: str) -> PurePosixPath | None:
    parts = PurePosixPath(path).parts
    if not parts or path.startswith("/") or any(p in ("", ".", "..", ".git") for p in parts):
        return None
    return PurePosixPath(*parts)


def copy_folder(top: Path, commit: str, inside: str, target: Path) -> bool:
    """Write the ordinary files below ``inside`` at ``commit`` into ``target`` (keeping
    their paths from the top); False when the folder did not exist at that commit."""
    listing = git(top, "ls-tree", "-r", "-z", "--full-tree", commit, "--", inside or ".")
    wanted = []
    for record in filter(None, listing.split(b"\0")):
        info, _, path = record.partition(b"\t")
        mode, kind, sha = info.split(b" ")
        safe = _safe(os.fsdecode(path))
        if kind == b"blob" and mode in BLOB_MODES and safe is not None:
            wanted.append((sha, safe))
    if not wanted:
        return False
    command = ["git", "-C", str(top), "cat-file", "--batch"]
    with subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE) as cat:
        for sha, path in wanted:
            cat.stdin.write(sha + b"\n")
            cat.stdin.flush()
            header = cat.stdout.readline().split()
            if len(header) != 3:
                raise GitError(f"git cat-file failed: {path} is missing from the repository (a partial clone?)")
            size = int(header[2])
            data = cat.stdout.read(size)
            cat.stdout.read(1)  # the newline after each object
            destination = target.joinpath(*path.parts)
            destination.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(destination, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0))
            with os.fdopen(descriptor, "wb") as out:
                out.write(data)
        cat.stdin.close()
    return True
