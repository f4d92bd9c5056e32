"""The borders of a table, as few reportlab line commands as draw them.

Word gives each cell its own four edges: the cell's ``w:tcBorders`` where it
sets them, else the table's outer edge or inside line. Given to reportlab one
command per edge, a table of a hundred rows has thousands of commands, and
reportlab copies and adjusts every one of them again at each page the table
splits across. Here each kind of edge (a cell's top, bottom, left or right)
is gathered on the grid of rows and columns, and the grid cells where it has
one width are covered by rectangles, each one command: a table whose rows all
have the same borders needs four.

reportlab draws what the per-cell commands drew, and splits the rectangles
across pages as it split those commands, because each kind stays apart: a
cell's bottom edge is drawn by ``LINEBELOW`` and the top edge of the cell
under it by ``LINEABOVE`` at the same place, as before, and reportlab copies
them to the page where a table splits by kind (a split row's edges, a header
row's bottom). Only where a row itself breaks across pages does reportlab
treat a rectangle of horizontal edges otherwise than its rows one by one;
:func:`rows_apart` undoes that.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from archive.render.kept import Kept
from archive.render.model import Cell, Table

Region = tuple[int, int, int, int, Cell]
"""A cell as laid out: first column, first row, last column, last row, content."""
Rectangle = tuple[int, int, int, int, float]
"""First column, first row, last column, last row, and the line width (points)."""

EDGES = ("LINEABOVE", "LINEBELOW", "LINEBEFORE", "LINEAFTER")
"""reportlab's command for a cell's top, bottom, left and right edge."""
_HORIZONTAL = frozenset(EDGES[:2])
_OWN = {"start": "left", "end": "right"}
"""``w:tcBorders`` names that mean a side (in left-to-right text)."""


def edge_commands(table: Table, regions: Sequence[Region]) -> list[tuple[Any, ...]]:
    """The line commands that draw every cell's edges of ``table``.

    A command is in the ten-field form reportlab keeps (round caps and joins,
    no dash, one line), black, for the rectangle of grid cells it covers.
    Where cells overlap (a vertical merge wider than the cell it continues),
    an edge two of them give is as wide as the wider: what drawing both draws.
    """
    nrows, ncols = len(table.rows), len(table.widths)
    key = (nrows, ncols, table.borders, tuple(
        (c0, r0, c1, r1, tuple(cell.borders.items()))
        for c0, r0, c1, r1, cell in regions
    ))  # fmt: skip
    known = _made.get(key)
    if known is None:
        known = _made.keep(key, _edge_commands(table, regions))
    return known


_made: Kept[tuple[Any, ...], list[tuple[Any, ...]]] = Kept(2_000)
"""Edge commands by a table's grid, borders and cells' places and borders: the
forms' tables come back in document after document with the same lines.
The commands are shared: whoever takes them copies them into a list of its own."""


def _edge_commands(table: Table, regions: Sequence[Region]) -> list[tuple[Any, ...]]:
    nrows, ncols = len(table.rows), len(table.widths)
    above, below, before, after = grids = [
        [[0.0] * ncols for _ in range(nrows)] for _ in EDGES
    ]
    for c0, r0, c1, r1, cell in regions:
        top, bottom, left, right = edge_widths(table, cell, c0, r0, c1, r1)
        first, last = above[r0], below[r1]
        for c in range(c0, c1 + 1):
            if top > first[c]:
                first[c] = top
            if bottom > last[c]:
                last[c] = bottom
        for r in range(r0, r1 + 1):
            if left > before[r][c0]:
                before[r][c0] = left
            if right > after[r][c1]:
                after[r][c1] = right
    return [
        (op, (c0, r0), (c1, r1), width, "black", 1, None, 1, 1, width)
        for op, grid in zip(EDGES, grids, strict=True)
        for c0, r0, c1, r1, width in rectangles(grid)
    ]


def edge_widths(
    table: Table, cell: Cell, c0: int, r0: int, c1: int, r1: int
) -> tuple[float, float, float, float]:
    """The widths of the top, bottom, left and right edge of a cell; 0 for none.

    The cell's own border where it sets one, else the table's: its outer
    edge on the table's outside, its inside line within.
    """
    b = table.borders
    top = b.top if r0 == 0 else b.inside_h
    bottom = b.bottom if r1 == len(table.rows) - 1 else b.inside_h
    left = b.left if c0 == 0 else b.inside_v
    right = b.right if c1 == len(table.widths) - 1 else b.inside_v
    if not cell.borders:
        return top, bottom, left, right
    own = {_OWN.get(k, k): v for k, v in cell.borders.items()}
    return (
        own.get("top", top),
        own.get("bottom", bottom),
        own.get("left", left),
        own.get("right", right),
    )


def rectangles(grid: list[list[float]]) -> list[Rectangle]:
    """Rectangles of grid cells of one width that together cover the lines of ``grid``.

    ``grid[row][column]`` is a width, 0 where there is no line. A row's cells
    are taken in runs of one width; a run goes on down while the rows below
    have the very same run. Cells of width 0 are in no rectangle.
    """
    found: list[Rectangle] = []
    open_runs: dict[tuple[int, int, float], int] = {}
    for r, row in enumerate([*grid, []]):  # the empty row closes every run
        still_open = {run: open_runs.pop(run, r) for run in _runs(row)}
        found.extend((c0, r0, c1, r - 1, w) for (c0, c1, w), r0 in open_runs.items())
        open_runs = still_open
    return found


def _runs(row: list[float]) -> Iterator[tuple[int, int, float]]:
    """The runs of equal width in a row of the grid: first, last column, width."""
    start = 0
    for c in range(1, len(row) + 1):
        if c == len(row) or row[c] != row[start]:
            if row[start] > 0:
                yield start, c - 1, row[start]
            start = c


def rows_apart(commands: list[tuple[Any, ...]], n: int) -> list[tuple[Any, ...]]:
    """The commands with each horizontal rectangle across row ``n`` cut at it.

    When row ``n`` breaks across pages, reportlab puts a row for its second
    part after it and moves its commands: a command for row ``n`` alone keeps
    its top edge on the first part and gives its bottom edge to the second,
    but a command over more rows is stretched over both parts, and its lines
    would close both parts at the break. Cut into the rows before ``n``, row
    ``n`` and the rows after, the rectangle is moved as its rows one by one.
    """
    out: list[tuple[Any, ...]] = []
    for cmd in commands:
        op, (c0, r0), (c1, r1) = cmd[:3]
        if op not in _HORIZONTAL or not r0 <= n <= r1 or r0 == r1:
            out.append(cmd)
            continue
        for first, last in ((r0, n - 1), (n, n), (n + 1, r1)):
            if first <= last:
                out.append((op, (c0, first), (c1, last), *cmd[3:]))
    return out
