"""Commands: the entry points people and CI run (``python -m directory.commands.X``).

The make targets' commands: ``build``, ``serve``, ``devserver``, ``cms``,
``validate``, ``check``, ``diff``, ``new``, ``new_council``, ``report``,
``codeowners``, ``import_csv``, ``import_openreferral`` and ``format_docs``; the
other modules are their parts, and ``cli`` holds what they all share.  A
command's ``main()`` is the only place that exits: library code
raises a :class:`~directory.problems.DirectoryError`, and ``cli.run`` turns it
into plain messages and an exit code.
"""
