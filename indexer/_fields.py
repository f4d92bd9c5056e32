"""The fields of the whoosh index, and one record made ready for the writer.

The Chinese text fields are :class:`BigramText`: at query time whoosh runs
their analyzer as usual; at index time their terms come from
:func:`indexer.analysis.index_terms`, and may already have been made in a
worker process (:class:`Prepared`), so that the one writer process only adds
postings. jieba's words of a document's title and text go into one
:class:`WordsText` field beside them, made the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.system import pack_uint

from indexer.analysis import (
    chinese_analyzer,
    index_terms,
    latin_analyzer,
    word_counts,
    words_analyzer,
)
from indexer.records import KIND_WORDS, Record

Posting = tuple[bytes, int, float, bytes]
"""What whoosh's ``Field.index`` gives per term: text, frequency, weight, value."""


class Prepared:
    """The postings of one field of one document, made before the writer sees it."""

    __slots__ = ("postings",)

    def __init__(self, postings: list[Posting]) -> None:
        self.postings = postings

    def __reduce__(self) -> tuple[Any, ...]:
        return (Prepared, (self.postings,))


class BigramText(TEXT):  # type: ignore[misc]
    """A Chinese text field whose index terms are made by a plain loop.

    Takes a :class:`Prepared` value as it is; a string is cut by
    :func:`~indexer.analysis.index_terms` into exactly the terms and positions
    its analyzer would give, several times faster.
    """

    def __init__(self, unigrams: bool = False, stored: bool = False) -> None:
        super().__init__(analyzer=chinese_analyzer(unigrams), stored=stored)
        self.unigrams = unigrams

    def index(self, value: Any, **kwargs: Any) -> Iterator[Posting]:
        if isinstance(value, Prepared):
            return iter(value.postings)
        return iter(self.postings(value))

    def postings(self, text: str) -> list[Posting]:
        encode = self.format.encode
        boost = self.format.field_boost
        return [
            (term.encode("utf-8"), len(where), len(where) * boost, encode(where))
            for term, where in index_terms(text, self.unigrams).items()
        ]


class WordsText(TEXT):  # type: ignore[misc]
    """jieba's words of a document, counted: no positions, nothing stored.

    Only ever read as optional ranking terms (:func:`indexer._query.parse`),
    so frequencies are all it needs; that keeps it small and cheap to write.
    A :class:`Prepared` value is taken as it is; a string is cut by
    :func:`~indexer.analysis.word_counts`.
    """

    def __init__(self) -> None:
        super().__init__(analyzer=words_analyzer(), phrase=False)

    def index(self, value: Any, **kwargs: Any) -> Iterator[Posting]:
        if isinstance(value, Prepared):
            return iter(value.postings)
        return iter(self.postings(value))

    def postings(self, text: str) -> list[Posting]:
        boost = self.format.field_boost
        return [
            (word.encode("utf-8"), count, count * boost, pack_uint(count))
            for word, count in word_counts(text).items()
        ]


def schema() -> Schema:
    """The fields of one document instance; what a hit shows is stored."""
    return Schema(
        key=ID(unique=True, stored=True),
        person=ID(stored=True),
        entry=ID(stored=True),
        name=BigramText(unigrams=True, stored=True),
        pinyin=TEXT(analyzer=latin_analyzer()),
        idnum=KEYWORD(lowercase=True),
        id_masked=STORED,
        measure=BigramText(),
        measure_id=STORED,
        state=ID(stored=True),
        office=BigramText(),
        kind=BigramText(),
        kind_id=STORED,
        kind_label=STORED,
        entry_name=STORED,
        instance=NUMERIC(stored=True),
        date=DATETIME(stored=True),
        title=BigramText(stored=True),
        text=BigramText(stored=True),
        words=WordsText(),
        pages=STORED,
    )


SCHEMA = schema()
"""One schema per process, to prepare documents with."""

STORED_TEXT = ("name", "title", "text")
"""Chinese fields whose value is also shown, so stored beside the postings."""


def document(record: Record, prepare: bool = False) -> dict[str, Any]:
    """The whoosh fields of one record; the name is indexed with 曾用名 and 绰号.

    With ``prepare`` the Chinese fields are cut here (in a worker process)
    and handed to the writer as :class:`Prepared` postings.
    """
    fields: dict[str, Any] = {
        "key": record.key,
        "person": record.person,
        "entry": record.entry,
        "name": " ".join([record.name, *record.other_names]),
        "pinyin": " ".join(record.pinyin),
        "idnum": " ".join(record.id_terms),
        "id_masked": record.id_masked,
        "measure": f"{record.measure} {record.measure_zh}",
        "measure_id": record.measure,
        "state": record.state.value,
        "office": record.office,
        "kind": " ".join(
            [
                record.kind,
                record.kind_label,
                KIND_WORDS.get(record.kind, ""),
                record.entry_name,
            ]
        ),
        "kind_id": record.kind,
        "kind_label": record.kind_label,
        "entry_name": record.entry_name,
        "instance": record.instance,
        "title": record.title,
        "text": record.text,
        "words": f"{record.title}\n{record.text}",
        "pages": (record.pages.first, record.pages.last) if record.pages else None,
    }
    fields["_stored_name"] = record.name
    if prepare:
        for name in ("measure", "office", "kind"):
            fields[name] = _shared_postings(name, fields[name])
        for name in STORED_TEXT:
            if name != "name":
                fields[f"_stored_{name}"] = fields[name]
            fields[name] = Prepared(SCHEMA[name].postings(fields[name]))
        fields["words"] = Prepared(SCHEMA["words"].postings(fields["words"]))
    if record.date is not None:
        fields["date"] = dt.datetime.combine(record.date, dt.time())
    return fields


@lru_cache(maxsize=256)
def _shared_postings(field: str, text: str) -> Prepared:
    """Postings of a value many documents share (office, measure, kind)."""
    return Prepared(SCHEMA[field].postings(text))
