"""Open Referral UK 3.0 (docs/open-referral.md): the directory as the standard's
documents (``export``, ``terms``), and the standard's documents as drafts of our
entries for the importer (``documents`` reads them, ``importer`` and ``fields``
map them). Pure functions; ``outputs/openreferral.py`` writes the static feed and
``importing/`` writes the drafts into a content folder."""
