"""The index as the rest of the program sees it, whatever engine is behind it.

The command line talks to an :class:`Index` only; the whoosh implementation is
in :mod:`indexer._whoosh` and could be replaced without touching the CLI.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from indexer.records import Pages

DEFAULT_WAIT = 10.0
"""Seconds a second writer waits for the first before giving up."""


@dataclass(frozen=True)
class PersonSource:
    """Where one person's data is: the folder slug, the case file, the contents."""

    slug: str
    case_file: Path
    contents: Path | None = None
    """``out/contents.json`` of the assembled PDF, if it exists."""


@dataclass(frozen=True)
class OfficeSource:
    """The office whose archive is indexed, and the digest of its ``archive.yaml``."""

    name: str = ""
    digest: str = ""


@dataclass
class UpdateReport:
    """What one update did. ``failed`` maps a slug to why it was not read again."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    documents: int = 0
    """Document instances in the index after the update."""


@dataclass(frozen=True)
class SearchRequest:
    """A query and the filters beside it. ``None`` means no filter."""

    query: str
    kind: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    person: str | None = None
    measure: str | None = None
    limit: int = 20


@dataclass(frozen=True)
class Highlight:
    """A snippet of the document's text and the spans in it that matched."""

    text: str
    spans: list[tuple[int, int]]

    def marked(self, opening: str = "【", closing: str = "】") -> str:
        out, at = [], 0
        for start, end in self.spans:
            out += [self.text[at:start], opening, self.text[start:end], closing]
            at = end
        out.append(self.text[at:])
        return "".join(out)


@dataclass(frozen=True)
class Hit:
    """One document instance that matched, with what a listing shows of it."""

    rank: int
    score: float
    person: str
    entry: str
    name: str
    id_masked: str
    measure: str
    state: str
    kind: str
    kind_label: str
    entry_name: str
    instance: int
    title: str
    date: dt.date | None
    pages: Pages | None
    snippet: Highlight


class Index(Protocol):
    """A search index of one archive."""

    def update(
        self,
        people: Sequence[PersonSource],
        office: OfficeSource,
        wait: float = DEFAULT_WAIT,
        jobs: int | None = None,
    ) -> UpdateReport:
        """Bring the index in line with ``people``, in one commit.

        Only people whose case file or contents changed are read again; people
        no longer listed are dropped. Raises :class:`~indexer.errors.IndexLocked`
        when another writer holds the index for longer than ``wait`` seconds.
        ``jobs`` worker processes read and cut the case files (1: all in this
        process; ``None``: one per CPU but one, up to 4, when many people
        changed, so none on a 2-CPU machine).
        """
        ...

    def search(self, request: SearchRequest) -> list[Hit]:
        """Hits by rank; :class:`~indexer.errors.QueryError` for a malformed query."""
        ...

    def close(self) -> None:
        """Let go of what searches keep open; the next search opens it again."""
        ...
