"""The settings that name files: each must name one that exists, in the
content folder (the council's images, the postcode file) or the theme.

Checked at start-up, where the settings and the content folder (Pelican's
PATH) are both known, with the rest of the settings' problems.
"""

from __future__ import annotations

from pathlib import Path

from .reading.files import IMAGES
from .settings_problems import Problems
from .settings_source import shown

THEME_PREFIX = "/theme/"  # pelican_defaults.THEME_STATIC_DIR: <theme>/static/ → /theme/


def site_file(site_path: str, content: Path, theme: Path) -> Path | None:
    """The file a site path like '/images/logo.svg' is copied from, or None
    when nothing is copied to that path."""
    if site_path.startswith(f"/{IMAGES}/"):
        return content / site_path.lstrip("/")
    if site_path.startswith(THEME_PREFIX):
        return theme / "static" / site_path.removeprefix(THEME_PREFIX)
    return None


def is_there(path: Path) -> bool:
    """A file is at ``path`` (a link there is refused where the content is read, reading/files.py)."""
    return path.is_file() or path.is_symlink()


def check_files(s, content: Path, theme: Path, found: Problems) -> None:
    """``logo`` and ``share_image`` name an image the build copies; ``postcode_file``
    one at the top of the content folder."""
    for name in ("logo", "share_image"):
        value = getattr(s, name)
        if not value or found.has(name):
            continue
        file = site_file(value, content, theme)
        if file is None:
            found.add(
                name,
                f"DIRECTORY {name} names {value}, which is not an image of this site: put the image in "
                f"{shown(content / IMAGES)}/ and name it '/{IMAGES}/<file name>'",
            )
        elif not is_there(file):
            found.add(name, f"DIRECTORY {name} names {value}, but {shown(file)} does not exist")
    if s.postcode_file and not found.has("postcode_file"):
        file = content / s.postcode_file
        if not is_there(file):
            found.add(
                "postcode_file",
                f"DIRECTORY postcode_file names {s.postcode_file}, but {shown(file)} does not exist: "
                "put the postcode file at the top of the content folder, or leave the setting out",
            )
