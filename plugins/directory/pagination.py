"""Long lists split into pages, with what the GOV.UK pagination pattern needs."""

from __future__ import annotations

from dataclasses import dataclass

from .urls import page_url


@dataclass(frozen=True)
class Pagination:
    """Where one page sits in a long list (GOV.UK pagination pattern)."""

    number: int
    count: int
    total_items: int
    first_item: int  # 1-based, for "Showing 51 to 100 of 1,234"
    last_item: int
    previous_url: str
    next_url: str
    pages: tuple  # (number, url) for every page

    def title(self, name: str) -> str:
        """The page's title: ``name``, with "(page 2 of 5)" after the first page."""
        return name if self.number == 1 else f"{name} (page {self.number} of {self.count})"

    @property
    def window(self) -> list:
        """The pages to link: first, last and the current one's neighbours;
        ``None`` where a run of pages is left out (shown as an ellipsis)."""
        shown = [(n, url) for n, url in self.pages if n in (1, self.count) or abs(n - self.number) <= 1]
        result, previous = [], 0
        for n, url in shown:
            if n - previous > 1:
                result.append(None)
            result.append((n, url))
            previous = n
        return result


def paginate(items: list, base_url: str, size: int):
    """``(url, items on that page, Pagination)`` for each page of ``items``."""
    count = max(1, -(-len(items) // size))
    urls = [page_url(base_url, n) for n in range(1, count + 1)]
    for n, url in enumerate(urls, start=1):
        start = (n - 1) * size
        chunk = items[start : start + size]
        yield (
            url,
            chunk,
            Pagination(
                number=n,
                count=count,
                total_items=len(items),
                first_item=start + 1 if chunk else 0,
                last_item=start + len(chunk),
                previous_url=urls[n - 2] if n > 1 else "",
                next_url=urls[n] if n < count else "",
                pages=tuple(zip(range(1, count + 1), urls, strict=True)),
            ),
        )
