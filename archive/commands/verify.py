"""``rehab-archive verify PATH... [--four-properties] [--json]``.

Recomputes each person's checksum manifests and names every changed, missing
and unexpected file; with ``--four-properties`` runs the 四性检测 of DA/T 70
on the archive copy, each property reported on its own. The audit log of every
archive root involved is checked for breaks in its hash chain. Exit 1 when
anything is wrong.
"""

from __future__ import annotations

import argparse
from typing import Any

from archive import audit, paths
from archive.manifest import FixityReport, verify_fixity
from archive.report import add_json_argument, add_paths_argument, print_json
from archive.verify import LABELS, FourProperties, four_properties


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "verify",
        help="核对校验和；四性检测",
        description="重新计算校验值，报告被改动、缺失和多出的文件；可做四性检测。",
    )
    add_paths_argument(parser)
    parser.add_argument(
        "--four-properties",
        action="store_true",
        help="真实性、完整性、可用性、安全性检测（DA/T 70）",
    )
    add_json_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    people, roots = paths.resolve_people(args.paths)
    all_roots = sorted({*roots, *(p.root for p in people if p.root is not None)})
    logs = {root: audit.check_log(root) for root in all_roots}

    if args.four_properties:
        checks = [four_properties(p) for p in people]
        failed = any(not c.ok for c in checks)
        rows = [c.as_json() for c in checks]
        lines = [line for c in checks for line in _property_lines(c)]
    else:
        reports = [verify_fixity(p.path) for p in people]
        failed = any(not r.ok for r in reports)
        rows = [_fixity_json(r) for r in reports]
        lines = [line for r in reports for line in _fixity_lines(r)]
    failed = failed or any(logs.values())

    if args.json:
        print_json({
            "people": rows,
            "audit": [
                {"root": str(root), "ok": not problems, "problems": problems}
                for root, problems in logs.items()
            ],
        })  # fmt: skip
    else:
        for line in lines:
            print(line)
        for root, problems in logs.items():
            print(f"审计日志 {root}：{'完整' if not problems else '有问题'}")
            for problem in problems:
                print(f"  {problem}")
    return 1 if failed else 0


def _fixity_json(report: FixityReport) -> dict[str, Any]:
    return {
        "person": report.person,
        "ok": report.ok,
        "algorithms": report.algorithms,
        "changed": report.changed,
        "missing": report.missing,
        "unexpected": report.unexpected,
        "problems": report.problems,
    }


def _fixity_lines(report: FixityReport) -> list[str]:
    if report.ok:
        return [f"{report.person}：校验一致（{'、'.join(report.algorithms)}）"]
    lines = [f"{report.person}：校验不一致"]
    lines += [f"  已改动：{name}" for name in report.changed]
    lines += [f"  已缺失：{name}" for name in report.missing]
    lines += [f"  清单外的文件：{name}" for name in report.unexpected]
    lines += [f"  {problem}" for problem in report.problems]
    return lines


def _property_lines(check: FourProperties) -> list[str]:
    lines = [f"{check.person}："]
    for name, result in check.results.items():
        verdict = "通过" if result.ok else "未通过"
        lines.append(f"  {LABELS[name]}（{name}）：{verdict}")
        lines += [f"    {problem}" for problem in result.problems]
    return lines
