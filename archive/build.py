"""The build pipeline of one person: fill (now), then render, assemble, manifest.

:func:`build_person` runs the steps for one person folder and returns a
:class:`BuildResult`. Each step is a function of the person's loaded case and
a working folder; the PDF steps (archive/render, archive/assemble) are added
after :func:`docx_step` in the same way. Output is replaced only when a step
has fully succeeded: the .docx files are filled into a temporary folder beside
``out/docx`` and swapped in at the end, so earlier good output survives any
failure (DESIGN.md, "Principles").
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from archive.assemble import Person, assemble
from archive.context import build_context
from archive.errors import RenderError
from archive.fill import FillError, fill, write_atomic
from archive.paths import PersonFolder
from forms import CaseFile, CaseFileError, Office, load_case
from validators.policy import Policy

log = logging.getLogger(__name__)

BUNDLED_TEMPLATES = Path(__file__).resolve().parent.parent / "forms" / "templates"


@dataclass(frozen=True)
class BuildOptions:
    """What to build; ``templates`` replaces the bundled folder when given."""

    docx_only: bool = True
    templates: Path | None = None
    engine: str = "builtin"
    """PDF engine: builtin, libreoffice, or auto (LibreOffice where builtin fails)."""
    strict_fonts: bool = False
    """A missing CJK TrueType face is an error instead of a warning."""


@dataclass
class BuildResult:
    """What a build of one person produced, or why it failed."""

    person: str
    """The person folder's slug (never the name: it goes into logs)."""
    files: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.errors


class BuildError(Exception):
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
    """Load the case and run every step; failures are collected, not raised."""
    result = BuildResult(person=folder.slug)
    started = time.perf_counter()
    try:
        case = load_case(folder.case_file)
    except CaseFileError as exc:
        result.errors = [p.message("zh") for p in exc.problems]
        return result
    try:
        templates = templates_folder(office, folder.root, options)
        result.files = docx_step(folder, case, office, policy, templates)
        if not options.docx_only:
            pdf_step(folder, case, office, options)
    except BuildError as exc:
        result.errors.append(str(exc))
    except RenderError as exc:
        result.errors.append(f"{folder.slug}：{exc}")
    result.seconds = time.perf_counter() - started
    log.info(
        "%s: %d document(s) in %.2f s", folder.slug, len(result.files), result.seconds
    )
    return result


def docx_step(
    folder: PersonFolder,
    case: CaseFile,
    office: Office,
    policy: Policy,
    templates: Path,
) -> list[Path]:
    """Fill every entry into ``out/docx/<slug>.docx``; all or nothing."""
    out = folder.path / "out"
    out.mkdir(exist_ok=True)
    target = out / "docx"
    work = Path(tempfile.mkdtemp(prefix=".docx-", dir=out))
    try:
        for entry in case.entries():
            template = templates / f"{entry.name}.docx"
            if not template.is_file():
                raise BuildError(f"{folder.slug}：{entry.slug}：缺少模板 {template}")
            context = build_context(case, entry, office, policy)
            try:
                data = fill(template, context)
            except FillError as exc:
                raise BuildError(f"{folder.slug}：{entry.slug}：{exc}") from None
            write_atomic(work / f"{entry.slug}.docx", data)
        _swap(work, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return sorted(target.glob("*.docx"))


def pdf_step(
    folder: PersonFolder, case: CaseFile, office: Office, options: BuildOptions
) -> list[Path]:
    """Render and assemble ``out/<slug>.pdf`` and ``out/contents.json`` from out/docx.

    Both files are written only when the whole file has been made.
    """
    docx = folder.path / "out" / "docx"
    fonts = folder.root / office.fonts if office.fonts and folder.root else None
    person = Person(
        slug=folder.slug,
        case=case,
        case_path=folder.case_file,
        office=office,
        scans=folder.path / "scans",
        fonts=fonts,
    )
    documents = [(e, docx / f"{e.slug}.docx") for e in case.entries()]
    made = assemble(
        person,
        documents,
        folder.path / "out",
        engine=options.engine,  # type: ignore[arg-type]
        strict_fonts=options.strict_fonts,
    )
    return [made.pdf, made.contents]


def _swap(work: Path, target: Path) -> None:
    """Put the finished folder in place of ``target``; the old one goes last."""
    old = target.with_name(".docx-old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    work.rename(target)
    if old.exists():
        shutil.rmtree(old)
