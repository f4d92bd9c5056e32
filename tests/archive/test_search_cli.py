"""``rehab-archive index`` and ``search`` as an inspector runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from whoosh.filedb.filestore import FileStorage

from archive.cli import main
from indexer._whoosh import LOCK_NAME
from tests.indexer.factory import PEOPLE, write_archive, write_contents

ID = PEOPLE["p001"]["person"]["id_number"]


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    archive = write_archive(tmp_path_factory.mktemp("cli"))
    rows = [{"slug": "09-warning_letter-1", "first_page": 12, "last_page": 13}]
    write_contents(archive / "p001", rows)
    assert main(["index", str(archive)]) == 0
    return archive


def test_hit_shows_snippet_page_and_pdf_link(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "电话关机", "--root", str(root)]) == 0

    out = capsys.readouterr().out
    assert "【电话关机】" in out
    assert "PDF第12–13页" in out
    assert f"{root}/p001/out/p001.pdf#page=12" in out
    assert ID not in out and "110105********0139" in out


def test_hit_without_contents_says_page_unknown(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "东莞", "--root", str(root)]) == 0

    out = capsys.readouterr().out
    assert "页码未知" in out
    assert f"{root}/p003/out/p003.pdf" in out


def test_json_has_plain_snippet_and_show_id_reads_case_file(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["search", "kind:告诫书 date:[20250101 to 20250630]", "--root", str(root)]
    assert main([*args, "--json", "--show-id"]) == 0

    hit = json.loads(capsys.readouterr().out)["hits"][0]
    assert hit["person"] == "p001" and hit["entry"] == "09-warning_letter-1"
    assert hit["id_number"] == ID
    assert "【" not in hit["snippet"]
    assert (hit["first_page"], hit["last_page"]) == (12, 13)


def test_malformed_query_is_a_clear_error(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["search", "date:[2025 to", "--root", str(root)])

    assert status == 2
    assert "无法解析检索式" in capsys.readouterr().err


def test_search_finds_root_from_current_folder(
    root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(root / "p002")

    assert main(["search", "岳阳", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["hits"][0]["person"] == "p002"


def test_index_of_a_person_folder_is_refused(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["index", str(root / "p001")]) == 2
    assert "不是档案根目录" in capsys.readouterr().err


def test_second_index_run_fails_with_exit_2_while_locked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = write_archive(tmp_path)
    assert main(["index", str(archive)]) == 0
    lock = FileStorage(str(archive / ".index")).lock(LOCK_NAME)
    assert lock.acquire(blocking=False)
    try:
        status = main(["index", str(archive), "--wait", "0.3"])
    finally:
        lock.release()

    assert status == 2
    assert "正由另一个进程更新" in capsys.readouterr().err
