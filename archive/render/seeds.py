"""The forms' own characters, given the same glyph codes in every person's file.

reportlab embeds a TrueType face as subsets of 256 glyphs, and a character's
code in its subset is given the first time the file sets it; so a label's
operators differ from file to file with the names and dates set before it,
and every file formatted all its labels afresh. A file whose canvas is first
given codes for the characters of its templates, face by face and in one
order (:meth:`Seeds.plant`), sets those characters with the same codes and
font names as every other: a paragraph of nothing else draws the same
operators in every file, and is formatted once per process
(:mod:`archive.render.kinsoku`).

The characters come from the templates alone, never from a person's data or
from who was built before, so a file is the same whoever it is built with.

The subsets the seeds fill are then the same in every file too, and are made
and packed once per process (:func:`_pack_once`): subsetting and deflating
the font files was a twentieth of rendering a person's file.
"""

from __future__ import annotations

import itertools
import weakref
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

from archive.errors import RenderError
from archive.render.kept import Kept
from archive.render.model import Block, Table
from archive.render.model import Paragraph as ModelParagraph
from archive.render.reader import read_docx

_ALWAYS = frozenset(map(chr, range(128))) | {"\xa0"}
"""What reportlab codes alike in every file: ASCII (subset 0 keeps it in place)
and the no-break space (set as a space)."""

_serials = itertools.count()


class Seeds:
    """Characters per reportlab face, to be coded first in every canvas."""

    def __init__(self, chars: Mapping[str, Iterable[str]]) -> None:
        self.order = tuple(
            (face, "".join(sorted(set(text) - _ALWAYS)))
            for face, text in sorted(chars.items())
        )
        self.allowed = {face: _ALWAYS | set(text) for face, text in self.order}
        self.serial = next(_serials)
        """Names this set of seeds in the keys of what is drawn alike."""

    def plant(self, canvas: Any) -> None:
        """Give this canvas's subsets the seeds' codes and fonts their names."""
        doc = canvas._doc
        for face, text in self.order:
            font = pdfmetrics.getFont(face)
            _pack_once(font.face)
            font.splitString(text, doc)
            font.getSubsetInternalName(0, doc)
        canvas.rehab_seeds = self

    def covers(self, frags: Iterable[Any]) -> bool:
        """Whether every character of ``frags`` is coded alike in every file."""
        for frag in frags:
            allowed = self.allowed.get(frag.fontName)
            if allowed is None or not allowed.issuperset(frag.text):
                return False
        return True


_SubsetKey = tuple[bytes, str, tuple[int, ...]]
_files: Kept[_SubsetKey, bytes] = Kept(32)
"""Subset font files made, by face and the characters of the subset."""
_packed: Kept[_SubsetKey, bytes] = Kept(32)
"""The same files deflated, as reportlab's FlateDecode filter deflates them."""


def _pack_once(face: TTFontFace) -> None:
    """Have ``face`` make and deflate each distinct subset once per process.

    reportlab makes a subset's font file from the characters of the subset
    alone, and deflates it with zlib's default level when the file is written;
    a subset with the same characters gives the same bytes in every file.
    """
    if isinstance(face.__dict__.get("makeSubset"), _KeptSubset):
        return
    face.makeSubset = _KeptSubset(face)
    face.addSubsetObjects = _PackedSubset(face)


class _KeptSubset:
    """A face's ``makeSubset``, each distinct subset made once (:data:`_files`)."""

    def __init__(self, face: TTFontFace) -> None:
        self.face = face

    def __call__(self, subset: list[int]) -> bytes:
        key = _key(self.face, subset)
        made = _files.get(key)
        if made is None:
            made = _files.keep(key, TTFontFace.makeSubset(self.face, subset))
        return made


class _PackedSubset:
    """A face's ``addSubsetObjects`` whose font file is deflated once per subset."""

    def __init__(self, face: TTFontFace) -> None:
        self.face = face

    def __call__(self, doc: Any, fontname: str, subset: list[int]) -> Any:
        descriptor = TTFontFace.addSubsetObjects(self.face, doc, fontname, subset)
        stream = doc.idToObject.get(f"fontFile:{self.face.filename}({fontname})")
        if stream is not None and stream.filters == [pdfdoc.PDFZCompress]:
            stream.filters = [_Deflated(_key(self.face, subset))]
        return descriptor


class _Deflated:
    """reportlab's FlateDecode filter for one subset's file, deflated once."""

    pdfname = pdfdoc.PDFZCompress.pdfname

    def __init__(self, key: _SubsetKey) -> None:
        self.key = key

    def encode(self, data: bytes) -> bytes:
        packed = _packed.get(self.key)
        if packed is None:
            packed = _packed.keep(self.key, pdfdoc.PDFZCompress.encode(data))
        return packed

    def decode(self, data: bytes) -> bytes:
        return zlib.decompress(data)


def _key(face: TTFontFace, subset: list[int]) -> _SubsetKey:
    return (face.name, face.filename, tuple(subset))


_known: weakref.WeakKeyDictionary[Any, dict[tuple[Any, ...], Seeds | None]] = (
    weakref.WeakKeyDictionary()
)


def seeds_for(folder: Path | None, fonts: Any) -> Seeds | None:
    """The seeds of the templates in ``folder`` set in ``fonts``; None if none.

    Read once per process for each state of the folder (names, sizes and
    times of its .docx files). A template the engine cannot read adds no
    seeds; its documents are refused when they are rendered, not here.
    """
    if folder is None:
        return None
    try:
        files = sorted(folder.glob("*.docx"))
        state = tuple((f.name, f.stat().st_size, f.stat().st_mtime_ns) for f in files)
    except OSError:
        return None
    known = _known.setdefault(fonts, {})
    key = (str(folder.resolve()), state)
    if key in known:
        return known[key]
    chars: dict[str, set[str]] = {}
    for path in files:
        try:
            model = read_docx(path)
        except RenderError:
            continue
        for run in _runs(model.blocks):
            face = fonts.font_for(run.font, run.bold)
            if isinstance(pdfmetrics.getFont(face), TTFont):
                chars.setdefault(face, set()).update(run.text)
    seeds = Seeds(chars) if chars else None
    if len(known) >= 8:
        known.clear()
    known[key] = seeds
    return seeds


def _runs(blocks: Sequence[Block]) -> Iterator[Any]:
    for block in blocks:
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:
                    yield from _runs(cell.blocks)
        elif isinstance(block, ModelParagraph):
            yield from block.runs
