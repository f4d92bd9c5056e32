"""Benchmark: ``rehab-archive check`` on N generated people (target: 1,000 in < 10 s).

Usage::

    .venv/bin/python benchmarks/bench_check.py [--people 1000] [--runs 3] [--keep DIR]

Generates a synthetic archive with ``archive.sample`` (or reuses ``--keep DIR``
when it already holds one of the same size), then runs the real command line,
``rehab-archive check ROOT --as-of 2026-12-01 --json``, ``--runs`` times in a
fresh process and reports the median wall time, with the CPU time of the
process and its workers. A second, in-process pass splits the CPU time into
loading the case files (YAML and validation, ``forms``) and checking them
(``validators``). Results are printed as a Markdown section for
benchmarks/RESULTS.md, with the machine: CPU model, ``nproc`` and the load
average, because other work on a shared machine stretches wall time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from archive import paths
from archive.sample import DEFAULT_AS_OF, write_sample
from forms import load_case
from validators.check import check_case
from validators.policy import default_policy

CLI = [sys.executable, "-m", "archive.cli"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--keep", type=Path, help="generate into (or reuse) this folder"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-check-") as scratch:
        root = args.keep or Path(scratch) / "archive"
        generated = _prepare(root, args.people, args.seed)
        walls, cpus = [], []
        for _ in range(args.runs):
            wall, cpu = _run_cli(root)
            walls.append(wall)
            cpus.append(cpu)
        load_cpu, check_cpu = _split(root)

    load1, load5, _ = os.getloadavg()
    print(f"## check ({args.people} people)\n")
    print(
        f"- date: {dt.date.today().isoformat()}; machine: {_cpu_model()}, "
        f"nproc {os.cpu_count()}, Python {platform.python_version()}; "
        f"load average at the end {load1:.1f} / {load5:.1f} (1 / 5 min)"
    )
    print(
        f"- sample generated in {generated:.1f} s" if generated else "- sample reused"
    )
    print(
        f"- `rehab-archive check ROOT --as-of {DEFAULT_AS_OF} --json`, "
        f"{args.runs} runs: median wall **{statistics.median(walls):.1f} s** "
        f"(runs: {', '.join(f'{w:.1f}' for w in walls)}); CPU of process and "
        f"workers median {statistics.median(cpus):.1f} s"
    )
    print(f"- in one process: loading {args.people} case files {load_cpu:.1f} s CPU, "
          f"checking them {check_cpu:.2f} s CPU")  # fmt: skip


def _prepare(root: Path, people: int, seed: int) -> float:
    existing = [p for p in root.glob("p*") if (p / "case.yaml").is_file()]
    if len(existing) == people:
        return 0.0
    start = time.perf_counter()
    write_sample(root, people, seed, DEFAULT_AS_OF)
    return time.perf_counter() - start


def _run_cli(root: Path) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    argv = [*CLI, "check", str(root), "--as-of", DEFAULT_AS_OF.isoformat(), "--json"]
    done = subprocess.run(argv, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr.decode("utf-8", "replace"))
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _split(root: Path) -> tuple[float, float]:
    people, _ = paths.resolve([root])
    start = time.process_time()
    cases = [(p.slug, load_case(p.case_file)) for p in people]
    loaded = time.process_time()
    policy = default_policy()
    for slug, case in cases:
        check_case(case, slug, policy, DEFAULT_AS_OF)
    return loaded - start, time.process_time() - loaded


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


if __name__ == "__main__":
    main()
