"""Settings for publishing (make publish): the council's pelicanconf.py, and only
what differs when publishing.

The site is built for the council's own ``site_url``. A host that builds a
preview at another address (Netlify's deploy previews) sets SITE_URL in the
environment for that build; the build's last line names the address it built for.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: E402,F403

DIRECTORY = {
    **DIRECTORY,  # noqa: F405
    "site_url": os.environ.get("SITE_URL") or DIRECTORY["site_url"],  # noqa: F405
    "cms_local_backend": "",  # the published editor edits the repository, never a local folder
    "publishing": True,  # the sample's values are errors here, unless "demonstration"
}
SITEURL = DIRECTORY["site_url"]
