"""Fixtures: the small synthetic archive of :mod:`tests.indexer.factory`, indexed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer import INDEX_FOLDER, Index, OfficeSource, PersonSource, open_index
from indexer.state import digest
from tests.indexer.factory import write_archive


def sources(root: Path) -> list[PersonSource]:
    """Every person folder of ``root``, as the ``index`` command lists them."""
    return [
        PersonSource(p.name, p / "case.yaml", p / "out" / "contents.json")
        for p in sorted(root.iterdir())
        if (p / "case.yaml").is_file()
    ]


def office(root: Path) -> OfficeSource:
    return OfficeSource(
        "和平街道社区戒毒(康复)工作办公室", digest(root / "archive.yaml")
    )


@pytest.fixture(scope="session")
def indexed_archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The factory archive with its index built once for the whole session."""
    root = write_archive(tmp_path_factory.mktemp("archive"))
    open_index(root / INDEX_FOLDER).update(sources(root), office(root))
    yield root


@pytest.fixture(scope="session")
def index(indexed_archive: Path) -> Index:
    return open_index(indexed_archive / INDEX_FOLDER)
