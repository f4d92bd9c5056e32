"""Swapping out/ in whole, and repairing what a killed build left behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.fsutil import LockTimeout, person_lock, recover, swap_in


def folder(path: Path, text: str) -> Path:
    path.mkdir()
    (path / "file.txt").write_text(text)
    return path


def test_swap_in_replaces_the_whole_folder_and_leaves_nothing_beside_it(
    tmp_path: Path,
) -> None:
    out = folder(tmp_path / "out", "old")
    (out / "only-old.txt").write_text("x")
    stage = folder(tmp_path / ".out-new-1", "new")

    swap_in(stage, out)

    assert sorted(p.name for p in out.iterdir()) == ["file.txt"]
    assert (out / "file.txt").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_swap_in_creates_out_on_a_first_build(tmp_path: Path) -> None:
    swap_in(folder(tmp_path / ".out-new-1", "new"), tmp_path / "out")

    assert (tmp_path / "out" / "file.txt").read_text() == "new"


def test_a_build_killed_between_two_renames_gets_its_old_output_back(
    tmp_path: Path,
) -> None:
    folder(tmp_path / ".out-old", "old")
    folder(tmp_path / ".out-new-abc", "half")

    recover(tmp_path / "out")

    assert (tmp_path / "out" / "file.txt").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_kept_old_folder_beside_a_complete_out_is_removed(tmp_path: Path) -> None:
    folder(tmp_path / "out", "new")
    folder(tmp_path / ".out-old", "old")

    recover(tmp_path / "out")

    assert (tmp_path / "out" / "file.txt").read_text() == "new"
    assert not (tmp_path / ".out-old").exists()


def test_the_lock_is_exclusive_and_a_second_holder_times_out(tmp_path: Path) -> None:
    second = person_lock(tmp_path, wait=0.2)
    with person_lock(tmp_path), pytest.raises(LockTimeout) as raised, second:
        pass
    assert "已等待 0.2 秒" in str(raised.value)

    with person_lock(tmp_path, wait=0.2):
        assert (tmp_path / ".build.lock").exists()
