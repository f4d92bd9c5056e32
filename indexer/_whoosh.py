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
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage

from indexer import state as state_file
from indexer._fields import schema
from indexer._query import filters, parse, with_words
from indexer._workers import Outcome, read_people
from indexer.api import (
    DEFAULT_WAIT,
    Hit,
    OfficeSource,
    PersonSource,
    SearchRequest,
    UpdateReport,
)
from indexer.errors import IndexIncompatible, IndexLocked, IndexMissing
from indexer.records import Pages
from indexer.snippet import snippet

log = logging.getLogger(__name__)

INDEX_NAME = "rehab"
LOCK_NAME = "REHAB_UPDATE"
PAUSE_VARIABLE = "REHAB_ARCHIVE_INDEX_PAUSE"
SNIPPET_FIELDS = {"text", "title", "name", "kind"}
WRITER_MEMORY_MB = 512
"""Postings the writer keeps in memory before sorting a run out to disk."""


class WhooshIndex:
    """A whoosh index in one folder (``<root>/.index``), readable by its owner only.

    A searcher, once opened, is kept for the next search and refreshed when
    an update has committed since: opening one reads every segment's tables,
    which at 1,000 people costs more than answering a query.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._searcher: Any = None

    # -- writing -----------------------------------------------------------

    def update(
        self,
        people: Sequence[PersonSource],
        office: OfficeSource,
        wait: float = DEFAULT_WAIT,
        jobs: int | None = None,
    ) -> UpdateReport:
        self._make_folder()
        lock = FileStorage(str(self.folder)).lock(LOCK_NAME)
        if not _acquire(lock, wait):
            raise IndexLocked(
                f"索引 {self.folder} 正由另一个进程更新，等待 {wait:g} 秒后仍未释放；"
                "请稍后重试"
            )
        try:
            return self._update_locked(people, office, jobs)
        finally:
            lock.release()

    def _make_folder(self) -> None:
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(self.folder, 0o700)

    def _update_locked(
        self, people: Sequence[PersonSource], office: OfficeSource, jobs: int | None
    ) -> UpdateReport:
        ix, old = self._open_for_writing()
        everyone = old.office != office.digest
        report = UpdateReport()
        new_people: dict[str, dict[str, str]] = {}
        changed: list[PersonSource] = []
        digests: dict[str, dict[str, str]] = {}
        for person in people:
            digests[person.slug] = {
                "case": state_file.digest(person.case_file),
                "contents": state_file.digest(person.contents),
            }
            if old.people.get(person.slug) == digests[person.slug] and not everyone:
                new_people[person.slug] = digests[person.slug]
                report.unchanged.append(person.slug)
            else:
                changed.append(person)

        writer = ix.writer(limitmb=WRITER_MEMORY_MB)
        try:
            listed = {p.slug for p in people}
            for slug in sorted(set(old.people) - listed):
                writer.delete_by_term("person", slug)
                report.removed.append(slug)
            pause = _pause()
            for outcome in read_people(changed, office.name, jobs):
                before = old.people.get(outcome.slug)
                if outcome.documents is None:
                    self._note_failure(outcome, changed, report)
                    if before is not None:
                        new_people[outcome.slug] = before
                    continue
                log.info("%s: indexing", outcome.slug)
                writer.delete_by_term("person", outcome.slug)
                for fields in outcome.documents:
                    writer.add_document(**fields)
                new_people[outcome.slug] = digests[outcome.slug]
                (report.updated if before else report.added).append(outcome.slug)
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

    @staticmethod
    def _note_failure(
        outcome: Outcome, changed: Sequence[PersonSource], report: UpdateReport
    ) -> None:
        case_file = next(p.case_file for p in changed if p.slug == outcome.slug)
        report.failed[outcome.slug] = (
            f"{case_file}：案卷文件有 {outcome.problems} 处错误，"
            "未更新其索引（请先运行 rehab-archive validate）"
        )
        log.warning("%s: case file invalid; index entries kept", outcome.slug)

    def _open_for_writing(self) -> tuple[Any, state_file.State]:
        """The index and its state; an index of another format is rebuilt whole.

        Everything in the index is derived from the case files, so an index
        written by another version is replaced rather than refused. Until the
        new one is committed, ``search`` says that it must be rebuilt.
        """
        old = state_file.load(self.folder)
        exists = whoosh_index.exists_in(str(self.folder), indexname=INDEX_NAME)
        if exists and old.format == state_file.FORMAT:
            ix = whoosh_index.open_dir(str(self.folder), indexname=INDEX_NAME)
            return ix, old
        if exists:
            log.info(
                "index format %s is not %s: rebuilding", old.format, state_file.FORMAT
            )
            state_file.save(self.folder, state_file.State(format=-1))
        ix = whoosh_index.create_in(str(self.folder), schema(), INDEX_NAME)
        return ix, state_file.State()

    # -- reading -----------------------------------------------------------

    def search(self, request: SearchRequest) -> list[Hit]:
        searcher = self._current_searcher()
        parsed = parse(searcher.schema, request.query)
        terms = {
            text
            for field, text in parsed.iter_all_terms(phrases=True)
            if field in SNIPPET_FIELDS and isinstance(text, str)
        }
        results = searcher.search(
            with_words(parsed, searcher.reader()),
            filter=filters(searcher.schema, request),
            limit=request.limit,
        )
        return [
            _hit(rank, hit.score, hit.fields(), terms)
            for rank, hit in enumerate(results, start=1)
        ]

    def _current_searcher(self) -> Any:
        """The kept searcher, refreshed if an update committed since it opened."""
        if self._searcher is not None:
            try:
                if self._searcher.up_to_date():
                    return self._searcher
            except OSError:
                pass
            self.close()
        ix = self._open_for_reading()
        try:
            self._searcher = ix.searcher()
        finally:
            ix.close()
        return self._searcher

    def _open_for_reading(self) -> Any:
        if not whoosh_index.exists_in(str(self.folder), indexname=INDEX_NAME):
            raise IndexMissing(
                f"{self.folder} 中尚无检索索引；"
                "请先运行 rehab-archive index <档案根目录>"
            )
        if state_file.load(self.folder).format != state_file.FORMAT:
            raise IndexIncompatible(_incompatible(self.folder))
        return whoosh_index.open_dir(str(self.folder), indexname=INDEX_NAME)

    def close(self) -> None:
        """Close the kept searcher; the next search opens a new one."""
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None


def _incompatible(folder: Path) -> str:
    return (
        f"索引 {folder} 由其他版本的程序建立，格式不同；"
        "请运行 rehab-archive index <档案根目录> 重新建立索引"
    )


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
