"""Commands: the entry points people and CI run (``python -m directory.commands.X``).

``build``, ``validate``, ``devserver`` and ``format_docs``; ``cli`` holds what
they share.  A command's ``main()`` is the only place that exits: library code
raises a :class:`~directory.problems.DirectoryError`, and ``cli.run`` turns it
into plain messages and an exit code.
"""
