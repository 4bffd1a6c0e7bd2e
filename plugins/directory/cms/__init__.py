"""The web editor: the Decap CMS configuration, as plain data.

Pure functions of the schemas, ``kinds.py``, the taxonomy and the settings,
knowing nothing about the build (``outputs/cms.py`` writes ``/admin/``):
``fields`` turns a kind's JSON Schema into Decap's fields and widgets,
``config`` puts the collections, the backend and the taxonomy's choices
together. What Decap writes back is read by the same strict reader as every
other file (docs/cms.md).
"""
