"""From the text an inspector types to a whoosh query, and the filters beside it.

The plan, chosen for speed at archive scale (tens of thousands of documents):

- a run of Chinese characters must appear in a field as written: it becomes
  the phrase of its bigrams (:class:`whoosh.query.Phrase`), not the ``And`` of
  them. Only documents holding the run are scored, which at 1,000 people is a
  small part of those holding each bigram somewhere, and a document holding
  the whole run is the better match without any extra ranking terms (the
  phrase check itself is :mod:`indexer._phrase`);
- a word without ``field:`` is looked for in the fields of :data:`SEARCHED`
  with their weights;
- jieba's words of the runs of three or more characters searched in the
  title or text (the query's own analysis,
  :func:`indexer.analysis.query_words`) are optional terms of the ``words``
  field, joined by ``AndMaybe`` (:func:`with_words`): they never select a
  document and are read only for documents the required part matched. A
  document holding the run as a real word ranks before one where the same
  characters straddle two words. Their cost is bounded: the three longest
  words of a run, none found in more than a quarter of all documents, a
  constant score each;
- ``--kind``, ``--measure``, ``--person`` and the date range are filters: they
  restrict which documents are scored but add nothing to a score.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from whoosh import query as wq
from whoosh.fields import Schema
from whoosh.qparser import MultifieldPlugin, QueryParser
from whoosh.qparser.dateparse import DateParserPlugin

from indexer._fields import BigramText
from indexer._phrase import BigramRun
from indexer.analysis import is_han, query_words
from indexer.api import SearchRequest
from indexer.errors import QueryError

SEARCHED = {
    "name": 4.0,
    "pinyin": 3.0,
    "idnum": 5.0,
    "title": 2.0,
    "kind": 2.0,
    "text": 1.0,
}
"""Fields a query word without ``field:`` is looked for in, and their weight.

Not the office: an index holds one archive, so every document has the same
office, and a word of its name (社区, 戒毒, 康复) would match all of them,
rank nothing and cost a full scan. ``office:`` still searches it."""


WORD_FIELDS = frozenset({"title", "text"})
"""Fields whose runs get jieba's words: those the ``words`` field is made of."""

MAX_WORDS_PER_RUN = 3
"""jieba's longest words of a query run that are added as ranking terms."""

MIN_WORDS_RUN = 3
"""Runs shorter than this get no words: a one-bigram run's only word is the
bigram itself, and such runs (本人, 康复) are the most common queries."""

MAX_WORD_SHARE = 0.25
"""Words in a larger share of all documents are not added (see :func:`with_words`)."""

WORD_SCORE = 0.5
"""What each character of a query word found as a word adds to a score."""


class _PhraseParser(QueryParser):  # type: ignore[misc]
    """whoosh's parser, with a Chinese run turned into the phrase of its bigrams.

    A word without ``field:`` is looked for in each of ``fields``, weighted.
    A quoted phrase is matched by :class:`~indexer._phrase.BigramRun` too.
    """

    phraseclass = BigramRun

    def __init__(
        self, fields: dict[str, float], schema: Schema, **options: Any
    ) -> None:
        super().__init__(None, schema, **options)
        self.add_plugin(MultifieldPlugin(list(fields), fieldboosts=fields))

    def term_query(
        self,
        fieldname: str,
        text: str,
        termclass: Any,
        boost: float = 1.0,
        tokenize: bool = True,
        removestops: bool = True,
    ) -> Any:
        field = self.schema and fieldname in self.schema and self.schema[fieldname]
        if isinstance(field, BigramText) and termclass is wq.Term and tokenize:
            return run_query(field, fieldname, text, boost)
        return super().term_query(
            fieldname, text, termclass, boost, tokenize, removestops
        )


def run_query(field: BigramText, fieldname: str, text: str, boost: float) -> Any:
    """Terms of ``text`` in one field: each chain of bigrams a phrase, all required.

    Bigrams of one Chinese run have consecutive positions; anything else (an
    ASCII word, a single character) stays a term of its own.
    """
    groups: list[list[str]] = []
    last = -2
    for token in field.analyzer(text, mode="query", positions=True):
        bigram = len(token.text) == 2 and is_han(token.text)
        if bigram and groups and token.pos == last + 1 and len(groups[-1][-1]) == 2:
            groups[-1].append(token.text)
        else:
            groups.append([token.text])
        last = token.pos if bigram else -2
    parts = [
        BigramRun(fieldname, words, boost=boost)
        if len(words) > 1
        else wq.Term(fieldname, words[0], boost=boost)
        for words in groups
    ]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else wq.And(parts)


def parse(schema: Schema, text: str) -> Any:
    """The query, or :class:`QueryError` naming what whoosh could not read."""
    if not text.strip():
        raise QueryError("检索式为空")
    parser = _PhraseParser(SEARCHED, schema)
    parser.add_plugin(DateParserPlugin(free=False))
    try:
        parsed = parser.parse(text)
    except Exception as exc:  # whoosh raises assorted types for bad syntax
        raise QueryError(f"无法解析检索式 {text!r}：{exc}") from None
    problems = list(_errors(parsed))
    if problems:
        where = "、".join(problems)
        raise QueryError(
            f"无法解析检索式 {text!r}：{where} 附近有误"
            "（写法如 date:[20250101 to 20250630]）"
        )
    if parsed is wq.NullQuery:
        raise QueryError(f"检索式 {text!r} 中没有可检索的词")
    return parsed


def with_words(parsed: Any, reader: Any) -> Any:
    """``parsed``, with jieba's words of its Chinese runs as optional terms.

    A word adds :data:`WORD_SCORE` per character to a document that holds it,
    whatever its frequency: being cut as a word there is a yes-or-no matter,
    and a constant needs neither the field's lengths nor BM25 per document.
    A word in more than :data:`MAX_WORD_SHARE` of the documents (``reader``'s)
    is left out: it tells almost none apart, yet would be read for each
    document matched.
    """
    most = MAX_WORD_SHARE * reader.doc_count_all()
    words: dict[str, None] = {}
    for run in dict.fromkeys(_runs(parsed)):
        if len(run) >= MIN_WORDS_RUN:
            words.update(dict.fromkeys(query_words(run, MAX_WORDS_PER_RUN)))
    words = {w: None for w in words if reader.doc_frequency("words", w) <= most}
    if not words:
        return parsed
    optional = [
        wq.ConstantScoreQuery(wq.Term("words", word), WORD_SCORE * len(word))
        for word in words
    ]
    return wq.AndMaybe(parsed, optional[0] if len(optional) == 1 else wq.Or(optional))


def _runs(node: Any) -> Iterator[str]:
    """The Chinese runs ``node`` requires in a field of :data:`WORD_FIELDS`.

    A run under ``NOT`` is left out: ranking by a word the documents must not
    hold would rank nothing.
    """
    if isinstance(node, wq.Not):
        return
    if isinstance(node, BigramRun) and node.fieldname in WORD_FIELDS:
        yield node.words[0] + "".join(word[-1] for word in node.words[1:])
    elif isinstance(node, wq.Term) and node.fieldname in WORD_FIELDS:
        if isinstance(node.text, str) and len(node.text) == 2 and is_han(node.text):
            yield node.text
    else:
        for child in node.children():
            yield from _runs(child)


def _errors(parsed: Any) -> Iterator[str]:
    error = getattr(parsed, "error", None)
    if error:
        yield str(error)
    for child in parsed.children():
        yield from _errors(child)


def filters(schema: Schema, request: SearchRequest) -> Any:
    """The filter query of ``request``'s options; ``None`` when there is none."""
    parts: list[Any] = []
    if request.kind:
        parts.append(_field_query(schema, "kind", request.kind))
    if request.measure:
        parts.append(_field_query(schema, "measure", request.measure))
    if request.person:
        parts.append(wq.Term("person", request.person))
    if request.date_from or request.date_to:
        start = (
            dt.datetime.combine(request.date_from, dt.time())
            if request.date_from
            else None
        )
        end = (
            dt.datetime.combine(request.date_to, dt.time.max)
            if request.date_to
            else None
        )
        parts.append(wq.DateRange("date", start, end))
    return wq.And(parts) if parts else None


def _field_query(schema: Schema, field: str, text: str) -> Any:
    parsed = _PhraseParser({field: 1.0}, schema).parse(text)
    if parsed is wq.NullQuery:
        raise QueryError(f"无法识别的 {field}：{text!r}")
    return parsed
