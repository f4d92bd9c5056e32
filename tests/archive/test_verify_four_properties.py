"""``verify --four-properties``: DA/T 70 四性, each property reported on its own."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject
from reportlab.pdfgen import canvas

from archive.cli import main
from archive.manifest import write_manifests
from tests.archive.builtcopy import PERSON, fresh_copy

Capsys = pytest.CaptureFixture[str]


@pytest.fixture
def root(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Path:
    return fresh_copy(tmp_path_factory, tmp_path)


def pdf_of(root: Path) -> Path:
    return root / PERSON / "out" / f"{PERSON}.pdf"


def properties(root: Path, capsys: Capsys) -> tuple[int, dict[str, Any]]:
    status = main(["verify", str(root / PERSON), "--four-properties", "--json"])
    report: dict[str, Any] = json.loads(capsys.readouterr().out)["people"][0]
    return status, report


def failing(report: dict[str, Any]) -> set[str]:
    names = ("authenticity", "integrity", "usability", "security")
    return {name for name in names if not report[name]["ok"]}


def rewrite_pdf(root: Path, change: Any) -> None:
    """Change the archive copy with pypdf and re-seal it, so only ``change`` shows."""
    writer = PdfWriter(clone_from=PdfReader(pdf_of(root)))
    change(writer)
    with pdf_of(root).open("wb") as handle:
        writer.write(handle)
    write_manifests(root / PERSON, root / PERSON / "out")


def test_built_file_passes_all_four(root: Path, capsys: Capsys) -> None:
    status, report = properties(root, capsys)

    assert status == 0 and failing(report) == set()
    assert report["authenticity"]["label"] == "真实性"


def test_text_output_reports_each_property(root: Path, capsys: Capsys) -> None:
    assert main(["verify", str(root / PERSON), "--four-properties"]) == 0

    out = capsys.readouterr().out
    for label in ("真实性", "完整性", "可用性", "安全性"):
        assert f"{label}（" in out


def test_edited_case_file_fails_authenticity(root: Path, capsys: Capsys) -> None:
    case = root / PERSON / "case.yaml"
    case.write_text(case.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    write_manifests(root / PERSON, root / PERSON / "out")

    status, report = properties(root, capsys)

    assert status == 1 and failing(report) == {"authenticity"}
    assert "所附案卷数据" in report["authenticity"]["problems"][0]


def test_changed_title_fails_authenticity(root: Path, capsys: Capsys) -> None:
    rewrite_pdf(root, lambda w: w.add_metadata({"/Title": "张三社区戒毒档案"}))

    status, report = properties(root, capsys)

    assert status == 1 and failing(report) == {"authenticity"}


def test_entry_missing_from_contents_fails_integrity(
    root: Path, capsys: Capsys
) -> None:
    contents = root / PERSON / "out" / "contents.json"
    rows = json.loads(contents.read_text(encoding="utf-8"))
    contents.write_text(json.dumps(rows[:-1]), encoding="utf-8")
    write_manifests(root / PERSON, root / PERSON / "out")

    status, report = properties(root, capsys)

    assert status == 1 and failing(report) == {"integrity"}
    assert "13-termination-1" in report["integrity"]["problems"][0]


def test_page_gap_fails_integrity(root: Path, capsys: Capsys) -> None:
    contents = root / PERSON / "out" / "contents.json"
    rows = json.loads(contents.read_text(encoding="utf-8"))
    rows[1]["first_page"] += 1
    contents.write_text(json.dumps(rows), encoding="utf-8")
    write_manifests(root / PERSON, root / PERSON / "out")

    status, report = properties(root, capsys)

    assert status == 1 and failing(report) == {"integrity"}
    assert any("不连续" in p for p in report["integrity"]["problems"])


def test_unembedded_font_fails_usability(root: Path, capsys: Capsys) -> None:
    pdf = pdf_of(root)
    drawing = canvas.Canvas(str(pdf))
    drawing.setFont("Helvetica", 12)
    drawing.drawString(72, 720, "archive copy replaced")
    drawing.save()
    write_manifests(root / PERSON, root / PERSON / "out")

    status, report = properties(root, capsys)

    assert status == 1 and "usability" in failing(report)
    problems = report["usability"]["problems"]
    assert "字体未嵌入：/Helvetica" in problems
    assert "提取的文字中没有本人姓名" in problems


def test_javascript_fails_security(root: Path, capsys: Capsys) -> None:
    def javascript(writer: PdfWriter) -> None:
        action = DictionaryObject({
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert('x');"),
        })  # fmt: skip
        writer.root_object[NameObject("/OpenAction")] = writer._add_object(action)

    rewrite_pdf(root, javascript)

    status, report = properties(root, capsys)

    assert status == 1 and failing(report) == {"security"}
    assert any("JavaScript" in p for p in report["security"]["problems"])


def test_external_link_fails_security(root: Path, capsys: Capsys) -> None:
    from pypdf.annotations import Link

    def link(writer: PdfWriter) -> None:
        writer.add_annotation(0, Link(rect=(0, 0, 50, 50), url="https://example.org"))

    rewrite_pdf(root, link)

    status, report = properties(root, capsys)

    assert status == 1 and failing(report) == {"security"}
    assert any("外部链接" in p for p in report["security"]["problems"])


def test_second_embedded_file_fails_security(root: Path, capsys: Capsys) -> None:
    rewrite_pdf(root, lambda w: w.add_attachment("run.exe", b"MZ"))

    status, report = properties(root, capsys)

    assert status == 1 and "security" in failing(report)
    assert "嵌入了案卷数据以外的文件：run.exe" in report["security"]["problems"]


def test_encrypted_archive_copy_fails_security(root: Path, capsys: Capsys) -> None:
    rewrite_pdf(root, lambda w: w.encrypt("password-1", algorithm="AES-256"))

    status, report = properties(root, capsys)

    assert status == 1 and failing(report) == {"security"}
    assert "已加密" in report["security"]["problems"][0]
