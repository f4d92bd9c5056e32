"""Hostile or broken input: a clear error, nothing written outside the archive
root, and nothing good lost inside it."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
import yaml
from docx import Document
from PIL import Image
from pypdf import PdfReader

from archive.cli import main
from tests.archive.builtcopy import PERSON, fresh_copy

Capsys = pytest.CaptureFixture[str]
TEMPLATES = Path(__file__).resolve().parents[2] / "forms" / "templates"


@pytest.fixture
def root(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Path:
    return fresh_copy(tmp_path_factory, tmp_path)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` → SHA-256 (links by their target)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            found[str(path)] = f"-> {path.readlink()}"
        elif path.is_file():
            found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def outside(root: Path) -> dict[str, str]:
    return {
        k: v for k, v in snapshot(root.parent).items() if not k.startswith(str(root))
    }


def out_of(root: Path) -> dict[str, str]:
    """The archive copy and its page list (the .docx are refilled before a scan
    is read, and differ byte-wise from build to build)."""
    out = root / PERSON / "out"
    return {k: v for k, v in snapshot(out).items() if "/docx/" not in k}


def test_scan_linked_to_etc_passwd_is_refused(root: Path, capsys: Capsys) -> None:
    before, around = out_of(root), outside(root)
    scans = root / PERSON / "scans"
    scans.mkdir()
    (scans / "01-decision-1.pdf").symlink_to("/etc/passwd")

    assert main(["build", str(root / PERSON)]) == 1

    assert "符号链接" in capsys.readouterr().err
    assert out_of(root) == before and outside(root) == around


@pytest.mark.parametrize("content", ["text", "jpeg"])
def test_pdf_scan_that_is_not_a_pdf_is_named(
    root: Path, capsys: Capsys, content: str
) -> None:
    before = out_of(root)
    scans = root / PERSON / "scans"
    scans.mkdir()
    scan = scans / "01-decision-1.pdf"
    if content == "text":
        scan.write_text("这不是 PDF\n", encoding="utf-8")
    else:
        Image.new("L", (30, 40), 200).save(scan, format="JPEG")

    assert main(["build", str(root / PERSON)]) == 1

    assert "01-decision-1.pdf：不是可读的 PDF" in capsys.readouterr().err
    assert out_of(root) == before


@pytest.mark.parametrize("command", ["build", "check", "verify", "validate"])
def test_person_folder_that_is_a_symlink_is_refused(
    root: Path, capsys: Capsys, command: str
) -> None:
    (root / "p009").symlink_to(root / PERSON)
    around = outside(root)

    assert main([command, str(root / "p009")]) == 2

    assert "拒绝符号链接" in capsys.readouterr().err
    assert outside(root) == around


@pytest.mark.parametrize("name", ["..x", "a b", "-rf", "名字"])
def test_unsafe_folder_name_is_refused(root: Path, capsys: Capsys, name: str) -> None:
    shutil.copytree(root / PERSON, root / name, ignore=shutil.ignore_patterns("out"))

    assert main(["build", str(root / name)]) == 2

    assert "不安全" in capsys.readouterr().err
    assert not (root / name / "out").exists()


def test_dot_dot_names_no_person_and_writes_nothing(root: Path) -> None:
    around = outside(root)

    assert main(["build", str(root / PERSON / ".." / "..")]) == 2

    assert outside(root) == around


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("张" * 200_000, "文字过长"),
        ("王\x07\x1b[31m五", "控制字符"),
        ("王\x00五", "控制字符"),
    ],
)
def test_huge_field_or_control_characters_name_file_and_field(
    root: Path, capsys: Capsys, value: str, reason: str
) -> None:
    case = root / PERSON / "case.yaml"
    data = yaml.safe_load(case.read_text(encoding="utf-8"))
    data["person"]["name"] = value
    case.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    before = out_of(root)

    assert main(["validate", str(root / PERSON)]) != 0
    assert main(["build", str(root / PERSON)]) == 1

    err = capsys.readouterr()
    text = err.out + err.err
    assert "case.yaml" in text and "person.name" in text and reason in text
    assert out_of(root) == before


def test_template_syntax_in_data_is_printed_literally(root: Path) -> None:
    reader = PdfReader(root / PERSON / "out" / f"{PERSON}.pdf")

    text = "".join(page.extract_text() for page in reader.pages)
    assert "{{ 7*7 }}" in text and "{% if 1 %}" in text


def office_templates(root: Path, payload: str) -> Path:
    """An office template folder whose decision template carries ``payload``."""
    folder = root / "templates"
    shutil.copytree(TEMPLATES, folder)
    document = Document(str(folder / "decision.docx"))
    document.add_paragraph(payload)
    document.save(str(folder / "decision.docx"))
    return folder


@pytest.mark.parametrize(
    "payload",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ self.__init__.__globals__.__builtins__ }}",
    ],
)
def test_office_template_cannot_reach_python_objects(
    root: Path, capsys: Capsys, payload: str
) -> None:
    folder = office_templates(root, payload)
    around = outside(root)

    status = main(
        ["build", str(root / PERSON), "--docx-only", "--templates", str(folder)]
    )

    err = capsys.readouterr().err
    if status == 0:
        docx = root / PERSON / "out" / "docx" / "01-decision-1.docx"
        text = "\n".join(p.text for p in Document(str(docx)).paragraphs)
        for danger in ("<class", "__builtins__", "function", "module", "subclasses"):
            assert danger not in text
    else:
        assert status == 1 and "01-decision-1" in err and "Traceback" not in err
    assert outside(root) == around
