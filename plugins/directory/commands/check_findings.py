"""What a content check (``make check``) finds on a built site: a problem of the
site as a resident gets it, named by the page it is on (its file in the build,
with the line and column when the checker gives them) and said in plain words."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..problems import DirectoryError, printable


@dataclass(frozen=True)
class Finding:
    where: str  # "services/x/index.html:12:5", or a page's address and width
    message: str
    severity: str = "error"  # or "warning": printed, and the check still passes

    def __str__(self) -> str:
        return f"{printable(self.where)}: {self.severity}: {printable(self.message)}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class ChecksFailed(DirectoryError):
    """One or more content checks found a problem (each listed as it was found)."""

    exitcode = 1


def in_site(site: Path, path: Path | str, line: int = 0, col: int = 0) -> str:
    """A file of the built site as the checks name it: its path inside the site."""
    name = Path(path).resolve().relative_to(site.resolve()).as_posix()
    return f"{name}:{line}:{col}" if line else name


def page_url(site: Path, path: Path) -> str:
    """The address a page of the build is served at ('/services/x/' for services/x/index.html)."""
    name = path.relative_to(site).as_posix()
    return "/" + name.removesuffix("index.html")
