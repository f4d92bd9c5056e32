"""Errors of the ``archive`` package.

::

    ArchiveError            base; the CLI prints it and exits 2
    └── UsageError          the arguments name nothing usable (no such folder …)
"""

from __future__ import annotations


class ArchiveError(Exception):
    """Base of the errors raised by ``archive``; the message is shown to the user."""


class UsageError(ArchiveError):
    """The command line names something that cannot be used."""
