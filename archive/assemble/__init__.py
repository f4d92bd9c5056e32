"""Assembling one person's archive copy: ``<slug>.pdf`` and ``contents.json``.

The file is laid out as a bound 卷 (GB/T 9705, DOMAIN.md §3): the cover, the
卷内文件目录, every document instance in archive order (``CaseFile.entries()``),
and the 卷内备考表 last. Everything is one reportlab document
(:mod:`.binder`), finished by pypdf (:mod:`.finish`). ``contents.json`` gives
each instance's physical pages, for the search index.

Nothing is written until the whole file is made; then each file is written
atomically, so a failure leaves earlier output as it was.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.platypus import Image as RLImage
from reportlab.platypus import PageBreak

from archive.assemble.binder import (
    FRONT,
    Binder,
    DefineRefs,
    Placeholder,
    Section,
    Start,
)
from archive.assemble.binder import document_pages as start_page
from archive.assemble.finish import Foreign, Metadata, finish
from archive.assemble.frontmatter import FrontMatter, file_title, listing
from archive.fonts import font_book
from archive.fsutil import write_atomic
from archive.render.layout import Layout
from archive.render.parts import Engine, Part, Source, prepare
from archive.render.seeds import seeds_for
from forms import CaseFile, Entry, Office

log = logging.getLogger(__name__)

CONTENTS = "contents.json"


@dataclass(frozen=True)
class Placed:
    """Where one instance ended up: physical pages, 1-based, of the assembled PDF."""

    entry: Entry
    first_page: int
    last_page: int

    def row(self) -> dict[str, Any]:
        return {
            "slug": self.entry.slug,
            "kind": self.entry.kind.value,
            "name": self.entry.name,
            "instance": self.entry.instance,
            "title": self.entry.title,
            "date": self.entry.date.isoformat() if self.entry.date else None,
            "first_page": self.first_page,
            "last_page": self.last_page,
        }


@dataclass(frozen=True)
class AssembledFile:
    pdf: Path
    contents: Path
    placed: list[Placed]
    pages: int


@dataclass(frozen=True)
class Person:
    """What assembly needs to know of a person besides the filled documents."""

    slug: str
    case: CaseFile
    case_path: Path
    office: Office
    scans: Path | None = None
    fonts: Path | None = None
    """The office's font folder (``archive.yaml`` ``fonts:``), resolved."""
    templates: Path | None = None
    """The folder the documents were filled from (:mod:`archive.render.seeds`)."""


def assemble(
    person: Person,
    documents: list[Source],
    out_dir: Path,
    *,
    engine: Engine = "builtin",
    strict_fonts: bool = False,
) -> AssembledFile:
    """Render and assemble ``out_dir/<slug>.pdf`` and ``out_dir/contents.json``."""
    fonts = font_book(person.fonts, strict=strict_fonts)
    with tempfile.TemporaryDirectory(prefix="rehab-render-") as scratch:
        parts = prepare(
            documents,
            engine=engine,
            fonts=fonts,
            scans=person.scans,
            work=Path(scratch),
            person=person.slug,
        )
        laid_out, sections, binder = _lay_out(person, parts, fonts)
        foreign = [
            Foreign(p.pdf, s.placeholders)
            for p, s in zip(parts, sections, strict=True)
            if p.pdf is not None
        ]
        data = person.case_path.read_bytes()
        pdf = finish(laid_out, foreign, (person.case_path.name, data), _meta(person))

    placed = _placed(parts, sections, binder)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{person.slug}.pdf"
    contents = out_dir / CONTENTS
    rows = [p.row() for p in placed]
    write_atomic(target, pdf)
    write_atomic(
        contents, (json.dumps(rows, ensure_ascii=False, indent=1) + "\n").encode()
    )
    log.info("%s: %d documents, %d bytes", person.slug, len(placed), len(pdf))
    return AssembledFile(target, contents, placed, int(binder.page))


def _lay_out(
    person: Person, parts: list[Part], fonts: Any
) -> tuple[bytes, list[Section], Binder]:
    buffer = io.BytesIO()
    binder = Binder(buffer, font=fonts.default, title=file_title(person.case),
                    author=person.office.name)  # fmt: skip
    binder.seeds = seeds_for(person.templates, fonts)
    front = FrontMatter(binder, fonts)
    layout = Layout(fonts)
    sections = [
        Section(
            f"e{i}",
            _outline_title(p.entry),
            p.entry.kind.label,
            f"k-{p.entry.kind.value}",
        )
        for i, p in enumerate(parts)
    ]
    name = person.case.person.name or ""
    rows = [listing(p.entry, s.key, person.office, p.scanned, name)
            for p, s in zip(parts, sections, strict=True)]  # fmt: skip

    story: list[Any] = []
    story += front.cover(person.case, person.office, person.slug, len(parts))
    story += front.contents(rows)
    for part, section in zip(parts, sections, strict=True):
        setup = part.model.page if part.model is not None else FRONT
        story += start_page(binder, setup)
        story.append(Start(binder, section))
        if part.model is not None:
            story += layout.flowables(part.model.blocks)
        elif part.image is not None:
            story.append(_image(part.image, setup))
        else:
            for n in range(part.pdf_pages):
                if n:
                    story.append(PageBreak())
                story.append(Placeholder(section))
    story += start_page(binder, FRONT)
    story += front.closing(person.case, len(parts))
    story.append(DefineRefs(binder))
    binder.before_refs = lambda: _fill_refs(binder, sections)
    binder.build(story)
    return buffer.getvalue(), sections, binder


def _outline_title(entry: Entry) -> str:
    day = entry.date.isoformat() if entry.date else ""
    return f"{entry.title}（{entry.instance}）{day}".strip()


def _image(path: Path, setup: Any) -> RLImage:
    width = setup.width - setup.left - setup.right
    height = setup.height - setup.top - setup.bottom - 1
    return RLImage(str(path), width=width, height=height, kind="proportional")


def _fill_refs(binder: Binder, sections: list[Section]) -> None:
    last = binder.closing_page - 1
    for section in sections:
        binder.refs[f"ref-first-{section.key}"] = str(
            binder.number_of(section.first_page)
        )
    if binder.first_numbered is not None:
        total = binder.number_of(last)
        binder.refs["ref-span"] = f"1—{total}"
        binder.refs["ref-pages"] = binder.refs["ref-pages-2"] = f"{total}页"
    binder.label_pages()


def _placed(parts: list[Part], sections: list[Section], binder: Binder) -> list[Placed]:
    starts = [s.first_page for s in sections] + [binder.closing_page]
    return [
        Placed(part.entry, starts[i], starts[i + 1] - 1) for i, part in enumerate(parts)
    ]


def _meta(person: Person) -> Metadata:
    case = person.case
    dates = [e.date for e in case.entries() if e.date]
    day = case.closing.filed_date or (max(dates) if dates else dt.date(2000, 1, 1))
    # Archive order, not a set's: a set's order follows the process's string
    # hashes, and two builds of one person must give the same bytes.
    kinds = list(dict.fromkeys(e.kind.label for e in case.entries()))
    return Metadata(
        title=file_title(case),
        author=person.office.name,
        subject="社区戒毒（康复）人员档案（一人一档）",
        keywords="；".join(["社区戒毒", "社区康复", person.slug, *kinds]),
        date=day,
    )


__all__ = ["AssembledFile", "Person", "Placed", "assemble"]
