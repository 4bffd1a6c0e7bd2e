"""The Millbrook sample's own values, refused when a council publishes.

A council starts from the sample; a value of Millbrook's left in its settings
would publish a made-up address, someone else's repository or the sample's
ids. Building with publishconf.py (``publishing``) refuses every one of them,
unless the site is the software's own demonstration (``demonstration``).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from urllib.parse import urlsplit

from .settings_files import site_file
from .settings_problems import Problems

SITE_HOST = "directory.millbrook.example"
ID_NAMESPACE = "0b7c6a8e-2f0d-5c1e-9a43-6d2e8f1b7c35"
REPOSITORY_URL = "https://github.com/millbrook-council/directory"
MAINTAINERS = "@millbrook-council/"
EMAIL_DOMAIN = "@millbrook.example"
# SHA-256 of the sample's share image (tests/fixtures/sample/images/share.png)
SHARE_IMAGE_SHA256 = "358e5520e21fbb887cbb12afaa9af6aa43ba2672e610b928b54eaa5b6b7a9a36"
MAX_IMAGE_BYTES = 20_000_000  # a larger file is not the sample's; not read to find out


def check_sample_values(s, content: Path, theme: Path, found: Problems) -> None:
    """Each of the sample's values left in ``s``, when publishing a council's own site."""
    if not s.publishing or s.demonstration:
        return
    instead = {
        "site_url": urlsplit(s.site_url).hostname == SITE_HOST
        and "is the Millbrook sample's address; put your directory's own, like 'https://directory.yourcouncil.gov.uk'",
        "id_namespace": s.id_namespace == ID_NAMESPACE
        and "is the Millbrook sample's: make your own with "
        'python3 -c "import uuid; print(uuid.uuid4())", put it here, and never change it afterwards',
        "repository_url": s.repository_url == REPOSITORY_URL
        and "is the Millbrook sample's repository; put the address of your council's own",
        "maintainers": any(h.startswith(MAINTAINERS) for h in s.maintainers)
        and f"names the Millbrook sample's team ({MAINTAINERS}…); put your council's own handles",
        "contact_email": s.contact_email.lower().endswith(EMAIL_DOMAIN)
        and "is the Millbrook sample's address; put your council's own, where residents get an answer",
        "share_image": _is_sample_image(s.share_image, content, theme)
        and "is the Millbrook sample's picture; put your council's own (a 1200 × 630 PNG) in its place",
    }
    for key, why in instead.items():
        if why and not found.has(key):
            found.add(key, f"DIRECTORY {key} {why} (the sample's values are refused when publishing)")


def _is_sample_image(value: str, content: Path, theme: Path) -> bool:
    file = site_file(value, content, theme) if value else None
    try:
        if file is None or file.is_symlink() or file.stat().st_size > MAX_IMAGE_BYTES:
            return False
        return hashlib.sha256(file.read_bytes()).hexdigest() == SHARE_IMAGE_SHA256
    except OSError:  # not there: check_files says so
        return False
