"""``/admin/``: the web editor, Decap CMS served from the site itself, and its
configuration ``/admin/config.yml``, made from the schemas (``cms/``).

The page loads Decap's script and the site's own (``theme/static/js/admin.js``),
nothing inline, under a policy of its own (``hosting.editor_policy``, sent as a
header by ``outputs/hosting.py`` and in the page); it is not in the sitemap or
the search index and asks search engines to leave it out. A site without a
``repository_url`` (and not built by ``make cms``) has no editor.
"""

from __future__ import annotations

import yaml

from ..cms.config import config, origins, wanted
from ..hosting import editor_policy
from ..urls import SECTIONS

HEADER = (
    "# Decap CMS's configuration, made by the build from the schemas and kinds.py\n"
    "# (plugins/directory/cms/): change those, not this file.\n"
)


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data) -> bool:  # each list written out where it is used
        return True


def folder() -> str:
    """The editor's top folder ("admin")."""
    return SECTIONS["admin"].strip("/")


def policy(settings) -> str:
    connect, images = origins(settings)
    return editor_policy(connect, images)


def config_text(settings, directory) -> str:
    data = config(settings, directory)
    return HEADER + yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def write(site, out) -> None:
    if not wanted(site.settings):
        return
    out.text(SECTIONS["admin-config"], config_text(site.settings, site.directory))
    out.page(
        "admin.html",
        SECTIONS["admin"],
        title="Edit the directory",
        in_sitemap=False,
        editor_policy=policy(site.settings),
        config_url=SECTIONS["admin-config"],
    )
