"""``rehab-archive build --docx-only``: every entry becomes a file; failures keep
earlier output; LibreOffice converts everything it writes."""

from __future__ import annotations

import shutil
import subprocess
import uuid
from pathlib import Path

import docx
import pytest

from archive.cli import main
from forms import load_case

DATA = Path(__file__).parent / "data" / "full"
SAMPLE = Path(__file__).resolve().parents[2] / "sample_archive"


@pytest.fixture
def archive_copy(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    shutil.copytree(DATA, root)
    return root


def test_build_writes_one_docx_per_entry(archive_copy: Path) -> None:
    assert main(["build", str(archive_copy), "--docx-only"]) == 0
    for person in ("p001", "p002"):
        case = load_case(archive_copy / person / "case.yaml")
        written = sorted(
            p.stem for p in (archive_copy / person / "out" / "docx").iterdir()
        )
        assert written == sorted(e.slug for e in case.entries())


def test_a_failed_build_keeps_earlier_output_and_names_the_problem(
    archive_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", str(archive_copy / "p001"), "--docx-only"]) == 0
    before = sorted((archive_copy / "p001" / "out" / "docx").iterdir())
    broken = tmp_path / "broken"
    shutil.copytree(Path(__file__).resolve().parents[2] / "forms" / "templates", broken)
    (broken / "visit.docx").write_bytes(b"not a zip")

    status = main(
        ["build", str(archive_copy / "p001"), "--docx-only", "--templates", str(broken)]
    )

    assert status == 1
    err = capsys.readouterr().err
    assert "p001" in err and "06-visit-1" in err
    assert sorted((archive_copy / "p001" / "out" / "docx").iterdir()) == before


def test_an_unusable_path_exits_2(tmp_path: Path) -> None:
    assert main(["build", str(tmp_path / "nowhere"), "--docx-only"]) == 2


def _people() -> list[Path]:
    if SAMPLE.is_dir() and any(SAMPLE.glob("*/case.yaml")):
        return sorted(p.parent for p in SAMPLE.glob("*/case.yaml"))
    return sorted(p.parent for p in DATA.glob("*/case.yaml"))


@pytest.mark.slow
def test_every_document_of_every_person_opens_and_converts_to_pdf(
    tmp_path: Path,
) -> None:
    """Every .docx of every person opens in python-docx; LibreOffice converts, in
    one process, up to three instances of each template from different people
    (converting all ~1,000 sample documents takes six minutes)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: cannot convert to PDF")
    root = tmp_path / "archive"
    source = _people()[0].parent
    shutil.copytree(source, root, ignore=shutil.ignore_patterns("out", ".index"))
    assert main(["build", str(root), "--docx-only"]) == 0
    chosen: dict[str, list[Path]] = {}
    for folder in sorted(p.parent for p in root.glob("*/case.yaml")):
        for file in sorted((folder / "out" / "docx").glob("*.docx")):
            docx.Document(str(file))
            name = file.stem.split("-", 1)[1].rsplit("-", 1)[0]
            picked = chosen.setdefault(name, [])
            if len(picked) < 3 and all(f.parent != file.parent for f in picked):
                picked.append(file)
    staged = tmp_path / "staged"
    staged.mkdir()
    for files in chosen.values():
        for file in files:
            shutil.copy(file, staged / f"{file.parents[2].name}-{file.name}")
    profile = tmp_path / f"lo-{uuid.uuid4().hex}"
    pdf = tmp_path / "pdf"
    files = [str(f) for f in sorted(staged.iterdir())]
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{profile}",
         "--convert-to", "pdf", "--outdir", str(pdf), *files],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    assert {p.stem for p in pdf.glob("*.pdf")} == {f.stem for f in staged.iterdir()}
