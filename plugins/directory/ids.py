"""Stable public ids: a UUIDv5 of the site's namespace and ``kind/slug``.

The same entry keeps the same id across builds and machines, which Open
Referral consumers rely on to follow a record over time.
"""

from __future__ import annotations

import uuid
from functools import lru_cache


@lru_cache(
    maxsize=1 << 17
)  # asked for hundreds of thousands of times (every reference in the feed), of far fewer entries
def public_id(namespace: uuid.UUID, kind: str, slug: str) -> str:
    return str(uuid.uuid5(namespace, f"{kind}/{slug}"))
