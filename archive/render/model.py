"""The intermediate model of a filled document: what the built-in engine lays out.

Only what the bundled templates use has a place here (issue 4): paragraphs of
runs, page breaks, tables, and one page setup per document. Lengths are in
points; ``None`` means "as the template's defaults have it".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Align = Literal["left", "center", "right", "justify", "distribute"]
VAlign = Literal["top", "center", "bottom"]
LineRule = Literal["auto", "exact", "atLeast"]


@dataclass(frozen=True)
class Run:
    """Text in one format."""

    text: str
    font: str | None = None
    """East Asian font name as the template gives it (``w:eastAsia``)."""
    size: float = 10.5
    bold: bool = False
    italic: bool = False
    underline: bool = False
    line_break: bool = False
    """A ``w:br`` line break after the text."""


@dataclass
class Paragraph:
    runs: list[Run] = field(default_factory=list)
    align: Align = "left"
    first_indent: float = 0.0
    left_indent: float = 0.0
    right_indent: float = 0.0
    space_before: float = 0.0
    space_after: float = 0.0
    line: float = 1.0
    """Multiple of single spacing for ``auto``; points otherwise."""
    line_rule: LineRule = "auto"
    page_break_before: bool = False
    size: float = 10.5
    """Size of the paragraph mark: the height of an empty paragraph."""
    font: str | None = None

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Borders:
    """Which edges carry a line, and how wide it is (points)."""

    top: float = 0.0
    bottom: float = 0.0
    left: float = 0.0
    right: float = 0.0
    inside_h: float = 0.0
    inside_v: float = 0.0


@dataclass
class Cell:
    blocks: list[Paragraph | Table] = field(default_factory=list)
    span: int = 1
    """Grid columns the cell covers (``w:gridSpan``)."""
    vmerge: Literal["restart", "continue"] | None = None
    valign: VAlign = "top"
    borders: dict[str, float] = field(default_factory=dict)
    """Edges the cell sets itself (``w:tcBorders``): name → width, 0 for none."""


@dataclass
class Row:
    cells: list[Cell] = field(default_factory=list)
    height: float | None = None
    height_rule: Literal["exact", "atLeast"] = "atLeast"
    header: bool = False
    cant_split: bool = False
    """``w:cantSplit``: the row is kept on one page."""


@dataclass
class Table:
    widths: list[float] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    borders: Borders = Borders()
    align: Literal["left", "center", "right"] = "left"
    cell_margin_left: float = 5.4
    cell_margin_right: float = 5.4


@dataclass(frozen=True)
class PageSetup:
    width: float
    height: float
    top: float
    bottom: float
    left: float
    right: float


Block = Paragraph | PageBreak | Table


@dataclass
class DocumentModel:
    """One filled document, read once; ``source`` names it in error messages."""

    source: str
    page: PageSetup
    blocks: list[Block] = field(default_factory=list)
