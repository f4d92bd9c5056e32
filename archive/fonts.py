"""Fonts for the PDF: template font names mapped to free TrueType faces.

The templates name the faces of GB/T 9704 (宋体, 仿宋_GB2312, 黑体, 楷体_GB2312,
方正小标宋简体). None of them is free, so each name maps to a free face that
allows embedding (DOMAIN.md §4): 宋体 and 小标宋 → AR PL UMing CN, 黑体 →
WenQuanYi Zen Hei, 楷体 → AR PL UKai CN, 仿宋 → FandolFang where installed, else
the 宋体 substitute. Faces are looked up once per process through fontconfig
(``fc-list``) and in the folder ``archive.yaml`` names (``fonts:``).

reportlab embeds a TrueType face as subsets of the glyphs used, so DA/T 47's
"fonts embedded" holds. Only TrueType outlines qualify: reportlab cannot embed
CFF faces such as Noto CJK. With no CJK TrueType face at all, text is set in
reportlab's STSong-Light, which is *not* embedded; that is said once, and is an
error when ``strict`` is asked for.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import threading
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont, TTFontFile

from archive.errors import RenderError

log = logging.getLogger(__name__)

SONG, HEI, KAI, FANG = "song", "hei", "kai", "fang"
"""The four roles every template font name falls into."""

ROLE_OF_NAME: dict[str, str] = {
    "宋体": SONG,
    "simsun": SONG,
    "新宋体": SONG,
    "nsimsun": SONG,
    "方正小标宋简体": SONG,
    "方正小标宋_gbk": SONG,
    "小标宋": SONG,
    "黑体": HEI,
    "simhei": HEI,
    "楷体": KAI,
    "楷体_gb2312": KAI,
    "kaiti": KAI,
    "kaiti_gb2312": KAI,
    "仿宋": FANG,
    "仿宋_gb2312": FANG,
    "fangsong": FANG,
    "fangsong_gb2312": FANG,
}
"""Template font names (lower-cased) and their role; unknown names are 宋体."""

CANDIDATES: dict[str, tuple[str, ...]] = {
    SONG: ("AR PL UMing CN", "AR PL SungtiL GB", "WenQuanYi Zen Hei"),
    HEI: ("WenQuanYi Zen Hei", "AR PL UMing CN"),
    KAI: ("AR PL UKai CN", "AR PL KaitiM GB", "AR PL UMing CN"),
    FANG: ("FandolFang", "AR PL UMing CN", "AR PL SungtiL GB"),
}
"""Free faces for each role, best first; the last resort of each is the 宋体 face."""

ALIASES: dict[str, str] = {
    "宋体": SONG,
    "SimSun": SONG,
    "方正小标宋简体": SONG,
    "仿宋": FANG,
    "仿宋_GB2312": FANG,
    "黑体": HEI,
    "SimHei": HEI,
    "楷体": KAI,
    "楷体_GB2312": KAI,
}
"""Names the LibreOffice alias file maps to the installed faces."""

FALLBACK = "STSong-Light"


@dataclass(frozen=True)
class Face:
    """One TrueType face: its family name, file and index inside a .ttc."""

    family: str
    path: Path
    index: int = 0

    @cached_property
    def pdf_name(self) -> str:
        """The name the face is registered under in reportlab (ASCII, no spaces).

        Kept once made: layout asks for it for every run of text.
        """
        return "RA-" + "".join(c for c in self.family if c.isalnum())


class FontBook:
    """The faces found for each role, registered with reportlab once per process.

    ``embedded`` is False when the STSong-Light fallback is in use.
    """

    def __init__(self, faces: dict[str, Face | None]) -> None:
        self.faces = faces
        self.embedded = all(face is not None for face in faces.values())
        self._names: dict[tuple[str | None, bool], str] = {}

    def font_for(self, template_name: str | None, bold: bool = False) -> str:
        """The reportlab font name to set text named ``template_name`` in.

        The free faces have no bold cut, so bold text is set in the 黑体 face,
        as Chinese typesetting commonly does for emphasis. The answer is kept
        per name and weight, since layout asks for every run of text.
        """
        known = self._names.get((template_name, bold))
        if known is not None:
            return known
        name = self._font_for(template_name, bold)
        self._names[(template_name, bold)] = name
        return name

    def _font_for(self, template_name: str | None, bold: bool) -> str:
        role = ROLE_OF_NAME.get((template_name or "").strip().lower(), SONG)
        if bold and self.faces.get(HEI) is not None:
            role = HEI
        face = self.faces.get(role) or self.faces.get(SONG)
        if face is None:
            return FALLBACK
        _register(face)
        return face.pdf_name

    @property
    def default(self) -> str:
        return self.font_for("宋体")


_registered: set[str] = set()
_lock = threading.Lock()
_books: dict[tuple[str, str, bool], FontBook] = {}


def _register(face: Face) -> None:
    with _lock:
        if face.pdf_name in _registered:
            return
        try:
            font = TTFont(face.pdf_name, str(face.path), subfontIndex=face.index)
        except Exception as exc:  # reportlab raises plain Exception subclasses
            raise RenderError(f"字体文件无法使用：{face.path}（{exc}）") from exc
        font.face.get_table = _TableReader(font.face)
        pdfmetrics.registerFont(font)
        _registered.add(face.pdf_name)


class _TableReader:
    """A face's ``get_table`` that gives the glyph table as a view, not a copy.

    reportlab's subsetting takes the whole ``glyf`` table of the font (17 MB
    for AR PL UMing) as a copy of the file's bytes for each subset it makes,
    and then reads only the few glyphs it keeps, each by a slice; a file of
    some thirty embedded subsets spent a tenth of a second copying. The view
    gives each slice as bytes of its own, as the copy would. Every other
    table is read as reportlab reads it.
    """

    def __init__(self, face: TTFontFile) -> None:
        self.face = face

    def __call__(self, tag: str) -> bytes | _GlyphTable:
        if tag != "glyf":
            return TTFontFile.get_table(self.face, tag)  # type: ignore[no-any-return]
        pos, length = self.face.get_table_pos(tag)
        return _GlyphTable(memoryview(self.face._ttf_data)[pos : pos + length])


class _GlyphTable:
    def __init__(self, data: memoryview) -> None:
        self.data = data

    def __getitem__(self, part: slice) -> bytes:
        return self.data[part].tobytes()


def font_book(folder: Path | None = None, *, strict: bool = False) -> FontBook:
    """The faces for the four roles, from ``folder`` first, then fontconfig.

    Cached per folder and fontconfig setup: fonts are looked up and registered
    once per process, and a missing face is reported once. Raises
    :class:`RenderError` when ``strict`` and no CJK TrueType face exists.
    """
    key = (str(folder or ""), os.environ.get("FONTCONFIG_FILE", ""), strict)
    if key in _books:
        return _books[key]

    installed = list_faces(folder)
    faces = {role: _pick(installed, names) for role, names in CANDIDATES.items()}
    book = FontBook(faces)
    if faces[SONG] is None:
        if strict:
            raise RenderError(
                "未找到可嵌入的中文 TrueType 字体（如 AR PL UMing）；"
                "请安装 fonts-arphic-uming，或在 archive.yaml 的 fonts 中指定字体目录"
            )
        pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK))
        log.warning(
            "no CJK TrueType face found: text uses %s, which is not embedded",
            FALLBACK,
        )
    _books[key] = book
    return book


def _pick(installed: list[Face], names: tuple[str, ...]) -> Face | None:
    by_family = {face.family.lower(): face for face in installed}
    for name in names:
        face = by_family.get(name.lower())
        if face is not None:
            return face
    return None


def list_faces(folder: Path | None = None) -> list[Face]:
    """TrueType faces in ``folder`` (scanned with ``fc-scan``), then fontconfig's."""
    faces: list[Face] = []
    if folder is not None:
        if not folder.is_dir():
            raise RenderError(f"archive.yaml 的 fonts 指定的字体目录不存在：{folder}")
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() in (".ttf", ".ttc"):
                faces.extend(_fontconfig("fc-scan", str(path)))
    faces.extend(_fontconfig("fc-list", ":fontformat=TrueType"))
    return faces


def _fontconfig(tool: str, argument: str) -> list[Face]:
    exe = shutil.which(tool)
    if exe is None:
        return []
    fmt = "%{family}\t%{file}\t%{index}\t%{fontformat}\n"
    done = subprocess.run(
        [exe, "--format", fmt, argument],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    faces = []
    for line in done.stdout.splitlines():
        parts = line.split("\t")
        if len(parts) != 4 or parts[3] != "TrueType":
            continue
        for family in parts[0].split(","):
            faces.append(Face(family.strip(), Path(parts[1]), int(parts[2] or 0)))
    return faces


def write_fontconfig(book: FontBook, folder: Path) -> Path:
    """A ``fonts.conf`` for LibreOffice: the system config plus the template aliases.

    Without it LibreOffice sets 宋体 text in a sans face and converts about 60%
    slower (issue 4); point it there with ``FONTCONFIG_FILE``.
    """
    rules = []
    for name, role in ALIASES.items():
        face = book.faces.get(role) or book.faces.get(SONG)
        if face is None:
            continue
        rules.append(
            '  <alias binding="same">\n'
            f"    <family>{escape(name)}</family>\n"
            f"    <prefer><family>{escape(face.family)}</family></prefer>\n"
            "  </alias>"
        )
    text = (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
        "<fontconfig>\n"
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        + "".join(f"  <dir>{escape(str(d))}</dir>\n" for d in _extra_dirs(book))
        + "\n".join(rules)
        + "\n</fontconfig>\n"
    )
    path = folder / "fonts.conf"
    path.write_text(text, encoding="utf-8")
    return path


def _extra_dirs(book: FontBook) -> list[Path]:
    """Folders of faces that fontconfig does not already know (``fonts:`` folder)."""
    system = {str(f.path) for f in _fontconfig("fc-list", ":fontformat=TrueType")}
    dirs = {
        f.path.parent for f in book.faces.values() if f and str(f.path) not in system
    }
    return sorted(dirs)


def fontconfig_env(conf: Path) -> dict[str, str]:
    """The environment for a LibreOffice process that uses ``conf``."""
    env = dict(os.environ)
    env["FONTCONFIG_FILE"] = str(conf)
    return env
