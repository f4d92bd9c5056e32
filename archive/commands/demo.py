"""``rehab-archive demo``: the whole job on a copy of the bundled sample archive.

Copies ``sample_archive/`` to a fresh folder (never touching the original), then
validates, builds, verifies, checks, indexes and searches it, and says where each result
went. The sample is checked as of the date its README names, so the findings
are the ones that README lists.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path
from typing import Any

from archive.errors import UsageError

SAMPLE_AS_OF = "2026-12-01"
QUERIES = (
    "未经批准离开",
    "kind:告诫书 date:[20250101 to 20261231]",
    "合肥市 kind:外出请假审批表",
)


def bundled_sample() -> Path:
    """The sample archive beside the packages (source checkout, editable install)."""
    return Path(__file__).resolve().parents[2] / "sample_archive"


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "demo",
        help="在示例档案的副本上演示全部流程",
        description=(
            "在临时目录中复制示例档案，依次校验、生成文书和 PDF、检查、建立索引并检索。"
        ),
    )
    parser.add_argument(
        "--out", type=Path, metavar="DIR", help="存放副本的空目录（默认：新建临时目录）"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from archive.cli import COMMANDS, main

    source = bundled_sample()
    if not (source / "archive.yaml").is_file():
        raise UsageError(f"找不到示例档案：{source}")
    target = _fresh_folder(args.out)
    root = target / "sample_archive"
    shutil.copytree(source, root, ignore=shutil.ignore_patterns("out", ".index"))
    print(f"示例档案已复制到 {root}")

    lang = ["--lang", args.lang]
    steps: list[tuple[str, list[str]]] = [
        ("validate", ["validate", str(root)]),
        ("build", ["build", str(root)]),
        ("verify", ["verify", str(root)]),
        ("check", ["check", str(root), "--as-of", SAMPLE_AS_OF]),
        ("due", ["due", str(root), "--as-of", SAMPLE_AS_OF, "--within", "30"]),
        ("index", ["index", str(root)]),
        *[
            ("search", ["search", q, "--root", str(root), "--limit", "3"])
            for q in QUERIES
        ],
    ]
    worst = 0
    for command, argv in steps:
        if command not in COMMANDS:
            continue
        print(f"\n$ rehab-archive {' '.join(argv)}", flush=True)
        status = main([*lang, *argv])
        # check reports findings on purpose (exit 1): the sample holds faulty files.
        if status >= 2 or (status == 1 and command not in ("check", "due")):
            worst = max(worst, status)

    print(f"\n全部输出位于 {root}")
    for person in sorted(p for p in root.iterdir() if (p / "out").is_dir())[:3]:
        print(f"  {person.name}：{person / 'out'}")
    return worst


def _fresh_folder(out: Path | None) -> Path:
    if out is None:
        return Path(tempfile.mkdtemp(prefix="rehab-archive-demo-"))
    if out.exists() and any(out.iterdir()):
        raise UsageError(f"输出目录不为空：{out}")
    out.mkdir(parents=True, exist_ok=True)
    return out
