"""What each document instance contributes to the file: laid-out text or foreign pages.

A scan in the person's ``scans/`` folder named after the instance's slug
(``06-visit-3.pdf``, ``.jpg``, ``.png``) takes the generated copy's place, since
the signed paper is the record. Otherwise the engine decides: ``builtin`` reads
the .docx into a model (an unsupported construct is an error), ``libreoffice``
converts every document in one LibreOffice run, and ``auto`` sends only the
documents the built-in engine cannot lay out to LibreOffice, where it exists.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from archive.errors import RenderError
from archive.fonts import FontBook
from archive.render import libreoffice
from archive.render.model import DocumentModel
from archive.render.reader import UnsupportedConstruct, read_docx, read_parts
from forms import Entry

log = logging.getLogger(__name__)

Engine = Literal["builtin", "libreoffice", "auto"]
ENGINES: tuple[Engine, ...] = ("builtin", "libreoffice", "auto")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png")

Source = tuple[Entry, Path, Mapping[str, Any] | None]
"""A filled document: its entry, its .docx, and its parts if already parsed."""


@dataclass
class Part:
    """One instance's pages: exactly one of ``model``, ``pdf``, ``image`` is set."""

    entry: Entry
    model: DocumentModel | None = None
    pdf: Path | None = None
    pdf_pages: int = 0
    image: Path | None = None
    scanned: bool = False


def prepare(
    documents: Sequence[Source],
    *,
    engine: Engine,
    fonts: FontBook,
    scans: Path | None,
    work: Path,
    person: str,
) -> list[Part]:
    """The parts of a file in archive order; ``work`` receives LibreOffice's PDFs."""
    parts: list[Part] = []
    to_convert: dict[Path, Part] = {}
    for entry, docx, parsed in documents:
        scan = find_scan(scans, entry.slug)
        if scan is not None:
            parts.append(scan_part(entry, scan))
            continue
        part = Part(entry)
        parts.append(part)
        if engine == "libreoffice":
            to_convert[docx] = part
            continue
        try:
            source = f"{person}/{docx.name}"
            if parsed is None:
                part.model = read_docx(docx, source=source)
            else:
                part.model = read_parts(parsed, source)
        except UnsupportedConstruct as exc:
            if engine != "auto" or libreoffice.soffice() is None:
                raise
            log.info("%s/%s goes to LibreOffice: %s", person, docx.name, exc.construct)
            to_convert[docx] = part

    converted = libreoffice.convert(list(to_convert), work, fonts)
    for docx, part in to_convert.items():
        part.pdf = converted[docx]
        part.pdf_pages = pdf_pages(converted[docx])
    return parts


def find_scan(scans: Path | None, slug: str) -> Path | None:
    """The scan named after ``slug``; an error if there are two, or a link."""
    if scans is None or not scans.is_dir():
        return None
    found = sorted(p for p in scans.iterdir() if p.stem == slug and p.is_file())
    if len(found) > 1:
        names = "、".join(p.name for p in found)
        raise RenderError(f"{scans}：同一文书有多个扫描件（{names}），请只保留一个")
    if found and found[0].is_symlink():
        raise RenderError(f"拒绝符号链接：{found[0]}")
    return found[0] if found else None


def scan_part(entry: Entry, scan: Path) -> Part:
    suffix = scan.suffix.lower()
    if suffix == ".pdf":
        return Part(entry, pdf=scan, pdf_pages=pdf_pages(scan), scanned=True)
    if suffix in IMAGE_SUFFIXES:
        try:
            with Image.open(scan) as image:
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError) as exc:
            raise RenderError(f"{scan}：扫描件不是可读的图片（{exc}）") from exc
        return Part(entry, image=scan, scanned=True)
    raise RenderError(
        f"{scan}：扫描件应为 PDF、JPEG 或 PNG 文件，不支持 {scan.suffix or '无扩展名'}"
    )


def pdf_pages(path: Path) -> int:
    try:
        count = len(PdfReader(path).pages)
    except (PdfReadError, OSError, ValueError) as exc:
        raise RenderError(f"{path}：不是可读的 PDF（{exc}）") from exc
    if count == 0:
        raise RenderError(f"{path}：PDF 没有页面")
    return count
