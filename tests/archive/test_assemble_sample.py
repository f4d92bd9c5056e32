"""Issue 4's "What it must show", checked on every person of sample_archive/.

The 16 people are built once per session (``build --jobs 2``); each check then
runs over all of them and reports every person and document that fails it.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from archive.cli import main

from .test_assemble import contents_of, first_lines, page_text, pdf_of

pytestmark = pytest.mark.slow

SAMPLE = Path(__file__).parents[2] / "sample_archive"
PEOPLE = sorted(p.name for p in SAMPLE.iterdir() if (p / "case.yaml").is_file())


def _copy(root: Path) -> Path:
    shutil.copytree(SAMPLE, root, ignore=shutil.ignore_patterns("out", ".index"))
    return root


@pytest.fixture(scope="session")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = _copy(tmp_path_factory.mktemp("sample") / "archive")
    assert main(["build", str(root), "--jobs", "2"]) == 0
    return root


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_the_sample_archive_has_sixteen_people() -> None:
    assert len(PEOPLE) == 16


def test_qpdf_passes_every_file(sample: Path) -> None:
    failed = [
        p for p in PEOPLE if _run("qpdf", "--check", str(pdf_of(sample, p))).returncode
    ]
    assert not failed


def test_every_font_of_every_file_is_embedded(sample: Path) -> None:
    bare = []
    for person in PEOPLE:
        rows = _run("pdffonts", str(pdf_of(sample, person))).stdout.splitlines()[2:]
        assert rows, person
        bare += [f"{person}: {row}" for row in rows if row.split()[-5] != "yes"]
    assert not bare


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text.replace("（", "(").replace("）", ")"))


def test_every_bookmark_opens_a_page_headed_by_the_documents_title(
    sample: Path,
) -> None:
    wrong = []
    for person in PEOPLE:
        pdf = pdf_of(sample, person)
        rows = {r["first_page"]: r for r in contents_of(sample, person)}
        reader = PdfReader(pdf)
        seen = 0
        for item in reader.outline:
            for child in item if isinstance(item, list) else []:
                page = reader.get_destination_page_number(child) + 1
                title = _flat(str(rows[page]["title"]))
                if not any(title in line for line in first_lines(page_text(pdf, page))):
                    wrong.append(f"{person} p{page}: {title}")
                seen += 1
        assert seen == len(rows), person
    assert not wrong


def test_every_page_number_in_the_contents_is_where_its_document_starts(
    sample: Path,
) -> None:
    wrong = []
    for person in PEOPLE:
        pdf = pdf_of(sample, person)
        labels = PdfReader(pdf).page_labels
        listed = "".join(
            page_text(pdf, n + 1)
            for n, lab in enumerate(labels)
            if lab.startswith("目录")
        )
        printed = [int(n) for _, n in re.findall(r"(\d{8})\s+(\d+)\s", listed)]
        rows = contents_of(sample, person)
        expected = [int(labels[int(str(r["first_page"])) - 1]) for r in rows]
        if printed != expected or expected[0] != 1:
            wrong.append(person)
    assert not wrong


def test_every_file_carries_its_case_yaml(sample: Path) -> None:
    for person in PEOPLE:
        attached = PdfReader(pdf_of(sample, person)).attachments["case.yaml"][0]
        assert attached == (SAMPLE / person / "case.yaml").read_bytes(), person


def test_the_contents_text_extracts_as_chinese(sample: Path) -> None:
    for person in PEOPLE:
        pdf = pdf_of(sample, person)
        text = _flat(page_text(pdf, 2))
        assert "卷内文件目录" in text, person
        first = contents_of(sample, person)[0]
        assert _flat(str(first["title"])) in text, person


def test_a_second_build_gives_the_same_bytes(sample: Path, tmp_path: Path) -> None:
    people = ("p003", "p015")
    again = _copy(tmp_path / "again")
    assert main(["build", *(str(again / p) for p in people)]) == 0
    for person in people:
        first = hashlib.sha256(pdf_of(sample, person).read_bytes()).hexdigest()
        second = hashlib.sha256(pdf_of(again, person).read_bytes()).hexdigest()
        assert first == second, person
