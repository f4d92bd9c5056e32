"""Benchmark: the render step as a build meets people, and two code trees side by side.

Usage::

    .venv/bin/python benchmarks/bench_render.py [--rounds 3] [--against DIR]

Renders every person of the bundled sample archive (16 people, 1,065
documents) once, in one process, with the built-in engine, after one warm-up
person: each person is met for the first time, by a process that has met
the ones before, as a worker of ``build`` meets them. Prints the render time
per document over all of them (reading the filled .docx files and laying the
person's file out, as ``bench_build.py``'s render figure).

``--against DIR`` runs the same in turn with the engine of another checkout
(``git worktree add DIR COMMIT``; this tree's harness, ``bench_build.py``'s
filling and rendering calls, drives both), ``--rounds`` times each, and prints both
and the median of the ratios of each pair: on a shared machine whose speed
drifts by several per cent within minutes, alternating is what makes a
change of a few per cent measurable. The figures of the render steps in
RESULTS.md come from it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--against", type=Path, help="another checkout to compare")
    parser.add_argument("--once", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.once:
        print(f"{_render_everyone():.3f}")
        return
    if args.against and not (args.against / "archive" / "__init__.py").is_file():
        parser.error(f"--against {args.against}: not a checkout of rehab-archive")
    trees = [ROOT] + ([args.against.resolve()] if args.against else [])
    times: dict[Path, list[float]] = {tree: [] for tree in trees}
    for _ in range(args.rounds):
        for tree in trees:
            times[tree].append(_once(tree))
    for tree in trees:
        runs = ", ".join(f"{t:.2f}" for t in times[tree])
        print(f"{tree}: median {statistics.median(times[tree]):.2f} ms/document "
              f"(runs {runs})")  # fmt: skip
    if args.against:
        pairs = zip(times[ROOT], times[trees[1]], strict=True)
        ratio = statistics.median(ours / theirs for ours, theirs in pairs)
        print(f"this tree / the other, median of pairs: {ratio:.3f}")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


def _once(tree: Path) -> float:
    """One fresh process rendering everyone with the code of ``tree``."""
    env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONHASHSEED": "0"}
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--once"],
        env=env, cwd=tree, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"{tree}: {done.stderr.strip()}")
    return float(done.stdout.split()[-1])


def _render_everyone() -> float:
    """Milliseconds per document, each sample person but the first rendered once."""
    from bench_build import filled, render_person

    from archive import paths
    from archive.commands.build import _collect_less, _office
    from archive.fonts import font_book

    _collect_less()
    with tempfile.TemporaryDirectory(prefix="bench-render-") as scratch:
        root = Path(scratch) / "archive"
        shutil.copytree(ROOT / "sample_archive", root)
        people, _ = paths.resolve([root])
        office, policy = _office(root)
        fonts = font_book()
        made = [
            filled(person, office, policy, Path(scratch) / person.slug)[2:]
            for person in people
        ]
        render_person(*made[0], fonts, Path(scratch))
        spent, documents = 0.0, 0
        for docs, who in made[1:]:
            clock = time.perf_counter()
            render_person(docs, who, fonts, Path(scratch))
            spent += time.perf_counter() - clock
            documents += len(docs)
    return spent / documents * 1000


if __name__ == "__main__":
    main()
