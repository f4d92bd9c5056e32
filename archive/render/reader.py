"""Reading a filled .docx into the intermediate model, once, straight from its XML.

The zip is opened once and only ``word/document.xml``, ``word/styles.xml`` and
any header or footer parts are parsed (lxml). Formatting is resolved the way
Word does it: document defaults, then the style chain (``w:basedOn``), then
direct formatting. Anything outside what the engine lays out (issue 4: runs,
paragraph formats, page breaks, one section, tables) raises
:class:`UnsupportedConstruct`, naming the document and the construct, so that a
template never renders silently wrong. Tables are read by :mod:`.tables`.
"""

from __future__ import annotations

import hashlib
import io
import struct
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from archive.errors import RenderError
from archive.package import packed
from archive.render.kept import Kept
from archive.render.model import (
    Block,
    Cell,
    DocumentModel,
    PageBreak,
    PageSetup,
    Paragraph,
    Run,
)
from archive.render.ooxml import Element, UnsupportedConstruct
from archive.render.ooxml import Q as _Q
from archive.render.ooxml import on as _on
from archive.render.ooxml import tag as _tag
from archive.render.ooxml import twips as _twips
from archive.render.ooxml import val as _val
from archive.render.ooxml import xml_of as _xml_of
from archive.render.tables import TableReading

__all__ = ["UnsupportedConstruct", "read_docx", "read_parts"]


BODY_OK = {"p", "tbl", "sectPr", "bookmarkStart", "bookmarkEnd"}
PARA_OK = {"pPr", "r", "bookmarkStart", "bookmarkEnd", "proofErr"}
RUN_OK = {"rPr", "t", "tab", "br", "lastRenderedPageBreak"}
RPR_USED = {"rFonts", "b", "i", "u", "sz", "rStyle"}
RPR_IGNORED = {"bCs", "iCs", "szCs", "lang", "color", "kern", "noProof", "spacing"}
PPR_USED = {"pStyle", "jc", "ind", "spacing", "pageBreakBefore", "rPr"}
PPR_IGNORED = {
    "keepNext", "keepLines", "widowControl", "snapToGrid", "adjustRightInd",
    "autoSpaceDE", "autoSpaceDN", "wordWrap", "overflowPunct", "topLinePunct",
    "textAlignment", "outlineLvl", "kinsoku", "tabs", "contextualSpacing",
}  # fmt: skip
ALIGN = {
    "left": "left", "start": "left", "center": "center", "right": "right",
    "end": "right", "both": "justify", "distribute": "distribute",
}  # fmt: skip
A4 = PageSetup(595.3, 841.9, 72.0, 72.0, 90.0, 90.0)


def read_docx(path: Path, source: str | None = None) -> DocumentModel:
    """The model of the document at ``path``; ``source`` names it in errors."""
    name = source or path.name
    trees: dict[str, Element] = {}
    try:
        data = path.read_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            wanted = set(_wanted(package.namelist()))
            for info in package.infolist():
                if info.filename not in wanted:
                    continue
                key = _packed_key(data, info)
                known = _styles_packed.get(key) if key else None
                if known is None:
                    known = parse_part(info.filename, package.read(info))
                    if key:
                        _keep(_styles_packed, key, known)
                trees[info.filename] = known
    except (OSError, zipfile.BadZipFile, KeyError) as exc:
        raise RenderError(f"{name}：不是可读的 .docx 文件（{exc}）") from exc
    except etree.XMLSyntaxError as exc:
        raise RenderError(f"{name}：XML 无法解析（{exc}）") from exc
    return read_parts(trees, name)


def _packed_key(data: bytes, info: zipfile.ZipInfo) -> bytes | None:
    """What identifies a deflated styles part without inflating it, or None.

    Documents filled from one template carry its styles part deflated byte
    for byte as the template has it (:mod:`archive.package`), so the hash of
    the stored stream, with the CRC and size the zip gives for the content,
    finds the tree parsed before; inflating and hashing 350 KB per document
    was a tenth of reading one.
    """
    if info.filename != "word/styles.xml" or info.compress_type != zipfile.ZIP_DEFLATED:
        return None
    digest = hashlib.sha256(packed(data, info)).digest()
    return digest + struct.pack("<2L", info.CRC, info.file_size)


def read_parts(parts: Mapping[str, Element], source: str) -> DocumentModel:
    """The model of a document already parsed: its parts by name, as lxml trees.

    A build hands the parts of each freshly filled document straight to the
    reader (:class:`archive.fill.Filled`), instead of writing a .docx and
    opening it again. The trees are only read, never changed.
    """
    if "word/document.xml" not in parts:
        raise RenderError(f"{source}：缺少 word/document.xml，不是 Word 文档")
    wanted = _wanted(list(parts))
    return _Reader(source, {n: parts[n] for n in wanted}).document()


_STYLES_KEPT = 16
_styles_parsed: dict[bytes, Element] = {}
_styles_packed: dict[bytes, Element] = {}
"""Styles trees by their deflated stream (:func:`_packed_key`)."""
_READ_KEPT = 10_000
"""Read paragraphs, and read table cells, kept per styles part (:class:`Kept`)."""
_indexed: dict[int, tuple[Element, dict[str, Any]]] = {}
"""Indexed styles per styles tree (kept alive here, so its id stays its own)."""


def parse_part(name: str, data: bytes) -> Element:
    """The XML tree of one part; ``word/styles.xml`` is parsed once per process.

    Every document filled from the bundled templates carries the same styles
    part of some 350 KB, whose parsing was most of the cost of reading a
    document. The reader only looks up elements in it, never changes them, so
    documents with the same part (by SHA-256) share one tree; a few distinct
    parts are kept, for offices with their own templates.

    Other parts have the namespace declarations that no element or attribute
    uses dropped (Word declares some thirty on the root). The reader knows a
    paragraph or cell met before by its XML (:meth:`_Reader._paragraph`), and
    lxml writes every declaration in scope into each one's XML: this halves
    the cost of that key.
    """
    if name != "word/styles.xml":
        tree = etree.fromstring(data)
        etree.cleanup_namespaces(tree)
        return tree
    digest = hashlib.sha256(data).digest()
    tree = _styles_parsed.get(digest)
    if tree is None:
        tree = _keep(_styles_parsed, digest, etree.fromstring(data))
    return tree


def _keep(store: dict[bytes, Element], key: bytes, tree: Element) -> Element:
    """Keep ``tree`` under ``key``, forgetting the oldest beyond a few."""
    if len(store) >= _STYLES_KEPT:
        store.pop(next(iter(store)))
    store[key] = tree
    return tree


def _wanted(names: list[str]) -> list[str]:
    keep = {"word/document.xml", "word/styles.xml"}
    return [
        n for n in names
        if n in keep or n.startswith(("word/header", "word/footer"))
    ]  # fmt: skip


class _Reader(TableReading):
    def __init__(self, source: str, trees: dict[str, Element]) -> None:
        self.source = source
        self.trees = trees
        styles = trees.get("word/styles.xml")
        self.styles: dict[str, Element] = {}
        self.default_para: str | None = None
        self.defaults_r: dict[str, Any] = {}
        self.defaults_p: dict[str, Any] = {}
        self._resolved: dict[str | None, tuple[dict[str, Any], dict[str, Any]]] = {}
        self._paragraphs: Kept[tuple[bytes, str | None], tuple[Block, ...]] = Kept(
            _READ_KEPT
        )
        self._cells: Kept[bytes, Cell] = Kept(_READ_KEPT)
        if styles is not None:
            known = _indexed.get(id(styles))
            if known is not None and known[0] is styles:
                self.__dict__.update(known[1])
            else:
                self._index_styles(styles)
                if len(_indexed) >= _STYLES_KEPT:
                    _indexed.pop(next(iter(_indexed)))
                _indexed[id(styles)] = (styles, self._style_state())

    def _style_state(self) -> dict[str, Any]:
        """What the styles part resolves to, shared by documents with that part."""
        names = (
            "styles", "default_para", "defaults_r", "defaults_p", "_resolved",
            "_paragraphs", "_cells",
        )  # fmt: skip
        return {name: self.__dict__[name] for name in names}

    def unsupported(self, construct: str) -> UnsupportedConstruct:
        return UnsupportedConstruct(self.source, construct)

    def _index_styles(self, styles: Element) -> None:
        for style in styles.iter(_Q + "style"):
            style_id = _val(style, "styleId")
            if style_id:
                self.styles[style_id] = style
                is_default = style.get(_Q + "default") in ("1", "true")
                if _val(style, "type") == "paragraph" and is_default:
                    self.default_para = style_id
        defaults = styles.find(f"{_Q}docDefaults")
        if defaults is not None:
            rpr = defaults.find(f"{_Q}rPrDefault/{_Q}rPr")
            ppr = defaults.find(f"{_Q}pPrDefault/{_Q}pPr")
            self.defaults_r = self._run_props(rpr, check=False)
            self.defaults_p = self._para_props(ppr, check=False)

    def _chain(self, style_id: str | None) -> list[Element]:
        chain: list[Element] = []
        while style_id and style_id in self.styles and len(chain) < 20:
            style = self.styles[style_id]
            chain.insert(0, style)
            style_id = _val(style.find(_Q + "basedOn"))
        return chain

    # ---- the document -------------------------------------------------------

    def document(self) -> DocumentModel:
        self._check_headers()
        body = self.trees["word/document.xml"].find(_Q + "body")
        if body is None:
            raise self.unsupported("没有正文 (w:body)")
        page = A4
        blocks: list[Block] = []
        for child in body:
            tag = _tag(child)
            if tag == "p":
                blocks.extend(self._paragraph(child))
            elif tag == "tbl":
                blocks.append(self._table(child))
            elif tag == "sectPr":
                page = self._page(child)
            elif tag not in BODY_OK and tag != "#comment":
                raise self.unsupported(f"正文元素 w:{tag}")
        return DocumentModel(self.source, page, blocks)

    def _check_headers(self) -> None:
        for name, tree in self.trees.items():
            if not name.startswith(("word/header", "word/footer")):
                continue
            text = "".join(str(t) for t in tree.itertext()).strip()
            if text:
                raise self.unsupported(f"页眉或页脚中的文字（{name}）")

    def _page(self, sect: Element) -> PageSetup:
        for child in sect:
            if _tag(child) in ("cols",) and _val(child, "num") not in (None, "1"):
                raise self.unsupported("分栏 (w:cols)")
        size = sect.find(_Q + "pgSz")
        margin = sect.find(_Q + "pgMar")
        return PageSetup(
            width=_twips(size, "w") or A4.width,
            height=_twips(size, "h") or A4.height,
            top=abs(_twips(margin, "top") or A4.top),
            bottom=abs(_twips(margin, "bottom") or A4.bottom),
            left=_twips(margin, "left") or A4.left,
            right=_twips(margin, "right") or A4.right,
        )

    # ---- paragraphs ---------------------------------------------------------

    def _para_props(self, ppr: Element | None, check: bool = True) -> dict[str, Any]:
        props: dict[str, Any] = {}
        if ppr is None:
            return props
        for child in ppr:
            tag = _tag(child)
            if tag == "jc":
                value = _val(child) or "left"
                if value not in ALIGN:
                    raise self.unsupported(f"段落对齐方式 {value}")
                props["align"] = ALIGN[value]
            elif tag == "ind":
                self._indent(child, props)
            elif tag == "spacing":
                self._spacing(child, props)
            elif tag == "pageBreakBefore":
                props["page_break_before"] = bool(_on(child))
            elif tag == "sectPr":
                raise self.unsupported("多个分节 (段落中的 w:sectPr)")
            elif check and tag not in PPR_USED | PPR_IGNORED and tag != "#comment":
                raise self.unsupported(f"段落格式 w:{tag}")
        return props

    def _indent(self, ind: Element, props: dict[str, Any]) -> None:
        sides = (
            ("left", "left_indent"),
            ("start", "left_indent"),
            ("right", "right_indent"),
            ("end", "right_indent"),
        )
        for attr, key in sides:
            value = _twips(ind, attr)
            if value is not None:
                props[key] = value
        first, hanging = _twips(ind, "firstLine"), _twips(ind, "hanging")
        if first is not None:
            props["first_indent"] = first
        if hanging is not None:
            props["first_indent"] = -hanging
        chars = _val(ind, "firstLineChars")
        if chars is not None and int(chars):
            props["first_chars"] = int(chars) / 100.0
        chars = _val(ind, "hangingChars")
        if chars is not None and int(chars):
            props["first_chars"] = -int(chars) / 100.0

    def _spacing(self, spacing: Element, props: dict[str, Any]) -> None:
        for attr, key in (("before", "space_before"), ("after", "space_after")):
            value = _twips(spacing, attr)
            if value is not None:
                props[key] = value
        for attr, key in (
            ("beforeLines", "space_before"),
            ("afterLines", "space_after"),
        ):
            lines = _val(spacing, attr)
            if lines is not None:
                props[key] = int(lines) / 100.0 * 15.6
        line, rule = _val(spacing, "line"), _val(spacing, "lineRule") or "auto"
        if line is not None:
            props["line_rule"] = rule
            props["line"] = int(line) / 240.0 if rule == "auto" else int(line) / 20.0

    def _run_props(self, rpr: Element | None, check: bool = True) -> dict[str, Any]:
        props: dict[str, Any] = {}
        if rpr is None:
            return props
        for child in rpr:
            tag = _tag(child)
            if tag == "rFonts":
                font = _val(child, "eastAsia") or _val(child, "ascii")
                if font:
                    props["font"] = font
            elif tag in ("b", "i"):
                props["bold" if tag == "b" else "italic"] = bool(_on(child))
            elif tag == "u":
                props["underline"] = (_val(child) or "single") != "none"
            elif tag == "sz":
                props["size"] = int(_val(child) or "21") / 2.0
            elif tag == "rStyle":
                for style in self._chain(_val(child)):
                    props.update(self._run_props(style.find(_Q + "rPr"), check=False))
            elif check and tag not in RPR_USED | RPR_IGNORED and tag != "#comment":
                raise self.unsupported(f"文字格式 w:{tag}")
        return props

    def _style_props(
        self, style_id: str | None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        resolved = self._resolved.get(style_id)
        if resolved is None:
            para, run = dict(self.defaults_p), dict(self.defaults_r)
            for style in self._chain(style_id or self.default_para):
                para.update(self._para_props(style.find(_Q + "pPr"), check=False))
                run.update(self._run_props(style.find(_Q + "rPr"), check=False))
            resolved = self._resolved[style_id] = (para, run)
        return dict(resolved[0]), dict(resolved[1])

    def _paragraph(self, p: Element, style: str | None = None) -> list[Block]:
        """The blocks of paragraph ``p``, read once per distinct paragraph XML.

        A person's file fills the same templates many times, and most of their
        paragraphs (labels, fixed wording) come out the same each time; with
        one styles part, the same XML gives the same blocks. The blocks are
        shared, so nothing may change them after reading (layout only reads).
        """
        key = (_xml_of(p), style)
        known = self._paragraphs.get(key)
        if known is None:
            known = self._paragraphs.keep(key, tuple(self._read_paragraph(p, style)))
        return list(known)

    def _read_paragraph(self, p: Element, style: str | None) -> list[Block]:
        ppr = p.find(_Q + "pPr")
        para_props, run_base = self._style_props(
            _val(ppr.find(_Q + "pStyle")) if ppr is not None else style
        )
        para_props.update(self._para_props(ppr))
        mark = dict(run_base)
        if ppr is not None:
            mark.update(self._run_props(ppr.find(_Q + "rPr"), check=False))

        blocks: list[Block] = []
        current = self._new_paragraph(para_props, mark)
        for child in p:
            tag = _tag(child)
            if tag == "r":
                current = self._run(child, run_base, current, blocks, para_props, mark)
            elif tag not in PARA_OK and tag != "#comment":
                raise self.unsupported(f"段落内元素 w:{tag}")
        blocks.append(current)
        return blocks

    def _new_paragraph(self, props: dict[str, Any], mark: dict[str, Any]) -> Paragraph:
        size = float(mark.get("size", 10.5))
        fields = {k: v for k, v in props.items() if k != "first_chars"}
        para = Paragraph(size=size, font=mark.get("font"), **fields)
        if "first_chars" in props:
            para.first_indent = props["first_chars"] * size
        return para

    def _run(
        self,
        r: Element,
        base: dict[str, Any],
        current: Paragraph,
        blocks: list[Block],
        para_props: dict[str, Any],
        mark: dict[str, Any],
    ) -> Paragraph:
        props = dict(base)
        props.update(self._run_props(r.find(_Q + "rPr")))
        for child in r:
            tag = _tag(child)
            if tag == "t":
                current.runs.append(Run(text=str(child.text or ""), **props))
            elif tag == "tab":
                current.runs.append(Run(text="\u3000\u3000", **props))
            elif tag == "br":
                kind = _val(child, "type") or "textWrapping"
                if kind == "page":
                    # The paragraph's line holding the break stays on this page
                    # (or moves to the next when this one is full), as in Word.
                    blocks.append(current)
                    blocks.append(PageBreak())
                    current = self._new_paragraph(para_props, mark)
                    current.first_indent = 0.0  # the same paragraph goes on
                    current.space_before = 0.0
                elif kind == "textWrapping":
                    current.runs.append(Run(text="", line_break=True, **props))
                else:
                    raise self.unsupported(f"分隔符 w:br type={kind}")
            elif tag not in RUN_OK and tag != "#comment":
                raise self.unsupported(f"文字中的 w:{tag}")
        return current
