"""Pelican settings for building the directory locally (make html / serve)."""

import os

SITENAME = "Millbrook Community Directory"
SITEURL = ""
TIMEZONE = "Europe/London"
DEFAULT_LANG = "en-GB"
PATH = "content"
THEME = "theme"

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["directory"]  # listed explicitly so the order is fixed

DIRECTORY = {
    "council_name": "Millbrook Borough Council",
    "site_name": "Millbrook Community Directory",
    "site_url": "http://localhost:8000",
    "contact_email": "directory@millbrook.example",
    "repository_url": "https://github.com/millbrook-council/directory",  # fictional
    # the council's maintainers: they own what no group owns (make codeowners)
    "maintainers": ["@millbrook-council/directory-team"],  # fictional
    "brand_colour": "#1d5b79",
    "share_image": "/theme/images/share.png",  # what share previews show (1200 x 630)
    "id_namespace": "0b7c6a8e-2f0d-5c1e-9a43-6d2e8f1b7c35",
    "postcode_file": "postcodes.csv",  # fictional ZZ postcodes of the sample
    # set by `make cms` alone: /admin/ then edits the working copy through Decap's
    # local backend (docs/cms.md); publishconf.py turns it off
    "cms_local_backend": os.environ.get("CIVIC_HUB_CMS_LOCAL_BACKEND", ""),
}

# The directory plugin writes every page itself; Pelican's blog parts stay off.
ARTICLE_PATHS = []
PAGE_PATHS = []
STATIC_PATHS = []
DIRECT_TEMPLATES = []
PAGINATED_TEMPLATES = {}
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
ARTICLE_SAVE_AS = PAGE_SAVE_AS = DRAFT_SAVE_AS = DRAFT_PAGE_SAVE_AS = ""
CATEGORY_SAVE_AS = TAG_SAVE_AS = AUTHOR_SAVE_AS = ""
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None
THEME_STATIC_DIR = "theme"
THEME_STATIC_PATHS = ["static"]
JINJA_ENVIRONMENT = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True}
LOAD_CONTENT_CACHE = False  # relations span files; see STYLE.md
CACHE_CONTENT = False
DELETE_OUTPUT_DIRECTORY = False  # the build wrapper swaps whole folders instead
RELATIVE_URLS = False
