"""Reading a table of a filled .docx: grid, rows, cells, merges and borders.

Borders and cell margins come from the table style chain, then the table's
own properties; a cell's shading other than white is not laid out and is an
:class:`~archive.render.ooxml.UnsupportedConstruct`.
"""

from __future__ import annotations

from typing import Any

from archive.render.kept import Kept
from archive.render.model import Block, Borders, Cell, PageBreak, Row, Table
from archive.render.ooxml import Element, UnsupportedConstruct
from archive.render.ooxml import Q as _Q
from archive.render.ooxml import on as _on
from archive.render.ooxml import tag as _tag
from archive.render.ooxml import twips as _twips
from archive.render.ooxml import val as _val
from archive.render.ooxml import xml_of as _xml_of


class TableReading:
    """The table half of the document reader; the reader supplies the rest."""

    _cells: Kept[bytes, Cell]
    """Cells read, by their XML: most cells of a form are its labels, the same
    in every document filled from it. A cell is shared, so nothing may change
    it after reading (layout only reads)."""

    def unsupported(self, construct: str) -> UnsupportedConstruct:
        raise NotImplementedError

    def _chain(self, style_id: str | None) -> list[Element]:
        raise NotImplementedError

    def _paragraph(self, p: Element, style: str | None = None) -> list[Block]:
        raise NotImplementedError

    def _table(self, tbl: Element) -> Table:
        tpr = tbl.find(_Q + "tblPr")
        table = Table()
        style = _val(tpr.find(_Q + "tblStyle")) if tpr is not None else None
        borders = Borders()
        for element in [*self._chain(style), tpr]:
            props = element.find(_Q + "tblPr") if element is not tpr else element
            if props is None:
                continue
            found = props.find(_Q + "tblBorders")
            if found is not None:
                borders = _borders(found, borders)
            margins = props.find(_Q + "tblCellMar")
            if margins is not None:
                left = _first(margins, "left", "start")
                right = _first(margins, "right", "end")
                if left is not None:
                    table.cell_margin_left = _twips(left, "w") or 0.0
                if right is not None:
                    table.cell_margin_right = _twips(right, "w") or 0.0
            jc = _val(props.find(_Q + "jc"))
            if jc in ("center", "right"):
                table.align = "center" if jc == "center" else "right"
        table.borders = borders
        grid = tbl.find(_Q + "tblGrid")
        if grid is None:
            raise self.unsupported("没有列宽 (w:tblGrid) 的表格")
        table.widths = [_twips(c, "w") or 0.0 for c in grid.findall(_Q + "gridCol")]
        for child in tbl:
            tag = _tag(child)
            if tag == "tr":
                table.rows.append(self._row(child))
            elif tag not in (
                "tblPr",
                "tblGrid",
                "bookmarkStart",
                "bookmarkEnd",
                "#comment",
            ):
                raise self.unsupported(f"表格中的 w:{tag}")
        return table

    def _row(self, tr: Element) -> Row:
        row = Row()
        trpr = tr.find(_Q + "trPr")
        if trpr is not None:
            props = _firsts(trpr)
            height = props.get(_Q + "trHeight")
            if height is not None:
                row.height = _twips(height, "val")
                row.height_rule = (
                    "exact" if _val(height, "hRule") == "exact" else "atLeast"
                )
            row.header = bool(_on(props.get(_Q + "tblHeader")))
            row.cant_split = bool(_on(props.get(_Q + "cantSplit")))
        for child in tr:
            tag = _tag(child)
            if tag == "tc":
                row.cells.append(self._cell(child))
            elif tag not in (
                "trPr",
                "tblPrEx",
                "bookmarkStart",
                "bookmarkEnd",
                "#comment",
            ):
                raise self.unsupported(f"表格行中的 w:{tag}")
        return row

    def _cell(self, tc: Element) -> Cell:
        key = _xml_of(tc)
        known = self._cells.get(key)
        if known is None:
            known = self._cells.keep(key, self._read_cell(tc))
        return known

    def _read_cell(self, tc: Element) -> Cell:
        cell = Cell()
        tcpr = tc.find(_Q + "tcPr")
        if tcpr is not None:
            props = _firsts(tcpr)
            cell.span = int(_val(props.get(_Q + "gridSpan")) or "1")
            merge = props.get(_Q + "vMerge")
            if merge is not None:
                cell.vmerge = "restart" if _val(merge) == "restart" else "continue"
            valign = _val(props.get(_Q + "vAlign"))
            if valign in ("center", "bottom"):
                cell.valign = "center" if valign == "center" else "bottom"
            edges = props.get(_Q + "tcBorders")
            if edges is not None:
                for edge in edges:
                    cell.borders[_tag(edge)] = _width(edge)
            shade = props.get(_Q + "shd")
            if shade is not None and (_val(shade, "fill") or "auto").lower() not in (
                "auto",
                "ffffff",
            ):
                raise self.unsupported("单元格底纹 (w:shd)")
        for child in tc:
            tag = _tag(child)
            if tag == "p":
                cell.blocks.extend(
                    b for b in self._paragraph(child) if not isinstance(b, PageBreak)
                )
            elif tag == "tbl":
                cell.blocks.append(self._table(child))
            elif tag not in ("tcPr", "bookmarkStart", "bookmarkEnd", "#comment"):
                raise self.unsupported(f"单元格中的 w:{tag}")
        return cell


def _firsts(element: Element) -> dict[Any, Element]:
    """The first child of each name, as ``element.find(name)`` gives it.

    A row's and a cell's properties are looked up several at a time, for
    each of the thousands of cells of a person's file; one pass over the few
    children costs what a single ``find`` does.
    """
    return {child.tag: child for child in reversed(element)}


def _first(element: Element, *names: str) -> Element | None:
    for name in names:
        found = element.find(_Q + name)
        if found is not None:
            return found
    return None


def _width(edge: Element) -> float:
    if (_val(edge) or "nil") in ("nil", "none"):
        return 0.0
    return max(int(_val(edge, "sz") or "4") / 8.0, 0.25)


def _borders(element: Element, base: Borders) -> Borders:
    found: dict[str, float] = {}
    names = {"top": "top", "bottom": "bottom", "left": "left", "start": "left",
             "right": "right", "end": "right", "insideH": "inside_h",
             "insideV": "inside_v"}  # fmt: skip
    for edge in element:
        key = names.get(_tag(edge))
        if key:
            found[key] = _width(edge)
    return Borders(**{**base.__dict__, **found})
