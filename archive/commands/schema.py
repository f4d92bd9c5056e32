"""``rehab-archive schema``: the JSON Schema of a case file, for editors."""

from __future__ import annotations

import argparse
from typing import Any

from archive.report import print_json
from forms import CaseFile, Office


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "schema",
        help="输出案卷文件的 JSON Schema",
        description="输出案卷文件（case.yaml）的 JSON Schema，供编辑器补全和校验。",
    )
    parser.add_argument(
        "--office",
        action="store_true",
        help="改为输出档案配置文件（archive.yaml）的 JSON Schema",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    model = Office if args.office else CaseFile
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "rehab-archive " + (
        "archive.yaml" if args.office else "case file"
    )
    print_json(schema)
    return 0
