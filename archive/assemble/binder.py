"""One reportlab document for a person's whole file (DESIGN.md, "Rendering").

Fonts are registered once per process and subset once per file, because every
page of the file (front matter, all documents, the 卷内备考表) is laid out in
this one document. While pages are laid out, markers record each document
instance's first page, write its bookmark, and switch page numbering on: the
front matter is unnumbered, the documents are numbered 1…n top right
(GB/T 9705; DOMAIN.md §3), and the PDF page labels say the same.

Numbers that are known only once the documents are laid out (each 页号 in the
卷内文件目录, the page count on the cover) are drawn as form XObjects that are
referenced where they are printed and defined at the end of the file: a PDF
may refer to a form before it is defined, so one layout pass suffices.

Pages of another PDF (a scan, or LibreOffice's output) are laid out as
placeholder pages that carry only the page number; :mod:`archive.assemble.finish`
lays the foreign page under each placeholder.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
)

from archive.render.layout import page_frame
from archive.render.model import PageSetup
from archive.render.seeds import Seeds

FRONT = PageSetup(595.28, 841.89, 37 * mm, 35 * mm, 28 * mm, 26 * mm)
"""A4 with the GB/T 9704 margins, for the cover, the list and the 备考表."""
NUMBER_SIZE = 14.0
"""4号, the size GB/T 9704 gives page numbers."""


@dataclass(frozen=True)
class RefBox:
    """Where a late number is printed: its box, size, alignment and baseline."""

    width: float
    size: float
    align: str = "center"
    baseline: float | None = None
    """Height of the baseline above the box's bottom; ``None``: just above it."""


@dataclass
class Section:
    """What the binder learns about one document instance while laying it out."""

    key: str
    title: str
    kind_label: str
    kind_key: str
    first_page: int = 0
    """Physical page (1-based) of its first page, once laid out."""
    placeholders: list[int] = field(default_factory=list)
    """Physical pages that stand for pages of a foreign PDF, in order."""


class Binder(BaseDocTemplate):  # type: ignore[misc]
    """The document template; ``refs`` hold the numbers drawn as late forms."""

    seeds: Seeds | None = None
    """Characters coded first on the canvas (:mod:`archive.render.seeds`)."""

    def __init__(self, filename: Any, *, font: str, **kwargs: Any) -> None:
        super().__init__(
            filename,
            pagesize=(FRONT.width, FRONT.height),
            initialFontName=font,
            invariant=1,
            pageCompression=1,
            **kwargs,
        )
        self.font = font
        self.setups: dict[PageSetup, str] = {}
        self.first_numbered: int | None = None
        self.numbering_ended = False
        self.refs: dict[str, str] = {}
        self.ref_boxes: dict[str, RefBox] = {}
        self.seen_kinds: set[str] = set()
        self.contents_page = 0
        self.closing_page = 0
        self.before_refs: Callable[[], None] = lambda: None
        self.template_for(FRONT)

    def _makeCanvas(self, *args: Any, **kwargs: Any) -> Any:
        canv = super()._makeCanvas(*args, **kwargs)
        if self.seeds is not None:
            self.seeds.plant(canv)
        return canv

    def template_for(self, setup: PageSetup) -> str:
        """The id of the page template for ``setup``, made on first use."""
        if setup not in self.setups:
            name = f"page{len(self.setups)}"
            frame = page_frame(setup, name)
            template = PageTemplate(
                name,
                [frame],
                onPageEnd=self._number_page,
                pagesize=(setup.width, setup.height),
            )
            self.addPageTemplates([template])
            self.setups[setup] = name
        return self.setups[setup]

    def _number_page(self, canv: Any, doc: Any) -> None:
        page = canv.getPageNumber()
        if self.first_numbered is None or self.numbering_ended:
            return
        number = page - self.first_numbered + 1
        width, height = canv._pagesize
        canv.saveState()
        canv.setFont(self.font, NUMBER_SIZE)
        canv.drawRightString(width - 20 * mm, height - 15 * mm, str(number))
        canv.restoreState()

    def start_numbering(self, page: int) -> None:
        if self.first_numbered is None:
            self.first_numbered = page

    def label_pages(self) -> None:
        """PDF page labels: 封面, 目录1…, then 1…n as printed, then 备考表1…."""
        canv = self.canv
        canv.addPageLabel(0, prefix="封面")
        if self.contents_page:
            canv.addPageLabel(self.contents_page - 1, "D", 1, prefix="目录")
        if self.first_numbered is not None:
            canv.addPageLabel(self.first_numbered - 1, "D", 1)
        if self.closing_page:
            canv.addPageLabel(self.closing_page - 1, "D", 1, prefix="备考表")

    def number_of(self, page: int) -> int:
        """The printed number of physical page ``page``."""
        assert self.first_numbered is not None
        return page - self.first_numbered + 1


class Start(Flowable):  # type: ignore[misc]
    """Zero-size marker at the top of a document: records the page, bookmarks it."""

    def __init__(self, binder: Binder, section: Section) -> None:
        super().__init__()
        self.binder = binder
        self.section = section

    def wrap(self, *_: Any) -> tuple[float, float]:
        return (0.0, 0.0)

    def draw(self) -> None:
        canv = self.canv
        page = canv.getPageNumber()
        self.section.first_page = page
        self.binder.start_numbering(page)
        canv.bookmarkPage(self.section.key, fit="Fit")
        if self.section.kind_key not in self.binder.seen_kinds:
            self.binder.seen_kinds.add(self.section.kind_key)
            canv.bookmarkPage(self.section.kind_key, fit="Fit")
            canv.addOutlineEntry(
                self.section.kind_label, self.section.kind_key, 0, True
            )
        canv.addOutlineEntry(self.section.title, self.section.key, 1)


class Mark(Flowable):  # type: ignore[misc]
    """Zero-size marker for front matter: a top-level bookmark, or end of numbering."""

    def __init__(self, binder: Binder, key: str, title: str, *, end: bool) -> None:
        super().__init__()
        self.binder, self.key, self.title, self.end = binder, key, title, end

    def wrap(self, *_: Any) -> tuple[float, float]:
        return (0.0, 0.0)

    def draw(self) -> None:
        page = self.canv.getPageNumber()
        if self.end:
            self.binder.numbering_ended = True
            self.binder.closing_page = page
        else:
            self.binder.contents_page = page
        self.canv.bookmarkPage(self.key, fit="Fit")
        self.canv.addOutlineEntry(self.title, self.key, 0)


class Placeholder(Flowable):  # type: ignore[misc]
    """A whole page that a page of a foreign PDF will be laid under."""

    def __init__(self, section: Section) -> None:
        super().__init__()
        self.section = section

    def wrap(self, width: float, height: float) -> tuple[float, float]:
        return (0.0, 0.0)

    def draw(self) -> None:
        self.section.placeholders.append(self.canv.getPageNumber())


class Ref(Flowable):  # type: ignore[misc]
    """A number printed here but known later: a form defined by :class:`DefineRefs`."""

    def __init__(
        self,
        binder: Binder,
        key: str,
        width: float,
        size: float,
        *,
        height: float | None = None,
        align: str = "center",
    ) -> None:
        """A box ``width`` wide; ``height`` is the line it stands in, as a
        paragraph's leading, so that its baseline meets the text beside it."""
        super().__init__()
        self.binder, self.key, self.width, self.size = binder, key, width, size
        self.box_height = height or size * 1.2
        ascent = pdfmetrics.getAscent(binder.font, size)
        baseline = self.box_height - ascent if height else None
        binder.ref_boxes[key] = RefBox(width, size, align, baseline)

    def wrap(self, *_: Any) -> tuple[float, float]:
        return (self.width, self.box_height)

    def draw(self) -> None:
        self.canv.doForm(self.key)


class DefineRefs(Flowable):  # type: ignore[misc]
    """Last flowable of the file: draws every late number into its form."""

    def __init__(self, binder: Binder) -> None:
        super().__init__()
        self.binder = binder

    def wrap(self, *_: Any) -> tuple[float, float]:
        return (0.0, 0.0)

    def draw(self) -> None:
        canv = self.canv
        self.binder.before_refs()
        for key, box in self.binder.ref_boxes.items():
            text = self.binder.refs.get(key, "")
            size = box.size
            canv.beginForm(key, 0, -size, box.width, size * 4)
            canv.setFont(self.binder.font, size)
            y = box.baseline
            if y is None:
                y = -pdfmetrics.getDescent(self.binder.font, size) + size * 0.1
            if box.align == "left":
                canv.drawString(0, y, text)
            else:
                canv.drawCentredString(box.width / 2, y, text)
            canv.endForm()


def document_pages(binder: Binder, setup: PageSetup) -> list[Flowable]:
    """Flowables that start a document on a fresh page laid out as ``setup``."""
    return [NextPageTemplate(binder.template_for(setup)), PageBreak()]
