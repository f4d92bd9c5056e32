"""Turning the intermediate model into reportlab flowables.

Paragraphs become :class:`~archive.render.kinsoku.CJKParagraph`; tables become
reportlab tables with the template's column widths, spans (``w:gridSpan`` across,
``w:vMerge`` down), borders, cell alignment and repeated header rows. Row
heights are computed here, because Word's "at least" height has no reportlab
equivalent: the larger of the template's height and the content's.

Like Word and LibreOffice (``w:autoSpaceDE``/``autoSpaceDN``, on by default),
a space of a fifth of an em (as LibreOffice measures it) separates Chinese
from Latin letters and digits.

A table row may break across pages, as Word allows by default: the part of
the row that fits stays on the page and the rest continues on the next one,
under the repeated header rows; a row marked ``w:cantSplit`` moves whole.
Without this the test log, whose rows are tall, takes a page more than in
Word or LibreOffice.

Known shortcomings: the free faces have no bold or italic cut, so bold text is
set in the 黑体 face and italic upright; a tab is two ideographic spaces, not a
move to the next tab stop.
"""

from __future__ import annotations

import itertools
import re
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, Frame, Spacer
from reportlab.platypus import PageBreak as RLPageBreak
from reportlab.platypus import Table as RLTable
from reportlab.platypus.paragraph import _wsc as _WHITESPACE
from reportlab.platypus.paragraph import cleanBlockQuotedText, textTransformFrags
from reportlab.platypus.paraparser import ParaParser
from reportlab.platypus.tables import CellStyle

from archive.fonts import FontBook
from archive.render import pdfwrite
from archive.render.grid import Region, edge_commands, rows_apart
from archive.render.kept import Kept
from archive.render.kinsoku import CJKParagraph, Spread, copy_bag
from archive.render.model import (
    Block,
    Cell,
    PageBreak,
    PageSetup,
    Paragraph,
    Run,
    Table,
)

pdfwrite.install()  # every PDF this engine writes goes through reportlab's writer

ALIGNMENT = {
    "left": TA_LEFT,
    "center": TA_CENTER,
    "right": TA_RIGHT,
    "justify": TA_LEFT,
    "distribute": TA_CENTER,
}
"""reportlab justifies a line by widening its spaces only, which in Chinese text
are the few narrow gaps before numbers; so justified and distributed lines
are stretched by :class:`~archive.render.kinsoku.CJKParagraph` itself, and
reportlab sees them as full lines set from the left (a distributed line of one
character is centred)."""
CELL_PAD_V = 0.0
SPLIT_MIN = 10.0
"""The least height (points) of either part of a row broken across pages: a line."""
AUTOSPACE = 0.2
"""The gap between Chinese and Latin text, in ems (a no-break space is half an em)."""
_ENTITY = re.compile("([&<>])")
_SPACES = {chr(c) for c in range(0x3001) if chr(c).isspace()} | set(_WHITESPACE)
_CLEANED = re.compile(
    "[" + re.escape("".join(sorted(_SPACES - {" ", "\xa0", "\u3000"}))) + "]"
)
"""Spaces that reportlab's markup cleaning collapses (all but the ones that
:func:`_keep_spaces` turns into no-break spaces)."""
_BOUNDARY = re.compile(
    r"(?<=[\u3400-\u9fff])(?=[A-Za-z0-9])|(?<=[A-Za-z0-9])(?=[\u3400-\u9fff])"
)


def page_frame(setup: PageSetup, name: str | None = None) -> Frame:
    """The text block of a page laid out as ``setup``: inside the margins, unpadded."""
    return Frame(
        setup.left,
        setup.bottom,
        setup.width - setup.left - setup.right,
        setup.height - setup.top - setup.bottom,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id=name,
    )


KEPT_PARAGRAPHS = 10_000
"""How many paragraphs' fragments, and recipes, a process keeps (:class:`Kept`).

Labels recur from person to person, names, dates and records do not (a file
of 60 documents has several hundred distinct paragraphs), so a worker keeps
what its last people had in common, not everything it ever set."""


KEPT_CELLS = 3_000
"""How many table cells' flowables a process keeps (:meth:`Layout._cell_content`).
A cell's paragraphs hold their lines, some kilobytes; of the 4,000 distinct
cells of the 15 sample people after the first, some 1,500 came again. At
10,000, 80 people built in one process peaked at 404 MB, at 3,000 at 373 MB,
rendering as fast."""


class _Made:
    """What layouts with one font book make alike: styles, fragments, line heights.

    Kept for the process, like the font book: a worker building many people
    sets the same labels in the same styles for each of them. Style names come
    from one process-wide count, so a name always stands for one style.
    """

    def __init__(self) -> None:
        self.styles: dict[tuple[Any, ...], ParagraphStyle] = {}
        self.parsed: Kept[tuple[str, str], list[Any]] = Kept(KEPT_PARAGRAPHS)
        self.heights: dict[tuple[str, float], float] = {}
        self.recipes: Kept[tuple[Any, ...], _Recipe | float] = Kept(KEPT_PARAGRAPHS)
        self.likes: dict[tuple[Any, ...], Any] = {}
        self.cells: Kept[int, tuple[Cell, tuple[Flowable, ...]]] = Kept(KEPT_CELLS)


@dataclass(frozen=True)
class _Recipe:
    """What a paragraph of the model is made from, the same each time it recurs."""

    markup: str
    style: ParagraphStyle
    frags: list[Any]
    spread: Spread
    drop: float
    hang: bool


_made: weakref.WeakKeyDictionary[FontBook, _Made] = weakref.WeakKeyDictionary()
_names = itertools.count()


class Layout:
    """Flowables for documents, sharing one font book and one style cache."""

    def __init__(self, fonts: FontBook) -> None:
        self.fonts = fonts
        made = _made.get(fonts)
        if made is None:
            made = _made.setdefault(fonts, _Made())
        self._styles = made.styles
        self._parsed = made.parsed
        self._heights = made.heights
        self._recipes = made.recipes
        self._likes = made.likes
        self._cells = made.cells

    def flowables(self, blocks: list[Block], in_cell: bool = False) -> list[Flowable]:
        """The flowables of ``blocks``; ``in_cell`` for the blocks of a table cell."""
        out: list[Flowable] = []
        for block in blocks:
            if isinstance(block, PageBreak):
                out.append(RLPageBreak())
            elif isinstance(block, Table):
                out.append(self.table(block))
            else:
                if block.page_break_before:
                    out.append(RLPageBreak())
                out.append(self.paragraph(block, in_cell))
        return out

    # ---- paragraphs ---------------------------------------------------------

    def _natural(self, para: Paragraph) -> float:
        """Single line height of the paragraph's largest text: ascent plus descent."""
        sizes = [r.size for r in para.runs if r.text] or [para.size]
        size = max(sizes)
        font = self.fonts.font_for(para.runs[0].font if para.runs else para.font)
        key = (font, size)
        natural = self._heights.get(key)
        if natural is None:
            ascent, descent = pdfmetrics.getAscentDescent(font, size)
            natural = self._heights[key] = float(max(ascent - descent, size))
        return natural

    def leading(self, para: Paragraph) -> float:
        natural = self._natural(para)
        if para.line_rule == "exact":
            return para.line
        if para.line_rule == "atLeast":
            return float(max(para.line, natural))
        return natural * para.line

    def paragraph(self, para: Paragraph, in_cell: bool = False) -> Flowable:
        """The flowable of ``para``: a paragraph, or a spacer where it has no text.

        A paragraph that comes again (a label, in document after document) is
        made from what was worked out for it the first time (:class:`_Recipe`).
        """
        key = (
            tuple(para.runs), para.align, para.first_indent, para.left_indent,
            para.right_indent, para.space_before, para.space_after, para.line,
            para.line_rule, para.size, para.font, in_cell,
        )  # fmt: skip
        recipe = self._recipes.get(key)
        if recipe is None:
            recipe = self._recipes.keep(key, self._recipe(para, in_cell))
        if isinstance(recipe, float):
            return Spacer(0, recipe)
        flowable = CJKParagraph(recipe.markup, recipe.style, frags=recipe.frags)
        flowable.spread = recipe.spread
        flowable.drop = recipe.drop
        flowable.hang = recipe.hang
        return flowable

    def _recipe(self, para: Paragraph, in_cell: bool) -> _Recipe | float:
        """How to make ``para``'s paragraph; for one without text, its height.

        In a table cell a paragraph's lines may part anywhere (:meth:`_in_cell`)
        and no closing mark hangs past the cell's edge.
        """
        leading = self.leading(para)
        if not para.text.strip("\u3000 ") and not any(r.line_break for r in para.runs):
            return float(leading + para.space_before + para.space_after)
        style = self._style(para, leading)
        markup = "".join(self._run(r) for r in para.runs)
        frags = self._frags(markup, para.runs, style)
        spread: Spread = "none"
        if para.align in ("justify", "distribute"):
            spread = para.align
        return _Recipe(
            markup=markup,
            style=self._in_cell(style) if in_cell else style,
            frags=frags,
            spread=spread,
            drop=max(0.0, leading - self._natural(para)),
            hang=not in_cell,
        )

    def _frags(self, markup: str, runs: list[Run], style: ParagraphStyle) -> list[Any]:
        """The text fragments of ``markup`` in ``style``, made once per process.

        A person's file repeats the same labels in document after document,
        and paragraphs of one markup share its fragments: reportlab changes
        no fragment when it wraps, splits or draws a CJK paragraph. Text with
        spaces that reportlab's markup cleaning would change (tabs, line
        feeds, em spaces …) goes through reportlab's parser; any other is
        made from the runs (:meth:`_pieces`), as the parser would make it.
        """
        key = (markup, style.name)
        parsed = self._parsed.get(key)
        if parsed is None:
            if any(_CLEANED.search(run.text) for run in runs):
                _, parsed, _ = ParaParser().parse(cleanBlockQuotedText(markup), style)
                if parsed is None:
                    raise ValueError(f"reportlab cannot parse paragraph {markup!r}")
            else:
                parsed = self._pieces(runs, style)
            textTransformFrags(parsed, style)
            self._parsed.keep(key, parsed)
        return parsed

    def _pieces(self, runs: list[Run], style: ParagraphStyle) -> list[Any]:
        """The fragments reportlab's parser makes of :meth:`_run`'s markup.

        Parsing is the dearest step of making a paragraph, and what it makes
        of one run is a fragment per piece of text, alike but for the text:
        each is a copy of the fragment the parser makes of one character in
        the same face, size and underlining (:meth:`_like`). The parser
        numbers a paragraph's underlines, and hands each escaped ``&``, ``<``
        and ``>`` on as a piece of its own; so do these.
        """
        pieces: list[Any] = []
        underlines = 0
        for run in runs:
            if run.text:
                face = self.fonts.font_for(run.font, run.bold)
                main = self._like(style, face, f"{run.size:g}", run.underline)
                gap = self._like(
                    style, face, f"{run.size * AUTOSPACE * 2:g}", run.underline
                )
                numbered: dict[str, Any] = {}
                if run.underline:
                    numbered["us_lines"] = [(underlines, *main.us_lines[0][1:])]
                    underlines += 1
                for k, part in enumerate(_BOUNDARY.split(run.text)):
                    if k:
                        pieces.append(copy_bag(gap, text="\xa0", **numbered))
                    pieces.extend(
                        copy_bag(main, text=text, **numbered)
                        for text in _ENTITY.split(_keep_spaces(part))
                        if text
                    )
            if run.line_break:
                pieces.append(copy_bag(self._like(style, None, None, False)))
        return pieces

    def _like(
        self, style: ParagraphStyle, face: str | None, size: str | None, under: bool
    ) -> Any:
        """The fragment reportlab's parser makes of one character (a line break
        where ``face`` is None) in ``style``; made once per process."""
        key = (style.name, face, size, under)
        found = self._likes.get(key)
        if found is None:
            node: Any = ("br", {}, None)
            if face is not None:
                node = ("font", {"face": face, "size": size}, ["x"])
                if under:
                    node = ("u", {}, [node])
            _, parsed, _ = ParaParser().tt_parse(("para", {}, [node]), style)
            found = self._likes[key] = parsed[0]
        return found

    def _style(self, para: Paragraph, leading: float) -> ParagraphStyle:
        key = (
            para.align, para.first_indent, para.left_indent, para.right_indent,
            para.space_before, para.space_after, leading, para.size, para.font,
        )  # fmt: skip
        style = self._styles.get(key)
        if style is None:
            style = ParagraphStyle(
                f"s{next(_names)}",
                fontName=self.fonts.font_for(para.font),
                fontSize=para.size,
                leading=leading,
                alignment=ALIGNMENT[para.align],
                firstLineIndent=para.first_indent,
                leftIndent=para.left_indent,
                rightIndent=para.right_indent,
                spaceBefore=para.space_before,
                spaceAfter=para.space_after,
                wordWrap="CJK",
                splitLongWords=0,
            )
            self._styles[key] = style
        return style

    def _in_cell(self, style: ParagraphStyle) -> ParagraphStyle:
        """The style for a paragraph in a table cell, whose lines may part anywhere.

        Where a row breaks across pages, Word and LibreOffice split a cell's
        paragraph after any line; widow and orphan control is for body text.
        """
        key = ("cell", style.name)
        found = self._styles.get(key)
        if found is None:
            found = ParagraphStyle(
                f"s{next(_names)}", parent=style, allowOrphans=1, allowWidows=1
            )
            self._styles[key] = found
        return found

    def _run(self, run: Run) -> str:
        gap = f'<font size="{run.size * AUTOSPACE * 2:g}">\xa0</font>'
        text = gap.join(
            escape(_keep_spaces(part)) for part in _BOUNDARY.split(run.text)
        )
        face = self.fonts.font_for(run.font, run.bold)
        piece = f'<font face="{face}" size="{run.size:g}">{text}</font>' if text else ""
        if run.underline and piece:
            piece = f"<u>{piece}</u>"
        return piece + ("<br/>" if run.line_break else "")

    # ---- tables -------------------------------------------------------------

    def _cell_content(self, cell: Cell) -> list[Flowable]:
        """The flowables of a cell of paragraphs, the same objects each time it recurs.

        The reader gives a cell met before as the same object, and the forms'
        label cells come back in document after document; their paragraphs
        are made, and wrapped to each width, once. reportlab only measures,
        splits and draws a cell's flowables, and a split leaves the paragraph
        as it was (:meth:`CJKParagraph.split`). A cell holding a table gets
        flowables of its own each time.
        """
        known = self._cells.get(id(cell))
        if known is not None and known[0] is cell:
            return list(known[1])
        content = self.flowables(list(cell.blocks), in_cell=True)
        if all(isinstance(block, Paragraph) for block in cell.blocks):
            self._cells.keep(id(cell), (cell, tuple(content)))
        return content

    def table(self, table: Table) -> Flowable:
        ncols = len(table.widths)
        nrows = len(table.rows)
        data: list[list[Any]] = [["" for _ in range(ncols)] for _ in range(nrows)]
        regions: list[Region] = []
        open_merges: dict[int, int] = {}
        for r, row in enumerate(table.rows):
            c = 0
            for cell in row.cells:
                c1 = min(c + cell.span, ncols) - 1
                if cell.vmerge == "continue" and c in open_merges:
                    index = open_merges[c]
                    c0, r0, _, _, first = regions[index]
                    regions[index] = (c0, r0, c1, r, first)
                else:
                    regions.append((c, r, c1, r, cell))
                    if cell.vmerge == "restart":
                        open_merges[c] = len(regions) - 1
                    else:
                        open_merges.pop(c, None)
                c = c1 + 1

        commands: list[tuple[Any, ...]] = []
        styles = _cell_styles(nrows, ncols, {
            "leftPadding": table.cell_margin_left,
            "rightPadding": table.cell_margin_right,
            "topPadding": CELL_PAD_V,
            "bottomPadding": CELL_PAD_V,
            "fontname": self.fonts.default,
        })  # fmt: skip
        heights = [0.0] * nrows
        spanned = any(c0 != c1 or r0 != r1 for c0, r0, c1, r1, _ in regions)
        measure = _cell_measure(table, spanned)
        for c0, r0, c1, r1, cell in regions:
            width = measure(c0, c1)
            content = self._cell_content(cell) or [""]
            data[r0][c0] = content
            if (c0, r0) != (c1, r1):
                commands.append(("SPAN", (c0, r0), (c1, r1)))
            valign = "MIDDLE" if cell.valign == "center" else cell.valign.upper()
            for r in range(r0, r1 + 1):
                for style in styles[r][c0 : c1 + 1]:
                    style.valign = valign
            if r0 == r1:
                need = sum(_height(f, width) for f in content) + 2 * CELL_PAD_V
                heights[r0] = max(heights[r0], need)

        commands.extend(edge_commands(table, regions))
        for r, row in enumerate(table.rows):
            if row.cant_split:
                commands.append(("NOSPLIT", (0, r), (-1, r)))
            if row.height is not None:
                exact = row.height_rule == "exact"
                heights[r] = row.height if exact else max(heights[r], row.height)
            heights[r] = max(heights[r], 1.0)

        repeat = 0
        while repeat < nrows and table.rows[repeat].header:
            repeat += 1
        align = {"left": "LEFT", "center": "CENTER", "right": "RIGHT"}[table.align]
        return _Table(
            data,
            colWidths=table.widths,
            rowHeights=heights,
            style=commands,
            cellStyles=styles,
            repeatRows=repeat,
            hAlign=align,
            splitByRow=0,
            splitInRow=SPLIT_MIN,
        )


class _Table(RLTable):  # type: ignore[misc]
    """A table whose rows split as Word's and LibreOffice's do.

    reportlab centres a vertically centred cell in the whole row and cuts the
    cell where the page ends. Word and LibreOffice keep a short cell whole in
    the part of the row on the first page and centre it there, and fill a
    long cell from the top of that part, going on at the top of the next page.
    """

    def _stretchCommands(
        self, n: int, cmds: list[tuple[Any, ...]], oldrowcount: int
    ) -> list[tuple[Any, ...]]:
        """Move the commands as reportlab does when row ``n`` breaks across pages.

        The edges come in rectangles of rows (:mod:`archive.render.grid`),
        which reportlab would stretch over both parts of the row; cut at the
        row, they move as the edges of each row would.
        """
        moved: list[tuple[Any, ...]] = super()._stretchCommands(
            n, rows_apart(cmds, n), oldrowcount
        )
        return moved

    def _splitCell(
        self, value: Any, style: Any, oldHeight: float, newHeight: float, width: float
    ) -> Any:
        if style.valign == "MIDDLE" and isinstance(value, (list, tuple)):
            height = float(self._listCellGeom(value, width, style)[1])
            room = newHeight - style.topPadding - style.bottomPadding
            if height <= room:
                style.valign = "TOP"
                style.topPadding += (room - height) / 2
                return [value, []]
            style.valign = "TOP"
        return super()._splitCell(value, style, oldHeight, newHeight, width)


def _keep_spaces(text: str) -> str:
    """Spaces that reportlab's markup parser does not collapse, at their width.

    An ideographic space is one em, two half-em no-break spaces in these faces.
    """
    return text.replace(" ", "\xa0").replace("\u3000", "\xa0\xa0")


def _cell_styles(nrows: int, ncols: int, values: dict[str, Any]) -> list[list[Any]]:
    """A style of its own for each cell, with ``values`` set.

    What reportlab's style commands for the whole table would make, without
    visiting every cell once for each command. Each cell needs its own: a row
    broken across pages changes the styles of its cells.
    """
    styles: list[list[Any]] = []
    for i in range(nrows):
        row = []
        for j in range(ncols):
            style = CellStyle(repr((i, j)))
            style.__dict__.update(values)
            row.append(style)
        styles.append(row)
    return styles


def _cell_measure(table: Table, spanned: bool) -> Callable[[int, int], float]:
    """The text width of the cell across columns ``c0``..``c1``, as reportlab has it.

    reportlab takes a cell's width from the column positions when the table
    has spans and from the column's own width when not, then subtracts each
    padding in turn; the same arithmetic here gives the very same float, so
    :class:`~archive.render.kinsoku.CJKParagraph` breaks the lines of a cell
    once for both the row height and the table.
    """
    positions = [0.0]
    for w in table.widths:
        positions.append(positions[-1] + w)

    def measure(c0: int, c1: int) -> float:
        width = positions[c1 + 1] - positions[c0] if spanned else table.widths[c0]
        return float(width - table.cell_margin_left - table.cell_margin_right)

    return measure


def _height(flowable: Any, width: float) -> float:
    if isinstance(flowable, str):
        return 0.0
    _, height = flowable.wrap(max(width, 1.0), 1e6)
    extra = flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return float(height) + float(extra)
