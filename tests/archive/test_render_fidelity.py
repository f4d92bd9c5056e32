"""The built-in engine against LibreOffice, the reference, wherever it is installed."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from archive.cli import main
from archive.fonts import font_book
from archive.render import read_docx
from archive.render.libreoffice import convert, soffice
from archive.render.model import Table
from archive.render.standalone import render_document
from forms import DocumentKind

from .test_assemble import DATA, broken_templates, contents_of

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed"),
]


@pytest.fixture(scope="module")
def rendered(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, tuple[Path, Path, Path]]:
    """Every document of the fullest test person: built-in PDF and LibreOffice PDF."""
    root = tmp_path_factory.mktemp("fidelity") / "full"
    shutil.copytree(DATA, root)
    assert main(["build", str(root), "--docx-only"]) == 0
    documents = sorted((root / "p001" / "out" / "docx").glob("*.docx"))
    return render_both(documents, root / "pdf")


def render_both(documents: list[Path], out: Path) -> dict[str, tuple[Path, Path, Path]]:
    """Each document's .docx, built-in PDF and LibreOffice PDF, by stem."""
    out.mkdir()
    by_libreoffice = convert(documents, out, font_book())
    found = {}
    for docx in documents:
        builtin = out / f"{docx.stem}.builtin.pdf"
        builtin.write_bytes(render_document(read_docx(docx), font_book()))
        found[docx.stem] = (docx, builtin, by_libreoffice[docx])
    return found


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True)
    found = re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE)
    assert found
    return int(found.group(1))


def text(pdf: Path, running: list[str]) -> str:
    """The text without whitespace and without repeated table headers.

    A header row repeats on every page a table runs onto, so where a page
    breaks decides how often it occurs; it is compared once, not per page.
    """
    raw = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True)
    flat = re.sub(r"\s+", "", raw.stdout.decode("utf-8"))
    for header in running:
        flat = flat.replace(header, "")
    return flat


def header_rows(docx: Path) -> list[str]:
    found = []
    for block in read_docx(docx).blocks:
        if isinstance(block, Table):
            for row in block.rows:
                if row.header:
                    cells = "".join(
                        b.text
                        for c in row.cells
                        for b in c.blocks
                        if not isinstance(b, Table)
                    )
                    found.append(re.sub(r"\s+", "", cells))
    return [h for h in found if h]


KINDS = [kind.value for kind in DocumentKind]


@pytest.mark.parametrize("kind", KINDS)
def test_builtin_and_libreoffice_agree_on_pages_and_text(
    rendered: dict[str, tuple[Path, Path, Path]], kind: str
) -> None:
    stems = [s for s in rendered if s[3:].startswith(kind + "-")]
    assert stems, f"the test person has no {kind}"
    for stem in stems:
        docx, builtin, libreoffice = rendered[stem]
        running = header_rows(docx)
        assert pages(builtin) == pages(libreoffice), stem
        assert text(builtin, running) == text(libreoffice, running), stem


def test_auto_engine_hands_an_unsupported_template_to_libreoffice(
    tmp_path: Path,
) -> None:
    root = tmp_path / "full"
    shutil.copytree(DATA, root)
    templates = broken_templates(tmp_path)

    status = main(
        ["build", str(root), "--templates", str(templates), "--engine", "auto"]
    )

    assert status == 0
    rows = contents_of(root, "p001")
    assert [r["slug"] for r in rows if r["slug"] == "06-visit-1"]


def test_libreoffice_engine_builds_the_whole_file(tmp_path: Path) -> None:
    root = tmp_path / "full"
    shutil.copytree(DATA, root)

    assert main(["build", str(root / "p001"), "--engine", "libreoffice"]) == 0

    fonts = subprocess.run(
        ["pdffonts", str(root / "p001" / "out" / "p001.pdf")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert all(row.split()[-5] == "yes" for row in fonts.stdout.splitlines()[2:])


SAMPLE = Path(__file__).parents[2] / "sample_archive"
SAMPLE_PERSON = "p005"
"""A full sample person: 44 documents of 12 kinds, the test log, a late report."""


@pytest.fixture(scope="module")
def sample_rendered(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, tuple[Path, Path, Path]]:
    """Every document of one sample_archive person, by both engines."""
    root = tmp_path_factory.mktemp("sample") / "archive"
    root.mkdir()
    shutil.copy(SAMPLE / "archive.yaml", root)
    shutil.copytree(SAMPLE / SAMPLE_PERSON, root / SAMPLE_PERSON)
    assert main(["build", str(root / SAMPLE_PERSON), "--docx-only"]) == 0
    documents = sorted((root / SAMPLE_PERSON / "out" / "docx").glob("*.docx"))
    return render_both(documents, root / "pdf")


@pytest.mark.xfail(
    reason="in the test log's narrow cells LibreOffice breaks a number after a"
    " closing bracket (〕1/5001号) and wraps place names a character earlier",
    strict=False,
)
def test_every_document_of_a_sample_person_matches_libreoffice(
    sample_rendered: dict[str, tuple[Path, Path, Path]],
) -> None:
    differ = []
    for stem, (docx, builtin, libreoffice) in sample_rendered.items():
        running = header_rows(docx)
        if pages(builtin) != pages(libreoffice):
            differ.append(f"{stem}: {pages(builtin)} pages, not {pages(libreoffice)}")
        elif text(builtin, running) != text(libreoffice, running):
            differ.append(f"{stem}: text differs")

    assert len(sample_rendered) >= 40
    assert not differ
