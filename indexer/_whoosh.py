"""The :class:`~indexer.api.Index` on whoosh (the ``whoosh-reloaded`` distribution).

Safety of updates:

- one update is one whoosh commit; whoosh writes new segment files and then
  renames a new table of contents into place, so a reader, or a run killed
  before the rename, sees the previous index whole;
- an update holds a lock of its own (``REHAB_UPDATE``, an ``fcntl`` lock that
  the kernel releases when the process dies, so a killed run leaves no stale
  lock) from reading the state file until the state file is rewritten; a
  second writer waits up to ``wait`` seconds and then raises
  :class:`~indexer.errors.IndexLocked`.

``REHAB_ARCHIVE_INDEX_PAUSE`` (seconds, read from the environment) makes the
writer sleep after each person it reads: a test hook for killing a run while
it holds the lock, with no effect when unset.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.qparser import MultifieldParser, QueryParser
from whoosh.qparser.dateparse import DateParserPlugin

from forms import CaseFileError, load_case
from indexer import state as state_file
from indexer.analysis import chinese_analyzer, jieba_words, latin_analyzer
from indexer.api import (
    DEFAULT_WAIT,
    Hit,
    OfficeSource,
    PersonSource,
    SearchRequest,
    UpdateReport,
)
from indexer.errors import IndexIncompatible, IndexLocked, IndexMissing, QueryError
from indexer.records import KIND_WORDS, Pages, Record, read_pages, records
from indexer.snippet import snippet

log = logging.getLogger(__name__)

INDEX_NAME = "rehab"
LOCK_NAME = "REHAB_UPDATE"
PAUSE_VARIABLE = "REHAB_ARCHIVE_INDEX_PAUSE"

SEARCHED = {
    "name": 4.0,
    "pinyin": 3.0,
    "idnum": 5.0,
    "title": 2.0,
    "kind": 2.0,
    "text": 1.0,
    "office": 0.5,
}
"""Fields a query word without ``field:`` is looked for in, and their weight."""
SNIPPET_FIELDS = {"text", "title", "name", "kind"}


def schema() -> Schema:
    """The fields of one document instance; what a hit shows is stored."""
    chinese = chinese_analyzer()
    return Schema(
        key=ID(unique=True, stored=True),
        person=ID(stored=True),
        entry=ID(stored=True),
        name=TEXT(analyzer=chinese_analyzer(unigrams=True), stored=True),
        pinyin=TEXT(analyzer=latin_analyzer()),
        idnum=KEYWORD(lowercase=True),
        id_masked=STORED,
        measure=TEXT(analyzer=chinese),
        measure_id=STORED,
        state=ID(stored=True),
        office=TEXT(analyzer=chinese),
        kind=TEXT(analyzer=chinese),
        kind_id=STORED,
        kind_label=STORED,
        entry_name=STORED,
        instance=NUMERIC(stored=True),
        date=DATETIME(stored=True),
        title=TEXT(analyzer=chinese, stored=True),
        text=TEXT(analyzer=chinese, stored=True),
        pages=STORED,
    )


def document(record: Record) -> dict[str, Any]:
    """The whoosh fields of one record; the name is indexed with 曾用名 and 绰号."""
    fields: dict[str, Any] = {
        "key": record.key,
        "person": record.person,
        "entry": record.entry,
        "name": " ".join([record.name, *record.other_names]),
        "_stored_name": record.name,
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
        "pages": (record.pages.first, record.pages.last) if record.pages else None,
    }
    if record.date is not None:
        fields["date"] = dt.datetime.combine(record.date, dt.time())
    return fields


class WhooshIndex:
    """A whoosh index in one folder (``<root>/.index``), readable by its owner only."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    # -- writing -----------------------------------------------------------

    def update(
        self,
        people: Sequence[PersonSource],
        office: OfficeSource,
        wait: float = DEFAULT_WAIT,
    ) -> UpdateReport:
        self._make_folder()
        lock = FileStorage(str(self.folder)).lock(LOCK_NAME)
        if not _acquire(lock, wait):
            raise IndexLocked(
                f"索引 {self.folder} 正由另一个进程更新，等待 {wait:g} 秒后仍未释放；"
                "请稍后重试"
            )
        try:
            return self._update_locked(people, office)
        finally:
            lock.release()

    def _make_folder(self) -> None:
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(self.folder, 0o700)

    def _update_locked(
        self, people: Sequence[PersonSource], office: OfficeSource
    ) -> UpdateReport:
        ix, old = self._open_for_writing()
        everyone = old.office != office.digest
        report = UpdateReport()
        new_people: dict[str, dict[str, str]] = {}
        pause = _pause()

        writer = ix.writer()
        try:
            listed = {p.slug for p in people}
            for slug in sorted(set(old.people) - listed):
                writer.delete_by_term("person", slug)
                report.removed.append(slug)
            for person in people:
                digests = {
                    "case": state_file.digest(person.case_file),
                    "contents": state_file.digest(person.contents),
                }
                before = old.people.get(person.slug)
                if before == digests and not everyone:
                    new_people[person.slug] = digests
                    report.unchanged.append(person.slug)
                    continue
                found = self._read(person, office.name, report)
                if found is None:
                    if before is not None:
                        new_people[person.slug] = before
                    continue
                writer.delete_by_term("person", person.slug)
                for record in found:
                    writer.add_document(**document(record))
                new_people[person.slug] = digests
                (report.updated if before else report.added).append(person.slug)
                if pause:
                    time.sleep(pause)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()

        state_file.save(
            self.folder, state_file.State(office=office.digest, people=new_people)
        )
        report.documents = ix.doc_count()
        ix.close()
        return report

    def _open_for_writing(self) -> tuple[Any, state_file.State]:
        old = state_file.load(self.folder)
        if not whoosh_index.exists_in(str(self.folder), indexname=INDEX_NAME):
            ix = whoosh_index.create_in(str(self.folder), schema(), INDEX_NAME)
            return ix, state_file.State()
        if old.people and old.format != state_file.FORMAT:
            raise IndexIncompatible(
                f"索引 {self.folder} 由其他版本的程序建立；请删除该目录后重新建立索引"
            )
        return whoosh_index.open_dir(str(self.folder), indexname=INDEX_NAME), old

    def _read(
        self, person: PersonSource, office: str, report: UpdateReport
    ) -> list[Record] | None:
        """The records of one person; ``None``, noted in the report, if unreadable."""
        try:
            case = load_case(person.case_file)
        except CaseFileError as exc:
            report.failed[person.slug] = (
                f"{person.case_file}：案卷文件有 {len(exc.problems)} 处错误，"
                "未更新其索引（请先运行 rehab-archive validate）"
            )
            log.warning("%s: case file invalid; index entries kept", person.slug)
            return None
        pages: dict[str, Pages] = {}
        if person.contents is not None:
            pages = read_pages(person.contents, person.slug)
        log.info("%s: indexing", person.slug)
        return records(case, person.slug, office, pages)

    # -- reading -----------------------------------------------------------

    def search(self, request: SearchRequest) -> list[Hit]:
        ix = self._open_for_reading()
        try:
            parsed = _parse(ix.schema, request.query)
            terms = {
                text
                for field, text in parsed.iter_all_terms()
                if field in SNIPPET_FIELDS and isinstance(text, str)
            }
            with ix.searcher() as searcher:
                results = searcher.search(
                    parsed, filter=_filters(ix.schema, request), limit=request.limit
                )
                return [
                    _hit(rank, hit.score, hit.fields(), terms)
                    for rank, hit in enumerate(results, start=1)
                ]
        finally:
            ix.close()

    def _open_for_reading(self) -> Any:
        if not whoosh_index.exists_in(str(self.folder), indexname=INDEX_NAME):
            raise IndexMissing(
                f"{self.folder} 中尚无检索索引；"
                "请先运行 rehab-archive index <档案根目录>"
            )
        return whoosh_index.open_dir(str(self.folder), indexname=INDEX_NAME)

    def close(self) -> None:
        """Nothing stays open between calls; present for the protocol."""


def _acquire(lock: Any, wait: float) -> bool:
    deadline = time.monotonic() + wait
    while not lock.acquire(blocking=False):
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.1)
    return True


def _pause() -> float:
    try:
        return max(0.0, float(os.environ.get(PAUSE_VARIABLE, "0")))
    except ValueError:
        return 0.0


def _parse(schema: Schema, text: str) -> Any:
    """The query, or :class:`QueryError` naming what whoosh could not read."""
    if not text.strip():
        raise QueryError("检索式为空")
    parser = MultifieldParser(list(SEARCHED), schema, fieldboosts=SEARCHED)
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
    return _rank_jieba_words(parsed, text)


def _rank_jieba_words(parsed: Any, text: str) -> Any:
    """Rank documents that hold jieba's longer words of the query first.

    Matching is on bigrams (see :mod:`indexer.analysis`); a document in which
    jieba found the same word of three or more characters (告诫书, 派出所) is
    the closer match, so those words are added as optional terms.
    """
    words = [w for w in jieba_words(text) if len(w) >= 3]
    if not words:
        return parsed
    optional = [wq.Term(field, w) for w in words for field in ("text", "title")]
    return wq.AndMaybe(parsed, wq.Or(optional))


def _errors(parsed: Any) -> Iterator[str]:
    error = getattr(parsed, "error", None)
    if error:
        yield str(error)
    for child in parsed.children():
        yield from _errors(child)


def _filters(schema: Schema, request: SearchRequest) -> Any:
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
    parsed = QueryParser(field, schema).parse(text)
    if parsed is wq.NullQuery:
        raise QueryError(f"无法识别的 {field}：{text!r}")
    return parsed


def _hit(rank: int, score: float, fields: dict[str, Any], terms: set[str]) -> Hit:
    when = fields.get("date")
    pages = fields.get("pages")
    text = fields.get("text") or ""
    found = snippet(text, terms)
    if not found.spans:
        title_match = snippet(fields.get("title") or "", terms)
        if title_match.spans:
            found = title_match
    return Hit(
        rank=rank,
        score=float(score),
        person=fields["person"],
        entry=fields["entry"],
        name=fields.get("name") or "",
        id_masked=fields.get("id_masked") or "",
        measure=fields.get("measure_id") or "",
        state=fields.get("state") or "",
        kind=fields.get("kind_id") or "",
        kind_label=fields.get("kind_label") or "",
        entry_name=fields.get("entry_name") or "",
        instance=int(fields.get("instance") or 0),
        title=fields.get("title") or "",
        date=when.date() if isinstance(when, dt.datetime) else None,
        pages=Pages(*pages) if pages else None,
        snippet=found,
    )
