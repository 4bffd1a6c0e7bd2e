"""``/services/``, ``/organisations/``, ``/locations/``: everything of a kind, paged."""

from __future__ import annotations

from ..kinds import LISTED
from ..pagination import paginate
from ..relations import by_name
from ..urls import url


def write(site, out) -> None:
    for kind in LISTED:
        everything = getattr(site.directory, kind.folder).values()
        items = sorted(everything, key=by_name)
        for page_url, chunk, pagination in paginate(items, url(kind.folder), site.settings.page_size):
            out.page(
                "listing.html",
                page_url,
                title=pagination.title(kind.title),
                kind=kind.folder,
                heading=kind.title,
                intro=kind.intro,
                items=chunk,
                pagination=pagination,
            )
