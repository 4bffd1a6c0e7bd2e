"""The council's settings for building the directory (make html / serve / devserver).

What every directory site needs comes from the software (plugins/directory/
pelican_defaults.py); this file holds only what is this council's own.
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "plugins"))
from directory.pelican_defaults import *  # noqa: E402,F403

SITENAME = "Millbrook Community Directory"
PATH = "content"

DIRECTORY = {
    "council_name": "Millbrook Borough Council",
    "site_name": "Millbrook Community Directory",
    # the directory's public address; make html, serve and devserver link to
    # http://localhost:PORT instead, make publish to this
    "site_url": "https://directory.millbrook.example",
    "contact_email": "directory@millbrook.example",
    "repository_url": "https://github.com/millbrook-council/directory",  # fictional
    # the council's maintainers: they own what no group owns (make codeowners)
    "maintainers": ["@millbrook-council/directory-team"],  # fictional
    "brand_colour": "#1d5b79",
    "share_image": "/images/share.png",  # in content/images/: what share previews show (1200 x 630)
    "id_namespace": "0b7c6a8e-2f0d-5c1e-9a43-6d2e8f1b7c35",
    "postcode_file": "postcodes.csv",  # fictional ZZ postcodes of the sample
    # the software's own demonstration: Millbrook is made up, every page says so, and
    # its values may be published; a council's settings leave this out
    "demonstration": True,
    # set by `make cms` alone: /admin/ then edits the working copy through Decap's
    # local backend (docs/cms.md); publishconf.py turns it off
    "cms_local_backend": os.environ.get("CIVIC_HUB_CMS_LOCAL_BACKEND", ""),
}
