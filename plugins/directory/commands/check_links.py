"""Every link inside the site leads to a file of the build (``make check``).

Each HTML page is read once (Python's own HTML parser, which gives the line and
column of each tag): the ids it has, and the address in every ``href``, ``src``
and form ``action``. An address of the site itself (relative, from the root, or
the site's own ``site_url``) must be a file of the build, or a folder with an
``index.html``; a ``#fragment`` must be an id of the page it leads to. Other
sites, ``mailto:`` and ``tel:`` are not followed: a build never reaches the
network.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from .check_findings import Finding, in_site, page_url

ATTRIBUTES = ("href", "src", "action")
# what a browser finds without an element of that id: the top of the page
FRAGMENTS_ALWAYS_THERE = {"", "top"}


class Page(HTMLParser):
    """One page's ids and links (address, line, column)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, int, int]] = []

    def handle_starttag(self, tag, attrs):
        line, col = self.getpos()
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif name in ATTRIBUTES and value.strip():
                self.links.append((value.strip(), line, col + 1))


def read_page(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8", errors="replace"))
    page.close()
    return page


class Site:
    """The files of a build, and where the site's own addresses start."""

    def __init__(self, folder: Path, site_url: str):
        self.folder = folder
        own = urlsplit(site_url)
        self.origin = (own.scheme, own.netloc)
        self.prefix = own.path.rstrip("/")

    def own_path(self, address: str, base: str) -> tuple[str, str] | None:
        """(path inside the site, fragment) of an address on the page at ``base``;
        None for another site's, or a scheme no file answers (mailto:, tel:, data:)."""
        parts = urlsplit(address)
        if parts.scheme not in ("", "http", "https"):
            return None
        if parts.netloc and (parts.scheme or self.origin[0], parts.netloc) != self.origin:
            return None
        whole = urlsplit(urljoin(base, address))
        path = unquote(whole.path)
        if self.prefix and (path == self.prefix or path.startswith(self.prefix + "/")):
            path = path[len(self.prefix) :] or "/"
        return path, unquote(whole.fragment)

    def file_for(self, path: str) -> Path | None:
        """The file the host serves at ``path``, if the build has one."""
        target = self.folder / path.lstrip("/")
        if ".." in Path(path).parts:
            return None
        if path.endswith("/") or target.is_dir():
            target = target / "index.html"
        return target if target.is_file() else None


def check_links(folder: Path, site_url: str) -> list[Finding]:
    """Every same-site link of every page that leads to no file, or to no id of its page."""
    site = Site(folder, site_url)
    pages = {path: read_page(path) for path in sorted(folder.rglob("*.html"))}
    found = []
    for path, page in pages.items():
        base = page_url(folder, path)
        for address, line, col in page.links:
            own = site.own_path(address, base)
            if own is None:
                continue
            target = site.file_for(own[0])
            where = in_site(folder, path, line, col)
            if target is None:
                found.append(Finding(where, f"the link {address!r} on {base} leads to nothing in the site"))
            elif own[1] not in FRAGMENTS_ALWAYS_THERE and target in pages and own[1] not in pages[target].ids:
                found.append(
                    Finding(where, f"the link {address!r} on {base} leads to a part of its page that is not there")
                )
    return found
