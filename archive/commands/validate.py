"""``rehab-archive validate``: schema-check case files and ``archive.yaml``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from archive import paths
from archive.report import add_json_argument, add_paths_argument, print_json
from forms import CaseFileError, Problem, load_case, load_office


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "validate",
        help="校验案卷文件，逐项列出错误",
        description="校验案卷文件：每个错误给出文件、字段路径、行号、应为何值与实际值。",
    )
    add_paths_argument(parser)
    add_json_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    people, roots = paths.resolve(args.paths)
    office_files = {r / paths.OFFICE_FILE for r in roots if paths.office_file(r)}
    office_files |= {p.root / paths.OFFICE_FILE for p in people if p.root}

    results: list[tuple[str, list[Problem]]] = []
    for office in sorted(office_files):
        results.append((str(office), _problems(lambda f=office: load_office(f))))
    for person in people:
        problems = _problems(lambda f=person.case_file: load_case(f))
        results.append((person.slug, problems))

    failed = sum(1 for _, problems in results if problems)
    if args.json:
        print_json(
            {
                "checked": len(results),
                "invalid": failed,
                "files": [
                    {
                        "name": name,
                        "valid": not problems,
                        "problems": [p.as_dict(args.lang) for p in problems],
                    }
                    for name, problems in results
                ],
            }
        )
    else:
        _print_text(results, failed, args.lang)
    return 1 if failed else 0


def _problems(load: Any) -> list[Problem]:
    try:
        load()
    except CaseFileError as exc:
        return exc.problems
    return []


def _print_text(
    results: list[tuple[str, list[Problem]]], failed: int, lang: str
) -> None:
    for _name, problems in results:
        for problem in problems:
            print(problem.message("en" if lang == "en" else "zh"))
    total = len(results)
    if lang == "en":
        print(f"{total} file(s) checked, {failed} invalid.", file=sys.stderr)
    else:
        print(f"共校验 {total} 个文件，{failed} 个有错误。", file=sys.stderr)
