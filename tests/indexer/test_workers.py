"""Worker processes: the same index as one process; none outlives its writer."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from indexer import INDEX_FOLDER, IndexIncompatible, SearchRequest, open_index
from indexer._whoosh import PAUSE_VARIABLE
from indexer._workers import AUTO_MIN_PEOPLE, workers_for
from indexer.state import FORMAT, STATE_FILE
from tests.indexer.conftest import office, sources
from tests.indexer.factory import PEOPLE, write_archive

QUERIES = ["张三", "zs", "建筑工地", "kind:告诫书", "东莞", "和平里派出所", "0139"]


def _answers(root: Path) -> list[list[tuple[str, str, float]]]:
    index = open_index(root / INDEX_FOLDER)
    return [
        [(h.person, h.entry, round(h.score, 6)) for h in index.search(SearchRequest(q))]
        for q in QUERIES
    ]


def test_automatic_jobs_reads_few_people_in_process() -> None:
    assert workers_for(None, AUTO_MIN_PEOPLE - 1) == 0
    spare = min(4, len(os.sched_getaffinity(0)) - 1)
    assert workers_for(None, 1000) == (spare if spare >= 2 else 0)
    assert workers_for(1, 500) == 0
    assert workers_for(2, 500) == 2
    assert workers_for(8, 3) == 3


@pytest.mark.slow
def test_workers_build_the_same_index_as_one_process(tmp_path: Path) -> None:
    one = write_archive(tmp_path / "one")
    two = write_archive(tmp_path / "two")
    open_index(one / INDEX_FOLDER).update(sources(one), office(one), jobs=1)
    report = open_index(two / INDEX_FOLDER).update(sources(two), office(two), jobs=2)

    assert sorted(report.added) == sorted(PEOPLE)
    assert _answers(one) == _answers(two)


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


@pytest.mark.slow
def test_workers_end_when_the_writer_is_killed(tmp_path: Path) -> None:
    root = write_archive(tmp_path)
    env = dict(os.environ, **{PAUSE_VARIABLE: "3"})
    command = [sys.executable, "-m", "archive.cli", "-v", "index", "--jobs", "2"]
    writer = subprocess.Popen(
        [*command, str(root)], env=env, stderr=subprocess.PIPE, text=True
    )
    assert writer.stderr is not None
    for line in writer.stderr:
        if ": indexing" in line:
            break
    workers = _children(writer.pid)
    assert workers
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=10)

    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() for pid in workers):
        assert time.monotonic() < deadline, "a worker outlived its writer"
        time.sleep(0.2)
    report = open_index(root / INDEX_FOLDER).update(sources(root), office(root), wait=2)
    assert sorted(report.added) == sorted(PEOPLE)


def test_an_index_of_an_older_format_is_refused_then_rebuilt(tmp_path: Path) -> None:
    root = write_archive(tmp_path)
    index = open_index(root / INDEX_FOLDER)
    index.update(sources(root), office(root))
    state = root / INDEX_FOLDER / STATE_FILE
    data = json.loads(state.read_text("utf-8"))
    state.write_text(json.dumps(dict(data, format=FORMAT - 1)), "utf-8")

    stale = open_index(root / INDEX_FOLDER)
    with pytest.raises(IndexIncompatible, match="rehab-archive index"):
        stale.search(SearchRequest("张三"))

    report = stale.update(sources(root), office(root))
    assert sorted(report.added) == sorted(PEOPLE)
    assert stale.search(SearchRequest("张三"))[0].person == "p001"
