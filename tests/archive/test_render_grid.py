"""Table borders drawn by rectangles of edges are those drawn edge by edge.

Issue 8: the engine got faster by giving reportlab a few commands for a
table's borders instead of one per cell edge; the lines on every page must
not change, where a table splits between rows or inside a row too.
"""

from __future__ import annotations

import io
from collections import defaultdict
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import SimpleDocTemplate

from archive.fonts import font_book
from archive.render.grid import (
    EDGES,
    Region,
    edge_commands,
    edge_widths,
    rectangles,
    rows_apart,
)
from archive.render.layout import Layout
from archive.render.model import Borders, Cell, Paragraph, Row, Run, Table

WIDTHS = [0.0, 0.0, 0.5, 0.5, 1.5]

Lines = dict[int, set[tuple[float, ...]]]
"""Per page: the unit pieces of the lines stroked (see :func:`_pieces`)."""


@given(
    st.lists(
        st.lists(st.sampled_from(WIDTHS), min_size=4, max_size=4),
        min_size=0,
        max_size=7,
    )
)
def test_rectangles_cover_each_line_of_the_grid_once_at_its_width(
    grid: list[list[float]],
) -> None:
    covered: dict[tuple[int, int], float] = {}
    for c0, r0, c1, r1, width in rectangles(grid):
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                assert (r, c) not in covered
                covered[r, c] = width

    lines = {(r, c): w for r, row in enumerate(grid) for c, w in enumerate(row) if w}
    assert covered == lines


def test_a_grid_of_one_width_is_one_rectangle() -> None:
    assert rectangles([[0.5] * 5 for _ in range(112)]) == [(0, 0, 4, 111, 0.5)]


def _spanned_table(rows: int = 6) -> Table:
    """Four columns; a header row, a cell across two columns, a cell down three
    rows, and a cell with its own heavier bottom and no left edge.

    Every cell has a paragraph, as every cell of a Word table does.
    """
    table = Table(widths=[60.0, 80.0, 80.0, 60.0], borders=Borders(*[0.5] * 6))
    for r in range(rows):
        text = Paragraph(runs=[Run(f"第{r}行")])
        if r == 1:
            cells = [Cell(span=2), Cell(vmerge="restart")]
        elif r in (2, 3):
            cells = [Cell(), Cell(borders={"bottom": 1.5, "start": 0}),
                     Cell(vmerge="continue")]  # fmt: skip
        else:
            cells = [Cell(), Cell(), Cell()]
        for cell in cells:
            cell.blocks.append(Paragraph())
        table.rows.append(Row(cells=[Cell(blocks=[text]), *cells], header=r == 0))
    return table


def _regions(table: Table) -> list[Region]:
    """The cells of :func:`_spanned_table` as the layout places them."""
    rows = table.rows
    regions: list[Region] = [(c, 0, c, 0, rows[0].cells[c]) for c in range(4)]
    regions += [(0, 1, 0, 1, rows[1].cells[0]), (1, 1, 2, 1, rows[1].cells[1]),
                (3, 1, 3, 3, rows[1].cells[2])]  # fmt: skip
    regions += [(c, r, c, r, rows[r].cells[c]) for r in (2, 3) for c in range(3)]
    regions += [(c, r, c, r, rows[r].cells[c])
                for r in range(4, len(rows)) for c in range(4)]  # fmt: skip
    return regions


def test_commands_give_each_cell_its_own_edges_where_cells_span() -> None:
    table = _spanned_table()
    regions = _regions(table)

    expected: set[tuple[str, int, int, float]] = set()
    for c0, r0, c1, r1, cell in regions:
        top, bottom, left, right = edge_widths(table, cell, c0, r0, c1, r1)
        expected |= {("LINEABOVE", r0, c, top) for c in range(c0, c1 + 1)}
        expected |= {("LINEBELOW", r1, c, bottom) for c in range(c0, c1 + 1)}
        expected |= {("LINEBEFORE", r, c0, left) for r in range(r0, r1 + 1)}
        expected |= {("LINEAFTER", r, c1, right) for r in range(r0, r1 + 1)}
    expected = {edge for edge in expected if edge[3] > 0}

    drawn = set()
    for op, (c0, r0), (c1, r1), width, *_ in edge_commands(table, regions):
        assert op in EDGES
        drawn |= {
            (op, r, c, width) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)
        }
    assert drawn == expected
    assert ("LINEBELOW", 2, 2, 1.5) in drawn
    assert not any(edge[:3] == ("LINEBEFORE", 2, 2) for edge in drawn)


def test_commands_made_again_for_a_like_table_follow_its_cells_borders() -> None:
    """The kept commands of a table are found for a like one, not for another."""
    table, again = _spanned_table(), _spanned_table()
    made = edge_commands(table, _regions(table))
    assert edge_commands(again, _regions(again)) is made

    cell = again.rows[0].cells[0]
    cell.borders = {**cell.borders, "top": 3.0}
    other = edge_commands(again, _regions(again))
    assert other != made
    assert ("LINEABOVE", (0, 0), (0, 0), 3.0) in {cmd[:4] for cmd in other}


def test_horizontal_rectangles_are_cut_at_a_row_that_breaks() -> None:
    above = ("LINEABOVE", (0, 0), (3, 9), 0.5, "black", 1, None, 1, 1, 0.5)
    before = ("LINEBEFORE", (0, 0), (3, 9), 0.5, "black", 1, None, 1, 1, 0.5)

    cut = rows_apart([above, before], 4)

    assert [cmd[1:3] for cmd in cut] == [
        ((0, 0), (3, 3)), ((0, 4), (3, 4)), ((0, 5), (3, 9)), ((0, 0), (3, 9))
    ]  # fmt: skip
    assert rows_apart([above], 0)[0][1:3] == ((0, 0), (3, 0))
    assert rows_apart([above], 12) == [above]


def _one_command_per_edge(cmds: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The edge commands as one command for each grid cell's edge."""
    return [
        (cmd[0], (c, r), (c, r), *cmd[3:])
        for cmd in cmds
        for r in range(cmd[1][1], cmd[2][1] + 1)
        for c in range(cmd[1][0], cmd[2][0] + 1)
    ]


def _pieces(record: list[tuple[Any, ...]]) -> Lines:
    """Lines as the unit pieces they cover: strokes that overlap or continue
    each other in one width draw what their union would."""
    pages: Lines = defaultdict(set)
    for page, width, x0, y0, x1, y1 in record:
        pages[page].add((width, round(min(x0, x1), 3), round(min(y0, y1), 3),
                         round(max(x0, x1), 3), round(max(y0, y1), 3)))  # fmt: skip
    merged: Lines = {}
    for page, strokes in pages.items():
        by_line: dict[tuple[float, ...], list[tuple[float, float]]] = defaultdict(list)
        for width, x0, y0, x1, y1 in strokes:
            if y0 == y1:
                by_line[width, 0, y0].append((x0, x1))
            else:
                by_line[width, 1, x0].append((y0, y1))
        merged[page] = set()
        for key, spans in by_line.items():
            spans.sort()
            start, end = spans[0]
            for a, b in spans[1:]:
                if a > end:
                    merged[page].add((*key, start, end))
                    start = a
                end = max(end, b)
            merged[page].add((*key, start, end))
    return merged


def _draw(table: Table, per_edge: bool, monkeypatch: pytest.MonkeyPatch) -> Lines:
    flowable = Layout(font_book()).table(table)
    if per_edge:
        flowable._linecmds = _one_command_per_edge(flowable._linecmds)
    record: list[tuple[Any, ...]] = []
    line = Canvas.line

    def recording(canvas: Canvas, x0: float, y0: float, x1: float, y1: float) -> None:
        record.append((canvas.getPageNumber(), canvas._lineWidth, x0, y0, x1, y1))
        line(canvas, x0, y0, x1, y1)

    with monkeypatch.context() as patch:
        patch.setattr(Canvas, "line", recording)
        margins = {f"{side}Margin": 20 for side in ("left", "right", "top", "bottom")}
        page = SimpleDocTemplate(io.BytesIO(), pagesize=(400, 300), **margins)
        page.build([flowable])
    return _pieces(record)


@pytest.mark.parametrize("tall_row", [None, 3, 20])
def test_a_split_table_draws_the_edges_of_every_part_as_edge_by_edge(
    tall_row: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = _spanned_table(rows=30)
    if tall_row is not None:
        text = "长段落文字，须分页断开。" * 12
        table.rows[tall_row].cells[0].blocks = [Paragraph(runs=[Run(text)])]

    ours = _draw(table, False, monkeypatch)
    theirs = _draw(table, True, monkeypatch)

    assert len(ours) >= 2
    assert all(ours[page] for page in ours)
    assert ours == theirs
