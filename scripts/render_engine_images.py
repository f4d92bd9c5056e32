"""Remake docs/engine-*.png: each page of three documents by both engines, side by side.

The documents are those of the synthetic person tests/archive/data/full/p001
(the decision, the registration form and the plan), filled into a temporary
copy; the built-in engine's page is on the left, LibreOffice's on the right,
first page only, at 60 dpi. Run from the repository root:

    .venv/bin/python scripts/render_engine_images.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

from archive.cli import main
from archive.fonts import font_book
from archive.render import read_docx
from archive.render.libreoffice import convert
from archive.render.standalone import render_document

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "archive" / "data" / "full"
KINDS = {"decision": "01-decision-1", "registration": "02-registration-1",
         "plan": "04-plan-1"}  # fmt: skip
DPI = "60"


def first_page(pdf: Path, stem: Path) -> Image.Image:
    """The PDF's first page as an image."""
    subprocess.run(
        ["pdftoppm", "-png", "-r", DPI, "-f", "1", "-l", "1", "-singlefile",
         str(pdf), str(stem)],
        check=True,
    )  # fmt: skip
    return Image.open(stem.with_suffix(".png")).convert("RGB")


def side_by_side(left: Image.Image, right: Image.Image) -> Image.Image:
    gap = 12
    width = left.width + gap + right.width
    sheet = Image.new("RGB", (width, max(left.height, right.height)), "white")
    sheet.paste(left, (0, 0))
    sheet.paste(right, (left.width + gap, 0))
    return sheet


def run(docs: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="engine-images-") as scratch:
        work = Path(scratch)
        shutil.copytree(DATA, work / "full")
        if main(["build", str(work / "full" / "p001"), "--docx-only"]) != 0:
            raise SystemExit("filling the documents failed")
        filled = work / "full" / "p001" / "out" / "docx"
        sources = [filled / f"{stem}.docx" for stem in KINDS.values()]
        by_libreoffice = convert(sources, work, font_book())
        for kind, stem in KINDS.items():
            docx = filled / f"{stem}.docx"
            builtin = work / f"{stem}.builtin.pdf"
            builtin.write_bytes(render_document(read_docx(docx), font_book()))
            left = first_page(builtin, work / f"{stem}-builtin")
            right = first_page(by_libreoffice[docx], work / f"{stem}-libreoffice")
            target = docs / f"engine-{kind}.png"
            side_by_side(left, right).save(target, optimize=True)
            print(target)


if __name__ == "__main__":
    run(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs")
