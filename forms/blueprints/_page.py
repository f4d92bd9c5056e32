"""Shared pieces of every blueprint: GB/T 9704 page, fonts, paragraphs, ruled tables.

Every run written here names its face for all four font slots, ``w:eastAsia``
included, so Word shows the face an office PC knows by that name (DOMAIN.md §4)
and LibreOffice substitutes through fontconfig aliases. Sizes follow the 号
scale: 二号 22 pt for titles, 三号 16 pt for letters, 小四 12 pt in forms.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docx import Document as new_docx
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

TITLE_FACE = "方正小标宋简体"
FANGSONG = "仿宋_GB2312"
SONG = "宋体"
HEI = "黑体"
KAI = "楷体_GB2312"

LETTER_SIZE = 16.0
FORM_SIZE = 12.0
TITLE_SIZE = 22.0
LETTER_LINE = 28.95
"""Exact line pitch of a letter: 225 mm of text over 22 lines (GB/T 9704)."""
FORM_LINE = 20.0
TEXT_WIDTH_MM = 156.0
FIXED_TIME = dt.datetime(2026, 1, 1, 0, 0, 0)
"""Creation and modification time written into every template: generation is
reproducible, so the committed files can be compared with fresh ones."""
ZIP_TIME = (1980, 1, 1, 0, 0, 0)

DATE_BLANK = "　" * 4 + "年" + "　" * 2 + "月" + "　" * 2 + "日"
"""A date still to be written by hand."""

CENTER = WD_ALIGN_PARAGRAPH.CENTER
LEFT = WD_ALIGN_PARAGRAPH.LEFT
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY


class U(str):
    """Text printed underlined: a fill-in line of a letter (the blank of a draft)."""


class B(str):
    """Text printed in bold (labels of a form, clause headings)."""


Piece = str
"""A piece of a paragraph: plain ``str``, or :class:`U` / :class:`B`."""


def new_document() -> Any:
    """An empty A4 document with GB/T 9704 margins and 仿宋 16 pt as the default."""
    document = new_docx()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(25)

    normal = document.styles["Normal"]
    normal.font.size = Pt(LETTER_SIZE)
    _set_faces(normal.element.get_or_add_rPr(), FANGSONG)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if rpr is not None:
            _set_faces(rpr, FANGSONG)

    props = document.core_properties
    props.author = "rehab-archive"
    props.last_modified_by = "rehab-archive"
    props.created = props.modified = FIXED_TIME
    props.revision = 1
    props.comments = ""
    return document


def _set_faces(rpr: Any, face: str) -> None:
    """Name ``face`` for the ASCII, high-ANSI, East Asian and complex-script slots."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for key in list(fonts.attrib):
        del fonts.attrib[key]
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), face)


def add_run(
    paragraph: Any, text: str, face: str, size: float, *, bold: bool = False
) -> Any:
    """One run of ``text`` in ``face``; :class:`U` underlines, :class:`B` bolds."""
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = True if bold or isinstance(text, B) else None
    if isinstance(text, U):
        run.font.underline = True
    _set_faces(run._element.get_or_add_rPr(), face)
    return run


def paragraph(
    container: Any,
    *pieces: Piece,
    face: str = FANGSONG,
    size: float = LETTER_SIZE,
    align: Any = JUSTIFY,
    indent: float = 0,
    line: float = LETTER_LINE,
    before: float = 0,
    after: float = 0,
) -> Any:
    """A paragraph of ``pieces``; ``indent`` is a first-line indent in characters."""
    para = container.add_paragraph()
    fmt = para.paragraph_format
    fmt.alignment = align
    fmt.line_spacing = Pt(line)
    fmt.line_spacing_rule = 4  # WD_LINE_SPACING.EXACTLY
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if indent:
        fmt.first_line_indent = Pt(size * indent)
    for piece in pieces:
        add_run(para, piece, face, size)
    return para


def title(document: Any, *lines: str) -> None:
    """The title in 二号 小标宋, centred, with a blank line of space below."""
    for k, text in enumerate(lines):
        last = k == len(lines) - 1
        paragraph(
            document,
            text,
            face=TITLE_FACE,
            size=TITLE_SIZE,
            align=CENTER,
            line=36,
            after=LETTER_LINE if last else 0,
        )


def number_line(document: Any, placeholder: str) -> None:
    """The 文号 line: 三号仿宋, right-aligned below the title (GB/T 9704 §7.2.4)."""
    paragraph(document, placeholder, align=RIGHT, after=6)


def page_break(document: Any) -> None:
    """A page break in a paragraph of its own: the next page starts a new document."""
    para = document.add_paragraph()
    para.paragraph_format.line_spacing = Pt(LETTER_LINE)
    para.paragraph_format.line_spacing_rule = 4
    para.add_run().add_break(WD_BREAK.PAGE)


def seal_block(document: Any, organ: str, date: str) -> None:
    """Organ name and date, right-aligned, with room for the seal above the date."""
    paragraph(document, "")
    paragraph(document, organ, align=RIGHT)
    paragraph(document, "（印章）", align=RIGHT)
    paragraph(document, date, align=RIGHT)


@dataclass
class Cell:
    """One cell of a ruled table; ``span`` columns wide, ``rows`` rows high."""

    pieces: Sequence[Piece] = ()
    span: int = 1
    rows: int = 1
    align: Any = CENTER
    lines: Sequence[Sequence[Piece]] = field(default_factory=list)
    """Further paragraphs of the cell, each a sequence of pieces."""


UP = None
"""Marks a grid column covered by a cell of a row above (its ``rows`` > 1)."""

Row = Sequence[Cell | str | None]


def text_cell(*pieces: Piece, span: int = 1, rows: int = 1) -> Cell:
    """A left-aligned cell for running text (content, opinions)."""
    return Cell(pieces, span=span, rows=rows, align=JUSTIFY)


def table(
    document: Any,
    widths_mm: Sequence[float],
    rows: Sequence[Row],
    *,
    heights_mm: Sequence[float] | None = None,
    header_rows: int = 0,
    size: float = FORM_SIZE,
    face: str = SONG,
) -> Any:
    """A ruled table: single 0.5 pt lines, fixed column widths, cells centred.

    A ``str`` in a row is a one-column centred cell. Header rows are marked to
    repeat at the top of every page (``w:tblHeader``); no row is kept from
    breaking across pages, so long records flow on.
    """
    grid = len(widths_mm)
    table_ = document.add_table(rows=len(rows), cols=grid)
    _rule(table_, widths_mm)
    merges: list[tuple[int, int, int, int]] = []
    for r, spec in enumerate(rows):
        row = table_.rows[r]
        if header_rows and r < header_rows:
            _mark_header(row)
        if heights_mm is not None and r < len(heights_mm) and heights_mm[r]:
            row.height = Mm(heights_mm[r])
        col = 0
        for item in spec:
            if item is None:
                col += 1
                continue
            cell = item if isinstance(item, Cell) else Cell((item,))
            _fill(table_.cell(r, col), cell, face, size)
            if cell.span > 1 or cell.rows > 1:
                merges.append((r, col, r + cell.rows - 1, col + cell.span - 1))
            col += cell.span
        if col != grid:
            raise ValueError(f"row {r} covers {col} of {grid} columns")
    for r0, c0, r1, c1 in merges:
        table_.cell(r0, c0).merge(table_.cell(r1, c1))
    return table_


def _fill(target: Any, cell: Cell, face: str, size: float) -> None:
    target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    first = target.paragraphs[0]
    _format_cell_paragraph(first, cell.align)
    for piece in cell.pieces:
        add_run(first, piece, face, size)
    for line in cell.lines:
        para = target.add_paragraph()
        _format_cell_paragraph(para, cell.align)
        for piece in line:
            add_run(para, piece, face, size)


def _format_cell_paragraph(para: Any, align: Any) -> None:
    fmt = para.paragraph_format
    fmt.alignment = align
    fmt.line_spacing = Pt(FORM_LINE)
    fmt.line_spacing_rule = 4
    fmt.space_before = fmt.space_after = Pt(0)


def _rule(table_: Any, widths_mm: Sequence[float]) -> None:
    tbl_pr = table_._tbl.tblPr
    for tag in ("w:tblStyle", "w:tblLook"):
        old = tbl_pr.find(qn(tag))
        if old is not None:
            tbl_pr.remove(old)
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(round(sum(widths_mm) / 25.4 * 1440)))
    width.set(qn("w:type"), "dxa")
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), "4")
        line.set(qn("w:space"), "0")
        line.set(qn("w:color"), "000000")
        borders.append(line)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    old_width = tbl_pr.find(qn("w:tblW"))
    if old_width is not None:
        tbl_pr.remove(old_width)
    tbl_pr.append(width)
    tbl_pr.append(borders)
    tbl_pr.append(layout)
    table_.autofit = False
    for column, mm in zip(table_.columns, widths_mm, strict=True):
        column.width = Mm(mm)
        for cell in column.cells:
            cell.width = Mm(mm)


def _mark_header(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    tr_pr.append(header)


def loop_row(grid: int, tag: str) -> Row:
    """A row that holds only a docxtpl ``{%tr … %}`` tag; docxtpl removes it."""
    return [Cell((tag,), span=grid, align=LEFT)]


def save(document: Any, path: Path) -> None:
    """Write ``document`` reproducibly: fixed entry times, a fixed entry order.

    python-docx stamps nothing but the core properties (fixed in
    :func:`new_document`); the zip container adds times of its own, which are
    set to 1980-01-01 here. ``[Content_Types].xml`` comes first, as Word writes it.
    """
    raw = io.BytesIO()
    document.save(raw)
    with zipfile.ZipFile(raw) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    names = sorted(parts, key=lambda n: (n != "[Content_Types].xml", n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, parts[name])
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(out.getvalue())
    tmp.replace(path)


def spacer(document: Any) -> None:
    """A 2 pt paragraph that keeps two tables apart (Word joins touching tables)."""
    paragraph(document, "", size=2, line=2)


def repeated_rows(
    grid: int, loop: str, row: Row, *, when_empty: int = 2, empty_test: str = ""
) -> list[Row]:
    """A docxtpl row loop over ``loop`` (``"t in doc.tests"``) and blank rows.

    When the list is empty (a draft), ``when_empty`` empty rows are printed
    instead, as space to complete by hand.
    """
    name = loop.split(" in ", 1)[1].strip()
    blank: list[Row] = [[Cell(()) for _ in range(grid)] for _ in range(when_empty)]
    return [
        loop_row(grid, "{%tr for " + loop + " %}"),
        row,
        loop_row(grid, "{%tr endfor %}"),
        loop_row(grid, "{%tr if not " + (empty_test or name) + " %}"),
        *blank,
        loop_row(grid, "{%tr endif %}"),
    ]
