"""Reading and cutting people's case files, in worker processes when many change.

The index has one writer (whoosh allows no other), but most of a build's
time is before the writer: loading each case file, making its records and
cutting their text into terms. With ``jobs`` above one, that work runs in
``jobs`` worker processes, and the writer receives documents whose Chinese
fields are already :class:`~indexer._fields.Prepared` postings, in the order
the people were listed (so a build gives the same index however many workers
ran it).

Workers are started fresh (``spawn``): they inherit no open file, in
particular not the update lock, so the lock goes when the writer goes. A
worker whose writer dies, even by ``SIGKILL``, notices within half a second
that its parent has changed and exits. Log records of a worker (an unreadable
``out/contents.json``) are sent back with its result and logged by the writer.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from forms import CaseFileError, load_case
from indexer._fields import document
from indexer.api import PersonSource
from indexer.records import Pages, read_pages, records

log = logging.getLogger(__name__)

AUTO_MIN_PEOPLE = 40
"""Below this many people to read, automatic ``jobs`` reads them in-process:
starting a worker takes about a second."""
# Automatic jobs leave one CPU to the writer, which is busy for about half of
# a build: on 2 CPUs, 1,000 people took 102 s in one process and 112 s with two
# workers under the same load, so two CPUs build in-process.
MAX_AUTO_JOBS = 4


@dataclass
class Outcome:
    """One person read: documents for the writer, or why the case file failed."""

    slug: str
    documents: list[dict[str, Any]] | None
    problems: int = 0
    """Problems of an invalid case file (``documents`` is then ``None``)."""
    logs: list[tuple[str, int, str]] = field(default_factory=list)


def workers_for(jobs: int | None, people: int) -> int:
    """Worker processes to use for ``people`` people; 0 means in this process."""
    if jobs is None:
        if people < AUTO_MIN_PEOPLE:
            return 0
        jobs = min(MAX_AUTO_JOBS, len(os.sched_getaffinity(0)) - 1)
    if jobs <= 1 or people < 2:
        return 0
    return min(jobs, people)


def read_people(
    people: Sequence[PersonSource], office: str, jobs: int | None
) -> Iterator[Outcome]:
    """Every person of ``people`` read, in the order listed."""
    workers = workers_for(jobs, len(people))
    if not workers:
        for person in people:
            yield read_person(person, office, prepare=False)
        return
    context = multiprocessing.get_context("spawn")
    level = logging.getLogger().getEffectiveLevel()
    with context.Pool(
        workers, initializer=_start_worker, initargs=(os.getpid(), level)
    ) as pool:
        jobs_list = [(person, office) for person in people]
        for outcome in pool.imap(_read_in_worker, jobs_list, chunksize=2):
            for name, number, message in outcome.logs:
                logging.getLogger(name).log(number, "%s", message)
            yield outcome


def read_person(person: PersonSource, office: str, prepare: bool) -> Outcome:
    """The documents of one person's case file, or how many problems it has."""
    try:
        case = load_case(person.case_file)
    except CaseFileError as exc:
        return Outcome(person.slug, None, problems=len(exc.problems))
    pages: dict[str, Pages] = {}
    if person.contents is not None:
        pages = read_pages(person.contents, person.slug)
    found = records(case, person.slug, office, pages)
    return Outcome(person.slug, [document(r, prepare) for r in found])


class _Collect(logging.Handler):
    """Keeps a worker's log records until they go back with its next result."""

    def __init__(self) -> None:
        super().__init__()
        self.kept: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.kept.append((record.name, record.levelno, record.getMessage()))


_collected = _Collect()


def _start_worker(parent: int, level: int) -> None:
    root = logging.getLogger()
    root.handlers[:] = [_collected]
    root.setLevel(level)
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()


def _exit_with(parent: int) -> None:
    """End this worker once its parent, the writer, has gone."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _read_in_worker(job: tuple[PersonSource, str]) -> Outcome:
    person, office = job
    outcome = read_person(person, office, prepare=True)
    outcome.logs, _collected.kept = _collected.kept, []
    return outcome
