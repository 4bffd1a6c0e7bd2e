"""``make new-council DIR=../our-directory``: a new council's directory repository.

From a few answers (given as options, or asked for when run at a terminal) it
writes the council's own files (starter/: settings, an empty but valid content
skeleton with a taxonomy to adapt, pages, images, workflows, CODEOWNERS) and
adds the software as a Git submodule, ``civic-hub/``, pinned to this version.
Everything is made in a folder beside the target and moved into place whole:
a failure leaves nothing behind.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from ..build_time import today
from ..problems import DirectoryError
from ..settings import DirectorySettings, SettingsError, parse_settings
from ..starter import SUBMODULE, Answers, council_files, directory_settings, with_namespace
from .cli import run, setup_logging
from .codeowners import write_codeowners

SOFTWARE = Path(__file__).resolve().parents[3]  # the folder holding plugins/ and theme/
QUESTIONS = {  # option: what a person is asked for it
    "council_name": "The council's name (like 'Millbrook Borough Council')",
    "site_name": "The directory's name (like 'Millbrook Community Directory')",
    "site_url": "The directory's public address (like 'https://directory.millbrook.gov.uk')",
    "contact_email": "The email address residents write to about the directory",
    "brand_colour": "The council's brand colour, for white text on it (like '#1d70b8')",
    "repository_url": "The directory repository's address (like 'https://github.com/millbrook/directory')",
    "maintainers": "The council's maintainers' handles, separated by spaces (like '@millbrook/directory-team')",
}
IMAGES = {".svg", ".png", ".jpg", ".jpeg"}


def answers_from(args: argparse.Namespace) -> Answers:
    """The answers given as options; those missing asked for at a terminal, else an error."""
    given = {name: getattr(args, name) for name in QUESTIONS}
    missing = [name for name, value in given.items() if not value]
    if missing and not sys.stdin.isatty():
        raise SettingsError("give " + ", ".join("--" + name.replace("_", "-") for name in missing))
    for name in missing:
        given[name] = input(f"{QUESTIONS[name]}: ").strip()
    given["maintainers"] = tuple(given["maintainers"].replace(",", " ").split())
    for name in ("logo", "share_image"):
        given[name] = _image(getattr(args, name), name)
    return with_namespace(Answers(**given))


def _image(path: str | None, name: str) -> Path | None:
    if not path:
        return None
    image = Path(path)
    if not image.is_file() or image.suffix.lower() not in IMAGES:
        raise SettingsError(f"--{name.replace('_', '-')} {path}: give an SVG, PNG or JPEG file that exists")
    return image


def new_council(target: Path, answers: Answers, software_url: str, version: str) -> None:
    parse_settings(directory_settings(answers))  # every problem with the answers, before anything is written
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise DirectoryError(f"{target} already exists and is not empty: name a new folder")
    draft = target.with_name(f".{target.name}.new-{os.getpid()}")
    try:
        _write(draft, council_files(answers, today(DirectorySettings.timezone), SOFTWARE))
        _git(draft, "init", "--quiet", "--initial-branch=main")
        _git(draft, "-c", "protocol.file.allow=always", "submodule", "add", "--quiet", "--", software_url, SUBMODULE)
        _git(draft / SUBMODULE, "checkout", "--quiet", "--detach", version)
        write_codeowners(str(draft / "content"), str(draft / "pelicanconf.py"), str(draft / ".github/CODEOWNERS"))
        _git(draft, "add", "--all")
        if target.exists():
            target.rmdir()
        draft.rename(target)
    finally:
        shutil.rmtree(draft, ignore_errors=True)
    print(f"The {answers.site_name} is ready in {target}. Next:")
    print(f"  cd {target} && git commit -m 'Start the directory' && make serve")
    if not software_url.startswith(("https://", "git@")):
        print(f"The software comes from {software_url}, a folder on this machine: before you push, point it at")
        print(f"its public address with  git submodule set-url {SUBMODULE} https://…")


def _write(root: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def _git(where: Path, *words: str) -> str:
    done = subprocess.run(["git", *words], cwd=where, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise DirectoryError(f"git {' '.join(words)} failed: {done.stderr.strip() or done.stdout.strip()}")
    return done.stdout.strip()


def this_version() -> tuple[str, str]:
    """Where the software came from and which commit it is at (its tag, if it has one)."""
    url = subprocess.run(["git", "remote", "get-url", "origin"], cwd=SOFTWARE, capture_output=True, text=True)
    tag = subprocess.run(
        ["git", "describe", "--tags", "--exact-match"], cwd=SOFTWARE, capture_output=True, text=True
    ).stdout.strip()
    return url.stdout.strip(), tag or _git(SOFTWARE, "rev-parse", "HEAD")


def main() -> int:
    parser = argparse.ArgumentParser(description="Start a new council's directory repository.")
    parser.add_argument("target", help="the new repository's folder")
    for name in QUESTIONS:
        parser.add_argument("--" + name.replace("_", "-"), dest=name, default="")
    parser.add_argument("--logo", help="the council's logo (SVG, PNG or JPEG)")
    parser.add_argument("--share-image", dest="share_image", help="the picture share previews show (1200 x 630)")
    parser.add_argument(
        "--software-url",
        default="",
        help="where the software is cloned from (default: this copy's origin, else this folder)",
    )
    parser.add_argument("--software-version", default="", help="the tag or commit to pin (default: this one)")
    args = parser.parse_args()
    setup_logging(False)

    def start() -> None:
        origin, version = this_version()
        url = args.software_url or origin or str(SOFTWARE)
        new_council(Path(args.target).resolve(), answers_from(args), url, args.software_version or version)

    return run(start, "the answers")


if __name__ == "__main__":
    raise SystemExit(main())
