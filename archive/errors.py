"""Errors of the ``archive`` package.

::

    ArchiveError            base; the CLI prints it and exits 2
    ├── UsageError          the arguments name nothing usable (no such folder …)
    └── RenderError         a document, scan or font cannot be turned into PDF pages
"""

from __future__ import annotations


class ArchiveError(Exception):
    """Base of the errors raised by ``archive``; the message is shown to the user."""


class UsageError(ArchiveError):
    """The command line names something that cannot be used."""


class RenderError(ArchiveError):
    """A document, scan or font cannot be rendered; the message names which and why."""
