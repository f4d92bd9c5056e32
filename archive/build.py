"""The build pipeline of one person: fill, render and assemble, all or nothing.

:func:`build_person` runs the steps for one person folder and returns a
:class:`BuildResult`; it never raises for a problem of that person. The whole
of ``out/`` (``docx/``, ``<slug>.pdf``, ``contents.json``, ``build-key.json``)
is made in a hidden sibling folder and swapped in with renames only after
every step succeeded (:mod:`archive.fsutil`), so a build that fails, or is
killed, in any step leaves the previous ``out/`` exactly as it was (DESIGN.md,
"Principles"). ``out/`` always holds the output of one build and nothing else:
a ``--docx-only`` build leaves no PDF from an earlier build beside its .docx.

Two builds of one person wait for each other (a lock in the person folder).
A person whose inputs are unchanged since the last build is skipped, unless
``force`` is set (:mod:`archive.buildkey`).
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from archive.assemble import Person, assemble
from archive.buildkey import KEY_FILE, build_key, key_document, stored_key
from archive.context import entry_context, person_context
from archive.errors import ArchiveError
from archive.fill import FillError, fill_document
from archive.fsutil import STAGE_PREFIX, person_lock, recover, swap_in, write_atomic
from archive.manifest import write_manifests
from archive.paths import PersonFolder
from archive.render.parts import Source
from forms import CaseFile, CaseFileError, Office, load_case
from validators.policy import Policy

log = logging.getLogger(__name__)

BUNDLED_TEMPLATES = Path(__file__).resolve().parent.parent / "forms" / "templates"
PAUSE_ENV = "REHAB_ARCHIVE_BUILD_PAUSE"
"""Seconds to pause after the .docx step, for tests that kill a build midway."""


@dataclass(frozen=True)
class BuildOptions:
    """What to build; ``templates`` replaces the bundled folder when given."""

    docx_only: bool = True
    templates: Path | None = None
    engine: str = "builtin"
    """PDF engine: builtin, libreoffice, or auto (LibreOffice where builtin fails)."""
    strict_fonts: bool = False
    """A missing CJK TrueType face is an error instead of a warning."""
    force: bool = False
    """Rebuild even when nothing changed since the last build."""
    lock_wait: float = 60.0
    """Seconds to wait for another build of the same person to finish."""


@dataclass
class BuildResult:
    """What a build of one person produced, or why it failed."""

    person: str
    """The person folder's slug (never the name: it goes into logs)."""
    files: list[Path] = field(default_factory=list)
    """Every file of the new ``out/`` (for a skipped person: of the kept one)."""
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    skipped: bool = False
    """Nothing had changed, so the earlier output was kept as it was."""
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds per step: ``fill`` (the .docx files), ``pdf`` (render + assemble)."""

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def docx(self) -> int:
        return sum(1 for f in self.files if f.suffix == ".docx")

    @property
    def pdfs(self) -> int:
        return sum(1 for f in self.files if f.suffix == ".pdf")


class BuildError(ArchiveError):
    """One step failed for one person; the message names template and problem."""


def templates_folder(office: Office, root: Path | None, options: BuildOptions) -> Path:
    """The options' folder, else the office's own (``archive.yaml``), else bundled."""
    if options.templates is not None:
        return options.templates
    if office.templates and root is not None:
        return root / office.templates
    return BUNDLED_TEMPLATES


def build_person(
    folder: PersonFolder, office: Office, policy: Policy, options: BuildOptions
) -> BuildResult:
    """Build one person under their lock; failures are collected, not raised."""
    result = BuildResult(person=folder.slug)
    started = time.perf_counter()
    try:
        with person_lock(folder.path, options.lock_wait):
            _build_locked(folder, office, policy, options, result)
    except CaseFileError as exc:
        result.errors = [p.message("zh") for p in exc.problems]
    except ArchiveError as exc:
        text = str(exc)
        prefix = f"{folder.slug}："
        result.errors.append(text if text.startswith(prefix) else prefix + text)
    except OSError as exc:
        result.errors.append(f"{folder.slug}：无法读写 {exc.filename}：{exc.strerror}")
    result.seconds = time.perf_counter() - started
    state = "unchanged" if result.skipped else f"{len(result.files)} file(s)"
    log.info("%s: %s in %.2f s", folder.slug, state, result.seconds)
    return result


def _build_locked(
    folder: PersonFolder,
    office: Office,
    policy: Policy,
    options: BuildOptions,
    result: BuildResult,
) -> None:
    out = folder.path / "out"
    recover(out)
    templates = templates_folder(office, folder.root, options)
    key = build_key(
        folder.case_file,
        folder.path / "scans",
        templates,
        office,
        policy,
        _output_options(office, options),
    )
    stored = stored_key(out)
    if not options.force and stored is not None and stored[0] == key:
        result.skipped = True
        result.files = [out / name for name in stored[1]]
        return

    case = load_case(folder.case_file)
    # mkdtemp makes the stage 0700, and it becomes out/: personal data, owner only.
    stage = Path(tempfile.mkdtemp(prefix=STAGE_PREFIX, dir=folder.path))
    try:
        clock = time.perf_counter()
        filled = docx_step(folder, case, office, policy, templates, stage / "docx")
        made = [path for _, path, _ in filled]
        result.timings["fill"] = time.perf_counter() - clock
        _pause_for_tests(folder)
        if not options.docx_only:
            clock = time.perf_counter()
            made += pdf_step(folder, case, office, options, stage, filled)
            result.timings["pdf"] = time.perf_counter() - clock
        del filled
        names = [str(p.relative_to(stage)) for p in made]
        write_atomic(stage / KEY_FILE, key_document(key, names))
        write_manifests(folder.path, stage)
        swap_in(stage, out)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    result.files = [out / name for name in names]


def docx_step(
    folder: PersonFolder,
    case: CaseFile,
    office: Office,
    policy: Policy,
    templates: Path,
    target: Path,
) -> list[Source]:
    """Fill every entry into ``target/<entry slug>.docx``, keeping its parsed parts."""
    target.mkdir()
    written: list[Source] = []
    shared = person_context(case, office, policy)
    for entry in case.entries():
        template = templates / f"{entry.name}.docx"
        if not template.is_file():
            raise BuildError(f"{folder.slug}：{entry.slug}：缺少模板 {template}")
        context = entry_context(shared, entry)
        try:
            filled = fill_document(template, context)
        except FillError as exc:
            raise BuildError(f"{folder.slug}：{entry.slug}：{exc}") from None
        path = target / f"{entry.slug}.docx"
        path.write_bytes(filled.docx)
        written.append((entry, path, filled.parts))
    return written


def pdf_step(
    folder: PersonFolder,
    case: CaseFile,
    office: Office,
    options: BuildOptions,
    stage: Path,
    filled: list[Source],
) -> list[Path]:
    """Render and assemble ``<slug>.pdf`` and ``contents.json`` from the filled."""
    fonts = folder.root / office.fonts if office.fonts and folder.root else None
    person = Person(
        slug=folder.slug,
        case=case,
        case_path=folder.case_file,
        office=office,
        scans=folder.path / "scans",
        fonts=fonts,
        templates=templates_folder(office, folder.root, options),
    )
    made = assemble(
        person,
        filled,
        stage,
        engine=options.engine,  # type: ignore[arg-type]
        strict_fonts=options.strict_fonts,
    )
    return [made.pdf, made.contents]


def _output_options(office: Office, options: BuildOptions) -> dict[str, object]:
    """The options that change the output, for the build key.

    Where the archive lies is not among them: a moved archive needs no rebuild.
    """
    return {
        "docx_only": options.docx_only,
        "engine": options.engine,
        "strict_fonts": options.strict_fonts,
        "fonts": str(office.fonts or ""),
    }


def _pause_for_tests(folder: PersonFolder) -> None:
    """Sleep for ``$REHAB_ARCHIVE_BUILD_PAUSE`` seconds, announcing it on stderr."""
    seconds = os.environ.get(PAUSE_ENV)
    if not seconds:
        return
    print(f"PAUSE {folder.slug}", file=sys.stderr, flush=True)
    time.sleep(float(seconds))
