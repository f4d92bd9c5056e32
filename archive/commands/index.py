"""``rehab-archive index ROOT``: build or update the archive's search index.

The index lives in ``ROOT/.index`` (readable by its owner only). Only people
whose case file or ``out/contents.json`` changed since the last run are read
again; people whose folder is gone are dropped; the update is one commit. A
case file that does not load keeps its earlier entries and makes the exit
status 1. ``--jobs N`` reads and cuts the case files in N worker processes
(one writer still writes the index); an index written by another version of
the program is rebuilt whole.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from archive import paths
from archive.errors import ArchiveError, UsageError
from archive.report import add_json_argument, print_json, whole_number
from forms import CaseFileError, load_office
from indexer import (
    DEFAULT_WAIT,
    INDEX_FOLDER,
    IndexerError,
    OfficeSource,
    PersonSource,
    UpdateReport,
    open_index,
)
from indexer.state import digest


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "index",
        help="建立或更新检索索引",
        description="建立或更新档案根目录下的检索索引（ROOT/.index）；只重新读取有变化的人员。",
    )
    parser.add_argument("root", type=Path, metavar="ROOT", help="档案根目录")
    parser.add_argument(
        "--wait",
        type=float,
        default=DEFAULT_WAIT,
        metavar="SECONDS",
        help=f"另一进程正在更新时最多等待的秒数（默认 {DEFAULT_WAIT:g}）",
    )
    parser.add_argument(
        "--jobs",
        type=whole_number(1, 64),
        default=None,
        metavar="N",
        help="读取与切分案卷的并行进程数（默认：人员较多时为 CPU 数减 1，最多 4）",
    )
    add_json_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root: Path = args.root
    people, roots = paths.resolve([root])
    if not roots:
        raise UsageError(f"{root} 不是档案根目录（index 需要档案根目录，而非本人目录）")

    sources = [
        PersonSource(p.slug, p.case_file, p.path / "out" / "contents.json")
        for p in people
    ]
    try:
        report = open_index(root / INDEX_FOLDER).update(
            sources, _office(root), wait=args.wait, jobs=args.jobs
        )
    except IndexerError as exc:
        raise ArchiveError(str(exc)) from None

    if args.json:
        print_json(_as_dict(report))
    else:
        _print_text(report, root / INDEX_FOLDER, args.lang)
    return 1 if report.failed else 0


def _office(root: Path) -> OfficeSource:
    """The office's name, and the digest that makes a change re-index everyone."""
    office_file = paths.office_file(root)
    if office_file is None:
        return OfficeSource()
    try:
        office = load_office(office_file)
    except CaseFileError as exc:
        raise ArchiveError(
            f"{office_file} 有 {len(exc.problems)} 处错误；"
            "请先运行 rehab-archive validate"
        ) from None
    return OfficeSource(name=office.name, digest=digest(office_file))


def _as_dict(report: UpdateReport) -> dict[str, Any]:
    return {
        "added": report.added,
        "updated": report.updated,
        "removed": report.removed,
        "unchanged": len(report.unchanged),
        "failed": [{"person": s, "message": m} for s, m in report.failed.items()],
        "documents": report.documents,
    }


def _print_text(report: UpdateReport, folder: Path, lang: str) -> None:
    for message in report.failed.values():
        print(message, file=sys.stderr)
    counts = (
        len(report.added),
        len(report.updated),
        len(report.removed),
        len(report.unchanged),
        len(report.failed),
    )
    if lang == "en":
        print(
            "Index {}: {} added, {} updated, {} removed, {} unchanged, {} failed; "
            "{} documents.".format(folder, *counts, report.documents)
        )
    else:
        print(
            "索引 {}：新增 {} 人，更新 {} 人，删除 {} 人，未变 {} 人，失败 {} 人；"
            "共 {} 份文书。".format(folder, *counts, report.documents)
        )
