"""Search index of an archive: Chinese analysis, index build and update, queries.

``indexer`` reads ``forms`` and nothing else of this project. The command line
uses :func:`open_index` and the :class:`Index` protocol only; the whoosh engine
behind it is private (:mod:`indexer._whoosh`).
"""

from __future__ import annotations

from pathlib import Path

from indexer.api import (
    DEFAULT_WAIT,
    Highlight,
    Hit,
    Index,
    OfficeSource,
    PersonSource,
    SearchRequest,
    UpdateReport,
)
from indexer.errors import (
    IndexerError,
    IndexIncompatible,
    IndexLocked,
    IndexMissing,
    QueryError,
)
from indexer.records import Pages, PersonState

INDEX_FOLDER = ".index"
"""Name of the index folder inside an archive root."""


def open_index(folder: Path) -> Index:
    """The index kept in ``folder``; it is created by the first update."""
    from indexer._whoosh import WhooshIndex

    return WhooshIndex(folder)


__all__ = [
    "DEFAULT_WAIT",
    "INDEX_FOLDER",
    "Highlight",
    "Hit",
    "Index",
    "IndexIncompatible",
    "IndexLocked",
    "IndexMissing",
    "IndexerError",
    "OfficeSource",
    "Pages",
    "PersonSource",
    "PersonState",
    "QueryError",
    "SearchRequest",
    "UpdateReport",
    "open_index",
]
