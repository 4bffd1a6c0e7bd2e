"""Reading the built site's _headers file (Netlify's and Cloudflare Pages' format)."""

from __future__ import annotations

from pathlib import Path


def header_blocks(site: Path) -> dict[str, list[str]]:
    """Each path pattern of ``site/_headers`` with its header lines."""
    blocks, current = {}, None
    for line in (site / "_headers").read_text().splitlines():
        if not line.startswith(" "):
            current = blocks.setdefault(line, [])
        else:
            current.append(line.strip())
    return blocks
