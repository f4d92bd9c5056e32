"""Errors of the ``indexer`` package.

::

    IndexerError            base; the message is meant for the user
    ├── IndexMissing        no index has been built in the folder yet
    ├── IndexLocked         another writer held the index past the wait
    ├── IndexIncompatible   the index was written by another format version
    └── QueryError          the query text cannot be parsed
"""

from __future__ import annotations


class IndexerError(Exception):
    """Base of the errors raised by ``indexer``; the message is shown to the user."""


class IndexMissing(IndexerError):
    """The folder holds no search index yet."""


class IndexLocked(IndexerError):
    """Another ``index`` run kept the write lock longer than we were willing to wait."""


class IndexIncompatible(IndexerError):
    """The index on disk has another format version than this program writes."""


class QueryError(IndexerError):
    """The query cannot be parsed; the message names the part that is wrong."""
