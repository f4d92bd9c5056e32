"""A small built archive (tests/archive/data/full, person p002) shared by tests.

Built once per test process; each test works on its own copy, so one test's
damage never reaches another.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from archive.cli import main
from archive.manifest import write_manifests

DATA = Path(__file__).parent / "data" / "full"
PERSON = "p002"
_BUILT: dict[str, Path] = {}


def built_archive(factory: pytest.TempPathFactory) -> Path:
    """The archive with p002 built and its manifests written (do not modify)."""
    if "root" not in _BUILT:
        root = factory.mktemp("fixity") / "full"
        shutil.copytree(DATA, root)
        assert main(["build", str(root / PERSON)]) == 0
        write_manifests(root / PERSON, root / PERSON / "out")
        _BUILT["root"] = root
    return _BUILT["root"]


def fresh_copy(factory: pytest.TempPathFactory, into: Path) -> Path:
    """A private copy of the built archive under ``into``."""
    target = into / "full"
    shutil.copytree(built_archive(factory), target, symlinks=True)
    return target
