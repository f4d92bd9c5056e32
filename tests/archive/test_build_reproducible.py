"""Two builds of one person in two processes give the same output, byte for byte.

Builds in one process share its string hashes, so they can agree where two
processes would not (a set's order, for instance); this runs the command
line twice with different PYTHONHASHSEED values.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data" / "full"


def build_in_new_process(root: Path, seed: str) -> bytes:
    """The build's SHA-256 manifest: every file of out/ (PDF, .docx …) by checksum."""
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-m", "archive.cli", "build", str(root / "p001"), "--force"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return (root / "p001" / "out" / "manifest-sha256.txt").read_bytes()


@pytest.mark.slow
def test_builds_in_two_processes_give_the_same_files(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    shutil.copytree(DATA, first, ignore=shutil.ignore_patterns("out"))
    shutil.copytree(DATA, second, ignore=shutil.ignore_patterns("out"))
    manifest = build_in_new_process(first, "1")
    assert manifest == build_in_new_process(second, "2")
    lines = manifest.decode().splitlines()
    assert any(line.endswith(".docx") for line in lines)
    assert any(line.endswith("p001.pdf") for line in lines)
