"""The size budgets the project states, in one table, and the built files checked
against them (``make check``; bench/widgets.py measures against the same table).

A budget is for the bytes a resident's browser (or a partner's page) downloads, so it
counts the file as a host sends it: gzipped (level 9, as bench/widgets.py measures).
KB are 1,024 bytes. Where each budget is stated and why: bench/README.md ("Widgets").
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass, replace
from pathlib import Path

from ..problems import DirectoryError
from .check_findings import Finding, in_site

KB = 1024
GZIP_LEVEL = 9


@dataclass(frozen=True)
class Budget:
    name: str  # how `--budget NAME=BYTES` names it
    what: str  # the files, in words
    files: str  # a pattern of the files it holds for, inside the built site
    limit: int  # bytes, gzipped
    below: bool = False  # the size must be under the limit, not at most the limit

    def fits(self, size: int) -> bool:
        return size < self.limit if self.below else size <= self.limit

    def said(self) -> str:
        return f"{'under' if self.below else 'at most'} {round(self.limit / KB, 1):g} KB gzipped"


WIDGET_SCRIPT = Budget("widget-script", "the embed script", "widget/v1/civic-hub.js", 10 * KB)
WIDGET_CATEGORY_DATA = Budget(
    "widget-category-data",
    "the widget's data for one category",
    "widget/v1/data/services/category/*.json",
    20 * KB,
    below=True,
)
BUDGETS = (WIDGET_SCRIPT, WIDGET_CATEGORY_DATA)


def gzipped_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), GZIP_LEVEL))


def with_limits(limits: dict[str, int], budgets=BUDGETS) -> tuple[Budget, ...]:
    """The budgets with some limits changed (``{name: bytes}``); an unknown name is an error."""
    unknown = sorted(set(limits) - {b.name for b in budgets})
    if unknown:
        names = ", ".join(b.name for b in budgets)
        raise DirectoryError(f"there is no budget called {unknown[0]!r}; the budgets are {names}")
    return tuple(replace(b, limit=limits.get(b.name, b.limit)) for b in budgets)


def check_budgets(site: Path, budgets=BUDGETS) -> list[Finding]:
    """Every built file over its budget, with its size and the budget in words."""
    found = []
    for budget in budgets:
        for path in sorted(site.glob(budget.files)):
            size = gzipped_size(path)
            if not budget.fits(size):
                found.append(
                    Finding(
                        in_site(site, path),
                        f"{budget.what} is {size / KB:.1f} KB gzipped: its budget is {budget.said()} ({budget.name})",
                    )
                )
    return found
