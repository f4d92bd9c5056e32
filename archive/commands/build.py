"""``rehab-archive build PATH... [--jobs N] [--force]``: every person's ``out/``.

Each person is built on their own, all or nothing (:mod:`archive.build`): one
person's failure is reported at the end (naming the person folder, the
document and the problem), the others still build, and the exit status is 1
when any person failed. People whose inputs are unchanged since their last
build are skipped unless ``--force``. With ``--jobs N`` people are built in
``N`` worker processes; each worker keeps its compiled templates and
registered fonts for every person it builds. A progress bar with rate and
time left is drawn on stderr when it is a terminal.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from archive import paths
from archive.build import BuildOptions, BuildResult, build_person
from archive.errors import UsageError
from archive.paths import PersonFolder
from archive.progress import Progress
from archive.report import add_json_argument, add_paths_argument, print_json
from forms import CaseFileError, Office, load_office
from validators import Policy, PolicyError, default_policy, load_policy

log = logging.getLogger(__name__)

Task = tuple[PersonFolder, Office, Policy, BuildOptions]

YOUNG_OBJECTS = 50_000
"""Allocations between two collections of the youngest generation while building.

A build makes and drops hundreds of thousands of small objects (XML proxies,
layout fragments) that hold no reference cycles worth collecting early;
Python's default of 700 made the collector run thousands of times per person
(some 6–8 % of a build's CPU time for a person of 62 documents).
"""


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "build",
        help="生成文书（.docx）并组成案卷 PDF",
        description=(
            "由案卷数据生成每份文书（out/docx/）并组卷为 PDF（out/<本人目录>.pdf）。"
        ),
    )
    add_paths_argument(parser)
    parser.add_argument(
        "--docx-only",
        action="store_true",
        help="只生成文书（.docx），不组卷为 PDF",
    )
    parser.add_argument(
        "--templates",
        type=Path,
        metavar="DIR",
        help="模板目录（优先于 archive.yaml 中的设置）",
    )
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
    parser.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="并行的工作进程数（默认 1；0 表示每个 CPU 一个）",
    )
    parser.add_argument("--force", action="store_true", help="即使输入未变化也重新生成")
    parser.add_argument(
        "--lock-wait",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="同一人正由另一进程生成时最多等待的秒数（默认 60）",
    )
    add_json_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    people, _roots = paths.resolve_people(args.paths)
    if args.jobs < 0:
        raise UsageError("--jobs 应为不小于 0 的整数")
    if args.lock_wait < 0:
        raise UsageError("--lock-wait 应为不小于 0 的秒数")
    options = BuildOptions(
        docx_only=args.docx_only,
        templates=args.templates,
        engine=args.engine,
        strict_fonts=args.strict_fonts,
        force=args.force,
        lock_wait=args.lock_wait,
    )
    offices: dict[Path | None, tuple[Office, Policy]] = {}
    tasks: list[Task] = []
    for person in people:
        if person.root not in offices:
            offices[person.root] = _office(person.root)
        tasks.append((person, *offices[person.root], options))

    jobs = min(args.jobs or os.cpu_count() or 1, len(tasks))
    progress = Progress(len(tasks))
    results: list[BuildResult] = []
    try:
        for result in _build_all(tasks, jobs):
            results.append(result)
            progress.advance()
    finally:
        progress.close()
    order = {p.slug: i for i, p in enumerate(people)}
    results.sort(key=lambda r: order.get(r.person, len(order)))
    _report(results, args.json)
    return 1 if any(not r.ok for r in results) else 0


def build_one(task: Task) -> BuildResult:
    """One person, in whichever process runs it; never raises for that person."""
    folder, office, policy, options = task
    try:
        return build_person(folder, office, policy, options)
    except Exception as exc:  # one person's defect must not stop the others
        log.debug("%s: build failed unexpectedly", folder.slug, exc_info=True)
        return BuildResult(folder.slug, errors=[f"{folder.slug}：内部错误：{exc!r}"])


def _build_all(tasks: list[Task], jobs: int) -> Iterator[BuildResult]:
    if jobs <= 1:
        _collect_less()
        for task in tasks:
            yield build_one(task)
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=_collect_less) as pool:
        pending: dict[Future[BuildResult], Task] = {
            pool.submit(build_one, task): task for task in tasks
        }
        while pending:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                task = pending.pop(future)
                yield _outcome(future, task)


def _collect_less() -> None:
    gc.set_threshold(YOUNG_OBJECTS, *gc.get_threshold()[1:])


def _outcome(future: Future[BuildResult], task: Task) -> BuildResult:
    """The worker's result, or a failure naming the person if the worker died."""
    try:
        return future.result()
    except BrokenProcessPool:
        slug = task[0].slug
        return BuildResult(slug, errors=[f"{slug}：工作进程意外退出，未生成"])


def _report(results: list[BuildResult], as_json: bool) -> None:
    failed = [r for r in results if not r.ok]
    if as_json:
        print_json(
            [
                {
                    "person": r.person,
                    "ok": r.ok,
                    "skipped": r.skipped,
                    "files": r.docx,
                    "pdfs": r.pdfs,
                    "errors": r.errors,
                    "seconds": round(r.seconds, 3),
                    "timings": {k: round(v, 3) for k, v in r.timings.items()},
                }
                for r in results
            ]
        )
        return
    for r in failed:
        for error in r.errors:
            print(error, file=sys.stderr)
    built = [r for r in results if r.ok and not r.skipped]
    skipped = sum(1 for r in results if r.skipped)
    docx = sum(r.docx for r in built)
    pdfs = sum(r.pdfs for r in built)
    print(
        f"共 {len(results)} 人：生成 {len(built)} 人（{docx} 份文书、{pdfs} 个 PDF），"
        f"未变化跳过 {skipped} 人，失败 {len(failed)} 人。",
        file=sys.stderr,
    )


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
