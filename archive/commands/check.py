"""``rehab-archive check``: completeness and sequencing findings per person.

``--stage ongoing`` (the default) checks what should have happened by the
as-of date; ``--stage release`` checks the whole term, as the file must stand
before release. Findings are grouped by person, errors first, with a
one-line summary each; archive-wide findings (STAFF_RATIO_30) are reported
once per archive. The policy comes from the office's ``archive.yaml``
(``policy``, ``policy_overrides``), or the national profile for a person
folder outside an archive.

Exit status: 2 when any case file or ``archive.yaml`` cannot be used (its
problems are listed, the other files are still checked), else 1 when any
error was found, else 0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archive import paths
from archive.errors import UsageError
from archive.report import add_json_argument, add_paths_argument, print_json
from forms import CaseFile, CaseFileError, Office, Problem, load_case, load_office
from validators import PolicyError, default_policy, load_policy
from validators.check import check_case, check_office
from validators.findings import Finding, Lang, Severity, Stage
from validators.policy import Policy


def as_of_date(text: str) -> dt.date:
    """argparse type for ``--as-of``: an ISO date."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"应为日期 YYYY-MM-DD，实际为 {text!r}"
        ) from None


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "check",
        help="检查案卷的完整性和时序",
        description="检查案卷的完整性和时序：每项问题给出规则代码、文书、日期及说明。",
    )
    add_paths_argument(parser)
    parser.add_argument(
        "--as-of",
        type=as_of_date,
        default=None,
        metavar="DATE",
        help="检查基准日 YYYY-MM-DD（默认当日）",
    )
    parser.add_argument(
        "--stage",
        choices=[s.value for s in Stage],
        default=Stage.ongoing.value,
        help="ongoing：检查截至基准日应完成的事项（默认）；release：按解除时的要求检查整个期限",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=0,
        metavar="N",
        help="并行的工作进程数（默认：人数较多时每个 CPU 一个）",
    )
    add_json_argument(parser)
    parser.set_defaults(run=run)


@dataclass
class Loaded:
    """What the paths name, loaded: cases with their policy, and what failed."""

    cases: list[tuple[paths.PersonFolder, CaseFile, Policy]] = field(
        default_factory=list
    )
    offices: list[tuple[Path, Office, Policy, int]] = field(default_factory=list)
    unusable: list[tuple[str, list[Problem]]] = field(default_factory=list)
    pending: list[tuple[paths.PersonFolder, Policy]] = field(default_factory=list)
    """People whose office loaded, with their policy; case files not read yet."""


def load(given: list[Path]) -> Loaded:
    """Load every person and office the paths name; collect what cannot be used."""
    loaded = load_offices(given)
    for person, policy in loaded.pending:
        try:
            case = load_case(person.case_file)
        except CaseFileError as exc:
            loaded.unusable.append((person.slug, exc.problems))
            continue
        loaded.cases.append((person, case, policy))
    loaded.pending = []
    return loaded


def load_offices(given: list[Path]) -> Loaded:
    """Resolve the paths and load each archive's office and policy.

    Raises UsageError for an invalid policy profile: no check is meaningful
    under a policy that cannot be read.
    """
    people, roots = paths.resolve(given)
    loaded = Loaded()
    policies: dict[Path | None, Policy] = {None: default_policy()}
    all_roots = sorted(
        {*(r.resolve() for r in roots), *(p.root.resolve() for p in people if p.root)}
    )
    for root in all_roots:
        office_path = paths.office_file(root)
        if office_path is None:
            continue
        try:
            office = load_office(office_path)
            policy = load_policy(office.policy, office.policy_overrides, base_dir=root)
        except CaseFileError as exc:
            loaded.unusable.append((str(office_path), exc.problems))
            continue
        except PolicyError as exc:
            raise UsageError(str(exc)) from None
        policies[root] = policy
        n = sum(1 for p in people if p.root and p.root.resolve() == root)
        loaded.offices.append((root, office, policy, n))
    for person in people:
        home = person.root.resolve() if person.root else None
        if home not in policies:
            loaded.unusable.append((person.slug, [_office_unusable(person)]))
            continue
        loaded.pending.append((person, policies[home]))
    return loaded


def _office_unusable(person: paths.PersonFolder) -> Problem:
    return Problem(
        str(person.case_file),
        "",
        "office_unusable",
        "所属档案根目录的 archive.yaml 无法读取，未检查本案卷",
        "the archive.yaml of its archive cannot be read; not checked",
    )


def run(args: argparse.Namespace) -> int:
    as_of: dt.date = args.as_of or dt.date.today()
    stage = Stage(args.stage)
    loaded = load_offices(args.paths)
    tasks = [
        (person.case_file, person.slug, policy, as_of, stage)
        for person, policy in loaded.pending
    ]
    if args.jobs < 0:
        raise UsageError("--jobs 应为不小于 0 的整数")
    jobs = args.jobs
    if jobs == 0:
        jobs = (os.cpu_count() or 1) if len(tasks) >= PARALLEL_FROM else 1

    results: list[tuple[str, list[Finding]]] = []
    for slug, findings, problems in _map(check_one, tasks, jobs):
        if findings is None:
            loaded.unusable.append((slug, problems))
        else:
            results.append((slug, findings))
    archive_findings = [
        f
        for _root, office, policy, n in loaded.offices
        for f in check_office(office, n, policy)
    ]

    if args.json:
        print_json(_as_json(results, archive_findings, loaded, as_of, stage, args.lang))
    else:
        _print_text(results, archive_findings, loaded, args.lang)

    if loaded.unusable:
        return 2
    everything = [f for _, fs in results for f in fs] + archive_findings
    return 1 if any(f.severity is Severity.error for f in everything) else 0


PARALLEL_FROM = 200
"""From this many people on, ``--jobs`` defaults to every CPU: loading a case
file (YAML, then validation) costs far more than checking it."""

Task = tuple[Path, str, Policy, dt.date, Stage]
Outcome = tuple[str, list[Finding] | None, list[Problem]]


def check_one(task: Task) -> Outcome:
    """Load and check one person; a file that fails to load gives its problems."""
    case_file, slug, policy, as_of, stage = task
    try:
        case = load_case(case_file)
    except CaseFileError as exc:
        return slug, None, exc.problems
    return slug, check_case(case, slug, policy, as_of, stage), []


def _map(
    work: Callable[[Task], Outcome], tasks: list[Task], jobs: int
) -> list[Outcome]:
    """Results in the order of ``tasks``, in ``jobs`` processes when above 1."""
    if jobs <= 1 or len(tasks) < 2:
        return [work(t) for t in tasks]
    chunk = max(1, len(tasks) // (jobs * 8))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(work, tasks, chunksize=chunk))


def _counts(findings: list[Finding]) -> tuple[int, int]:
    errors = sum(1 for f in findings if f.severity is Severity.error)
    return errors, len(findings) - errors


def _as_json(
    results: list[tuple[str, list[Finding]]],
    archive_findings: list[Finding],
    loaded: Loaded,
    as_of: dt.date,
    stage: Stage,
    lang: str,
) -> dict[str, Any]:
    language: Lang = "en" if lang == "en" else "zh"
    people = []
    for slug, findings in results:
        errors, warnings = _counts(findings)
        people.append(
            {
                "person": slug,
                "errors": errors,
                "warnings": warnings,
                "findings": [f.as_dict(language) for f in findings],
            }
        )
    return {
        "as_of": as_of.isoformat(),
        "stage": stage.value,
        "people": people,
        "archive": [f.as_dict(language) for f in archive_findings],
        "unusable": [
            {"file": name, "problems": [p.as_dict(language) for p in problems]}
            for name, problems in loaded.unusable
        ],
    }


def _print_text(
    results: list[tuple[str, list[Finding]]],
    archive_findings: list[Finding],
    loaded: Loaded,
    lang: str,
) -> None:
    en = lang == "en"
    for slug, findings in results:
        errors, warnings = _counts(findings)
        if en:
            print(f"{slug}: {errors} error(s), {warnings} warning(s)")
        else:
            print(f"{slug}：错误 {errors} 项，警告 {warnings} 项")
        for f in findings:
            print("  " + _line(f, en))
    if archive_findings:
        print("archive:" if en else "档案整体：")
        for f in archive_findings:
            print("  " + _line(f, en))
    for name, problems in loaded.unusable:
        print(f"{name}: unusable" if en else f"{name}：无法读取，未检查")
        for p in problems:
            print("  " + p.message("en" if en else "zh"))
    total_errors = (
        sum(_counts(fs)[0] for _, fs in results) + _counts(archive_findings)[0]
    )
    if en:
        summary = (
            f"{len(results)} file(s) checked, {total_errors} error(s), "
            f"{len(loaded.unusable)} unusable."
        )
    else:
        summary = (
            f"共检查 {len(results)} 份案卷，错误 {total_errors} 项，"
            f"无法读取 {len(loaded.unusable)} 个文件。"
        )
    print(summary, file=sys.stderr)


def _line(f: Finding, en: bool) -> str:
    severity = (
        f.severity.value if en else ("错误" if f.severity is Severity.error else "警告")
    )
    parts = [severity, f.code]
    if f.date:
        parts.append(f.date.isoformat())
    return " ".join(parts) + ("  " if en else "：") + f.message("en" if en else "zh")
