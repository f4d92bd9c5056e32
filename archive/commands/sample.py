"""``rehab-archive sample``: write a synthetic archive covering every path."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from archive.errors import UsageError
from archive.sample import DEFAULT_AS_OF, write_sample

MAX_PEOPLE = 2_000


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "sample",
        help="写出合成人员的示例档案",
        description=(
            "生成合成人员的示例档案：archive.yaml、每人一个 pNNN/case.yaml "
            "和说明各人情形的 README.md。"
            "相同的 --seed 和 --as-of 生成逐字节相同的文件。"
        ),
    )
    parser.add_argument(
        "out", type=Path, metavar="DIR", help="输出目录（空目录或已有的示例档案）"
    )
    parser.add_argument(
        "--people",
        type=int,
        default=30,
        metavar="N",
        help="人数（默认 30；每 16 人覆盖全部情形）",
    )
    parser.add_argument(
        "--seed", type=int, default=1, metavar="N", help="随机种子（默认 1）"
    )
    parser.add_argument(
        "--as-of",
        dest="as_of",
        default=DEFAULT_AS_OF.isoformat(),
        metavar="DATE",
        help=f"截止日期 YYYY-MM-DD（默认 {DEFAULT_AS_OF.isoformat()}，固定以便复现）",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if not 1 <= args.people <= MAX_PEOPLE:
        raise UsageError(f"--people 应为 1 至 {MAX_PEOPLE} 之间的整数：{args.people}")
    if args.seed < 0:
        raise UsageError(f"--seed 应为非负整数：{args.seed}")
    try:
        as_of = dt.date.fromisoformat(args.as_of)
    except ValueError:
        raise UsageError(f"--as-of 应为 YYYY-MM-DD 格式的日期：{args.as_of}") from None
    if not dt.date(2016, 1, 1) <= as_of <= dt.date(2100, 12, 31):
        raise UsageError(f"--as-of 应在 2016-01-01 至 2100-12-31 之间：{args.as_of}")

    generated = write_sample(args.out, args.people, args.seed, as_of)
    if args.lang == "en":
        print(
            f"Wrote {len(generated)} synthetic people to {args.out}.", file=sys.stderr
        )
    else:
        print(
            f"已在 {args.out} 生成 {len(generated)} 名合成人员的案卷。", file=sys.stderr
        )
    return 0
