"""The forms' own characters are coded alike in every file (archive.render.seeds).

So a label is formatted once per process, not once per person; and a file must
still be the same whoever was built before it, and read as it did before.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from reportlab.platypus.paraparser import ParaFrag

import archive.assemble as assembly
from archive.build import BUNDLED_TEMPLATES
from archive.cli import main
from archive.fonts import font_book
from archive.render import kinsoku
from archive.render.kept import forget
from archive.render.kinsoku import CJKParagraph
from archive.render.seeds import Seeds, seeds_for

DATA = Path(__file__).parent / "data" / "full"


@pytest.fixture
def archive_copy(tmp_path: Path) -> Path:
    root = tmp_path / "full"
    shutil.copytree(DATA, root, ignore=shutil.ignore_patterns("out"))
    return root


def _build(root: Path, slug: str, monkeypatch: pytest.MonkeyPatch) -> tuple[bytes, int]:
    """The PDF of ``slug`` built in this process, and how many paragraphs were
    formatted rather than repeated."""
    drawn = 0
    draw_plain = CJKParagraph._draw_plain

    def counted(self: Any) -> bool:
        nonlocal drawn
        drawn += 1
        return draw_plain(self)

    with monkeypatch.context() as patch:
        patch.setattr(CJKParagraph, "_draw_plain", counted)
        assert main(["build", str(root / slug), "--force"]) == 0
    return (root / slug / "out" / f"{slug}.pdf").read_bytes(), drawn


def test_a_file_is_the_same_whoever_was_built_before_it(
    archive_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    forget()
    alone, drawn_alone = _build(archive_copy, "p001", monkeypatch)
    forget()
    _build(archive_copy, "p002", monkeypatch)
    after_other, drawn_after = _build(archive_copy, "p001", monkeypatch)
    _build(archive_copy, "p002", monkeypatch)
    again, _ = _build(archive_copy, "p001", monkeypatch)

    assert after_other == alone
    assert drawn_after < drawn_alone  # the labels p002 had set are repeated
    assert again == alone  # p001's own names, met before, are coded afresh


def test_seeding_changes_no_text_of_any_page(
    archive_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeded, _ = _build(archive_copy, "p001", monkeypatch)
    monkeypatch.setattr(assembly, "seeds_for", lambda folder, fonts: None)
    plain, _ = _build(archive_copy, "p001", monkeypatch)

    assert seeded != plain  # the glyph codes differ …
    pages = [PdfReader(io.BytesIO(pdf)).pages for pdf in (seeded, plain)]
    assert len(pages[0]) == len(pages[1])
    for ours, theirs in zip(*pages, strict=True):  # … what the pages say does not
        assert ours.extract_text() == theirs.extract_text()


def test_seeds_are_the_templates_characters_read_once_per_state(tmp_path: Path) -> None:
    fonts = font_book()
    folder = tmp_path / "templates"
    shutil.copytree(BUNDLED_TEMPLATES, folder)

    seeds = seeds_for(folder, fonts)

    assert seeds is not None
    assert seeds_for(folder, fonts) is seeds
    faces = dict(seeds.order)
    body = faces[fonts.font_for("仿宋_GB2312")]
    assert {"责", "令", "决", "定", "书"} <= set(body)
    assert list(body) == sorted(body)  # one order, whatever the reading order
    (folder / "warning_letter.docx").write_bytes(
        (folder / "agreement.docx").read_bytes()
    )
    assert seeds_for(folder, fonts) is not seeds
    assert seeds_for(tmp_path / "nowhere", fonts) is None
    assert seeds_for(None, fonts) is None


def test_only_paragraphs_of_seeded_characters_are_drawn_alike() -> None:
    seeds = Seeds({"F": "姓名：", "G": "年"})

    def frag(face: str, text: str) -> Any:
        return ParaFrag(fontName=face, text=text)

    assert seeds.covers([frag("F", "姓名：A1 "), frag("G", "年\xa0")])
    assert not seeds.covers([frag("F", "姓名：张")])  # a person's own character
    assert not seeds.covers([frag("H", "A")])  # a face not planted at all
    assert kinsoku._alike.limit == kinsoku.KEPT


def test_a_subset_is_made_and_deflated_once_as_reportlab_would() -> None:
    import zlib

    from reportlab.pdfbase import pdfdoc, pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFontFace
    from reportlab.pdfgen.canvas import Canvas

    from archive.render import seeds

    forget()
    fonts = font_book()
    face = pdfmetrics.getFont(fonts.default).face
    Seeds({fonts.default: "档案卷内文件目录"}).plant(Canvas(io.BytesIO()))
    subset = [0, *map(ord, "档案卷内")]
    made = face.makeSubset(subset)
    assert made == TTFontFace.makeSubset(face, subset)
    assert face.makeSubset(list(subset)) is made  # kept, not made again

    canvas = Canvas(io.BytesIO())
    face.addSubsetObjects(canvas._doc, "AAAAAA+Test", subset)
    stream = canvas._doc.idToObject[f"fontFile:{face.filename}(AAAAAA+Test)"]
    (deflate,) = stream.filters
    assert deflate.pdfname == pdfdoc.PDFZCompress.pdfname
    assert deflate.encode(made) == zlib.compress(made)
    assert deflate.encode(made) is deflate.encode(made)
    assert zlib.decompress(deflate.encode(made)) == made
    assert seeds._packed  # what a file of the same subset will reuse
