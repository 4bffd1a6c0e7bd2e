"""The Pelican settings every directory site needs, whoever's site it is.

A site's settings file (the council's ``pelicanconf.py``, the tests' own
``tests/fixtures/sampleconf.py``) starts with ``from directory.pelican_defaults
import *`` and adds what is its own: the content folder and ``DIRECTORY``.
These belong to the software, so an upgrade changes them here, never in a
council's file.
"""

from pathlib import Path

from .reading.files import IGNORED as _IGNORED

SOFTWARE = Path(__file__).resolve().parents[2]  # the folder holding plugins/ and theme/

THEME = str(SOFTWARE / "theme")
PLUGIN_PATHS = [str(SOFTWARE / "plugins")]
PLUGINS = ["directory"]  # listed explicitly so the order is fixed
SITEURL = ""
TIMEZONE = "Europe/London"
DEFAULT_LANG = "en-GB"

# The directory plugin writes every page itself; Pelican's blog parts stay off.
ARTICLE_PATHS = []
PAGE_PATHS = []
# ... but copies the council's images, <content>/images/ → /images/ (logo, share
# image); reading/files.py has refused a link or a stray file there before this runs
STATIC_PATHS = ["images"]
IGNORE_FILES = [".#*", *_IGNORED]  # the few files a content folder holds that are nobody's page
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
