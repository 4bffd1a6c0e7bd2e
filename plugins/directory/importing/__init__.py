"""Importing: entries from other formats written into a content folder.

A source (an Open Referral document, a spreadsheet row) becomes a
:class:`~directory.importing.drafts.Draft` in our own field names, by a pure
mapping: ``openreferral/importer.py`` for Open Referral UK, ``spreadsheet.py``
for the CSV layout of docs/importing.md. :class:`~directory.importing.plan.Plan`
then matches its organisation and places to those already in the folder (by
name, and postcode), names the new files, writes them with ``entry_yaml`` (each
whole, with the mode the user's umask gives: ``writing.py``) and checks each
with the reader's own code before it is kept, so a file that would not pass
``make validate`` is never left behind.

Only the importer commands (``commands/import_*.py``) change a content folder,
and never overwrite a file unless asked to (``--force``).
"""
