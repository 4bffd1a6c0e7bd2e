"""Reading: content in, as checked data and then model objects.

One path for every file: ``loader`` reads it (``strict_yaml``), converts and
validates it against its JSON Schema (``schemas``, ``schemas/*.json``,
messages in ``validation``), runs the checks within the entry and keeps its
references (``checks``), and builds the model object (``builders``, with
Markdown made safe by ``sanitise``).  Cross-file checks run once every file is
read.  Nothing here writes anything.
"""
