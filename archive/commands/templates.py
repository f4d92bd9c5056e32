"""``rehab-archive templates check|make [DIR]``: the template contract, and
regenerating the bundled templates from their blueprints."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from archive.build import BUNDLED_TEMPLATES
from archive.errors import UsageError
from archive.report import add_json_argument, print_json
from forms.blueprints import make_templates
from forms.contract import check_folder


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "templates",
        help="检查或生成文书模板",
        description="检查文书模板的占位符与数据字段是否一一对应；或由蓝本重新生成模板。",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    check = actions.add_parser(
        "check",
        help="检查占位符与数据字段是否一一对应",
        description="检查模板的每个占位符都对应一个数据字段，文书应显示的每个字段都有占位符。",
    )
    check.add_argument(
        "dir", nargs="?", type=Path, metavar="DIR", help="模板目录（默认：内置模板）"
    )
    add_json_argument(check)
    check.set_defaults(run=run_check)
    make = actions.add_parser(
        "make",
        help="由蓝本重新生成模板",
        description="由蓝本重新生成全部文书模板（.docx），写入指定目录。",
    )
    make.add_argument(
        "dir",
        nargs="?",
        type=Path,
        metavar="DIR",
        help="输出目录（默认：内置模板目录）",
    )
    make.set_defaults(run=run_make)


def run_check(args: argparse.Namespace) -> int:
    folder: Path = args.dir or BUNDLED_TEMPLATES
    if not folder.is_dir():
        raise UsageError(f"模板目录不存在：{folder}")
    mismatches = check_folder(folder)
    if args.json:
        print_json(
            {
                "folder": str(folder),
                "mismatches": [
                    {
                        "template": m.template,
                        "placeholder": m.placeholder,
                        "problem": m.problem,
                        "nearest": m.nearest,
                        "detail": m.detail,
                    }
                    for m in mismatches
                ],
            }
        )
    else:
        for m in mismatches:
            print(m.message())
        print(f"{folder}：{len(mismatches)} 处不一致。", file=sys.stderr)
    return 1 if mismatches else 0


def run_make(args: argparse.Namespace) -> int:
    folder: Path = args.dir or BUNDLED_TEMPLATES
    written = make_templates(folder)
    print(f"已生成 {len(written)} 个模板：{folder}", file=sys.stderr)
    return 0
