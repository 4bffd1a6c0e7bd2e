"""The benchmark generator's YAML: the plugin's own entry emitter
(``plugins/directory/entry_yaml.py``), which the importers use too.

Block style; every string a YAML reader could misread (``10:30``, ``no``,
``0123``, dates) in double quotes; Markdown in literal blocks (``|``); no
anchors, aliases or tags. Prices are written with two decimals (``3.50``), as
people write them.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

PLUGINS = Path(__file__).resolve().parent.parent / "plugins"
if str(PLUGINS) not in sys.path:  # run as a script: python bench/generate.py
    sys.path.insert(0, str(PLUGINS))

from directory.entry_yaml import dump, front_matter  # noqa: E402

__all__ = ["Money", "emit", "front_matter"]


def Money(amount: float) -> Decimal:  # named like the type it stands for, as the generator calls it
    """A price, written with two decimals (3.50)."""
    return Decimal(f"{amount:.2f}")


def emit(data: dict) -> str:
    """Block-style YAML for one entry or taxonomy file, keys in the order given."""
    return dump(data)
