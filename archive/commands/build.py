"""``rehab-archive build PATH... --docx-only``: fill every document of each person.

Each person is built on its own: one person's failure is reported (naming the
person folder, the document and the problem) and the others still build; the
exit status is 1 when any person failed. Earlier good output of a failed
person is kept.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from archive import paths
from archive.build import BuildOptions, BuildResult, build_person
from archive.errors import UsageError
from archive.report import print_json
from forms import CaseFileError, Office, load_office
from validators import Policy, PolicyError, default_policy, load_policy


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "build",
        help="fill the documents of each person (out/docx/)",
        description="由案卷数据生成每份文书（out/docx/）。",
    )
    parser.add_argument(
        "paths", nargs="+", type=Path, metavar="PATH", help="本人目录或档案根目录"
    )
    parser.add_argument(
        "--docx-only",
        action="store_true",
        help="only the .docx files, no PDF",
    )
    parser.add_argument("--templates", type=Path, help="模板目录（覆盖 archive.yaml）")
    parser.add_argument(
        "--engine",
        choices=("builtin", "libreoffice", "auto"),
        default="builtin",
        help="PDF 排版引擎（默认 builtin；auto：内置引擎不支持的文书交给 LibreOffice）",
    )
    parser.add_argument(
        "--strict-fonts",
        action="store_true",
        help="没有可嵌入的中文字体时报错，而不是使用不嵌入的 STSong-Light",
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    people, _roots = paths.resolve(args.paths)
    if not people:
        raise UsageError("没有找到任何本人目录")
    options = BuildOptions(
        docx_only=args.docx_only,
        templates=args.templates,
        engine=args.engine,
        strict_fonts=args.strict_fonts,
    )
    offices: dict[Path | None, tuple[Office, Policy]] = {}
    results: list[BuildResult] = []
    for person in people:
        if person.root not in offices:
            offices[person.root] = _office(person.root)
        office, policy = offices[person.root]
        results.append(build_person(person, office, policy, options))

    failed = [r for r in results if not r.ok]
    if args.json:
        print_json(
            [
                {
                    "person": r.person,
                    "ok": r.ok,
                    "files": len(r.files),
                    "errors": r.errors,
                    "seconds": round(r.seconds, 3),
                }
                for r in results
            ]
        )
    else:
        for r in failed:
            for error in r.errors:
                print(error, file=sys.stderr)
        built = sum(len(r.files) for r in results)
        print(
            f"共 {len(results)} 人，生成 {built} 份文书；{len(failed)} 人失败。",
            file=sys.stderr,
        )
    return 1 if failed else 0


def _office(root: Path | None) -> tuple[Office, Policy]:
    """The archive's office and policy; a folder outside an archive gets defaults."""
    if root is None:
        return Office(name="社区戒毒(康复)工作办公室"), default_policy()
    try:
        office = load_office(root / paths.OFFICE_FILE)
        policy = load_policy(office.policy, office.policy_overrides, base_dir=root)
    except CaseFileError as exc:
        raise UsageError("\n".join(p.message("zh") for p in exc.problems)) from None
    except PolicyError as exc:
        raise UsageError(str(exc)) from None
    return office, policy
