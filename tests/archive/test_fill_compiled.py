"""Compiled templates: docxtpl's document XML exactly, a valid zip, compiled once."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import docx
import pytest
from docxtpl import DocxTemplate

from archive.build import BUNDLED_TEMPLATES
from archive.context import build_context
from archive.fill import _ENV, FillError, compiled, fill, fill_document
from archive.package import Member, write_zip
from forms import load_case, load_office
from validators.policy import default_policy

SAMPLE = Path(__file__).parents[2] / "sample_archive"


def _docxtpl(template: Path, context: dict[str, object]) -> bytes:
    """The document part as plain docxtpl writes it: the oracle of this file."""
    document = DocxTemplate(str(template))
    document.render(context, jinja_env=_ENV, autoescape=True)
    out = io.BytesIO()
    document.save(out)
    with zipfile.ZipFile(out) as package:
        return package.read("word/document.xml")


@pytest.mark.parametrize("person", ["p001", "p008"])
def test_every_document_part_is_the_one_docxtpl_writes(person: str) -> None:
    office = load_office(SAMPLE / "archive.yaml")
    case = load_case(SAMPLE / person / "case.yaml")
    names = set()
    for entry in case.entries():
        context = build_context(case, entry, office, default_policy())
        template = BUNDLED_TEMPLATES / f"{entry.name}.docx"
        with zipfile.ZipFile(io.BytesIO(fill(template, context))) as package:
            ours = package.read("word/document.xml")
        assert ours == _docxtpl(template, context), entry.slug
        names.add(entry.name)
    assert len(names) >= 10


def test_a_filled_package_is_a_valid_zip_with_the_templates_members() -> None:
    template = BUNDLED_TEMPLATES / "visit.docx"
    data = fill(template, _visit_context())
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.testzip() is None
        names = package.namelist()
        stamps = {info.date_time for info in package.infolist()}
    with zipfile.ZipFile(template) as original:
        assert names == original.namelist()
    assert names[0] == "[Content_Types].xml"
    assert stamps == {(1980, 1, 1, 0, 0, 0)}
    assert docx.Document(io.BytesIO(data)).paragraphs


def test_the_same_data_gives_the_same_bytes() -> None:
    template = BUNDLED_TEMPLATES / "visit.docx"
    assert fill(template, _visit_context()) == fill(template, _visit_context())


def test_the_parts_handed_to_the_renderer_are_the_ones_in_the_package() -> None:
    from lxml import etree

    filled = fill_document(BUNDLED_TEMPLATES / "visit.docx", _visit_context())
    with zipfile.ZipFile(io.BytesIO(filled.docx)) as package:
        written = package.read("word/document.xml")
        styles = package.read("word/styles.xml")
    document = filled.parts["word/document.xml"]
    assert etree.tostring(document, encoding="UTF-8", standalone=True) == written
    assert etree.tostring(filled.parts["word/styles.xml"]) == etree.tostring(
        etree.fromstring(styles)
    )


def test_a_template_is_compiled_once_and_again_when_it_changes(tmp_path: Path) -> None:
    template = tmp_path / "visit.docx"
    template.write_bytes((BUNDLED_TEMPLATES / "visit.docx").read_bytes())
    first = compiled(template)
    assert compiled(template) is first

    _write(template, body="<w:p><w:r><w:t>{{ note }}</w:t></w:r></w:p>")
    os.utime(template, ns=(1, 1))
    changed = compiled(template)
    assert changed is not first
    data = fill(template, {"note": "<b>"})
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert b">&lt;b&gt;</w:t>" in package.read("word/document.xml")


def test_headers_and_properties_with_tags_are_filled_too(tmp_path: Path) -> None:
    template = tmp_path / "letter.docx"
    document = docx.Document()
    document.add_paragraph("正文：{{ name }}")
    document.sections[0].header.paragraphs[0].text = "页眉：{{ name }}"
    document.core_properties.title = "{{ name }}的文书"
    document.save(str(template))

    data = fill(template, {"name": "张三&李四"})

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        header = next(n for n in package.namelist() if n.startswith("word/header"))
        assert "页眉：张三&amp;李四" in package.read(header).decode()
        assert "张三&amp;李四的文书" in package.read("docProps/core.xml").decode()
        assert "正文：张三&amp;李四" in package.read("word/document.xml").decode()
    assert docx.Document(io.BytesIO(data)).sections[0].header.paragraphs[0].text == (
        "页眉：张三&李四"
    )


def test_a_line_break_in_a_value_becomes_a_word_line_break() -> None:
    context = _visit_context()
    visit = context["doc"]
    assert isinstance(visit, dict)
    visit["content"] = "第一行\n第二行"
    data = fill(BUNDLED_TEMPLATES / "visit.docx", context)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body = package.read("word/document.xml").decode()
    assert "第一行</w:t><w:br/>" in body


def test_a_file_that_is_not_a_template_is_named_in_the_error(tmp_path: Path) -> None:
    template = tmp_path / "visit.docx"
    template.write_bytes(b"not a zip")
    with pytest.raises(FillError, match=r"模板 visit\.docx 不是有效的 Word"):
        fill(template, {})


def test_a_broken_tag_is_named_in_the_error(tmp_path: Path) -> None:
    template = tmp_path / "visit.docx"
    template.write_bytes((BUNDLED_TEMPLATES / "visit.docx").read_bytes())
    _write(template, body="<w:p><w:r><w:t>{{ person.name </w:t></w:r></w:p>")
    with pytest.raises(FillError, match=r"模板 visit\.docx 有误"):
        fill(template, {})


def test_a_missing_template_is_named_in_the_error(tmp_path: Path) -> None:
    with pytest.raises(FillError, match=r"模板 gone\.docx 无法读取"):
        fill(tmp_path / "gone.docx", {})


def test_the_zip_writer_marks_names_that_are_not_ascii() -> None:
    data = write_zip([Member.of("a.xml", b"<a/>"), Member.of("文书.xml", b"<b/>")])
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.namelist() == ["a.xml", "文书.xml"]
        assert package.read("文书.xml") == b"<b/>"
        assert package.testzip() is None


def _visit_context() -> dict[str, object]:
    office = load_office(SAMPLE / "archive.yaml")
    case = load_case(SAMPLE / "p001" / "case.yaml")
    entry = next(e for e in case.entries() if e.name == "visit")
    return build_context(case, entry, office, default_policy())


def _write(template: Path, body: str) -> None:
    """Replace the content of ``template`` with ``body`` (keeping its section)."""
    with zipfile.ZipFile(template) as old:
        parts = {name: old.read(name) for name in old.namelist()}
    xml = parts["word/document.xml"].decode()
    start = xml.index("<w:body>") + len("<w:body>")
    end = xml.index("<w:sectPr", start)
    parts["word/document.xml"] = (xml[:start] + body + xml[end:]).encode()
    with zipfile.ZipFile(template, "w") as new:
        for name, data in parts.items():
            new.writestr(name, data)


def test_documents_read_from_parts_keep_their_own_text(tmp_path: Path) -> None:
    """Paragraphs are read once per distinct XML; each document keeps its text."""
    from archive.render import read_docx
    from archive.render.reader import read_parts

    template = BUNDLED_TEMPLATES / "visit.docx"
    texts = []
    for n, content in enumerate(("第一次谈话内容", "第二次谈话内容", "第一次谈话内容")):
        context = _visit_context()
        visit = context["doc"]
        assert isinstance(visit, dict)
        visit["content"] = content
        filled = fill_document(template, context)
        model = read_parts(filled.parts, "p001/06-visit-1.docx")
        texts.append(repr(model.blocks))
        saved = tmp_path / f"{n}.docx"
        saved.write_bytes(filled.docx)
        assert model.blocks == read_docx(saved).blocks
    assert "第一次谈话内容" in texts[0] and "第二次谈话内容" not in texts[0]
    assert "第二次谈话内容" in texts[1] and "第一次谈话内容" not in texts[1]
    assert texts[2] == texts[0]


def test_a_package_without_a_document_part_is_named_in_the_error(
    tmp_path: Path,
) -> None:
    template = tmp_path / "visit.docx"
    with zipfile.ZipFile(template, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(FillError, match=r"模板 visit\.docx 不是有效的 Word"):
        fill(template, {})
