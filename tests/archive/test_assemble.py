"""The assembled file: structure, PDF/A traits, scans, determinism, failures."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from archive.cli import main
from forms import DocumentKind, load_case

DATA = Path(__file__).parent / "data" / "full"
PEOPLE = ("p001", "p002")
KINDS = {kind.value: kind.label for kind in DocumentKind}


def build(root: Path, *args: str) -> int:
    return main(["build", str(root), *args])


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("built") / "full"
    shutil.copytree(DATA, root)
    assert build(root) == 0
    return root


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    root = tmp_path / "full"
    shutil.copytree(DATA, root)
    return root


def pdf_of(root: Path, person: str) -> Path:
    return root / person / "out" / f"{person}.pdf"


def contents_of(root: Path, person: str) -> list[dict[str, object]]:
    data = (root / person / "out" / "contents.json").read_text(encoding="utf-8")
    rows: list[dict[str, object]] = json.loads(data)
    return rows


def page_text(pdf: Path, page: int) -> str:
    done = subprocess.run(
        ["pdftotext", "-raw", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def first_lines(text: str, count: int = 3) -> list[str]:
    """The first lines of a page, the page number aside, with brackets half-width.

    Templates print 社区戒毒（康复） with full-width brackets; titles in the
    models use half-width ones.
    """
    text = text.replace("（", "(").replace("）", ")")
    lines = [re.sub(r"\s+", "", line) for line in text.splitlines()]
    return [line for line in lines if line and not line.isdigit()][:count]


def opens_with(titles: list[str], text: str) -> bool:
    """Whether one of the page's first lines holds one of ``titles`` as printed.

    A template may print the generic 社区戒毒(康复) as the person's measure, and
    the evaluation template prints the kind's title (现实表现评价表) where the
    model's title names the period.
    """
    variants = set()
    for printed in titles:
        title = printed.replace("（", "(").replace("）", ")")
        variants |= {
            title,
            title.replace("戒毒(康复)", "戒毒"),
            title.replace("戒毒(康复)", "康复"),
        }
    return any(v in line for v in variants for line in first_lines(text))


@pytest.mark.parametrize("person", PEOPLE)
def test_qpdf_finds_no_errors(archive: Path, person: str) -> None:
    done = subprocess.run(
        ["qpdf", "--check", str(pdf_of(archive, person))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("person", PEOPLE)
def test_every_font_is_embedded(archive: Path, person: str) -> None:
    done = subprocess.run(
        ["pdffonts", str(pdf_of(archive, person))],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = done.stdout.splitlines()[2:]
    assert rows
    for row in rows:
        emb = row.split()[-5]
        assert emb == "yes", row


def test_each_bookmark_points_at_a_page_opening_with_its_title(archive: Path) -> None:
    pdf = pdf_of(archive, "p001")
    reader = PdfReader(pdf)
    rows = {r["first_page"]: r for r in contents_of(archive, "p001")}
    checked = 0
    for item in reader.outline:
        children = item if isinstance(item, list) else []
        for child in children:
            page = reader.get_destination_page_number(child) + 1
            titles = [str(rows[page]["title"]), KINDS[str(rows[page]["kind"])]]
            assert opens_with(titles, page_text(pdf, page)), (child.title, page)
            checked += 1
    assert checked == len(rows)


def test_each_page_number_in_the_contents_is_where_its_document_starts(
    archive: Path,
) -> None:
    pdf = pdf_of(archive, "p001")
    reader = PdfReader(pdf)
    labels = reader.page_labels
    rows = contents_of(archive, "p001")
    listed = "".join(
        page_text(pdf, n + 1)
        for n, label in enumerate(labels)
        if label.startswith("目录")
    )
    printed = [int(n) for _, n in re.findall(r"(\d{8})\s+(\d+)\s", listed)]
    expected = [int(labels[int(str(r["first_page"])) - 1]) for r in rows]
    assert printed == expected
    assert expected[0] == 1
    for row in rows:
        text = page_text(pdf, int(str(row["first_page"])))
        assert opens_with([str(row["title"]), KINDS[str(row["kind"])]], text)


def test_front_matter_is_unnumbered_and_documents_run_from_one(archive: Path) -> None:
    labels = PdfReader(pdf_of(archive, "p001")).page_labels
    first = contents_of(archive, "p001")[0]["first_page"]

    assert labels[0] == "封面"
    assert all(label.startswith("目录") for label in labels[1 : int(str(first)) - 1])
    assert labels[int(str(first)) - 1] == "1"
    assert labels[-1].startswith("备考表")
    assert page_text(pdf_of(archive, "p001"), int(str(first))).split()[-1] == "1"


@pytest.mark.parametrize("person", PEOPLE)
def test_the_embedded_case_file_equals_case_yaml(archive: Path, person: str) -> None:
    reader = PdfReader(pdf_of(archive, person))
    attached = reader.attachments["case.yaml"][0]
    assert attached == (archive / person / "case.yaml").read_bytes()
    spec = reader.trailer["/Root"]["/AF"][0].get_object()
    assert spec["/AFRelationship"] == "/Source"


@pytest.mark.parametrize("person", PEOPLE)
def test_chinese_text_extracts_with_the_persons_name(
    archive: Path, person: str
) -> None:
    name = load_case(archive / person / "case.yaml").person.name
    reader = PdfReader(pdf_of(archive, person))
    text = "".join(page.extract_text() for page in reader.pages[:6])
    assert name and name in text


def test_pdfa_identification_output_intent_and_metadata(archive: Path) -> None:
    reader = PdfReader(pdf_of(archive, "p001"))
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert "<pdfaid:part>3</pdfaid:part>" in xmp
    assert "<pdfaid:conformance>B</pdfaid:conformance>" in xmp
    intent = root["/OutputIntents"][0].get_object()
    assert intent["/S"] == "/GTS_PDFA1"
    assert intent["/DestOutputProfile"].get_object().get_data()[36:40] == b"acsp"
    assert not reader.is_encrypted
    assert reader.metadata is not None
    assert reader.metadata.author == "和平街道社区戒毒(康复)工作办公室"
    assert reader.metadata.title and reader.metadata.title.endswith("档案")


def test_contents_json_lists_every_entry_in_archive_order(archive: Path) -> None:
    case = load_case(archive / "p001" / "case.yaml")
    rows = contents_of(archive, "p001")
    assert [r["slug"] for r in rows] == [e.slug for e in case.entries()]
    pages = len(PdfReader(pdf_of(archive, "p001")).pages)
    for row, after in zip(rows, [*rows[1:], None], strict=True):
        first, last = int(str(row["first_page"])), int(str(row["last_page"]))
        assert 1 <= first <= last < pages
        if after is not None:
            assert int(str(after["first_page"])) == last + 1


def test_two_builds_give_the_same_bytes(archive: Path, fresh: Path) -> None:
    assert build(fresh) == 0
    for person in PEOPLE:
        first = hashlib.sha256(pdf_of(archive, person).read_bytes()).hexdigest()
        again = hashlib.sha256(pdf_of(fresh, person).read_bytes()).hexdigest()
        assert first == again


def test_an_image_scan_replaces_the_generated_copy(fresh: Path) -> None:
    scans = fresh / "p001" / "scans"
    scans.mkdir()
    Image.new("RGB", (620, 877), "white").save(scans / "06-visit-1.png")

    assert build(fresh) == 0

    row = next(r for r in contents_of(fresh, "p001") if r["slug"] == "06-visit-1")
    assert row["first_page"] == row["last_page"]
    page = PdfReader(pdf_of(fresh, "p001")).pages[int(str(row["first_page"])) - 1]
    assert page.images and page.images[0].image.size == (620, 877)


def test_a_pdf_scan_is_laid_under_a_numbered_page(fresh: Path, tmp_path: Path) -> None:
    scan_source = tmp_path / "scan.pdf"
    Image.new("RGB", (300, 420), "white").save(scan_source, "PDF", resolution=50)
    scans = fresh / "p001" / "scans"
    scans.mkdir()
    shutil.copy(scan_source, scans / "01-decision-1.pdf")

    assert build(fresh) == 0

    rows = contents_of(fresh, "p001")
    assert rows[0]["first_page"] == rows[0]["last_page"]
    text = page_text(pdf_of(fresh, "p001"), int(str(rows[0]["first_page"])))
    assert text.split() == ["1"]


def test_a_scan_that_is_neither_pdf_nor_image_fails_and_keeps_output(
    fresh: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert build(fresh) == 0
    before = pdf_of(fresh, "p001").read_bytes()
    scans = fresh / "p001" / "scans"
    scans.mkdir()
    (scans / "06-visit-1.pdf").write_text("这不是扫描件", encoding="utf-8")

    assert build(fresh) == 1

    assert "06-visit-1.pdf" in capsys.readouterr().err
    assert pdf_of(fresh, "p001").read_bytes() == before


def broken_templates(tmp_path: Path) -> Path:
    """The bundled templates, with a field code (unsupported) in the visit record."""
    folder = tmp_path / "templates"
    shutil.copytree(Path(__file__).parents[2] / "forms" / "templates", folder)
    visit = folder / "visit.docx"
    with zipfile.ZipFile(visit) as old:
        parts = {name: old.read(name) for name in old.namelist()}
    body = parts["word/document.xml"].decode()
    field = '<w:fldSimple w:instr="PAGE"/>'
    parts["word/document.xml"] = body.replace("</w:p>", field + "</w:p>", 1).encode()
    with zipfile.ZipFile(visit, "w") as new:
        for name, data in parts.items():
            new.writestr(name, data)
    return folder


def test_a_template_beyond_the_engine_fails_and_keeps_output(
    fresh: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert build(fresh) == 0
    before = pdf_of(fresh, "p001").read_bytes()

    status = build(fresh, "--templates", str(broken_templates(tmp_path)))

    err = capsys.readouterr().err
    assert status == 1
    assert "06-visit-1.docx" in err and "w:fldSimple" in err
    assert pdf_of(fresh, "p001").read_bytes() == before


def test_strict_fonts_without_a_cjk_face_fails_and_keeps_output(
    fresh: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert build(fresh) == 0
    before = pdf_of(fresh, "p001").read_bytes()
    conf = tmp_path / "empty-fonts.conf"
    conf.write_text("<?xml version='1.0'?><fontconfig></fontconfig>\n")
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))

    assert build(fresh, "--strict-fonts") == 1

    assert "TrueType" in capsys.readouterr().err
    assert pdf_of(fresh, "p001").read_bytes() == before
