"""The Decap CMS configuration (``/admin/config.yml``) as plain data.

* The backend is the Git host of ``repository_url`` (GitHub, or GitLab: see
  ``repository.host``) at ``repository_branch``. Every save is a pull request
  (``publish_mode: editorial_workflow``); on GitHub, someone without write
  access works in a fork of their own (``open_authoring``). GitLab's backend
  has no open authoring: only project members can edit there.
* ``local_backend`` only when ``cms_local_backend`` is set, which ``make cms``
  does (``commands/cms.py``) and ``publishconf.py`` never does: Decap then
  writes files straight into the working copy through ``decap-server``.
* One folder collection per kind of entry with a schema of fields (taxonomy
  and synonyms are maps and lists of words, kept in Git by the council).
  Entries can be created and changed, not deleted: Decap deletes a published
  entry straight on the branch, past review.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from ..kinds import KINDS, MARKDOWN, VOCABULARIES
from ..reading.entry_file import MAX_BODY
from ..relations import name_order
from ..repository import GITLAB, host
from .fields import MARKDOWN_WIDGET, Targets, kind_fields, kind_schema, label

# kinds an editor can fill in: entries with fields (not the taxonomy's maps of terms)
EDITABLE = tuple(k for k in KINDS if k.model is not None and not k.file_stems)
# Decap needs a media folder; no field takes a file (images are web addresses)
MEDIA_FOLDER = "theme/static/images/uploads"
PUBLIC_FOLDER = "/theme/images/uploads"
# file names made from the entry's name: ASCII, accents dropped, as a slug must be
SLUG = {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}


def repository(settings) -> tuple[str, str]:
    """``(host name, owner/name)`` of ``repository_url``."""
    address = urlsplit(settings.repository_url)
    return address.hostname or "", address.path.strip("/")


def backend(settings) -> dict:
    server, repo = repository(settings)
    if host(settings.repository_url) == GITLAB:
        found = {"name": "gitlab", "repo": repo, "branch": settings.repository_branch}
        if server != "gitlab.com":
            found["api_root"] = f"https://{server}/api/v4"
    else:
        found = {"name": "github", "repo": repo, "branch": settings.repository_branch, "open_authoring": True}
        found["auth_scope"] = "public_repo"  # the content is public: editors grant no more than that
        if server != "github.com":  # GitHub Enterprise
            found["api_root"] = f"https://{server}/api/v3"
    if settings.cms_auth_url:
        found["base_url"] = settings.cms_auth_url
    return found


def origins(settings) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``(what /admin/ connects to, where its pictures come from)`` beyond the site:
    the Git host's API and its users' avatars, and the local backend when set."""
    server, _ = repository(settings)
    local = (_origin(settings.cms_local_backend),) if settings.cms_local_backend else ()
    if not settings.repository_url:
        return local, ()
    if host(settings.repository_url) == GITLAB or server != "github.com":
        return (f"https://{server}", *local), (f"https://{server}",)
    return ("https://api.github.com", *local), ("https://avatars.githubusercontent.com",)


def _origin(address: str) -> str:
    parts = urlsplit(address)
    return f"{parts.scheme}://{parts.netloc}"


def wanted(settings) -> bool:
    """Whether the site has a web editor: a repository to edit, or the local backend."""
    return bool(settings.repository_url or settings.cms_local_backend)


def config(settings, directory) -> dict:
    targets = Targets(
        collections={k.folder: identifier(k) for k in EDITABLE},
        vocabularies={v.name: term_options(directory.taxonomy.get(v.name, {})) for v in VOCABULARIES},
    )
    found = {"backend": backend(settings) if settings.repository_url else {"name": "proxy"}}
    found["publish_mode"] = "editorial_workflow"
    if settings.cms_local_backend:
        found["local_backend"] = {"url": settings.cms_local_backend}
        if not settings.repository_url:  # nothing but the working copy to edit
            found["backend"]["proxy_url"] = settings.cms_local_backend
    found.update(
        site_url=settings.site_url,
        display_url=settings.site_url,
        media_folder=MEDIA_FOLDER,
        public_folder=PUBLIC_FOLDER,
        slug=SLUG,
        **({"logo_url": settings.logo} if settings.logo else {}),  # the council's, on the sign-in page
        collections=[collection(k, settings, directory, targets) for k in EDITABLE],
    )
    return found


def identifier(kind) -> str:
    """The field that names an entry of ``kind``: its title, or else its name."""
    return "title" if "title" in kind_schema(kind)[0].get("properties", {}) else "name"


def term_options(terms: dict) -> list[dict]:
    """A vocabulary's terms as select options, a narrower term after its broader one."""

    def shown(term) -> str:
        parent = terms.get(term.parent) if term.parent else None
        return f"{parent.name} › {term.name}" if parent else term.name

    return sorted(({"label": shown(t), "value": t.slug} for t in terms.values()), key=lambda o: name_order(o["label"]))


def extension(kind, directory) -> str:
    """The suffix most of the kind's files have ("yaml" or "yml"); its first otherwise."""
    found = Counter(Path(e.source).suffix for e in getattr(directory, kind.holder).values() if e.source)
    known = [s for s, _ in found.most_common() if s in kind.suffixes]
    return (known[0] if known else kind.suffixes[0]).lstrip(".")


def collection(kind, settings, directory, targets: Targets) -> dict:
    name = identifier(kind)
    fields = kind_fields(kind, targets)
    markdown = kind.suffixes == MARKDOWN
    if markdown:  # the Markdown after the front matter
        fields.append(
            {
                "name": "body",
                "label": label("body"),
                "required": False,
                **MARKDOWN_WIDGET,
                "pattern": [f"^[\\s\\S]{{0,{MAX_BODY}}}$", f"write at most {MAX_BODY:,} characters"],
            }
        )
    return {
        "name": kind.folder,
        "label": kind.title or kind.label,
        "label_singular": kind.label,
        **({"description": kind.intro} if kind.intro else {}),
        "folder": f"{settings.repository_content_path}/{kind.folder}",
        "extension": extension(kind, directory),
        "format": "yaml-frontmatter" if markdown else "yaml",
        "create": True,
        "delete": False,
        "identifier_field": name,
        "slug": "{{slug}}",
        "summary": "{{" + name + "}}",
        "sortable_fields": [name],
        "fields": fields,
    }
