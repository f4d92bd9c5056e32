"""Building and updating the index: only what changed, one commit, one writer."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from whoosh.filedb.filestore import FileStorage

from indexer import (
    INDEX_FOLDER,
    IndexLocked,
    IndexMissing,
    SearchRequest,
    open_index,
)
from indexer._whoosh import LOCK_NAME, PAUSE_VARIABLE
from tests.indexer.conftest import office, sources
from tests.indexer.factory import PEOPLE, write_archive, write_contents, write_person


def _replace_in_case(root: Path, slug: str, old: str, new: str) -> None:
    path = root / slug / "case.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), "utf-8")


def test_first_update_adds_everyone_and_second_changes_nothing(tmp_path: Path) -> None:
    root = write_archive(tmp_path)
    index = open_index(root / INDEX_FOLDER)

    first = index.update(sources(root), office(root))
    second = index.update(sources(root), office(root))

    assert sorted(first.added) == sorted(PEOPLE)
    assert second.added == second.updated == second.removed == []
    assert sorted(second.unchanged) == sorted(PEOPLE)
    assert second.documents == first.documents > 0


def test_only_the_changed_person_is_read_again(tmp_path: Path) -> None:
    root = write_archive(tmp_path)
    index = open_index(root / INDEX_FOLDER)
    index.update(sources(root), office(root))

    _replace_in_case(root, "p002", "奶茶店", "花店")
    report = index.update(sources(root), office(root))

    assert report.updated == ["p002"]
    assert index.search(SearchRequest("花店"))[0].person == "p002"
    assert index.search(SearchRequest("奶茶店")) == []


def test_new_contents_json_gives_pages(tmp_path: Path) -> None:
    root = write_archive(tmp_path)
    index = open_index(root / INDEX_FOLDER)
    index.update(sources(root), office(root))
    assert index.search(SearchRequest("电话关机"))[0].pages is None

    rows = [{"slug": "09-warning_letter-1", "first_page": 7, "last_page": 8}]
    write_contents(root / "p001", rows)
    report = index.update(sources(root), office(root))

    assert report.updated == ["p001"]
    pages = index.search(SearchRequest("电话关机"))[0].pages
    assert pages is not None and (pages.first, pages.last) == (7, 8)


def test_removed_person_is_dropped(tmp_path: Path) -> None:
    root = write_archive(tmp_path)
    index = open_index(root / INDEX_FOLDER)
    index.update(sources(root), office(root))

    (root / "p004" / "case.yaml").unlink()
    report = index.update(sources(root), office(root))

    assert report.removed == ["p004"]
    assert index.search(SearchRequest("王建国")) == []


def test_invalid_case_file_keeps_the_earlier_entries(tmp_path: Path) -> None:
    root = write_archive(tmp_path)
    index = open_index(root / INDEX_FOLDER)
    index.update(sources(root), office(root))

    broken = dict(PEOPLE["p003"], measure="prison")
    write_person(root, "p003", broken)
    report = index.update(sources(root), office(root))

    assert list(report.failed) == ["p003"]
    assert "case.yaml" in report.failed["p003"]
    assert index.search(SearchRequest("东莞"))[0].person == "p003"
    again = index.update(sources(root), office(root))
    assert list(again.failed) == ["p003"]


def test_office_change_reads_everyone_again(tmp_path: Path) -> None:
    root = write_archive(tmp_path)
    index = open_index(root / INDEX_FOLDER)
    index.update(sources(root), office(root))

    (root / "archive.yaml").write_text(
        yaml.safe_dump(
            {"name": "望京街道社区戒毒(康复)工作办公室"}, allow_unicode=True
        ),
        encoding="utf-8",
    )
    report = index.update(sources(root), office(root))

    assert sorted(report.updated) == sorted(PEOPLE)


def test_index_folder_is_readable_by_its_owner_only(indexed_archive: Path) -> None:
    mode = (indexed_archive / INDEX_FOLDER).stat().st_mode & 0o777

    assert mode == 0o700


def test_whole_id_number_is_not_stored(indexed_archive: Path) -> None:
    number = PEOPLE["p001"]["person"]["id_number"]
    hit = open_index(indexed_archive / INDEX_FOLDER).search(SearchRequest(number))[0]

    assert hit.person == "p001"
    assert hit.id_masked == number[:6] + "********" + number[-4:]
    assert number not in repr(hit)


def test_search_without_an_index_says_to_build_one(tmp_path: Path) -> None:
    with pytest.raises(IndexMissing, match="rehab-archive index"):
        open_index(tmp_path / INDEX_FOLDER).search(SearchRequest("张三"))


def test_second_writer_waits_then_fails_clearly(tmp_path: Path) -> None:
    root = write_archive(tmp_path)
    index = open_index(root / INDEX_FOLDER)
    index.update(sources(root), office(root))
    lock = FileStorage(str(root / INDEX_FOLDER)).lock(LOCK_NAME)
    assert lock.acquire(blocking=False)
    try:
        started = time.monotonic()
        with pytest.raises(IndexLocked, match="另一个进程"):
            index.update(sources(root), office(root), wait=0.5)
        assert time.monotonic() - started >= 0.5
    finally:
        lock.release()

    assert index.search(SearchRequest("张三"))


@pytest.mark.slow
def test_killed_update_leaves_old_index_answering_and_rerun_completes(
    tmp_path: Path,
) -> None:
    root = write_archive(tmp_path)
    index = open_index(root / INDEX_FOLDER)
    index.update(sources(root), office(root))
    for slug in ("p001", "p002"):
        _replace_in_case(root, slug, "2025", "2026")
    _replace_in_case(root, "p001", "建筑工地", "物流仓库")

    env = dict(os.environ, **{PAUSE_VARIABLE: "3"})
    command = [sys.executable, "-m", "archive.cli", "-v", "index", str(root)]
    writer = subprocess.Popen(
        command, env=env, stderr=subprocess.PIPE, text=True, cwd=Path.cwd()
    )
    assert writer.stderr is not None
    for line in writer.stderr:
        if ": indexing" in line:
            break
    time.sleep(0.5)
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=10)

    assert writer.returncode == -signal.SIGKILL
    assert index.search(SearchRequest("建筑工地"))[0].person == "p001"
    assert index.search(SearchRequest("物流仓库")) == []

    report = index.update(sources(root), office(root), wait=2)

    assert sorted(report.updated) == ["p001", "p002"]
    assert index.search(SearchRequest("物流仓库"))[0].person == "p001"
    assert index.search(SearchRequest("建筑工地")) == []
