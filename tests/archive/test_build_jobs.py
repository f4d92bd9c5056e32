"""Building many people: worker processes, failures at the end, skipping, progress."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from archive.cli import main
from archive.progress import Progress

SAMPLE = Path(__file__).resolve().parents[2] / "sample_archive"
PEOPLE = ("p003", "p015", "p006")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    root.mkdir()
    shutil.copy(SAMPLE / "archive.yaml", root)
    for slug in PEOPLE:
        shutil.copytree(SAMPLE / slug, root / slug)
    return root


def build_json(
    capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, dict[str, Any]]:
    status = main(["build", *args, "--json"])
    rows = json.loads(capsys.readouterr().out)
    return status, {row["person"]: row for row in rows}


def test_one_failed_person_is_reported_and_the_others_build_in_workers(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (root / "p015" / "case.yaml").write_text("person: [\n", encoding="utf-8")

    status, rows = build_json(capsys, str(root), "--docx-only", "--jobs", "2")

    assert status == 1
    assert not rows["p015"]["ok"]
    assert "case.yaml" in rows["p015"]["errors"][0]
    assert rows["p003"]["ok"] and rows["p006"]["ok"]
    assert rows["p003"]["files"] == len(list((root / "p003/out/docx").glob("*.docx")))
    assert not (root / "p015" / "out").exists()


def test_the_summary_counts_people_documents_and_pdfs(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", str(root / "p003")]) == 0

    err = capsys.readouterr().err
    docx = len(list((root / "p003/out/docx").glob("*.docx")))
    assert f"生成 1 人（{docx} 份文书、1 个 PDF）" in err


def test_an_unchanged_person_is_skipped_and_a_change_or_force_rebuilds(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", str(root), "--docx-only"]) == 0
    capsys.readouterr()
    case = root / "p006" / "case.yaml"
    case.write_text(case.read_text(encoding="utf-8") + "\n", encoding="utf-8")

    _, rows = build_json(capsys, str(root), "--docx-only")
    assert [rows[p]["skipped"] for p in PEOPLE] == [True, True, False]

    _, rows = build_json(capsys, str(root), "--docx-only", "--force")
    assert not any(row["skipped"] for row in rows.values())


def test_a_changed_template_folder_or_engine_option_rebuilds(
    root: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    person = str(root / "p003")
    assert main(["build", person, "--docx-only"]) == 0
    templates = tmp_path / "templates"
    shutil.copytree(SAMPLE.parent / "forms" / "templates", templates)

    _, rows = build_json(capsys, person, "--docx-only", "--templates", str(templates))
    assert rows["p003"]["skipped"]

    (templates / "unused.txt").write_text("changed")
    _, rows = build_json(capsys, person, "--docx-only", "--templates", str(templates))
    assert not rows["p003"]["skipped"]

    _, rows = build_json(capsys, person)
    assert not rows["p003"]["skipped"]
    assert rows["p003"]["pdfs"] == 1


def test_a_docx_only_build_leaves_no_pdf_of_an_earlier_build(root: Path) -> None:
    person = root / "p003"
    assert main(["build", str(person)]) == 0
    assert (person / "out" / "p003.pdf").exists()

    assert main(["build", str(person), "--docx-only"]) == 0

    assert not (person / "out" / "p003.pdf").exists()


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_shows_count_rate_and_time_left_on_a_terminal() -> None:
    stream = Terminal()
    progress = Progress(4, stream=stream)
    progress.advance()
    line = progress.line(2.0)

    assert "1/4" in line
    assert "0.5 人/秒" in line
    assert "剩余 0:06" in line
    progress.advance(3)
    progress.close()
    assert "4/4" in stream.getvalue()


def test_the_progress_bar_is_silent_when_not_on_a_terminal() -> None:
    stream = io.StringIO()
    progress = Progress(10, stream=stream)
    for _ in range(10):
        progress.advance()
    progress.close()

    assert stream.getvalue() == ""
