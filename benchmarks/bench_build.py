"""Benchmark: ``rehab-archive build`` on N generated people, against the peer route.

Usage::

    .venv/bin/python benchmarks/bench_build.py [--people 12] [--runs 3] [--keep DIR]
        [--batch-jobs 1,2]

In one run, on one synthetic archive (``archive.sample``, seed 7):

- per document, median over ``--runs``: filling (our cached docxtpl), rendering
  alone by the built-in engine, and LibreOffice converting the same documents
  in one process (per-document share of the batch), with the ratio: each run
  times the engine and then LibreOffice, and the ratio is the median of the
  runs' ratios, since this machine's speed drifts within minutes;
- the person nearest to 60 documents, built in process ``--runs`` times
  (``--force``), split into fill, render (reading the .docx and laying out
  with reportlab) and assemble (pypdf finishing, writing); the size of the PDF;
- the same person through the route a user would otherwise assemble: plain
  docxtpl per document, one LibreOffice process for the batch, pypdf merging
  with bookmarks; reported as a ratio to our build;
- the whole archive through the command line with ``--jobs 1`` and ``--jobs 2``
  (``--force``), scaled to 1,000 people; a rebuild with nothing changed of
  1,000 people (hard-linked copies of the built ones); peak memory of the
  build's process tree (sum of the RSS of the command and its workers, sampled
  every 0.1 s) and of its largest process.

Rendering and building are timed as a build meets a person: once, in a worker
that has met others. Before each run the renderer's stores are emptied and the
three people next nearest to 60 documents are done first; what people share
(the forms' labels and tables) is then known, the person's own names and
dates are not.
The same person rendered again at once is shown too; it is not the figure
compared with LibreOffice.

Check time per 1,000 people is bench_check.py's; the index is bench_index.py's.
Everything in process runs with the garbage collector set as ``build`` sets it.

Prints a Markdown section for benchmarks/RESULTS.md with the machine: CPU
model, ``nproc``, load average at the start and the end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import archive.assemble as assembly
from archive import paths
from archive.build import BuildOptions, build_person, templates_folder
from archive.commands.build import _collect_less, _office
from archive.context import build_context
from archive.fill import fill
from archive.fonts import font_book
from archive.render import libreoffice
from archive.render.kept import forget
from archive.render.parts import prepare
from archive.render.reader import read_docx
from archive.render.standalone import render_document
from archive.sample import DEFAULT_AS_OF, write_sample
from forms import load_case

CLI = [sys.executable, "-m", "archive.cli"]
_SETTLE = 3.0
"""Seconds of rest between the engine's and LibreOffice's timings."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=12)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="generate into (or reuse) this DIR")
    parser.add_argument(
        "--batch-jobs",
        default="1,2",
        help="the --jobs values of the whole-archive builds (default 1,2)",
    )
    args = parser.parse_args()
    load_start = os.getloadavg()[0]
    _collect_less()  # the collector's setting `build` runs with

    with tempfile.TemporaryDirectory(prefix="bench-build-") as scratch:
        root = args.keep or Path(scratch) / "archive"
        if not list(root.glob("p*/case.yaml")):
            write_sample(root, args.people, args.seed, DEFAULT_AS_OF)
        people, _ = paths.resolve([root])
        office, policy = _office(root)
        sizes = {p.slug: len(load_case(p.case_file).entries()) for p in people}
        person, *others = sorted(people, key=lambda p: abs(sizes[p.slug] - 60))[:4]
        rows: list[tuple[str, str]] = []
        rows += _per_document(person, others, office, policy, args.runs, Path(scratch))
        rows += _per_person(person, others, office, policy, args.runs)
        rows += _peer_route(person, office, policy, Path(scratch), rows)
        jobs = [int(j) for j in args.batch_jobs.split(",")]
        rows += _batch(root, len(people), Path(scratch), jobs)

    _print(args, load_start, sizes, person.slug, rows)


def _per_document(
    person: paths.PersonFolder,
    others: list[paths.PersonFolder],
    office: Any,
    policy: Any,
    runs: int,
    scratch: Path,
) -> list[tuple[str, str]]:
    fonts = font_book()
    entries, contexts, docs, who = filled(person, office, policy, scratch / "docs")
    met = [filled(o, office, policy, scratch / o.slug)[2:] for o in others]
    templates = templates_folder(office, person.root, BuildOptions())

    def fill_all() -> None:
        for entry, context, doc in zip(entries, contexts, docs, strict=True):
            doc.write_bytes(fill(templates / f"{entry.name}.docx", context))

    def render_file(docs: list[Path], who: assembly.Person) -> None:
        render_person(docs, who, fonts, scratch)

    def render_each(docs: list[Path], who: assembly.Person) -> None:
        for doc in docs:
            render_document(read_docx(doc), fonts)

    def first_time(way: Callable[[list[Path], assembly.Person], None]) -> float:
        def meet_others() -> None:
            for m in met:
                way(*m)

        return _first_time_ms(lambda: way(docs, who), meet_others) / n

    n = len(docs)
    fill_ms = _median_ms(fill_all, runs) / n
    # The machine's speed drifts within minutes: each run times the engine and
    # LibreOffice one after the other, and the ratio is the median of the pairs'.
    # Right after LibreOffice's burst on both cores this machine runs slower
    # for a few seconds (the engine measured up to 1.8 times slower); each is
    # timed after a pause.
    files, los = [], []
    for run in range(runs):
        files.append(first_time(render_file))
        time.sleep(_SETTLE)
        lo_dir = scratch / f"lo{run}"
        lo_dir.mkdir()
        clock = time.perf_counter()
        libreoffice.convert(docs, lo_dir, fonts)
        los.append((time.perf_counter() - clock) * 1000 / n)
        time.sleep(_SETTLE)
    ratios = sorted(lo / ours for lo, ours in zip(los, files, strict=True))
    file_ms, lo_ms = statistics.median(files), statistics.median(los)
    each_ms = statistics.median(first_time(render_each) for _ in range(runs))
    again_ms = _median_ms(lambda: render_file(docs, who), runs) / n
    return [
        ("documents per run (one person)", str(n)),
        ("fill, per document (compiled templates, .docx written)", f"{fill_ms:.1f} ms"),
        ("render, built-in engine, from the .docx files, one file for all "
         "(as `build` does), per document", f"{file_ms:.1f} ms"),
        ("render, built-in engine, each document its own PDF, per document",
         f"{each_ms:.1f} ms"),
        ("render, one file for all, the same person again at once (not a "
         "build's case: their own names and dates already worked out)",
         f"{again_ms:.1f} ms"),
        ("LibreOffice, one process for the batch, per document", f"{lo_ms:.1f} ms"),
        ("**LibreOffice / built-in (one file), per document**, median of the "
         "runs' ratios (each run times both, one after the other)",
         f"**{statistics.median(ratios):.1f}×** "
         f"({ratios[0]:.1f}–{ratios[-1]:.1f}×)"),
        ("LibreOffice / built-in (each its own PDF), per document",
         f"{lo_ms / each_ms:.1f}×"),
    ]  # fmt: skip


def filled(
    person: paths.PersonFolder, office: Any, policy: Any, work: Path
) -> tuple[list[Any], list[Any], list[Path], assembly.Person]:
    """A person's entries, contexts and filled .docx files (in ``work``)."""
    case = load_case(person.case_file)
    templates = templates_folder(office, person.root, BuildOptions())
    entries = case.entries()
    contexts = [build_context(case, e, office, policy) for e in entries]
    work.mkdir()
    docs = [work / f"{e.slug}.docx" for e in entries]
    for entry, context, doc in zip(entries, contexts, docs, strict=True):
        doc.write_bytes(fill(templates / f"{entry.name}.docx", context))
    who = assembly.Person(person.slug, case, person.case_file, office,
                          templates=templates)  # fmt: skip
    return entries, contexts, docs, who


def render_person(
    docs: list[Path], who: assembly.Person, fonts: Any, scratch: Path
) -> None:
    """The engine's way: every .docx read, all laid out as one document."""
    sources = [(e, d, None) for e, d in zip(who.case.entries(), docs, strict=True)]
    parts = prepare(sources, engine="builtin", fonts=fonts, scans=None,
                    work=scratch, person=who.slug)  # fmt: skip
    assembly._lay_out(who, parts, fonts)


def _first_time_ms(work: Callable[[], object], warm: Callable[[], object]) -> float:
    """Milliseconds of ``work`` done as a build does it: the first time.

    A build meets each person once, in a worker that has built others: this
    empties what the renderer keeps (archive.render.kept), has ``warm``
    (other people) fill it with what people share, and times ``work``.
    """
    forget()
    warm()
    clock = time.perf_counter()
    work()
    return (time.perf_counter() - clock) * 1000


def _per_person(
    person: paths.PersonFolder,
    others: list[paths.PersonFolder],
    office: Any,
    policy: Any,
    runs: int,
) -> list[tuple[str, str]]:
    spent: dict[str, float] = {}
    _time_calls(spent, "render", ("prepare", "_lay_out"))
    _time_calls(spent, "finish", ("finish",))
    options = BuildOptions(docx_only=False, force=True)
    totals, fills, renders, assembles = [], [], [], []
    for _ in range(runs):
        forget()
        for other in others:  # as in a worker's run
            build_person(other, office, policy, options)
        spent.clear()
        result = build_person(person, office, policy, options)
        if not result.ok:
            raise SystemExit("\n".join(result.errors))
        pdf = result.timings["pdf"]
        totals.append(result.seconds)
        fills.append(result.timings["fill"])
        renders.append(spent.get("render", 0.0))
        assembles.append(pdf - spent.get("render", 0.0))
    size = (person.path / "out" / f"{person.slug}.pdf").stat().st_size
    med = statistics.median
    fresh = med(_run(["build", str(person.path), "--force"])[0] for _ in range(runs))
    return [
        (
            "one person, a fresh `rehab-archive build --force` process (imports, "
            "fonts and templates loaded once), wall",
            f"{fresh:.2f} s",
        ),
        ("one person, built in a process that has built three others, total",
         f"**{med(totals):.2f} s**"),
        ("— fill (.docx files written, parts kept parsed)", f"{med(fills):.2f} s"),
        ("— render (model from the parts, reportlab layout)", f"{med(renders):.2f} s"),
        ("— assemble (pypdf finish, write, swap)", f"{med(assembles):.2f} s"),
        ("assembled PDF size", f"{size / 1e6:.2f} MB"),
    ]  # fmt: skip


def _peer_route(
    person: paths.PersonFolder,
    office: Any,
    policy: Any,
    scratch: Path,
    rows: list[tuple[str, str]],
) -> list[tuple[str, str]]:
    """docxtpl from scratch per document, one LibreOffice batch, pypdf merge."""
    from docxtpl import DocxTemplate
    from jinja2 import Environment
    from pypdf import PdfWriter

    from archive.fill import _ENV

    case = load_case(person.case_file)
    templates = templates_folder(office, person.root, BuildOptions())
    work = scratch / "peer"
    work.mkdir()
    start = time.perf_counter()
    docs = []
    for entry in case.entries():
        document = DocxTemplate(templates / f"{entry.name}.docx")
        env = Environment(autoescape=True)
        env.filters.update(_ENV.filters)
        context = build_context(case, entry, office, policy)
        document.render(context, jinja_env=env, autoescape=True)
        docs.append(work / f"{entry.slug}.docx")
        document.save(docs[-1])
    converted = libreoffice.convert(docs, work, font_book())
    writer = PdfWriter()
    for doc in docs:
        page = len(writer.pages)
        writer.append(str(converted[doc]))
        writer.add_outline_item(title=doc.stem, page_number=page)
    buffer = io.BytesIO()
    writer.write(buffer)
    peer = time.perf_counter() - start
    ours = float(next(v for k, v in rows if "total" in k).strip("*s "))
    return [
        (
            "peer route (docxtpl + LibreOffice batch + pypdf), one person",
            f"{peer:.1f} s",
        ),
        ("peer route PDF size", f"{len(buffer.getvalue()) / 1e6:.2f} MB"),
        ("**peer route / our build, one person**", f"**{peer / ours:.1f}×**"),
    ]


def _batch(
    root: Path, people: int, scratch: Path, batch_jobs: list[int]
) -> list[tuple[str, str]]:
    rows = []
    scale = 1000 / people
    for jobs in batch_jobs:
        wall, peak_tree, peak_one = _run(
            ["build", str(root), "--force", "-j", str(jobs)]
        )
        rows += [
            (f"build of {people} people, `--jobs {jobs} --force`", f"{wall:.1f} s"),
            (f"— projected to 1,000 people, `--jobs {jobs}`",
             f"{wall * scale / 60:.1f} min"),
            (f"— peak memory, `--jobs {jobs}`: all processes / largest one",
             f"{peak_tree / 1e6:.0f} MB / {peak_one / 1e6:.0f} MB"),
        ]  # fmt: skip
    wall, _, _ = _run(["build", str(root)])
    rows.append((f"rebuild of the {people} people, nothing changed", f"{wall:.1f} s"))
    many = _replicate(root, scratch / "many", 1000)
    wall, _, _ = _run(["build", str(many)])
    rows.append(("**rebuild of 1,000 people, nothing changed**", f"**{wall:.1f} s**"))
    return rows


def _replicate(root: Path, many: Path, count: int) -> Path:
    """``count`` built people, hard links of the ones in ``root`` (no new output)."""
    many.mkdir()
    shutil.copy(root / "archive.yaml", many)
    built = sorted(p for p in root.iterdir() if (p / "out").is_dir())
    ignore = shutil.ignore_patterns(".build.lock")
    for i in range(count):
        source = built[i % len(built)]
        shutil.copytree(
            source, many / f"{source.name}-{i:04d}", copy_function=_link,
            ignore=ignore,
        )  # fmt: skip
    return many


def _link(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _run(argv: list[str]) -> tuple[float, int, int]:
    """Wall time, peak RSS of the process tree, peak RSS of its largest process."""
    start = time.perf_counter()
    process = subprocess.Popen([*CLI, *argv], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)  # fmt: skip
    peaks = [0, 0]
    watcher = threading.Thread(target=_watch, args=(process, peaks), daemon=True)
    watcher.start()
    _, err = process.communicate()
    wall = time.perf_counter() - start
    watcher.join()
    if process.returncode not in (0, 1):
        raise SystemExit(err.decode("utf-8", "replace"))
    return wall, peaks[0], peaks[1]


def _watch(process: subprocess.Popen[bytes], peaks: list[int]) -> None:
    page = os.sysconf("SC_PAGE_SIZE")
    while process.poll() is None:
        sizes = [_rss(pid, page) for pid in _tree(process.pid)]
        peaks[0] = max(peaks[0], sum(sizes))
        peaks[1] = max(peaks[1], *sizes)
        time.sleep(0.1)


def _tree(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = [root], [root]
    while frontier:
        frontier = [pid for pid, ppid in parents.items() if ppid in frontier]
        found += frontier
    return found


def _rss(pid: int, page: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * page
    except (OSError, IndexError, ValueError):
        return 0


def _time_calls(spent: dict[str, float], key: str, names: tuple[str, ...]) -> None:
    """Wrap functions of :mod:`archive.assemble` to add their time to ``spent``."""
    for name in names:
        original: Callable[..., Any] = getattr(assembly, name)

        def timed(*a: Any, _f: Callable[..., Any] = original, **k: Any) -> Any:
            clock = time.perf_counter()
            try:
                return _f(*a, **k)
            finally:
                spent[key] = spent.get(key, 0.0) + time.perf_counter() - clock

        setattr(assembly, name, timed)


def _median_ms(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        clock = time.perf_counter()
        work()
        times.append(time.perf_counter() - clock)
    return statistics.median(times) * 1000


def _print(
    args: argparse.Namespace,
    load_start: float,
    sizes: dict[str, int],
    slug: str,
    rows: list[tuple[str, str]],
) -> None:
    docs = sorted(sizes.values())
    print(f"## Build (bench_build.py, {dt.date.today().isoformat()})\n")
    print(
        f"Machine: {_cpu_model()}, nproc {os.cpu_count()}, "
        f"Python {platform.python_version()}; load average {load_start:.1f} at the "
        f"start, {os.getloadavg()[0]:.1f} at the end.\n"
    )
    print(
        f"Archive: {len(sizes)} people (seed {args.seed}), {sum(docs)} document "
        f"instances ({docs[0]}–{docs[-1]} per person, median "
        f"{statistics.median(docs):.0f}); per-person figures for {slug} "
        f"({sizes[slug]} documents); medians of {args.runs} runs.\n"
    )
    print("| measure | value |\n| --- | --- |")
    for name, value in rows:
        print(f"| {name} | {value} |")
    print(
        f"\nCommand: `.venv/bin/python benchmarks/bench_build.py --people "
        f"{args.people} --runs {args.runs}`."
    )


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown CPU"


if __name__ == "__main__":
    main()
