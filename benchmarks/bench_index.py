"""Benchmark: index build time for N generated people, and query latency.

Usage::

    .venv/bin/python benchmarks/bench_index.py [--people 1000] [--queries 200]
        [--keep DIR] [--jobs N]

Generates a synthetic archive with ``archive.sample`` in a temporary folder
(or once into ``--keep DIR``, reused by later runs with the same size),
builds the index from scratch (timed; ``--jobs`` worker processes read and
cut the case files), runs an update with nothing changed (timed), then
``--queries`` mixed queries drawn from the data (names, pinyin, initials, ID
suffixes, words of the records, kinds with date ranges) and reports p50 and
p95 latency. Results are printed as a Markdown section for
benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from archive import paths
from archive.sample import DEFAULT_AS_OF, write_sample
from forms import load_case
from indexer import (
    INDEX_FOLDER,
    OfficeSource,
    PersonSource,
    SearchRequest,
    open_index,
)
from indexer._workers import workers_for
from indexer.analysis import name_pinyin


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--keep",
        type=Path,
        default=None,
        metavar="DIR",
        help="generate the archive once into DIR and reuse it on later runs",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=None,
        help="worker processes for the build (default: the index's own choice)",
    )
    args = parser.parse_args()

    with _archive(args.keep) as root:
        generated = _generate(root, args.people, args.seed)

        people, _ = paths.resolve([root])
        sources = [
            PersonSource(p.slug, p.case_file, p.path / "out" / "contents.json")
            for p in people
        ]
        index = open_index(root / INDEX_FOLDER)
        started = time.perf_counter()
        report = index.update(sources, OfficeSource("office", "x"), jobs=args.jobs)
        build = time.perf_counter() - started
        started = time.perf_counter()
        index.update(sources, OfficeSource("office", "x"))
        noop = time.perf_counter() - started

        queries = _queries(sources, args.queries, args.seed)
        index.search(queries[0])
        latencies = []
        for request in queries:
            started = time.perf_counter()
            index.search(request)
            latencies.append((time.perf_counter() - started) * 1000)
        size = sum(f.stat().st_size for f in (root / INDEX_FOLDER).iterdir())

    cuts = statistics.quantiles(latencies, n=100)
    print(f"## Search index (bench_index.py, {time.strftime('%Y-%m-%d')})\n")
    print(f"Machine: {_cpu()}, {os.cpu_count()} CPUs, {platform.platform()},")
    print(f"Python {platform.python_version()}.\n")
    print("| measure | value |\n| --- | --- |")
    print(f"| people / document instances | {args.people} / {report.documents} |")
    if generated is not None:
        print(f"| generating the sample | {generated:.1f} s |")
    workers = workers_for(args.jobs, len(sources)) or "no"
    print(f"| index build from scratch ({workers} worker processes) | {build:.1f} s |")
    print(f"| update with nothing changed | {noop:.2f} s |")
    print(f"| index size on disk | {size / 1e6:.1f} MB |")
    print(f"| queries | {len(latencies)} mixed |")
    print(f"| query p50 | {cuts[49]:.1f} ms |")
    print(f"| query p95 | {cuts[94]:.1f} ms |")
    print(f"| query max | {max(latencies):.1f} ms |")


@contextmanager
def _archive(keep: Path | None) -> Iterator[Path]:
    """The archive folder: inside ``keep`` (kept), or a temporary one."""
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        yield keep / "archive"
        return
    with tempfile.TemporaryDirectory() as temp:
        yield Path(temp) / "archive"


def _generate(root: Path, people: int, seed: int) -> float | None:
    """Seconds taken to write the sample; ``None`` when a kept one was reused.

    A kept archive is reused only if it was made with the same size and seed;
    its index is always removed, so the build below starts from scratch.
    """
    marker = root.parent / "generated.txt"
    wanted = f"{people} {seed}"
    if root.is_dir() and marker.is_file() and marker.read_text() == wanted:
        shutil.rmtree(root / INDEX_FOLDER, ignore_errors=True)
        return None
    shutil.rmtree(root, ignore_errors=True)
    started = time.perf_counter()
    write_sample(root, people, seed, DEFAULT_AS_OF)
    marker.write_text(wanted)
    return time.perf_counter() - started


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _queries(sources: list[PersonSource], count: int, seed: int) -> list[SearchRequest]:
    """Mixed queries drawn from the case files: names, IDs, words, kinds."""
    rng = random.Random(seed)
    picked = rng.sample(sources, min(len(sources), 60))
    cases = [load_case(s.case_file) for s in picked]
    pool: list[SearchRequest] = []
    for case in cases:
        name = case.person.name or "张"
        pool.append(SearchRequest(name))
        pool.extend(SearchRequest(p) for p in name_pinyin(name)[:2])
        if case.person.id_number:
            pool.append(SearchRequest(case.person.id_number[-4:]))
        for visit in case.visits[:3]:
            text = "".join(
                ch for ch in visit.content or "" if "\u4e00" <= ch <= "\u9fff"
            )
            if len(text) > 6:
                start = rng.randrange(len(text) - 4)
                pool.append(SearchRequest(text[start : start + rng.choice((2, 3, 4))]))
    pool += [
        SearchRequest("kind:告诫书 date:[20240101 to 20241231]"),
        SearchRequest("kind:warning_letter"),
        SearchRequest("谈话", kind="visit", limit=20),
        SearchRequest("外出", measure="community_rehab"),
    ]
    return [rng.choice(pool) for _ in range(count)]


if __name__ == "__main__":
    main()
