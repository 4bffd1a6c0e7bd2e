"""Settings for publishing: everything in pelicanconf.py, with the public address.

Set SITE_URL in the environment (for example in CI) to the address the site is
served from, without a trailing slash.
"""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

DIRECTORY = {
    **DIRECTORY,  # noqa: F405
    "site_url": os.environ.get("SITE_URL", "https://directory.millbrook.example"),
    "cms_local_backend": "",  # the published editor edits the repository, never a local folder
}
SITEURL = DIRECTORY["site_url"]
