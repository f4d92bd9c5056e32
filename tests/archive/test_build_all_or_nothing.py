"""A build replaces the whole of out/ or nothing: failures, a lock, a killed build."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from archive.cli import main
from archive.fsutil import person_lock

SAMPLE = Path(__file__).resolve().parents[2] / "sample_archive"
SMALL = "p003"
"""The smallest person of the sample archive (about 20 documents)."""


def snapshot(out: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An archive with one person, built once in full (PDF included)."""
    root = tmp_path_factory.mktemp("built") / "archive"
    root.mkdir()
    shutil.copy(SAMPLE / "archive.yaml", root)
    shutil.copytree(SAMPLE / SMALL, root / SMALL)
    assert main(["build", str(root)]) == 0
    return root


@pytest.fixture
def person(built: Path, tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    shutil.copytree(built, root)
    return root / SMALL


def cli(*args: str, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "archive.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **env},
    )


def test_a_full_build_holds_docx_pdf_contents_and_key(person: Path) -> None:
    names = set(snapshot(person / "out"))

    assert f"{SMALL}.pdf" in names
    assert "contents.json" in names
    assert "build-key.json" in names
    assert any(n.startswith("docx/") for n in names)
    assert not list(person.glob(".out-*"))


def test_a_failed_fill_leaves_the_previous_out_exactly_as_it_was(
    person: Path, tmp_path: Path
) -> None:
    before = snapshot(person / "out")
    broken = tmp_path / "templates"
    broken.mkdir()
    (broken / "01-decision.docx").write_bytes(b"not a zip")

    assert main(["build", str(person), "--templates", str(broken)]) == 1

    assert snapshot(person / "out") == before
    assert not list(person.glob(".out-*"))


def test_a_failed_render_leaves_the_previous_out_exactly_as_it_was(
    person: Path,
) -> None:
    before = snapshot(person / "out")
    (person / "scans").mkdir()
    (person / "scans" / "01-decision-1.txt").write_text("not a scan")

    assert main(["build", str(person)]) == 1

    assert snapshot(person / "out") == before


def test_a_failed_assembly_leaves_the_previous_out_exactly_as_it_was(
    person: Path,
) -> None:
    before = snapshot(person / "out")
    (person / "scans").mkdir()
    (person / "scans" / "02-registration-1.pdf").write_bytes(b"%PDF-1.4 broken")

    assert main(["build", str(person)]) == 1

    assert snapshot(person / "out") == before


def test_an_unreadable_case_file_leaves_the_previous_out_as_it_was(
    person: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(person / "out")
    (person / "case.yaml").write_text("person: [unclosed\n", encoding="utf-8")

    assert main(["build", str(person)]) == 1

    assert snapshot(person / "out") == before
    assert "case.yaml" in capsys.readouterr().err


def test_a_second_build_waits_for_the_lock_and_says_why_it_gave_up(
    person: Path,
) -> None:
    first = cli("build", str(person), "--force", REHAB_ARCHIVE_BUILD_PAUSE="5")
    assert first.stderr is not None
    assert first.stderr.readline().startswith("PAUSE")

    second = cli("build", str(person), "--lock-wait", "0.5")
    _, err = second.communicate(timeout=60)
    first.communicate(timeout=120)

    assert second.returncode == 1
    assert "另一个生成进程正在处理此人" in err
    assert first.returncode == 0


def test_a_build_waits_for_a_running_one_then_finds_nothing_changed(
    person: Path,
) -> None:
    assert cli("build", str(person)).wait(timeout=120) == 0  # keyed by this code
    with person_lock(person):
        waiting = cli("build", str(person), "--json")
        time.sleep(1.0)
        assert waiting.poll() is None
    out, _ = waiting.communicate(timeout=60)

    assert waiting.returncode == 0
    assert json.loads(out)[0]["skipped"] is True


@pytest.mark.slow
def test_a_build_killed_halfway_keeps_the_previous_out_and_a_rerun_completes(
    person: Path,
) -> None:
    before = snapshot(person / "out")
    (person / "case.yaml").write_text(
        (person / "case.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    killed = cli("build", str(person), REHAB_ARCHIVE_BUILD_PAUSE="30")
    assert killed.stderr is not None
    assert killed.stderr.readline().startswith("PAUSE")
    assert list(person.glob(".out-new-*/docx/*.docx"))

    killed.send_signal(signal.SIGKILL)
    killed.wait(timeout=30)

    assert snapshot(person / "out") == before
    assert main(["build", str(person)]) == 0
    after = snapshot(person / "out")
    assert set(after) == set(before)
    assert after["build-key.json"] != before["build-key.json"]
    assert not list(person.glob(".out-*"))
