"""The faster paths of the built-in engine give what reportlab's own would.

The PDF must not change when the engine gets faster (issue 8): these compare
each shortcut with the reportlab function it stands in for.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Table as RLTable
from reportlab.platypus.paragraph import (
    cjkU,
    cleanBlockQuotedText,
    makeCJKParaLine,
    textTransformFrags,
)
from reportlab.platypus.paraparser import ParaParser

from archive.fonts import font_book
from archive.render.kinsoku import CJKParagraph, _Glyphs, _line_end, _make_line
from archive.render.layout import CELL_PAD_V, Layout
from archive.render.model import Cell, Paragraph, Row, Run, Table

MARKUPS = [
    "当事人于2025年3月10日报到（首次），身份证号110105199003070017。" * 2,
    '<font size="16">标题</font><font size="10.5">正文，<u>下划线</u>文字</font>'
    '<font size="4.2">\xa0</font>ABC<br/>第二行：（签名）',
    '<font size="12">甲</font><font size="12">乙</font><br/><br/>'
    '<font size="9">丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥</font>',
]


def _fields(frag: Any) -> dict[str, Any]:
    return {k: v for k, v in frag.__dict__.items() if k != "words"}


@pytest.mark.parametrize("markup", MARKUPS)
@pytest.mark.parametrize("width", [40.0, 97.5, 300.0])
def test_lines_are_made_as_reportlab_makes_them(markup: str, width: float) -> None:
    font = font_book().default
    style = ParagraphStyle("t", fontName=font, fontSize=12, leading=16,
                           wordWrap="CJK")  # fmt: skip
    glyphs = _Glyphs(CJKParagraph(markup, style).frags)
    chars = [
        cjkU("" if ch == "\x00" else ch, frag, "utf8")
        for ch, frag in zip(glyphs.text, glyphs.owners, strict=True)
    ]
    assert [c.width for c in chars] == glyphs.widths

    start = 0
    while start < len(glyphs):
        end = _line_end(glyphs, start, width, True)
        used = sum(glyphs.widths[start:end])
        hard = glyphs.hard[end - 1]
        ours = _make_line(glyphs, start, end, width, used, hard)
        theirs = makeCJKParaLine(
            chars[start:end], width, used, width - used, hard, False
        )
        assert _fields(ours) == _fields(theirs)
        assert [w.__dict__ for w in ours.words] == [w.__dict__ for w in theirs.words]
        start = end


_TEXT = st.text(
    alphabet=st.sampled_from(list("甲乙，（）《》AbZ09.-/&<> \u3000\xa0\t\n\u2003")),
    max_size=12,
)
_RUN = st.builds(
    Run,
    text=_TEXT,
    font=st.sampled_from([None, "宋体", "黑体", "仿宋_GB2312"]),
    size=st.sampled_from([9.0, 10.5, 12.0, 16.0]),
    bold=st.booleans(),
    underline=st.booleans(),
    line_break=st.booleans(),
)


@settings(max_examples=150, deadline=None)
@given(runs=st.lists(_RUN, min_size=1, max_size=4))
def test_fragments_made_from_runs_are_those_parsed_from_markup(
    runs: list[Run],
) -> None:
    layout = Layout(font_book())
    para = Paragraph(runs=runs)
    style = layout._style(para, layout.leading(para))
    markup = "".join(layout._run(r) for r in runs)
    if not markup:
        return
    _, parsed, _ = ParaParser().parse(cleanBlockQuotedText(markup), style)
    textTransformFrags(parsed, style)

    made = layout._frags(markup, runs, style)

    assert [list(f.__dict__.items()) for f in made] == [
        list(f.__dict__.items()) for f in parsed
    ]


def test_cell_styles_made_directly_are_those_of_reportlab_style_commands() -> None:
    fonts = font_book()
    table = Table(widths=[50.0, 60.0, 70.0], cell_margin_left=4.0,
                  cell_margin_right=6.0)  # fmt: skip
    table.rows = [
        Row(cells=[Cell(valign="center"), Cell(span=2, valign="bottom")]),
        Row(cells=[Cell(), Cell(vmerge="restart", valign="center"), Cell()]),
        Row(cells=[Cell(valign="bottom"), Cell(vmerge="continue"), Cell()]),
    ]
    commands: list[tuple[Any, ...]] = [
        ("LEFTPADDING", (0, 0), (-1, -1), 4.0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6.0),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_PAD_V),
        ("FONTNAME", (0, 0), (-1, -1), fonts.default),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PAD_V),
        ("VALIGN", (0, 0), (0, 0), "MIDDLE"),
        ("VALIGN", (1, 0), (2, 0), "BOTTOM"),
        ("VALIGN", (0, 1), (0, 1), "TOP"),
        ("VALIGN", (1, 1), (1, 2), "MIDDLE"),
        ("VALIGN", (2, 1), (2, 1), "TOP"),
        ("VALIGN", (0, 2), (0, 2), "BOTTOM"),
        ("VALIGN", (2, 2), (2, 2), "TOP"),
    ]
    theirs = RLTable([[""] * 3 for _ in range(3)], style=commands)

    ours = Layout(fonts).table(table)

    assert [[vars(s) for s in row] for row in ours._cellStyles] == [
        [vars(s) for s in row] for row in theirs._cellStyles
    ]
