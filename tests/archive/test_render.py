"""The built-in engine's parts: reading .docx, Chinese line breaking, fonts."""

from __future__ import annotations

import io
import logging
import zipfile
import zlib
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree
from pypdf import PdfReader

from archive.errors import RenderError
from archive.fonts import font_book, write_fontconfig
from archive.package import packed
from archive.render import UnsupportedConstruct, read_docx
from archive.render.kinsoku import NO_END, NO_START, break_points
from archive.render.model import PageBreak, Paragraph, Table
from archive.render.standalone import render_document


def _east_asian(run: object, name: str, size: float) -> None:
    run.font.size = Pt(size)  # type: ignore[attr-defined]
    rpr = run._element.get_or_add_rPr()  # type: ignore[attr-defined]
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), name)


def make_docx(path: Path, *, paragraphs: int = 3) -> Path:
    """A small document in the GB/T 9704 page setup with every supported construct."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _east_asian(title.add_run("测试决定书"), "方正小标宋简体", 22)
    for _ in range(paragraphs):
        para = doc.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        para.paragraph_format.first_line_indent = Pt(32)
        text = "当事人于2025年3月10日报到（首次），身份证号110105199003070017。"
        _east_asian(para.add_run(text * 3), "仿宋_GB2312", 16)
    table = doc.add_table(rows=3, cols=3)
    table.style = "Table Grid"
    table.cell(0, 0).merge(table.cell(0, 1))
    table.cell(1, 2).merge(table.cell(2, 2))
    table.cell(0, 0).text = "姓名"
    table.cell(1, 2).text = "照片"
    header = table.rows[0]._tr.get_or_add_trPr()
    header.append(etree.SubElement(header, qn("w:tblHeader")))
    doc.add_page_break()
    bold = doc.add_paragraph().add_run("签名：")
    bold.bold = True
    doc.save(str(path))
    return path


def test_reader_keeps_page_setup_paragraphs_and_table_structure(tmp_path: Path) -> None:
    model = read_docx(make_docx(tmp_path / "a.docx"))

    assert model.page.top == pytest.approx(37 / 25.4 * 72, abs=0.1)
    assert model.page.left == pytest.approx(28 / 25.4 * 72, abs=0.1)
    title = model.blocks[0]
    assert isinstance(title, Paragraph)
    assert title.align == "center"
    assert title.runs[0].font == "方正小标宋简体"
    assert title.runs[0].size == 22
    body = model.blocks[1]
    assert isinstance(body, Paragraph)
    assert body.align == "justify"
    assert body.first_indent == 32
    table = next(b for b in model.blocks if isinstance(b, Table))
    assert table.rows[0].cells[0].span == 2
    assert table.rows[0].header
    assert table.rows[1].cells[-1].vmerge == "restart"
    assert table.rows[2].cells[-1].vmerge == "continue"
    assert table.borders.inside_h > 0
    assert any(isinstance(b, PageBreak) for b in model.blocks)


def _inject(path: Path, xml: str) -> Path:
    """The document with ``xml`` added to its first paragraph."""
    with zipfile.ZipFile(path) as old:
        parts = {name: old.read(name) for name in old.namelist()}
    body = parts["word/document.xml"].decode()
    parts["word/document.xml"] = body.replace("</w:p>", xml + "</w:p>", 1).encode()
    out = path.with_name("injected.docx")
    with zipfile.ZipFile(out, "w") as new:
        for name, data in parts.items():
            new.writestr(name, data)
    return out


def test_unsupported_construct_names_document_and_construct(tmp_path: Path) -> None:
    docx = _inject(make_docx(tmp_path / "a.docx"), '<w:fldSimple w:instr="PAGE"/>')

    with pytest.raises(UnsupportedConstruct) as caught:
        read_docx(docx, source="p001/06-visit-1.docx")

    assert "p001/06-visit-1.docx" in str(caught.value)
    assert "w:fldSimple" in str(caught.value)


def test_a_file_that_is_not_docx_is_a_render_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip at all")

    with pytest.raises(RenderError, match=r"bad\.docx"):
        read_docx(bad)


def _wrong_styles_crc(source: Path, target: Path) -> Path:
    """``source`` with a wrong CRC for its styles part, its stored bytes unchanged."""
    data = bytearray(source.read_bytes())
    name = b"word/styles.xml"
    entry = data.index(b"PK\x01\x02")
    while data[entry + 46 : entry + 46 + len(name)] != name:
        entry = data.index(b"PK\x01\x02", entry + 4)
    data[entry + 16] ^= 0xFF  # the first byte of the CRC-32 field
    target.write_bytes(bytes(data))
    return target


def test_documents_with_one_styles_part_read_alike(tmp_path: Path) -> None:
    first = make_docx(tmp_path / "a.docx")
    second = tmp_path / "b.docx"
    second.write_bytes(first.read_bytes())

    assert read_docx(first).blocks == read_docx(second).blocks


def test_a_cell_read_again_is_the_cell_its_xml_gave(tmp_path: Path) -> None:
    """Cells of one XML are read once and shared; any difference is read anew."""
    doc = Document()
    table = doc.add_table(rows=2, cols=2)
    table.style = "Table Grid"
    for row in table.rows:
        row.cells[0].text = "姓名"
    table.cell(0, 1).text = "张三"
    table.cell(1, 1).text = "李四"
    doc.save(str(tmp_path / "cells.docx"))

    first, second = (read_docx(tmp_path / "cells.docx") for _ in range(2))
    rows = next(b for b in first.blocks if isinstance(b, Table)).rows
    again = next(b for b in second.blocks if isinstance(b, Table)).rows
    assert rows[0].cells[0] is rows[1].cells[0] is again[0].cells[0]
    assert [c.blocks[0].text for c in (rows[0].cells[1], rows[1].cells[1])] == [
        "张三",
        "李四",
    ]
    assert rows[1].cells[1] is again[1].cells[1]
    assert rows[0].cells[1] is not rows[1].cells[1]


def test_an_unsupported_cell_is_refused_each_time_it_is_read(tmp_path: Path) -> None:
    """A cell the engine cannot lay out is never kept as if it had been read."""
    doc = Document()
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "姓名"
    shade = etree.SubElement(table.cell(0, 1)._tc.get_or_add_tcPr(), qn("w:shd"))
    shade.set(qn("w:fill"), "FF0000")
    doc.save(str(tmp_path / "shaded.docx"))

    for _ in range(2):
        with pytest.raises(UnsupportedConstruct) as caught:
            read_docx(tmp_path / "shaded.docx", source="p001/08-test_log-1.docx")
        assert "p001/08-test_log-1.docx" in str(caught.value)
        assert "w:shd" in str(caught.value)


def test_a_damaged_styles_part_is_not_taken_for_a_known_one(tmp_path: Path) -> None:
    good = make_docx(tmp_path / "a.docx")
    read_docx(good)  # its styles part is now known
    bad = _wrong_styles_crc(good, tmp_path / "bad.docx")

    with pytest.raises(RenderError, match=r"bad\.docx"):
        read_docx(bad)


def test_packed_is_the_members_stored_stream(tmp_path: Path) -> None:
    data = make_docx(tmp_path / "a.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for info in package.infolist():
            stored = packed(data, info)
            if info.compress_type == zipfile.ZIP_DEFLATED:
                stored = zlib.decompressobj(-15).decompress(stored)
            assert stored == package.read(info), info.filename


def test_no_line_begins_with_closing_punctuation() -> None:
    for mark in "，。、；：？！）》」":
        text = "一二三四" + mark + "五六七八九"
        starts = break_points(text, [1.0] * len(text), 4.0)
        assert all(text[s] not in NO_START for s in starts), (mark, starts)


def test_two_closing_marks_pull_a_character_down_instead_of_hanging() -> None:
    text = "一二三四）。五六七"
    starts = break_points(text, [1.0] * len(text), 4.0)
    assert all(text[s] not in NO_START for s in starts)
    assert starts[0] == 3


def test_no_line_ends_with_opening_punctuation() -> None:
    for mark in "（《「":
        text = "一二三" + mark + "四五六七八"
        starts = break_points(text, [1.0] * len(text), 4.0)
        assert all(text[s - 1] not in NO_END for s in starts), (mark, starts)


def test_numbers_are_kept_whole_when_they_fit_on_a_line() -> None:
    text = "号码为2025031012号"
    starts = break_points(text, [1.0] * len(text), 6.0)
    assert starts[0] == 3


def test_rendered_document_extracts_its_chinese_text(tmp_path: Path) -> None:
    model = read_docx(make_docx(tmp_path / "a.docx"))

    pdf = PdfReader(io.BytesIO(render_document(model, font_book())))

    text = "".join(page.extract_text() for page in pdf.pages)
    assert "测试决定书" in text
    assert "110105199003070017" in text.replace(" ", "").replace("\n", "")
    assert len(pdf.pages) == 2


def test_template_font_names_map_to_free_faces() -> None:
    book = font_book()
    if book.faces["song"] is None:
        pytest.skip("no CJK TrueType face installed")

    assert book.faces["song"].family == "AR PL UMing CN"
    assert book.font_for("黑体") == book.faces["hei"].pdf_name  # type: ignore[union-attr]
    assert book.font_for("楷体_GB2312") == book.faces["kai"].pdf_name  # type: ignore[union-attr]
    assert book.font_for("方正小标宋简体") == book.faces["song"].pdf_name


def test_fontconfig_file_aliases_the_template_names(tmp_path: Path) -> None:
    conf = write_fontconfig(font_book(), tmp_path).read_text(encoding="utf-8")

    assert "/etc/fonts/fonts.conf" in conf
    for name in ("宋体", "仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体"):
        assert f"<family>{name}</family>" in conf


@pytest.fixture
def no_fonts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A fontconfig that knows no font at all, as on a bare server."""
    conf = tmp_path / "empty-fonts.conf"
    conf.write_text("<?xml version='1.0'?><fontconfig></fontconfig>\n")
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))


@pytest.mark.usefixtures("no_fonts")
def test_without_cjk_faces_text_uses_stsong_and_says_so_once(
    caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    with caplog.at_level(logging.WARNING, logger="archive.fonts"):
        book = font_book()
        font_book()

    assert not book.embedded
    assert book.default == "STSong-Light"
    assert len([r for r in caplog.records if "STSong" in r.getMessage()]) == 1
    model = read_docx(make_docx(tmp_path / "a.docx", paragraphs=1))
    assert render_document(model, book).startswith(b"%PDF")


@pytest.mark.usefixtures("no_fonts")
def test_strict_fonts_without_cjk_faces_is_an_error() -> None:
    with pytest.raises(RenderError, match="TrueType"):
        font_book(strict=True)
