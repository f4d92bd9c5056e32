"""The faster paths of the built-in engine give what reportlab's own would.

The PDF must not change when the engine gets faster (issue 8): these compare
each shortcut with the reportlab function it stands in for.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFontFile
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Table as RLTable
from reportlab.platypus.paragraph import (
    cjkU,
    cleanBlockQuotedText,
    makeCJKParaLine,
    textTransformFrags,
)
from reportlab.platypus.paraparser import ParaParser

from archive.fonts import font_book
from archive.render import kinsoku, pdfwrite
from archive.render.kept import Kept
from archive.render.kinsoku import CJKParagraph, _Glyphs, _line_end, _make_line
from archive.render.layout import CELL_PAD_V, Layout
from archive.render.model import (
    Block,
    Borders,
    Cell,
    DocumentModel,
    PageSetup,
    Paragraph,
    Row,
    Run,
    Table,
)
from archive.render.standalone import render_document

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


def _repeating_document() -> DocumentModel:
    """Labels, underlines, spread lines and a paragraph long enough to split,
    each several times, some in table cells and some with a tall line."""
    label = Paragraph([Run("姓名：", size=12), Run("张三", underline=True)],
                      line=28, line_rule="exact")  # fmt: skip
    spread = Paragraph([Run("南京市公安局玄武分局梅园新村派出所")], align="justify")
    long = Paragraph(
        [Run("社区戒毒人员应当按时报到，接受检测。" * 40)], align="distribute"
    )
    cell = Cell([Paragraph([Run("吸毒检测")], align="center")], valign="center")
    table = Table(
        widths=[80.0, 120.0, 160.0],
        rows=[Row([cell, Cell([spread]), Cell([long])]) for _ in range(4)],
        borders=Borders(1, 1, 1, 1, 0.5, 0.5),
    )
    blocks: list[Block] = []
    for _ in range(3):
        blocks += [label, spread, table, long, label]
    return DocumentModel("repeat", PageSetup(595, 842, 72, 72, 90, 90), blocks)


def test_repeated_paragraphs_draw_as_if_each_were_set_afresh(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A paragraph's lines and operators, kept and used again, give the same PDF."""
    fonts = font_book()
    drawn = 0
    draw_plain = CJKParagraph._draw_plain

    def counted(self: Any) -> bool:
        """Each paragraph drawn, rather than repeated, passes here first."""
        nonlocal drawn
        drawn += 1
        return draw_plain(self)

    monkeypatch.setattr(CJKParagraph, "_draw_plain", counted)
    kept = render_document(_repeating_document(), fonts)
    kept_draws, drawn = drawn, 0

    monkeypatch.setattr(CJKParagraph, "_drawn_key", lambda self, canvas: None)
    monkeypatch.setattr(kinsoku, "_broken", _Forgetful())
    monkeypatch.setattr(
        Layout,
        "_cell_content",
        lambda self, cell: self.flowables(list(cell.blocks), in_cell=True),
    )
    afresh = render_document(_repeating_document(), fonts)

    assert kept == afresh
    assert kept_draws < drawn / 2


class _Forgetful(Kept[Any, Any]):
    """A store that keeps nothing: every paragraph's lines are made again."""

    def __init__(self) -> None:
        super().__init__(limit=0)

    def keep(self, key: Any, value: Any) -> Any:
        return value


def test_a_store_keeps_up_to_its_limit_then_starts_again() -> None:
    store: Kept[str, int] = Kept(limit=2)
    assert store.keep("甲", 1) == 1
    store.keep("乙", 2)
    assert store == {"甲": 1, "乙": 2}
    store.keep("丙", 3)
    assert store == {"丙": 3}


def test_splitting_a_paragraph_leaves_the_lines_it_shares_as_they_were() -> None:
    style = ParagraphStyle("split", fontName=font_book().default, fontSize=12,
                           leading=16, wordWrap="CJK")  # fmt: skip
    markup = "社区康复人员应当遵守协议，按时报到。" * 6
    whole, other = CJKParagraph(markup, style), CJKParagraph(markup, style)
    whole.wrap(100, 1000)
    other.wrap(100, 1000)
    assert other.blPara is whole.blPara  # the lines are shared
    before = [[w.text for w in line.words] for line in other.blPara.lines]
    parts = whole.split(100, 40)
    assert len(parts) == 2
    assert [[w.text for w in line.words] for line in other.blPara.lines] == before
    assert whole.blPara is other.blPara  # the paragraph split is as it was
    again = whole.split(100, 40)
    assert [[w.text for w in line.words] for line in again[0].blPara.lines] == [
        [w.text for w in line.words] for line in parts[0].blPara.lines
    ]


def test_a_paragraph_made_again_is_made_for_where_it_stands() -> None:
    """One model paragraph in a cell and in the body, each as if made afresh."""
    layout = Layout(font_book())
    para = Paragraph([Run("签名（捺指印）：", size=12)], align="justify")
    in_cell = [layout.paragraph(para, in_cell=True) for _ in range(2)]
    in_body = [layout.paragraph(para) for _ in range(2)]
    for made in in_cell:
        assert isinstance(made, CJKParagraph)
        assert (made.hang, made.spread, made.style.allowOrphans) == (
            False,
            "justify",
            1,
        )
    for made in in_body:
        assert isinstance(made, CJKParagraph)
        assert (made.hang, made.spread, made.style.allowOrphans) == (True, "justify", 0)
    assert in_cell[0] is not in_cell[1]
    empty = layout.paragraph(Paragraph([Run("\u3000")], space_after=6))
    assert not isinstance(empty, CJKParagraph)
    assert empty.wrap(100, 100)[1] == pytest.approx(layout.leading(Paragraph()) + 6)


@pytest.mark.parametrize("markup", MARKUPS)
@pytest.mark.parametrize("alignment", [0, 1, 2])
@pytest.mark.parametrize("width", [60.0, 200.0])
def test_plain_lines_are_drawn_as_reportlab_draws_them(
    markup: str, alignment: int, width: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The direct way for plain lines writes reportlab's operators, byte for byte."""
    style = ParagraphStyle("plain", fontName=font_book().default, fontSize=12,
                           leading=18, wordWrap="CJK", alignment=alignment,
                           firstLineIndent=24, leftIndent=3)  # fmt: skip

    def operators() -> list[str]:
        canvas = Canvas(io.BytesIO())
        paragraph = CJKParagraph(markup, style)
        paragraph.wrap(width, 1000)
        paragraph.drawOn(canvas, 10, 20)
        return list(canvas._code)

    direct = operators()
    monkeypatch.setattr(CJKParagraph, "_draw_plain", lambda self: False)
    assert direct == operators()


def test_lines_that_are_not_plain_are_left_to_reportlab() -> None:
    style = ParagraphStyle("spread", fontName=font_book().default, fontSize=12,
                           leading=18, wordWrap="CJK")  # fmt: skip
    underlined = CJKParagraph("<u>下划线</u>", style)
    spread = CJKParagraph("两端对齐", style)
    spread.spread = "justify"
    for paragraph in (underlined, spread):
        paragraph.wrap(100, 100)
        paragraph.canv = Canvas(io.BytesIO())
        assert not paragraph._draw_plain()


def test_a_paragraph_wrapped_again_at_its_width_keeps_its_lines() -> None:
    style = ParagraphStyle("wrap", fontName=font_book().default, fontSize=12,
                           leading=18, wordWrap="CJK")  # fmt: skip
    paragraph = CJKParagraph("社区康复人员应当遵守协议，按时报到。" * 3, style)
    narrow = paragraph.wrap(100, 1000)
    lines = paragraph.blPara
    assert paragraph.wrap(100, 50) == narrow
    assert paragraph.blPara is lines
    wide = paragraph.wrap(300, 1000)
    assert wide[1] < narrow[1]
    assert paragraph.wrap(100, 1000) == narrow


def test_font_subsets_are_made_as_from_reportlab_s_own_tables() -> None:
    """The glyph table read as a view gives the subsets reportlab makes."""
    fonts = font_book()
    for role in ("宋体", "黑体"):
        face = pdfmetrics.getFont(fonts.font_for(role)).face
        index = int(face.subfontNameX.decode().lstrip("-") or 0)
        plain = TTFontFile(face.filename, subfontIndex=index)
        codes = [0x20, 0x41, *map(ord, "责令社区戒毒决定书（）《》，。"), 0x9F8D]
        codes += sorted(face.charToGlyph)[1000:1240]  # a full subset's worth
        assert not isinstance(face.get_table("glyf"), bytes)  # the view is used
        assert face.makeSubset(codes) == plain.makeSubset(codes)


def test_a_recurring_cell_is_laid_out_with_the_same_flowables() -> None:
    layout = Layout(font_book())
    label = Cell([Paragraph([Run("吸毒检测")], align="center")])
    nested = Cell([Table(widths=[50.0], rows=[Row([label])])])
    first, again = layout._cell_content(label), layout._cell_content(label)
    assert first == again and first is not again  # the objects, in a new list
    assert layout._cell_content(Cell(list(label.blocks)))[0] is not first[0]
    assert layout._cell_content(nested)[0] is not layout._cell_content(nested)[0]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x2FF)) | st.text(max_size=8))
def test_pdf_strings_encode_as_reportlabs_codec_does(text: str) -> None:
    """ASCII taken the short way gives the codec's bytes; the rest is the codec's."""
    try:
        expected: Any = text.encode("extpdfdoc")
    except UnicodeEncodeError as error:
        expected = type(error)
    try:
        found: Any = pdfwrite.encode(text)
    except UnicodeEncodeError as error:
        found = type(error)
    assert found == expected
    assert pdfwrite.encode(b"\x18 bytes") == b"\x18 bytes"
    assert pdfwrite.name(text) == pdfwrite._reportlab_name(text)
    assert pdfwrite.name(text) == pdfwrite.name(text)  # the kept spelling


def test_the_engine_writes_pdf_strings_with_the_short_way() -> None:
    import reportlab.pdfbase.pdfdoc as pdfdoc

    assert pdfdoc.pdfdocEnc is pdfwrite.encode
    assert pdfdoc.PDFName is pdfwrite.name
    assert pdfdoc.pdfdocEnc("/Type /Page") == "/Type /Page".encode("extpdfdoc")
    with pytest.raises(UnicodeEncodeError):  # as reportlab's codec refuses it
        pdfdoc.pdfdocEnc("/Type /Page \x19")
