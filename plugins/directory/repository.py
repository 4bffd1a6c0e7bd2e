"""Links into the Git repository the content is kept in, from the settings alone.

An entry's file is named from ``repository_content_path`` and its kind's folder,
never from the folder a build runs in (a build of a copy elsewhere, or of a test
fixture, must still link to ``content/services/baby-bank.yaml``).

Two hosts are known, told apart by the host name of ``repository_url``: a host
with "gitlab" in its name (gitlab.com, gitlab.council.gov.uk) is GitLab, any
other is GitHub (github.com, or GitHub Enterprise on the council's own name).

* GitHub: the web editor is ``<repo>/edit/<branch>/<path>``; "Suggest a change"
  opens the issue form ``.github/ISSUE_TEMPLATE/suggest-change.yml`` with its
  fields filled in by query parameters named like the fields' ids.
* GitLab: ``<repo>/-/edit/<branch>/<path>``; GitLab has no issue forms, so the
  new issue's title and description (``issue[title]``, ``issue[description]``)
  carry the same facts and questions.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

from .kinds import BY_MODEL

GITHUB, GITLAB = "GitHub", "GitLab"
SUGGEST_FORM = "suggest-change.yml"  # in .github/ISSUE_TEMPLATE/
# the ids of the suggest form's fields the link fills in (the form must have them)
ENTRY_FIELD, FILE_FIELD, PAGE_FIELD = "entry", "file", "page"


@dataclass(frozen=True)
class EntryLinks:
    """An entry page's ways to ask for a change."""

    suggest: str  # a new issue about the entry, its name and file filled in
    edit: str  # the entry's file in the Git host's web editor
    host: str  # "GitHub" or "GitLab", for the links' words


def host(repository_url: str) -> str:
    name = (urlsplit(repository_url).hostname or "").lower()
    return GITLAB if any("gitlab" in label for label in name.split(".")) else GITHUB


def _dash(settings) -> str:
    """GitLab puts a project's own pages under /-/."""
    return "/-" if host(settings.repository_url) == GITLAB else ""


def entry_path(settings, entry) -> str:
    """The entry's file from the repository's root: "content/services/baby-bank.yaml"."""
    kind = BY_MODEL[type(entry)]
    return f"{settings.repository_content_path}/{kind.folder}/{Path(entry.source).name}"


def edit_url(settings, path: str) -> str:
    return f"{settings.repository_url}{_dash(settings)}/edit/{quote(settings.repository_branch)}/{quote(path)}"


def file_url(settings, path: str) -> str:
    """The file as the Git host shows it (for reports)."""
    return f"{settings.repository_url}{_dash(settings)}/blob/{quote(settings.repository_branch)}/{quote(path)}"


def suggest_url(settings, name: str, path: str, page: str) -> str:
    """A new issue asking for a change to the entry called ``name`` in ``path``,
    whose page is at ``page``; every value percent-encoded."""
    title = f"Suggest a change: {name}"
    if host(settings.repository_url) == GITLAB:
        description = (
            f"Entry: {name}\nFile: {path}\nPage: {page}\n\n"
            "What is wrong or out of date, and what should it say?\n\n\n"
            "How do you know? (for example: I run this group; I went last week)\n\n"
        )
        query = {"issue[title]": title, "issue[description]": description}
        return f"{settings.repository_url}/-/issues/new?{urlencode(query, quote_via=quote)}"
    query = {"template": SUGGEST_FORM, "title": title, ENTRY_FIELD: name, FILE_FIELD: path, PAGE_FIELD: page}
    return f"{settings.repository_url}/issues/new?{urlencode(query, quote_via=quote)}"


def entry_links(settings, entry, page: str) -> EntryLinks | None:
    """The links of the entry whose page is at ``page`` (absolute); None without
    a ``repository_url``."""
    if not settings.repository_url:
        return None
    path = entry_path(settings, entry)
    name = getattr(entry, "name", None) or entry.title
    return EntryLinks(suggest_url(settings, name, path, page), edit_url(settings, path), host(settings.repository_url))
